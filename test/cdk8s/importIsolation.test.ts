/**
 * Loading `velero-iac/cdk8s` must not load any Pulumi module: checked in a fresh Node process
 * (this process's module cache says nothing about what a user's program loads).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

/** The files a fresh `node -r tsx/cjs` process has loaded after requiring `entry`. */
function modulesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

describe('import isolation of velero-iac/cdk8s', () => {
  const loaded = modulesLoadedBy(path.join(REPO, 'lib', 'cdk8s', 'index.ts'));

  it('loads the cdk8s entry, cdk8s and the core', () => {
    expect(loaded).toContain(path.join(REPO, 'lib', 'cdk8s', 'index.ts'));
    expect(loaded).toContain(path.join(REPO, 'lib', 'core', 'index.ts'));
    expect(
      loaded.some((file) => file.includes(`${path.sep}node_modules${path.sep}cdk8s${path.sep}`)),
    ).toBe(true);
  });

  it('loads no @pulumi module and nothing of the Pulumi front end', () => {
    expect(
      loaded.filter((file) => /[\\/]node_modules[\\/]@pulumi(verse)?[\\/]/.test(file)),
    ).toEqual([]);
    expect(loaded.filter((file) => file.startsWith(path.join(REPO, 'lib', 'pulumi')))).toEqual([]);
  });
});
