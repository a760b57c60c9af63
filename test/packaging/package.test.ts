/**
 * The published package, as a user gets it: `npm pack` (whose `prepack` builds), install the
 * tarball into a fresh project outside the repository, then load every entry point and run the
 * bin in separate `node` processes from that project.
 *
 * The install uses `--prefer-offline`: what the npm cache holds is used as is, and only what it
 * lacks is fetched from the registry. `npm ci` fills the cache with tarballs but not with the
 * registry's package metadata, which an install into a new project needs to resolve versions (and
 * to check the optional peers' ranges), so `--offline` failed with ENOTCACHED on a machine whose
 * cache was empty before `npm ci`. The first run there fetches that metadata (a few seconds);
 * later runs find it in the cache.
 *
 * Peers: cdk8s and constructs are installed into the project (pinned to the repository's
 * versions). The Pulumi peers (`@pulumi/*`, `@pulumiverse/time`) are not: they are large and pull
 * a long tree of dependencies, so installing them would dominate the test's time. They are made
 * resolvable through `NODE_PATH`, pointing at a directory that links only those scopes from the
 * repository's `node_modules` (or only `@pulumi`, to check that `@pulumiverse/time` is optional).
 * Pointing `NODE_PATH` at the whole `node_modules` would also let the package find the
 * repository's dev dependencies and hide a missing runtime dependency; the core, cdk8s, bin and
 * missing-peer checks run without `NODE_PATH` at all.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Files npm always puts in a tarball, whatever `files` says. */
const ALWAYS_PACKED = ['package.json', 'README.md', 'LICENSE'];

/** The Pulumi plugin directory (`pulumi package add <package>/provider`). */
const PLUGIN_FILES = [
  'provider/PulumiPlugin.yaml',
  'provider/index.ts',
  'provider/package.json',
  'provider/schema.json',
  'provider/tsconfig.json',
];

/** What a consumer's `require` of each entry point yields, as reported by a child process. */
interface Probe {
  /** The value the check script computed (JSON). */
  readonly result: unknown;
  /** Every module file the child process loaded (`require.cache` keys). */
  readonly loaded: readonly string[];
}

let workDir: string;
let projectDir: string;
/** Links `@pulumi` and `@pulumiverse` from the repository. */
let peersDir: string;
/** Links only `@pulumi`: no `@pulumiverse/time`. */
let peersWithoutTimeDir: string;
let packedFiles: string[];

/** The environment for child processes: no npm lifecycle variables, no inherited NODE_PATH. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Under `npm test`, npm exports npm_config_local_prefix=<repo> (and friends): an `npm install`
  // that inherited it would install into the repository instead of the temporary project.
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_registry']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !keep.has(lower)) continue;
    if (['init_cwd', 'node_path', 'node_options'].includes(lower)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command; throws with its output when it fails. */
function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} exited with ${result.status ?? result.signal}:\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** The version of a package installed in the repository (so the npm cache holds it). */
function installedVersion(name: string): string {
  const manifest: unknown = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'),
  );
  if (typeof manifest !== 'object' || manifest === null || !('version' in manifest)) {
    throw new Error(`node_modules/${name}/package.json has no version`);
  }
  return String(manifest.version);
}

/**
 * Runs a CommonJS script in a fresh `node` process in the temporary project. The script (the body
 * of an async function) sets `result`; the probe reports it with every module the process loaded.
 */
function probe(name: string, body: string, env: Record<string, string> = {}): Probe {
  const file = path.join(projectDir, `${name}.cjs`);
  fs.writeFileSync(
    file,
    `'use strict';\nlet result;\n(async () => {\n${body}\n})().then(\n` +
      '  () => process.stdout.write(JSON.stringify({ result, loaded: Object.keys(require.cache) })),\n' +
      '  (error) => { process.stderr.write(String(error && error.stack)); process.exit(1); },\n);\n',
  );
  const child = spawnSync(process.execPath, [file], {
    cwd: projectDir,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) {
    throw new Error(`${name}.cjs exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  }
  return JSON.parse(child.stdout) as Probe;
}

/** The loaded module files that belong to one of the given packages. */
function loadedFrom(probeResult: Probe, packages: readonly string[]): string[] {
  return probeResult.loaded.filter((file) =>
    packages.some((pkg) => file.includes(`${path.sep}node_modules${path.sep}${pkg}${path.sep}`)),
  );
}

const PULUMI_PACKAGES = ['@pulumi', '@pulumiverse'];
const CDK8S_PACKAGES = ['cdk8s', 'constructs'];

beforeAll(() => {
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'velero-iac-pack-')));
  projectDir = path.join(workDir, 'consumer');
  peersDir = path.join(workDir, 'peers');
  peersWithoutTimeDir = path.join(workDir, 'peers-without-time');
  fs.mkdirSync(projectDir);
  fs.mkdirSync(peersDir);
  fs.mkdirSync(peersWithoutTimeDir);

  // Scripts run: `prepack` builds dist/, as it does for `npm publish` in a fresh clone.
  const packed = run('npm', ['pack', '--json', '--pack-destination', workDir], repoRoot);
  const report = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = report[0]!.files.map((f) => f.path).sort();
  const tarball = path.join(workDir, report[0]!.filename);

  fs.writeFileSync(
    path.join(projectDir, 'package.json'),
    JSON.stringify({ name: 'velero-iac-consumer', version: '1.0.0', private: true }),
  );
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefix',
      projectDir,
      tarball,
      `cdk8s@${installedVersion('cdk8s')}`,
      `constructs@${installedVersion('constructs')}`,
    ],
    projectDir,
  );
  for (const scope of [...PULUMI_PACKAGES, 'aws-cdk-lib']) {
    fs.symlinkSync(path.join(repoRoot, 'node_modules', scope), path.join(peersDir, scope), 'dir');
  }
  fs.symlinkSync(
    path.join(repoRoot, 'node_modules', '@pulumi'),
    path.join(peersWithoutTimeDir, '@pulumi'),
    'dir',
  );
}, 240_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the npm tarball', () => {
  test('holds dist/, lib/ sources, the plugin directory, the docs and nothing else', () => {
    const unexpected = packedFiles.filter(
      (f) =>
        ![...ALWAYS_PACKED, 'API.md', 'CHANGELOG.md', ...PLUGIN_FILES].includes(f) &&
        !/^dist\/.+\.(js|d\.ts)$/.test(f) &&
        // The TypeScript sources: Pulumi infers the package's schema from them (`as const`
        // enums have no values in a .d.ts).
        !/^lib\/.+\.ts$/.test(f) &&
        !/^docs\/.+\.md$/.test(f),
    );
    expect(packedFiles).toEqual(expect.arrayContaining(['CHANGELOG.md', ...PLUGIN_FILES]));
    expect(packedFiles).toContain('lib/pulumi/registry/index.ts');
    expect(packedFiles.filter((f) => /\.test\.ts$/.test(f))).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(packedFiles).toEqual(
      expect.arrayContaining([...ALWAYS_PACKED, 'API.md', 'docs/cli.md']),
    );
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'dist/core/index.js',
        'dist/core/index.d.ts',
        'dist/pulumi/testing/index.js',
        'dist/pulumi/testing/index.d.ts',
      ]),
    );
  });

  test('every target of `exports` and `bin` is in the installed package', () => {
    const installed = path.join(projectDir, 'node_modules', 'velero-iac');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
    };
    const targets = [
      ...Object.values(manifest.exports).flatMap((t) =>
        typeof t === 'string' ? [t] : Object.values(t),
      ),
      ...Object.values(manifest.bin),
    ];
    expect(targets.length).toBeGreaterThanOrEqual(11);
    const missing = targets.filter((t) => !fs.existsSync(path.join(installed, t)));
    expect(missing).toEqual([]);
  });
});

describe('the installed package', () => {
  test('`velero-iac` builds the default schedule and loads neither cdk8s nor Pulumi', () => {
    const core = probe(
      'core',
      `const api = require('velero-iac');
       const s = api.udsDefaultSchedule();
       result = {
         kind: s.kind, apiVersion: s.apiVersion, name: s.metadata.name,
         namespace: s.metadata.namespace, schedule: s.spec.schedule,
         functions: ['scheduleManifest', 'backupManifest', 'restoreManifest',
           'backupStorageLocationManifest', 'volumeSnapshotLocationManifest',
           'resourcePolicyConfigMap', 'backupFromSchedule', 'veleroBucketName',
           'veleroIamPolicyDocument', 'validateManifest', 'VeleroConfigError']
           .filter((n) => typeof api[n] === 'function'),
       };`,
    );
    expect(core.result).toEqual({
      kind: 'Schedule',
      apiVersion: 'velero.io/v1',
      name: 'velero-velero-udsbackup',
      namespace: 'velero',
      schedule: '0 3 * * *',
      functions: [
        'scheduleManifest',
        'backupManifest',
        'restoreManifest',
        'backupStorageLocationManifest',
        'volumeSnapshotLocationManifest',
        'resourcePolicyConfigMap',
        'backupFromSchedule',
        'veleroBucketName',
        'veleroIamPolicyDocument',
        'validateManifest',
        'VeleroConfigError',
      ],
    });
    expect(loadedFrom(core, [...CDK8S_PACKAGES, ...PULUMI_PACKAGES])).toEqual([]);
    const ownFiles = core.loaded.filter((f) => f.includes(`${path.sep}velero-iac${path.sep}`));
    expect(ownFiles.length).toBeGreaterThan(0);
    expect(ownFiles.every((f) => f.startsWith(path.join(projectDir, 'node_modules')))).toBe(true);
  });

  test('`velero-iac/cdk8s` synthesizes with the consumer’s cdk8s and loads no Pulumi', () => {
    const cdk8s = probe(
      'cdk8s',
      `const { App, Chart } = require('cdk8s');
       const constructs = require('velero-iac/cdk8s');
       const chart = new Chart(new App({ outdir: ${JSON.stringify(path.join(workDir, 'synth'))} }), 'chart');
       new constructs.UdsDefaultSchedule(chart, 'default');
       result = {
         objects: chart.toJson().map((o) => o.kind + '/' + o.metadata.name),
         constructs: ['VeleroSchedule', 'VeleroBackup', 'VeleroRestore',
           'VeleroBackupStorageLocation', 'VeleroVolumeSnapshotLocation',
           'VeleroResourcePolicy', 'UdsDefaultSchedule']
           .filter((n) => typeof constructs[n] === 'function'),
       };`,
    );
    expect(cdk8s.result).toEqual({
      objects: ['Schedule/velero-velero-udsbackup'],
      constructs: [
        'VeleroSchedule',
        'VeleroBackup',
        'VeleroRestore',
        'VeleroBackupStorageLocation',
        'VeleroVolumeSnapshotLocation',
        'VeleroResourcePolicy',
        'UdsDefaultSchedule',
      ],
    });
    expect(loadedFrom(cdk8s, PULUMI_PACKAGES)).toEqual([]);
    const cdk8sFiles = loadedFrom(cdk8s, ['cdk8s']);
    expect(cdk8sFiles.length).toBeGreaterThan(0);
    expect(cdk8sFiles.every((f) => f.startsWith(path.join(projectDir, 'node_modules')))).toBe(true);
  });

  test('`velero-iac/pulumi` exports the components and loads no cdk8s', () => {
    const pulumi = probe(
      'pulumi',
      `const components = require('velero-iac/pulumi');
       result = ['VeleroBucket', 'VeleroServiceRole', 'VeleroSchedule', 'VeleroBackup',
         'VeleroRestore', 'VeleroBackupStorageLocation', 'VeleroVolumeSnapshotLocation',
         'VeleroBackupPlatform'].filter((n) => typeof components[n] === 'function');`,
      { NODE_PATH: peersDir },
    );
    expect(pulumi.result).toEqual([
      'VeleroBucket',
      'VeleroServiceRole',
      'VeleroSchedule',
      'VeleroBackup',
      'VeleroRestore',
      'VeleroBackupStorageLocation',
      'VeleroVolumeSnapshotLocation',
      'VeleroBackupPlatform',
    ]);
    expect(loadedFrom(pulumi, ['@pulumi']).length).toBeGreaterThan(0);
    expect(loadedFrom(pulumi, CDK8S_PACKAGES)).toEqual([]);
  });

  test('`velero-iac/pulumi/policies` exports the bucket baseline and loads no cdk8s', () => {
    const policies = probe(
      'policies',
      `const { veleroBucketPolicies } = require('velero-iac/pulumi/policies');
       const names = veleroBucketPolicies.map((p) => p.name);
       result = { count: names.length, distinctNames: new Set(names).size };`,
      { NODE_PATH: peersDir },
    );
    const { count, distinctNames } = policies.result as { count: number; distinctNames: number };
    expect(count).toBeGreaterThan(0);
    expect(distinctNames).toBe(count);
    expect(loadedFrom(policies, CDK8S_PACKAGES)).toEqual([]);
  });

  test('`velero-iac/pulumi/testing` mocks a platform whose bucket date comes from the clock', () => {
    const testing = probe(
      'testing',
      `const pulumi = require('@pulumi/pulumi');
       const { veleroMocks } = require('velero-iac/pulumi/testing');
       pulumi.runtime.setMocks(veleroMocks({ now: new Date('2027-03-04T05:06:07Z') }), 'p', 's', false);
       const { VeleroBackupPlatform } = require('velero-iac/pulumi');
       const platform = new VeleroBackupPlatform('prod', {
         cluster: 'prod', region: 'eu-west-1', trust: 'podIdentity', eksClusterName: 'prod',
       });
       const value = (output) => new Promise((resolve) => output.apply(resolve));
       result = { bucket: await value(platform.bucketName), role: await value(platform.roleArn) };`,
      { NODE_PATH: peersDir },
    );
    expect(testing.result).toEqual({
      bucket: 'prod-velero-20270304',
      role: expect.stringMatching(/^arn:aws:iam::123456789012:role\//),
    });
    expect(loadedFrom(testing, ['@pulumiverse']).length).toBeGreaterThan(0);
    expect(loadedFrom(testing, CDK8S_PACKAGES)).toEqual([]);
  });

  test('`@pulumiverse/time` is loaded only for a bucket without a pinned date', () => {
    const withoutTime = probe(
      'without-time',
      `const pulumi = require('@pulumi/pulumi');
       const { veleroMocks } = require('velero-iac/pulumi/testing');
       pulumi.runtime.setMocks(veleroMocks(), 'p', 's', false);
       const { VeleroBackupPlatform, VeleroBucket } = require('velero-iac/pulumi');
       const platform = new VeleroBackupPlatform('prod', {
         cluster: 'prod', date: '2026-01-15', region: 'eu-west-1',
         trust: 'podIdentity', eksClusterName: 'prod',
       });
       const bucket = await new Promise((resolve) => platform.bucketName.apply(resolve));
       let unpinned;
       try {
         new VeleroBucket('logs', { cluster: 'logs' });
       } catch (error) {
         unpinned = { name: error.name, message: error.message, missing: error.missing };
       }
       result = { bucket, unpinned };`,
      { NODE_PATH: peersWithoutTimeDir },
    );
    expect(withoutTime.result).toEqual({
      bucket: 'prod-velero-20260115',
      unpinned: {
        name: 'MissingPeerDependencyError',
        missing: ['@pulumiverse/time'],
        message: expect.stringContaining(
          'VeleroBucket "logs" without `date` (it stores the creation date in a time.Static) needs a package that is not installed: @pulumiverse/time.',
        ),
      },
    });
    expect((withoutTime.result as { unpinned: { message: string } }).unpinned.message).toContain(
      'npm install @pulumiverse/time@^0.1.0',
    );
    expect(loadedFrom(withoutTime, ['@pulumiverse'])).toEqual([]);
  });

  test.each([
    ['velero-iac/pulumi', ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes']],
    ['velero-iac/pulumi/policies', ['@pulumi/policy']],
    ['velero-iac/pulumi/testing', ['@pulumi/pulumi']],
  ])('`%s` without its peers names every package to install', (entry, missing) => {
    const attempt = probe(
      `missing-${entry.replace(/\//g, '-')}`,
      `try {
         require(${JSON.stringify(entry)});
       } catch (error) {
         result = { name: error.name, message: error.message, missing: error.missing };
       }`,
    );
    const ranges = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
      .peerDependencies as Record<string, string>;
    expect(attempt.result).toEqual({
      name: 'MissingPeerDependencyError',
      missing,
      message:
        `${entry} needs ${missing.length === 1 ? 'a package that is' : 'packages that are'} ` +
        `not installed: ${missing.join(', ')}. Install ${missing.length === 1 ? 'it' : 'them'} ` +
        `beside velero-iac:\n  npm install ${missing.map((m) => `${m}@${ranges[m]}`).join(' ')}`,
    });
    expect(loadedFrom(attempt, PULUMI_PACKAGES)).toEqual([]);
  });

  test('`velero-iac/aws-cdk` synthesizes the bucket and loads neither Pulumi nor cdk8s', () => {
    const awsCdk = probe(
      'aws-cdk',
      `const { App, Stack } = require('aws-cdk-lib');
       const { VeleroBucket, VeleroServiceRole, VeleroEksBackup } = require('velero-iac/aws-cdk');
       const stack = new Stack(new App({ outdir: ${JSON.stringify(path.join(workDir, 'cdk.out'))} }), 'S', { env: { region: 'eu-west-1', account: '123456789012' } });
       const bucket = new VeleroBucket(stack, 'B', { cluster: 'prod', date: '2026-01-15' });
       const resources = Object.values(require('aws-cdk-lib/assertions').Template.fromStack(stack).toJSON().Resources);
       result = {
         classes: [VeleroBucket, VeleroServiceRole, VeleroEksBackup].every((c) => typeof c === 'function'),
         bucket: resources.find((r) => r.Type === 'AWS::S3::Bucket').Properties.BucketName,
       };`,
      { NODE_PATH: peersDir },
    );
    expect(awsCdk.result).toEqual({ classes: true, bucket: 'prod-velero-20260115' });
    expect(loadedFrom(awsCdk, PULUMI_PACKAGES)).toEqual([]);
    expect(loadedFrom(awsCdk, ['cdk8s'])).toEqual([]);
  });

  test('the `velero-iac` bin prints its help and exits 0', () => {
    const bin = path.join(projectDir, 'node_modules', '.bin', 'velero-iac');
    expect(fs.existsSync(bin)).toBe(true);
    const help = spawnSync(bin, ['--help'], {
      cwd: projectDir,
      env: childEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (help.status !== 0) {
      throw new Error(
        `velero-iac --help exited with ${help.status ?? help.signal}:\n${help.stderr}`,
      );
    }
    expect(help.stdout).toMatch(/usage/i);
    expect(help.stdout).toContain('velero-iac');
  });
});

describe('the installed Pulumi package (the plugin directory)', () => {
  test('is the release: the plugin depends on exactly this version of velero-iac', () => {
    const installed = path.join(projectDir, 'node_modules', 'velero-iac');
    const root = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      version: string;
    };
    const plugin = JSON.parse(
      fs.readFileSync(path.join(installed, 'provider', 'package.json'), 'utf8'),
    ) as { name: string; version: string; main: string; dependencies: Record<string, string> };
    expect(plugin).toMatchObject({ name: 'velero-iac', version: root.version, main: 'index.ts' });
    expect(plugin.dependencies['velero-iac']).toBe(root.version);
    expect(fs.readFileSync(path.join(installed, 'provider', 'PulumiPlugin.yaml'), 'utf8')).toMatch(
      /^runtime: nodejs$/m,
    );
  });

  test('infers exactly the reviewed schema from the installed files', () => {
    const installed = path.join(projectDir, 'node_modules', 'velero-iac');
    // The schema inference resolves the Pulumi typings from the consumer's node_modules, where a
    // Pulumi program has them; linked only for this last test (the others check missing peers).
    const links = PULUMI_PACKAGES.map((scope) => path.join(projectDir, 'node_modules', scope));
    PULUMI_PACKAGES.forEach((scope, index) => {
      fs.symlinkSync(path.join(repoRoot, 'node_modules', scope), links[index] as string, 'dir');
    });
    try {
      const inferred = probe(
        'schema',
        `const { ComponentProvider } = require('@pulumi/pulumi/provider/experimental/provider');
         const { VELERO_IAC_COMPONENTS, VELERO_IAC_PACKAGE } = require('velero-iac/pulumi/registry');
         const provider = new ComponentProvider({
           name: VELERO_IAC_PACKAGE,
           dirname: ${JSON.stringify(path.join(installed, 'provider'))},
           components: [...VELERO_IAC_COMPONENTS],
         });
         result = JSON.parse(await provider.getSchema());`,
      );
      const reviewed: unknown = JSON.parse(
        fs.readFileSync(path.join(installed, 'provider', 'schema.json'), 'utf8'),
      );
      expect(inferred.result).toEqual(reviewed);
      expect(reviewed).toEqual(
        JSON.parse(fs.readFileSync(path.join(repoRoot, 'provider', 'schema.json'), 'utf8')),
      );
    } finally {
      for (const link of links) fs.rmSync(link, { force: true });
    }
  }, 120_000);
});
