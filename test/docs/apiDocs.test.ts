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
    for (const specifier of [
      'velero-iac',
      'velero-iac/cdk8s',
      'velero-iac/pulumi',
      'velero-iac/pulumi/policies',
    ]) {
      expect(text).toMatch(new RegExp(`^# ${specifier.replace(/\//g, '\\/')}$`, 'm'));
    }
    const ids = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const targets = [...text.matchAll(/\]\(([^()\s]*)\)/g)].map((m) => m[1]!);
    const broken = targets.filter((t) => !/^https?:/.test(t) && !ids.has(t.replace(/^#/, '')));
    expect(broken).toEqual([]);
    expect(text).not.toContain(repoRoot);
  });
});
