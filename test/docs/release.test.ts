/**
 * What a release needs before `npm publish`: a semantic version that CHANGELOG.md describes, the
 * Pulumi plugin directory at the same version, and the metadata npm's provenance checks (the
 * repository the package is built from, a public registry).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly repository?: { readonly type: string; readonly url: string };
  readonly publishConfig?: Record<string, unknown>;
  readonly files?: readonly string[];
  readonly dependencies?: Record<string, string>;
  readonly private?: boolean;
}

function manifest(file: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Manifest;
}

describe('the release', () => {
  const root = manifest('package.json');

  test('has a semantic version, the newest entry of CHANGELOG.md', () => {
    expect(root.version).toMatch(SEMVER);
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const versions = [...changelog.matchAll(/^## (\S+)/gm)].map((m) => m[1]);
    expect(versions[0]).toBe(root.version);
    for (const version of versions) expect(version).toMatch(SEMVER);
    expect(new Set(versions).size).toBe(versions.length);
  });

  test('publishes publicly with provenance, from the repository it names', () => {
    expect(root.publishConfig).toEqual({
      access: 'public',
      provenance: true,
      registry: 'https://registry.npmjs.org/',
    });
    expect(root.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/velero-iac/velero-iac.git',
    });
  });

  test('the Pulumi plugin directory is the same release and depends on it exactly', () => {
    const plugin = manifest('provider/package.json');
    expect(plugin).toMatchObject({ name: root.name, version: root.version, private: true });
    expect(plugin.dependencies?.['velero-iac']).toBe(root.version);
    const pluginFiles = fs
      .readdirSync(path.join(ROOT, 'provider'))
      .filter((file) => file !== 'node_modules')
      .map((file) => `provider/${file}`);
    expect([...(root.files ?? [])].filter((f) => f.startsWith('provider/')).sort()).toEqual(
      pluginFiles.sort(),
    );
  });
});
