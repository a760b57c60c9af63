/**
 * API.md is generated from the doc comments in lib/ (scripts/generate-api-docs.ts). These tests
 * fail when it is stale, so a change to the public API or its docs lands with its API.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const apiFile = path.join(repoRoot, 'API.md');
const generator = path.join(repoRoot, 'scripts', 'generate-api-docs.ts');

/** Runs the generator in check mode; TypeDoc over the Pulumi typings takes a while. */
function runGeneratorCheck(): { status: number | null; output: string } {
  const tsxCli = require.resolve('tsx/cli', { paths: [repoRoot] });
  const result = spawnSync(process.execPath, [tsxCli, generator, '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('API.md', () => {
  test('is up to date with the doc comments in lib/ (else run `npm run docs`)', () => {
    const { status, output } = runGeneratorCheck();
    if (status !== 0) {
      throw new Error(`generate-api-docs --check exited with ${status}:\n${output}`);
    }
    expect(output).toContain('API.md is up to date.');
  }, 180_000);

  test('documents every package entry point, with in-file links only', () => {
    const text = fs.readFileSync(apiFile, 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const specifiers = Object.keys(manifest.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'velero-iac' : `velero-iac/${key.slice(2)}`));
    for (const specifier of specifiers) {
      expect(text).toMatch(new RegExp(`^# ${specifier.replace(/\//g, '\\/')}$`, 'm'));
    }
    const ids = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const targets = [...text.matchAll(/\]\(([^()\s]*)\)/g)].map((m) => m[1]!);
    const broken = targets.filter((t) => !/^https?:/.test(t) && !ids.has(t.replace(/^#/, '')));
    expect(broken).toEqual([]);
    expect(text).not.toContain(repoRoot);
  });

  test('starts with a getting-started, then the platform, the constructs, the core builders', () => {
    const text = fs.readFileSync(apiFile, 'utf8');
    const at = (pattern: RegExp): number => {
      const match = pattern.exec(text);
      if (match === null) throw new Error(`API.md has no ${pattern}`);
      return match.index;
    };
    const gettingStarted = at(/^## Getting started$/m);
    const modules = ['velero-iac/pulumi', 'velero-iac/cdk8s', 'velero-iac'].map((m) =>
      at(new RegExp(`^# ${m.replace(/\//g, '\\/')}$`, 'm')),
    );
    expect(gettingStarted).toBeLessThan(modules[0]!);
    expect(modules).toEqual([...modules].sort((a, b) => a - b));
    // The platform is the first thing documented; in the core, builders come before the types.
    expect(text.indexOf('### VeleroBackupPlatform')).toBeGreaterThan(modules[0]!);
    expect(text.indexOf('### VeleroBackupPlatform')).toBeLessThan(text.indexOf('### VeleroBucket'));
    const core = text.slice(modules[2]!);
    expect(core.indexOf('## Functions')).toBeLessThan(core.indexOf('## Interfaces'));
    expect(text.split('\n').indexOf('### VeleroBackupPlatform')).toBeLessThan(100);
  });

  test('documents no internal helper, and the entry points do not export them', () => {
    const text = fs.readFileSync(apiFile, 'utf8');
    const internals = {
      'velero-iac': [
        'describeValue',
        'issue',
        'formatIssue',
        'throwIfIssues',
        'clusterNameHint',
        'suggestClusterName',
        'parseBucketDate',
        'checkAwsPartition',
        'checkKmsKeyArn',
        'checkIamRoleArn',
        'checkAccessLogTarget',
        'checkVeleroBucketOptions',
        'checkVeleroServiceRoleOptions',
        'checkOidcProvider',
        'oidcIssuer',
      ],
      'velero-iac/pulumi': [
        'checkVeleroBucketArgs',
        'checkAccessLogTarget',
        'checkVeleroBackupPlatformArgs',
        'checkVeleroServiceRoleArgs',
      ],
      'velero-iac/pulumi/policies': ['forResourceType'],
      'velero-iac/pulumi/testing': ['mockUuid'],
    } as const;
    const documented = Object.values(internals)
      .flat()
      .filter((name) => new RegExp(`^### ${name}(\\(\\))?$`, 'm').test(text));
    expect(documented).toEqual([]);
    const exported = Object.entries(internals).flatMap(([entry, names]) => {
      const module = require(entry) as Record<string, unknown>;
      return names.filter((name) => name in module).map((name) => `${entry}: ${name}`);
    });
    expect(exported).toEqual([]);
  });
});
