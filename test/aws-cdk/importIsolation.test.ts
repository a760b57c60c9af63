/**
 * Loading `velero-iac/aws-cdk` must load neither Pulumi nor cdk8s (cdk8s only once a
 * `VeleroEksBackup` is constructed): checked in fresh Node processes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(REPO, 'lib', 'aws-cdk', 'index.ts');

/** The files a fresh `node -r tsx/cjs` process has loaded after running `script`. */
function modulesLoadedBy(script: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      '-e',
      `${script}; process.stdout.write(JSON.stringify(Object.keys(require.cache)));`,
    ],
    { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

const inNodeModules = (name: string) => (file: string) =>
  file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`);
const pulumiFiles = (loaded: string[]) =>
  loaded.filter((file) => /[\\/]node_modules[\\/]@pulumi(verse)?[\\/]/.test(file));

describe('import isolation of velero-iac/aws-cdk', () => {
  let loaded: string[];
  beforeAll(() => {
    loaded = modulesLoadedBy(`require(${JSON.stringify(ENTRY)})`);
  });

  it('loads the entry, aws-cdk-lib and the core', () => {
    expect(loaded).toContain(ENTRY);
    expect(loaded).toContain(path.join(REPO, 'lib', 'core', 'bucket', 'bucketPlan.ts'));
    expect(loaded).toContain(path.join(REPO, 'lib', 'core', 'serviceRole', 'serviceRolePlan.ts'));
    expect(loaded.some(inNodeModules('aws-cdk-lib'))).toBe(true);
  });

  it('loads no Pulumi, no cdk8s and no other front end', () => {
    expect(pulumiFiles(loaded)).toEqual([]);
    expect(loaded.filter(inNodeModules('cdk8s'))).toEqual([]);
    for (const frontEnd of ['pulumi', 'cdk8s', 'cli']) {
      expect(loaded.filter((file) => file.startsWith(path.join(REPO, 'lib', frontEnd)))).toEqual(
        [],
      );
    }
  });

  it('building a bucket and a role loads no cdk8s either', () => {
    // The app's cloud assembly goes to a folder of this test, removed after it.
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'velero-iac-cdk-app-'));
    let after: string[];
    try {
      after = modulesLoadedBy(`
      const { App, Stack } = require('aws-cdk-lib');
      const iam = require('aws-cdk-lib/aws-iam');
      const { VeleroBucket, VeleroServiceRole } = require(${JSON.stringify(ENTRY)});
      const stack = new Stack(new App({ outdir: ${JSON.stringify(outdir)} }), 'S', { env: { region: 'eu-west-1', account: '123456789012' } });
      const bucket = new VeleroBucket(stack, 'B', { cluster: 'prod', date: '2026-01-15' });
      new VeleroServiceRole(stack, 'R', { bucket, oidcProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'O', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC') });
    `);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    expect(after.filter(inNodeModules('cdk8s'))).toEqual([]);
    expect(pulumiFiles(after)).toEqual([]);
  });
});
