/**
 * Example Pulumi program: one cluster's whole Velero set-up through `VeleroBackupPlatform`.
 *
 * Configuration (`pulumi config set <key> <value>`):
 * - `kubeconfig` (secret, required): the cluster's kubeconfig;
 * - `cluster` (default `demo`) and `region` (default `eu-west-1`);
 * - `bucketDate` (optional, `YYYY-MM-DD`): the date in the bucket name; without it the date of
 *   the first `pulumi up` is stored and kept;
 * - `oidcProviderArn` and `oidcProviderUrl` (optional): use IRSA; without them the role is
 *   trusted through EKS Pod Identity with an association in the cluster `cluster`.
 *
 * Velero itself is installed by `installVeleroChart()`: the vmware-tanzu `velero` chart at the
 * pinned version (12.1.0), release `velero`, with the platform's `helmValues`.
 *
 * It imports the package by name (`velero-iac/pulumi`), which resolves to `dist/` once the
 * package is built (`npm run build`).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import {
  installVeleroChart,
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
} from 'velero-iac/pulumi';

const config = new pulumi.Config();
const cluster = config.get('cluster') ?? 'demo';
const region = config.get('region') ?? 'eu-west-1';
const bucketDate = config.get('bucketDate');
const oidcProviderArn = config.get('oidcProviderArn');

const provider = new k8s.Provider(`${cluster}-k8s`, {
  kubeconfig: config.requireSecret('kubeconfig'),
});

const trust: Pick<
  VeleroBackupPlatformArgs,
  'trust' | 'oidcProviderArn' | 'oidcProviderUrl' | 'eksClusterName'
> =
  oidcProviderArn === undefined
    ? { trust: 'podIdentity', eksClusterName: cluster }
    : { trust: 'irsa', oidcProviderArn, oidcProviderUrl: config.require('oidcProviderUrl') };

const platform = new VeleroBackupPlatform(cluster, {
  cluster,
  region,
  ...(bucketDate === undefined ? {} : { date: bucketDate }),
  ...trust,
  kubernetesProvider: provider,
  bucket: { createKmsKey: true, noncurrentVersionExpirationDays: 30 },
  extraSchedules: [
    {
      name: 'velero-weekly-cluster',
      schedule: '0 4 * * 0',
      template: {
        includedClusterScopedResources: ['*'],
        excludedNamespaces: ['kube-system'],
        ttl: '720h0m0s',
      },
    },
  ],
  // Backup-health alerts from the schedules' crons: the chart renders its ServiceMonitor and the
  // PrometheusRule when the cluster runs the Prometheus Operator (kube-prometheus-stack loads rules
  // by its release label).
  alerts: { labels: { release: 'kube-prometheus-stack' } },
  installVelero: installVeleroChart(),
});

/** The bucket Velero writes to. */
export const bucketName = platform.bucketName;
/** The IAM role Velero runs as. */
export const roleArn = platform.roleArn;
/** The values the velero chart was installed with. */
export const helmValues = platform.helmValues;
/** The alert rules the chart got, per schedule (for a Prometheus without the operator). */
export const alertRuleGroups = platform.alertRuleGroups;
/** The restore drills (by default a weekly drill of the default schedule). */
export const drills = platform.drills.map((drill) => drill.drillName);
