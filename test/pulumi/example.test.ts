import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import type { VeleroHelmValues } from 'velero-iac';
import { parse } from 'yaml';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { MOCK_ACCOUNT_ID, outputValue, runProgram } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');
const PROJECT = 'velero-iac-example';

interface ExampleExports {
  bucketName: pulumi.Output<string>;
  roleArn: pulumi.Output<string>;
  helmValues: pulumi.Output<VeleroHelmValues>;
  drills: string[];
}

/** Loads (runs) the example program afresh and returns its stack outputs. */
function loadExample(): ExampleExports {
  let program: unknown;
  jest.isolateModules(() => {
    program = require('../../examples/pulumi/index');
  });
  return program as ExampleExports;
}

/** Runs `examples/pulumi/index.ts` (freshly loaded) under mocks with the given stack config. */
function runExample(config: Record<string, string>) {
  return runProgram(
    async () => {
      const exports = loadExample();
      return {
        bucketName: await outputValue(exports.bucketName),
        roleArn: await outputValue(exports.roleArn),
        helmValues: await outputValue(exports.helmValues),
        drills: exports.drills,
      };
    },
    {
      project: PROJECT,
      config: Object.fromEntries(
        Object.entries(config).map(([key, value]) => [`${PROJECT}:${key}`, value]),
      ),
    },
  );
}

describe('Pulumi.yaml', () => {
  test('runs the example program with the TypeScript Node.js runtime', () => {
    const project = parse(readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(project).toMatchObject({
      name: PROJECT,
      runtime: { name: 'nodejs', options: { typescript: true } },
      main: 'examples/pulumi/',
    });
    expect(typeof project.description).toBe('string');
  });
});

describe('examples/pulumi (defaults: cluster demo, eu-west-1, EKS Pod Identity)', () => {
  let run: Awaited<ReturnType<typeof runExample>>;
  beforeAll(async () => {
    run = await runExample({
      kubeconfig: 'apiVersion: v1\nkind: Config',
      bucketDate: '2026-01-15',
    });
  });

  test('registers one platform with bucket, KMS key, role, chart, locations and two schedules', () => {
    const count = (type: string) => run.ofType(type).length;
    expect(count('velero-iac:platform:VeleroBackupPlatform')).toBe(1);
    expect(count('pulumi:providers:kubernetes')).toBe(1);
    expect(count('aws:s3/bucket:Bucket')).toBe(1);
    expect(count('aws:kms/key:Key')).toBe(1);
    expect(count('aws:iam/role:Role')).toBe(1);
    expect(count('aws:eks/podIdentityAssociation:PodIdentityAssociation')).toBe(1);
    expect(count('kubernetes:helm.sh/v3:Release')).toBe(1);
    expect(count('kubernetes:velero.io/v1:BackupStorageLocation')).toBe(1);
    expect(count('kubernetes:velero.io/v1:VolumeSnapshotLocation')).toBe(1);
    expect(count('kubernetes:velero.io/v1:Schedule')).toBe(2);
  });

  test('the bucket is named after the configured cluster and date, and protected', () => {
    const bucket = run.one('aws:s3/bucket:Bucket');
    expect(bucket.inputs.bucket).toBe('demo-velero-20260115');
    expect(bucket.inputs.region).toBe('eu-west-1');
    expect(bucket.inputs.forceDestroy).toBe(false);
    expect(bucket.options.protect).toBe(true);
    expect(bucket.options.retainOnDelete).toBe(true);
    expect(run.one('aws:kms/key:Key').options.protect).toBe(true);
    expect(run.result?.bucketName).toBe('demo-velero-20260115');
  });

  test('the kubeconfig reaches the Kubernetes provider, which every Velero object and the chart use', () => {
    const provider = run.one('pulumi:providers:kubernetes');
    // A secret: Pulumi's serialized secret (signature key -> secret signature) around the value.
    expect(provider.inputs.kubeconfig).toEqual({
      '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
      value: 'apiVersion: v1\nkind: Config',
    });
    const reference = `${provider.urn}::${provider.id}`;
    const release = run.one('kubernetes:helm.sh/v3:Release');
    expect(release.options.provider).toBe(reference);
    for (const object of run.resources.filter((r) =>
      r.type.startsWith('kubernetes:velero.io/v1:'),
    )) {
      expect(object.options.provider).toBe(reference);
      expect(object.options.dependencies).toContain(release.urn);
    }
  });

  test('the chart is installed pinned from the vmware-tanzu repository with the platform values', () => {
    const release = run.one('kubernetes:helm.sh/v3:Release');
    expect(release.inputs).toMatchObject({
      name: 'velero',
      chart: 'velero',
      version: '12.1.0',
      namespace: 'velero',
      createNamespace: true,
      repositoryOpts: { repo: 'https://vmware-tanzu.github.io/helm-charts' },
    });
    const values = release.inputs.values as VeleroHelmValues;
    expect(values).toEqual(run.result?.helmValues);
    expect(values.configuration.backupStorageLocation[0]).toMatchObject({
      name: 'default',
      bucket: 'demo-velero-20260115',
      config: { region: 'eu-west-1', kmsKeyId: run.one('aws:kms/key:Key').outputs.arn },
    });
    expect(values.serviceAccount.server.annotations).toEqual({});
    expect(values.credentials).toEqual({ useSecret: false });
    // The backup alerts: the chart's ServiceMonitor and PrometheusRule, where the operator is.
    expect(values.metrics?.serviceMonitor).toMatchObject({ enabled: true, autodetect: true });
    expect(values.metrics?.prometheusRule).toMatchObject({
      autodetect: true,
      additionalLabels: { release: 'kube-prometheus-stack' },
    });
    expect(values.metrics?.prometheusRule.spec.map((r) => r.alert)).toContain('VeleroBackupMissed');
  });

  test('the schedules: the default one and a weekly whole-cluster one', () => {
    const names = run
      .ofType('kubernetes:velero.io/v1:Schedule')
      .map((s) => (s.inputs.metadata as { name: string }).name);
    expect(names).toEqual(['velero-velero-udsbackup', 'velero-weekly-cluster']);
  });

  test('a weekly restore drill of the default schedule, through the cluster provider', () => {
    const cronJob = run.one('kubernetes:batch/v1:CronJob');
    expect(cronJob.inputs.metadata).toMatchObject({ name: 'velero-velero-udsbackup-drill' });
    expect((cronJob.inputs.spec as { schedule: string }).schedule).toBe('30 6 * * 0');
    const provider = run.one('pulumi:providers:kubernetes');
    expect(cronJob.options.provider).toBe(`${provider.urn}::${provider.id}`);
    expect(run.result?.drills).toEqual(['velero-velero-udsbackup-drill']);
  });
});

describeWithCrds('examples/pulumi conformance', () => {
  test('every Velero object it registers passes the CRD schema', async () => {
    const run = await runExample({ kubeconfig: 'apiVersion: v1', bucketDate: '2026-01-15' });
    const objects = run.resources.filter((r) => r.type.startsWith('kubernetes:velero.io/v1:'));
    expect(objects).toHaveLength(4);
    for (const object of objects) {
      const { apiVersion, kind, metadata, spec } = object.inputs;
      expect(validateAgainstCrd({ apiVersion, kind, metadata, spec })).toEqual([]);
    }
  });
});

describe('examples/pulumi with configuration', () => {
  test('cluster, region and IRSA from the stack config; the bucket date is captured on first run', async () => {
    const issuer = 'oidc.eks.us-west-2.amazonaws.com/id/ABCDEF';
    const run = await runExample({
      kubeconfig: 'apiVersion: v1',
      cluster: 'payments-prod',
      region: 'us-west-2',
      oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`,
      oidcProviderUrl: issuer,
    });
    // Without bucketDate, the mocks' clock (2026-01-15) is stored in a time.Static.
    expect(run.ofType('time:index/static:Static')).toHaveLength(1);
    expect(run.one('aws:s3/bucket:Bucket').inputs.bucket).toBe('payments-prod-velero-20260115');
    expect(run.ofType('aws:eks/podIdentityAssociation:PodIdentityAssociation')).toHaveLength(0);
    const values = run.result?.helmValues as VeleroHelmValues;
    expect(values.serviceAccount.server.annotations).toEqual({
      'eks.amazonaws.com/role-arn': run.result?.roleArn,
    });
    expect(values.configuration.volumeSnapshotLocation).toEqual([
      { name: 'default', provider: 'aws', config: { region: 'us-west-2' } },
    ]);
  });

  test('a missing kubeconfig fails the program', async () => {
    const run = await runProgram(
      () => {
        loadExample();
      },
      { project: PROJECT, captureError: true },
    );
    expect(String(run.error)).toContain('kubeconfig');
  });
});
