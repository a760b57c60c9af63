/**
 * An AWS CDK stack with an EKS cluster and Velero's backups for it: the protected bucket, the
 * IAM role (IRSA through the cluster's OIDC provider), the pinned Velero Helm chart and a cdk8s
 * chart of the Velero objects (locations pointing at the bucket, the default schedule).
 */
import { KubectlV32Layer } from '@aws-cdk/lambda-layer-kubectl-v32';
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import type { Construct } from 'constructs';
import { VeleroEksBackup } from 'velero-iac/aws-cdk';
import { VeleroSchedule } from 'velero-iac/cdk8s';

/** The example cluster's name: the first part of its bucket's name. */
export const EXAMPLE_CLUSTER_NAME = 'prod-eu';

/** Options of {@link BackupStack}. */
export interface BackupStackProps extends StackProps {
  /**
   * The EKS cluster's name.
   * @default 'prod-eu'
   */
  clusterName?: string;
}

/** The example stack. */
export class BackupStack extends Stack {
  /** The cluster. */
  readonly cluster: eks.Cluster;
  /** Velero's bucket, role, chart and objects. */
  readonly backups: VeleroEksBackup;

  constructor(scope: Construct, id: string, props: BackupStackProps = {}) {
    super(scope, id, props);
    const clusterName = props.clusterName ?? EXAMPLE_CLUSTER_NAME;
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName,
      version: eks.KubernetesVersion.V1_32,
      kubectlLayer: new KubectlV32Layer(this, 'Kubectl'),
      defaultCapacity: 2,
    });
    // The bucket's date comes from cdk.json's "velero-iac:bucketDates" context.
    this.backups = new VeleroEksBackup(this, 'Velero', {
      cluster: this.cluster,
      clusterName,
      bucket: { createKmsKey: true },
      // More Velero objects go into the same cdk8s chart, applied after the Helm chart.
      addObjects: (chart) => {
        new VeleroSchedule(chart, 'Weekly', {
          name: 'cluster-weekly',
          schedule: '0 4 * * 0',
          template: { ttl: '720h0m0s', includedNamespaces: ['*'] },
        });
      },
    });
  }
}
