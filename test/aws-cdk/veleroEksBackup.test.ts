import { KubectlV32Layer } from '@aws-cdk/lambda-layer-kubectl-v32';
import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { awsPluginImageFor, VeleroConfigError, veleroImageFor } from 'velero-iac';
import {
  VELERO_VERSION_CONTEXT_KEY,
  VeleroEksBackup,
  type VeleroEksBackupProps,
} from 'velero-iac/aws-cdk';
import { VeleroSchedule } from 'velero-iac/cdk8s';
import { newStack, resourcesOf, templateOf, testCdkApp } from './cdkTestKit';

const PROVIDER_ARN =
  'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';

function importedCluster(stack: Stack): eks.ICluster {
  return eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
    clusterName: 'prod',
    kubectlRoleArn: 'arn:aws:iam::123456789012:role/kubectl',
    kubectlLayer: new KubectlV32Layer(stack, 'Kubectl'),
    openIdConnectProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      stack,
      'Oidc',
      PROVIDER_ARN,
    ),
  });
}

function synth(props: Partial<VeleroEksBackupProps> = {}, context: Record<string, unknown> = {}) {
  const { stack } = newStack({ context });
  const backups = new VeleroEksBackup(stack, 'Velero', {
    cluster: importedCluster(stack),
    date: '2026-01-15',
    ...props,
  });
  const resources = Object.values(resourcesOf(templateOf(stack)));
  return { stack, backups, resources };
}

describe('VeleroEksBackup', () => {
  test("an imported cluster's name names the bucket; IRSA annotates the chart's service account", () => {
    const { backups, resources } = synth();
    expect(backups.bucket.bucketName).toBe('prod-velero-20260115');
    expect(backups.helmValues.serviceAccount.server.annotations).toEqual(
      backups.serviceRole.serviceAccountAnnotations,
    );
    expect(resources.filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart')).toHaveLength(1);
  });

  test('Pod Identity: an association for the chart service account, no IRSA annotation', () => {
    const { backups, resources } = synth({ serviceRole: { trust: 'podIdentity' } });
    expect(backups.helmValues.serviceAccount.server.annotations).toEqual({});
    const association = resources.find((r) => r.Type === 'AWS::EKS::PodIdentityAssociation');
    expect(association?.Properties).toMatchObject({
      ClusterName: 'prod',
      Namespace: 'velero',
      ServiceAccount: 'velero-server',
    });
  });

  test('without the chart, without snapshots and the default schedule: only the storage location', () => {
    const { backups, resources } = synth({
      installChart: false,
      volumeSnapshots: false,
      defaultSchedule: false,
    });
    expect(backups.helmChart).toBeUndefined();
    expect(resources.filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart')).toHaveLength(0);
    expect(backups.chart.toJson().map((o: { kind: string }) => o.kind)).toEqual([
      'BackupStorageLocation',
    ]);
    expect(backups.helmValues.configuration.volumeSnapshotLocation).toEqual([]);
  });

  test('veleroVersion: the objects, the chart values and the added objects target it', () => {
    const { backups } = synth({
      veleroVersion: '1.13',
      installChart: false,
      addObjects: (chart) => {
        new VeleroSchedule(chart, 'hourly', {
          name: 'velero-hourly',
          schedule: '@hourly',
          template: {},
        });
      },
    });
    expect(backups.helmValues.image).toEqual({ ...veleroImageFor('1.13') });
    expect(backups.helmValues.initContainers[0]?.image).toBe(awsPluginImageFor('1.13'));
    expect(backups.setup.schedule.metadata.name).toBe('velero-velero-udsbackup');
    // The cdk8s chart's app carries the release, so constructs added to it target it too.
    expect(backups.chart.node.tryGetContext(VELERO_VERSION_CONTEXT_KEY)).toBe('1.13');
    expect(() =>
      synth({
        veleroVersion: '1.12',
        installChart: false,
        addObjects: (chart) => {
          new VeleroSchedule(chart, 'skipping', {
            name: 'velero-skipping',
            schedule: '@hourly',
            template: {},
            skipImmediately: true,
          });
        },
      }),
    ).toThrow(/skipImmediately[\s\S]*added in Velero 1\.13/);
  });

  test('veleroVersion from the app context, a prop winning over it', () => {
    const fromContext = synth({ installChart: false }, { [VELERO_VERSION_CONTEXT_KEY]: '1.15' });
    expect(fromContext.backups.helmValues.image.tag).toBe('v1.15.2');
    const prop = synth(
      { installChart: false, veleroVersion: '1.16' },
      { [VELERO_VERSION_CONTEXT_KEY]: '1.15' },
    );
    expect(prop.backups.helmValues.image.tag).toBe('v1.16.2');
    expect(() => synth({}, { [VELERO_VERSION_CONTEXT_KEY]: 'v1.15' })).toThrow(
      /VeleroEksBackup at "Backups\/Velero"[\s\S]*velero-iac:veleroVersion/,
    );
  });

  test('the pinned chart is not installed for an older release: refused before the tree changes', () => {
    const { stack } = newStack();
    const cluster = importedCluster(stack);
    let error: unknown;
    try {
      new VeleroEksBackup(stack, 'Velero', {
        cluster,
        date: '2026-01-15',
        veleroVersion: '1.17',
        namespace: 'Velero',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    const issues = (error as VeleroConfigError).issues;
    // Every problem once: the namespace (checked by both the objects and the chart) and the release.
    expect(issues.map((i) => i.path)).toEqual(['namespace', 'veleroVersion']);
    expect(issues[1]?.message).toContain('--apply');
    expect(stack.node.tryFindChild('Velero')).toBeUndefined();
  });

  test('needs the region and a cluster name known at synth, listing both problems', () => {
    const stack = new Stack(testCdkApp(), 'Agnostic');
    const cluster = new eks.Cluster(stack, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      kubectlLayer: new KubectlV32Layer(stack, 'Kubectl'),
      defaultCapacity: 0,
    });
    let error: unknown;
    try {
      new VeleroEksBackup(stack, 'Velero', { cluster, date: '2026-01-15' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    expect((error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'clusterName',
      'region',
    ]);
    expect(stack.node.tryFindChild('Velero')).toBeUndefined();
  });

  test("the bucket's and the objects' errors surface before the tree changes", () => {
    const { stack } = newStack();
    const cluster = importedCluster(stack);
    expect(
      () =>
        new VeleroEksBackup(stack, 'Velero', {
          cluster,
          clusterName: 'Prod_EU',
          date: '2026-01-15',
        }),
    ).toThrow(/VeleroBucket at "Backups\/Velero\/Bucket"/);
    expect(
      () =>
        new VeleroEksBackup(stack, 'Velero', { cluster, date: '2026-01-15', namespace: 'Velero' }),
    ).toThrow(/VeleroEksBackup at "Backups\/Velero"[\s\S]*namespace/);
    expect(stack.node.tryFindChild('Velero')).toBeUndefined();
  });
});
