import * as k8s from '@pulumi/kubernetes';
import {
  backupStorageLocationManifest,
  udsDefaultSchedule,
  VeleroConfigError,
  type VeleroHelmValues,
  veleroHelmValues,
} from 'velero-iac';
import { installVeleroChart, VeleroBackupPlatform, veleroHelmRelease } from 'velero-iac/pulumi';
import { problemsOf } from '../support/configErrors';
import { MOCK_ACCOUNT_ID, runProgram } from './harness';

const RELEASE = 'kubernetes:helm.sh/v3:Release';

const values = veleroHelmValues({
  backupStorageLocations: [
    backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'prod-velero-20260115' },
      config: { region: 'eu-west-1' },
      default: true,
    }),
  ],
  schedules: [udsDefaultSchedule()],
  chartCreatesObjects: true,
});

function issuesOf(build: () => unknown): string[] {
  return problemsOf(build).map((p) => p.path);
}

describe('veleroHelmRelease', () => {
  test('installs the pinned chart under an explicit release name, with the values as given', async () => {
    const run = await runProgram(() => {
      veleroHelmRelease('velero', { values });
    });
    const release = run.one(RELEASE);
    const { compat: _added, ...inputs } = release.inputs; // set by @pulumi/kubernetes itself
    expect(inputs).toEqual({
      name: 'velero',
      chart: 'velero',
      version: '12.1.0',
      repositoryOpts: { repo: 'https://vmware-tanzu.github.io/helm-charts' },
      namespace: 'velero',
      createNamespace: true,
      values,
    });
    // Lists stay lists on the way to the engine (Pulumi tests `instanceof Array`).
    const sent = release.inputs.values as VeleroHelmValues;
    expect(Array.isArray(sent.schedules['velero-udsbackup']?.template.includedNamespaces)).toBe(
      true,
    );
  });

  test('takes a release name, namespace, mirror, timeout and no namespace creation', async () => {
    const run = await runProgram(() => {
      veleroHelmRelease('backup', {
        values,
        releaseName: 'backup',
        namespace: 'velero',
        repository: 'https://charts.example.com/vmware-tanzu',
        createNamespace: false,
        timeout: 900,
      });
    });
    expect(run.one(RELEASE).inputs).toMatchObject({
      name: 'backup',
      version: '12.1.0',
      repositoryOpts: { repo: 'https://charts.example.com/vmware-tanzu' },
      createNamespace: false,
      timeout: 900,
    });
  });

  test('refuses bad options before registering anything', async () => {
    const run = await runProgram(
      () => {
        veleroHelmRelease('bad', {
          values,
          releaseName: 'x'.repeat(54),
          namespace: 'Velero',
          repository: 'ftp://charts',
          createNamespace: 'yes' as never,
          timeout: 0,
        });
      },
      { captureError: true },
    );
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    expect((run.error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'releaseName',
      'namespace',
      'repository',
      'createNamespace',
      'timeout',
    ]);
    expect(run.resources).toHaveLength(0);
    expect(issuesOf(() => veleroHelmRelease('v', { values: undefined as never }))).toEqual([
      'values',
    ]);
    expect(issuesOf(() => veleroHelmRelease('v', { values, releaseName: 'Velero' }))).toEqual([
      'releaseName',
    ]);
  });
});

describe('installVeleroChart', () => {
  test('installs the chart for the platform: its namespace, values, provider and parent', async () => {
    const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
    const run = await runProgram(() => {
      const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
      new VeleroBackupPlatform('prod', {
        cluster: 'prod',
        date: '2026-01-15',
        region: 'eu-west-1',
        oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`,
        oidcProviderUrl: issuer,
        namespace: 'backup',
        kubernetesProvider: provider,
        installVelero: installVeleroChart({ releaseName: 'velero-prod' }),
      });
    });
    const release = run.one(RELEASE);
    const provider = run.one('pulumi:providers:kubernetes');
    expect(release.name).toBe('prod-velero');
    expect(release.inputs).toMatchObject({
      name: 'velero-prod',
      chart: 'velero',
      version: '12.1.0',
      namespace: 'backup',
    });
    expect((release.inputs.values as VeleroHelmValues).fullnameOverride).toBe('velero');
    expect(release.options.provider).toBe(`${provider.urn}::${provider.id}`);
    expect(release.options.parent).toBe(run.one('velero-iac:platform:VeleroBackupPlatform').urn);
  });

  test('refuses bad options when called', () => {
    expect(issuesOf(() => installVeleroChart({ releaseName: '-velero', timeout: 1.5 }))).toEqual([
      'releaseName',
      'timeout',
    ]);
  });
});
