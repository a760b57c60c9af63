/**
 * The peer-package table and its errors: the table matches package.json, every entry point
 * checks its peers first, and a missing peer gives an error that names every package to install.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertPeerDependencies,
  ENTRY_POINT_PEERS,
  type EntryPoint,
  loadOptionalPeer,
  MissingPeerDependencyError,
  PEER_RANGES,
} from '../../lib/core/peerDependencies';

const REPO = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  exports: Record<string, unknown>;
};

/** A resolver that finds everything but `missing`, failing as node does. */
function resolverWithout(...missing: string[]): (id: string) => string {
  return (id) => {
    if (missing.includes(id)) {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    }
    return `/node_modules/${id}/index.js`;
  };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the peer table', () => {
  test('has package.json’s peer ranges, every peer optional there', () => {
    expect(PEER_RANGES).toEqual(manifest.peerDependencies);
    for (const name of Object.keys(PEER_RANGES)) {
      expect(manifest.peerDependenciesMeta[name]?.optional).toBe(true);
    }
  });

  test('lists exactly the entry points of `exports`', () => {
    const exported = Object.keys(manifest.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'velero-iac' : `velero-iac/${key.slice(2)}`))
      .sort();
    expect(Object.keys(ENTRY_POINT_PEERS).sort()).toEqual(exported);
  });

  test.each(Object.keys(ENTRY_POINT_PEERS).filter((entry) => entry !== 'velero-iac'))(
    '%s checks its peers before loading anything',
    (entry) => {
      const dir = path.join(REPO, 'lib', entry.replace(/^velero-iac\//, ''));
      const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
      const firstImport = /^(import|export)\b.*$/m.exec(index)?.[0];
      expect(firstImport).toBe("import './requirePeers';");
      const check = fs.readFileSync(path.join(dir, 'requirePeers.ts'), 'utf8');
      expect(check).toContain(`assertPeerDependencies('${entry}');`);
    },
  );

  test('every peer is needed by some entry point', () => {
    const used = new Set(
      Object.values(ENTRY_POINT_PEERS).flatMap((e) => [...e.required, ...Object.keys(e.optional)]),
    );
    expect([...used].sort()).toEqual(Object.keys(PEER_RANGES).sort());
  });
});

describe('assertPeerDependencies', () => {
  test('passes when every required peer resolves', () => {
    expect(() =>
      assertPeerDependencies('velero-iac/pulumi', resolverWithout('@pulumiverse/time')),
    ).not.toThrow();
  });

  test('names every missing peer, with the command that installs them', () => {
    const error = caught(() =>
      assertPeerDependencies(
        'velero-iac/pulumi',
        resolverWithout('@pulumi/pulumi', '@pulumi/kubernetes'),
      ),
    );
    expect(error).toBeInstanceOf(MissingPeerDependencyError);
    const missing = error as MissingPeerDependencyError;
    expect(missing.missing).toEqual(['@pulumi/pulumi', '@pulumi/kubernetes']);
    expect(missing.installCommand).toBe(
      'npm install @pulumi/pulumi@^3.142.0 @pulumi/kubernetes@^4.0.0',
    );
    expect(missing.message).toBe(
      'velero-iac/pulumi needs packages that are not installed: @pulumi/pulumi, @pulumi/kubernetes. ' +
        'Install them beside velero-iac:\n  npm install @pulumi/pulumi@^3.142.0 @pulumi/kubernetes@^4.0.0',
    );
  });

  test.each(Object.keys(ENTRY_POINT_PEERS) as EntryPoint[])(
    '%s: with no peer installed, names exactly its required peers',
    (entry) => {
      const required = ENTRY_POINT_PEERS[entry].required;
      const error = caught(() =>
        assertPeerDependencies(entry, resolverWithout(...Object.keys(PEER_RANGES))),
      );
      if (required.length === 0) {
        expect(error).toBeUndefined();
      } else {
        expect((error as MissingPeerDependencyError).missing).toEqual(required);
      }
    },
  );

  test('a peer that fails otherwise than "not found" is left to the real require', () => {
    const broken = (id: string): string => {
      throw Object.assign(new Error(`bad exports in ${id}`), {
        code: 'ERR_INVALID_PACKAGE_CONFIG',
      });
    };
    expect(() => assertPeerDependencies('velero-iac/cdk8s', broken)).not.toThrow();
  });
});

describe('loadOptionalPeer', () => {
  test('returns the module when it loads', () => {
    expect(
      loadOptionalPeer<{ ok: boolean }>('@pulumiverse/time', 'x', () => ({ ok: true })),
    ).toEqual({
      ok: true,
    });
  });

  test('names the feature that needs a missing optional peer', () => {
    const error = caught(() =>
      loadOptionalPeer('@pulumiverse/time', 'VeleroBucket "prod" without `date`', (id) => {
        throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
      }),
    );
    expect(error).toBeInstanceOf(MissingPeerDependencyError);
    expect((error as Error).message).toBe(
      'VeleroBucket "prod" without `date` needs a package that is not installed: @pulumiverse/time. ' +
        'Install it beside velero-iac:\n  npm install @pulumiverse/time@^0.1.0',
    );
  });

  test('a module missing inside the peer is not reported as the peer missing', () => {
    const inner = Object.assign(new Error("Cannot find module './lib/static'"), {
      code: 'MODULE_NOT_FOUND',
    });
    const error = caught(() =>
      loadOptionalPeer('@pulumiverse/time', 'x', () => {
        throw inner;
      }),
    );
    expect(error).toBe(inner);
  });
});
