/**
 * The cdk8s example (`examples/cdk8s`, the `npm run synth` main job): its chart in process, the
 * program end to end in a child process (good and bad input), and `cdk8s synth` with cdk8s.yaml.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { VeleroConfigError } from 'velero-iac';
import { parseAllDocuments } from 'yaml';
import {
  ClusterBackupsChart,
  type ClusterBackupsProps,
  EXAMPLE_CLUSTER,
} from '../../examples/cdk8s/clusterBackupsChart';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { validateAllManifests } from '../conformance/kubernetesValidator';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import { testApp } from '../support/cdk8sApp';
import { describeConformanceOfSynthesized, expectConstructError, synth } from './cdk8sTestKit';

const REPO = path.resolve(__dirname, '..', '..');
const MAIN = path.join('examples', 'cdk8s', 'main.ts');
const OUTPUT_FILE = 'velero-prod-eu.k8s.yaml';

/** The kinds and names the example declares, in order. */
const EXPECTED_RESOURCES = [
  'BackupStorageLocation velero/default',
  'VolumeSnapshotLocation velero/default',
  'Schedule velero/velero-velero-udsbackup',
  'Backup velero/velero-velero-udsbackup-20260115120000',
  'ConfigMap velero/apps-volume-policy',
  'Schedule velero/apps-weekly',
  'Restore velero/restore-monitoring-20260115',
  ...[
    'ValidatingAdmissionPolicy velero-iac-drill.velero.velero-velero-udsbackup-drill',
    'ValidatingAdmissionPolicyBinding velero-iac-drill.velero.velero-velero-udsbackup-drill',
    'ServiceAccount velero/velero-velero-udsbackup-drill',
    'ClusterRole velero-iac-drill-scratch.velero.velero-velero-udsbackup-drill',
    'ClusterRole velero-iac-drill.velero.velero-velero-udsbackup-drill',
    'ClusterRoleBinding velero-iac-drill.velero.velero-velero-udsbackup-drill',
    'Role velero/velero-velero-udsbackup-drill',
    'RoleBinding velero/velero-velero-udsbackup-drill',
    'ConfigMap velero/velero-velero-udsbackup-drill',
    'CronJob velero/velero-velero-udsbackup-drill',
  ],
  'PrometheusRule velero/velero-backup-alerts',
];

/** The objects with a Velero CRD or a Kubernetes schema to conform to; the PrometheusRule has its own check. */
function withCrds(objects: readonly unknown[]): unknown[] {
  return objects.filter((o) => (o as { kind?: string }).kind !== 'PrometheusRule');
}

function exampleChart(props: ClusterBackupsProps = EXAMPLE_CLUSTER): ClusterBackupsChart {
  return new ClusterBackupsChart(testApp(), 'velero-prod-eu', props);
}

const tempDirs: string[] = [];

/** A fresh temp dir that does not exist yet (the program must create it, or not). */
function freshOutdir(): string {
  const parent = mkdtempSync(path.join(tmpdir(), 'velero-iac-cdk8s-'));
  tempDirs.push(parent);
  return path.join(parent, 'out');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The environment of a child process: ours without the example's inputs, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VELERO_') || key.startsWith('CDK8S_')) delete env[key];
  }
  return { ...env, ...extra };
}

function runExample(outdir: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [require.resolve('tsx/cli'), MAIN], {
    cwd: REPO,
    env: childEnv({ CDK8S_OUTDIR: outdir, ...extra }),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function readObjects(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS());
}

describe('the example chart', () => {
  it('declares the locations, schedules, on-demand backup, policy, restore, drill and alerts of one cluster', () => {
    const objects = synth(exampleChart());
    expect(
      objects.map(
        (o) =>
          `${o.kind} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name}`,
      ),
    ).toEqual(EXPECTED_RESOURCES);
    const [bsl, vsl, uds, backup, policy, apps, restore] = objects;
    const alerts = objects.find((o) => o.kind === 'PrometheusRule');
    expect(bsl!['spec']).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'prod-eu-velero-20260115' },
      config: { region: 'eu-central-1' },
      default: true,
    });
    expect(vsl!['spec']).toEqual({ provider: 'aws', config: { region: 'eu-central-1' } });
    expect(uds!['spec']).toMatchObject({
      schedule: '0 3 * * *',
      useOwnerReferencesInBackup: false,
      template: { includedNamespaces: ['monitoring', 'tempo'], storageLocation: 'default' },
    });
    expect(backup!.metadata.labels).toMatchObject({
      'velero.io/schedule-name': 'velero-velero-udsbackup',
    });
    expect(backup!['spec']).toEqual((uds!['spec'] as { template: unknown }).template);
    expect(Object.keys(policy!['data'] as object)).toEqual(['policy.yaml']);
    expect(apps!['spec']).toMatchObject({
      template: { resourcePolicy: { kind: 'configmap', name: 'apps-volume-policy' } },
    });
    expect(restore!['spec']).toEqual({
      backupName: 'velero-velero-udsbackup-20260115120000',
      includedNamespaces: ['monitoring'],
    });
    expect(alerts!.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
    const rules = (alerts!['spec'] as { groups: { rules: { alert: string }[] }[] }).groups[0]!
      .rules;
    expect(rules.filter((r) => r.alert === 'VeleroBackupMissed')).toHaveLength(2);
    // The weekly drill is watched too: a drill that stops running is as silent as a backup.
    expect(rules.filter((r) => r.alert === 'VeleroRestoreDrillMissed')).toHaveLength(1);
  });

  it('renders the same objects as before (snapshot, beside the assertions above)', () => {
    expect(synth(exampleChart())).toMatchSnapshot();
  });

  it('throws a VeleroConfigError for an invalid cluster name', () => {
    expect(() => exampleChart({ ...EXAMPLE_CLUSTER, cluster: 'Prod_EU' })).toThrow(
      VeleroConfigError,
    );
  });

  it('names the construct path when a construct prop is invalid', () => {
    expectConstructError(
      () => exampleChart({ ...EXAMPLE_CLUSTER, region: '' }),
      'VeleroVolumeSnapshotLocation',
      'velero-prod-eu/snapshot-location',
      'config.region',
    );
  });
});

/** What the example program wrote, for the conformance check below. */
const writtenByExample: unknown[] = [];

describe('the example program (tsx examples/cdk8s/main.ts)', () => {
  it('writes the YAML to $CDK8S_OUTDIR and prints each file and resource', () => {
    const outdir = freshOutdir();
    const run = runExample(outdir);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(readdirSync(outdir)).toEqual([OUTPUT_FILE]);
    const file = path.join(outdir, OUTPUT_FILE);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`wrote ${file}`);
    expect(lines.slice(1).map((l) => l.trim())).toEqual(EXPECTED_RESOURCES);
    const written = readObjects(file);
    expect(written).toEqual(synth(exampleChart()));
    writtenByExample.push(...written);
  });

  it('writes nothing and exits 1 with the VeleroConfigError message for an invalid cluster', () => {
    const outdir = freshOutdir();
    const run = runExample(outdir, { VELERO_CLUSTER: 'Prod_EU' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid Velero bucket name for cluster "Prod_EU"');
    expect(run.stderr).toContain('cluster: must be lowercase');
    expect(run.stdout).toBe('');
    expect(existsSync(outdir)).toBe(false);
  });

  it('writes nothing and names the construct path for an invalid construct prop', () => {
    const outdir = freshOutdir();
    const run = runExample(outdir, { VELERO_BACKUP_AT: 'yesterday' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('VeleroBackupFromSchedule at "velero-prod-eu/on-demand-backup"');
    expect(run.stderr).toContain('at: must be a valid Date');
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('cdk8s synth with cdk8s.yaml', () => {
  it('synthesizes the same file offline', () => {
    const outdir = freshOutdir();
    const run = spawnSync(
      process.execPath,
      [
        path.join(REPO, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'),
        'synth',
        '--no-check-upgrade',
        '--output',
        outdir,
      ],
      { cwd: REPO, env: childEnv({}), encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(0);
    expect(readdirSync(outdir)).toEqual([OUTPUT_FILE]);
    expect(readObjects(path.join(outdir, OUTPUT_FILE))).toEqual(synth(exampleChart()));
  });
});

describeConformanceOfSynthesized();

describeWithCrds('what the example program wrote', () => {
  it('conforms to the Velero CRDs', () => {
    expect(writtenByExample.length).toBeGreaterThan(0);
    expect(validateAllManifests(withCrds(writtenByExample), validateAgainstCrd)).toEqual([]);
    const rules = writtenByExample.filter(
      (o) => (o as { kind?: string }).kind === 'PrometheusRule',
    );
    expect(validatePrometheusRules(rules)).toEqual([null]);
  });
});
