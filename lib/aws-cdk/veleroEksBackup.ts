import { Stack, Token } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks';
import type * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { type DefaultVeleroSetup, defaultVeleroSetup } from '../core/defaultSetup';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import {
  DEFAULT_CHART_FULLNAME,
  type VeleroHelmValues,
  veleroHelmValues,
} from '../core/helmValues';
import { loadOptionalPeer } from '../core/peerDependencies';
import { isPlainObject } from '../core/schema/checkShape';
import { DEFAULT_VELERO_NAMESPACE } from '../core/types/meta';
import { checkVeleroChartInstallationOptions, veleroChartInstallation } from '../core/veleroChart';
import {
  VELERO_VERSION_CONTEXT_KEY,
  withContextVeleroVersion,
} from '../core/versions/contextVeleroVersion';
import { targetVeleroVersion, type VeleroTargetOptions } from '../core/versions/veleroVersion';
import { VeleroBucket, type VeleroBucketProps } from './veleroBucket';
import { VeleroServiceRole, type VeleroServiceRoleProps } from './veleroServiceRole';

/**
 * Properties of {@link VeleroEksBackup}. `veleroVersion` is the Velero release the cluster runs
 * (default: the context `velero-iac:veleroVersion`, else 1.18): the locations, the default
 * schedule and the chart values target it (the values pin that release's Velero and AWS plugin
 * images), and the objects added with `addObjects` do too unless they name another.
 */
export interface VeleroEksBackupProps extends VeleroTargetOptions {
  /** The EKS cluster Velero runs in (an `aws-eks` cluster, with a kubectl provider). */
  cluster: eks.ICluster;
  /**
   * The cluster name in the bucket name `<cluster>-velero-<YYYYMMDD>` (usually the name given to
   * the `eks.Cluster`, whose `clusterName` attribute is a deployment-time reference).
   * @default the cluster's name, when it is a plain string (e.g. an imported cluster)
   */
  clusterName?: string;
  /**
   * The date in the bucket name.
   * @default the cluster's entry in the context `velero-iac:bucketDates`
   */
  date?: Date | string;
  /**
   * More bucket options (encryption, lifecycle, opt-ins, protection).
   * @default the defaults of {@link VeleroBucket}
   */
  bucket?: Omit<VeleroBucketProps, 'cluster' | 'date'>;
  /**
   * More role options.
   * @default the defaults of {@link VeleroServiceRole} (IRSA through the cluster's OIDC provider)
   */
  serviceRole?: Pick<
    VeleroServiceRoleProps,
    'trust' | 'objectTagging' | 'roleName' | 'permissionsBoundary' | 'tags'
  >;
  /**
   * The namespace Velero is installed in.
   * @default 'velero'
   */
  namespace?: string;
  /**
   * Create the VolumeSnapshotLocation for native EBS snapshots (and grant the EC2 actions).
   * @default true
   */
  volumeSnapshots?: boolean;
  /**
   * Create the default Prometheus/Tempo schedule (see `udsDefaultSchedule`).
   * @default true
   */
  defaultSchedule?: boolean;
  /**
   * Adds more Velero objects (e.g. `velero-iac/cdk8s` constructs) to the cdk8s chart. Called once,
   * before the chart is rendered: `addCdk8sChart` renders a chart when it is called, so objects
   * added to {@link VeleroEksBackup.chart} afterwards would not be deployed.
   * @default no more objects
   */
  addObjects?: (chart: cdk8s.Chart) => void;
  /**
   * Install the pinned vmware-tanzu `velero` Helm chart (and with it the CRDs) with
   * `cluster.addHelmChart`. Turn off when Velero is installed otherwise; the chart of Velero
   * objects then depends on nothing. The pinned chart (12.1.0) deploys Velero 1.18, so an older
   * `veleroVersion` needs `installChart: false` (its CRD upgrade job uses a flag older releases
   * lack).
   * @default true
   */
  installChart?: boolean;
}

/**
 * Velero's backups for an EKS cluster built with the AWS CDK, in one construct: a
 * {@link VeleroBucket}, a {@link VeleroServiceRole} for it, the pinned Velero Helm chart
 * (`cluster.addHelmChart`, values from the core's `veleroHelmValues`), and a cdk8s chart with the
 * BackupStorageLocation (pointing at the bucket), the VolumeSnapshotLocation and the default
 * schedule, deployed with `cluster.addCdk8sChart` after the Helm chart (whose CRDs it needs).
 *
 * Loads cdk8s only when constructed.
 */
export class VeleroEksBackup extends Construct {
  /** The bucket. */
  readonly bucket: VeleroBucket;
  /** Velero's role. */
  readonly serviceRole: VeleroServiceRole;
  /**
   * The cdk8s chart of the Velero objects, as deployed (rendered at construction: add more objects
   * with `addObjects`).
   */
  readonly chart: cdk8s.Chart;
  /** The manifest resource that applies {@link chart}. */
  readonly manifest: eks.KubernetesManifest;
  /** The Helm release of Velero, when installed. */
  readonly helmChart?: eks.HelmChart;
  /** The Helm values the chart is installed with. */
  readonly helmValues: VeleroHelmValues;
  /** The Velero objects of the chart, as the core built them. */
  readonly setup: DefaultVeleroSetup;

  /**
   * @param scope the parent construct
   * @param id the construct id
   * @param props the cluster and options
   * @throws VeleroConfigError before adding anything to the tree when a property is invalid
   */
  constructor(scope: Construct, id: string, props: VeleroEksBackupProps) {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    const subject = `VeleroEksBackup at ${JSON.stringify(path)}`;
    // The prop, else the tree's context (checked here), else the default.
    let chosenVersion: VeleroEksBackupProps['veleroVersion'];
    try {
      chosenVersion = withContextVeleroVersion(scope, props)?.veleroVersion;
    } catch (error) {
      throw error instanceof VeleroConfigError ? error.withSubject(subject) : error;
    }
    const versionOption = chosenVersion === undefined ? {} : { veleroVersion: chosenVersion };
    const { clusterName, region } = clusterAndRegion(scope, subject, props);
    const namespace = props.namespace ?? DEFAULT_VELERO_NAMESPACE;
    const volumeSnapshots = props.volumeSnapshots !== false;
    const bucketProps: VeleroBucketProps = {
      ...props.bucket,
      cluster: clusterName,
      ...(props.date === undefined ? {} : { date: props.date }),
    };
    // Everything that can be checked before the tree changes: the bucket, the Velero objects and
    // the chart installation.
    const bucketPlan = VeleroBucket.planFor(scope, `${id}/Bucket`, bucketProps);
    const issues: ValidationIssue[] = [];
    try {
      defaultVeleroSetup({
        cluster: clusterName,
        date: '',
        region,
        namespace,
        bucket: bucketPlan.bucketName as string,
        ...versionOption,
      });
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      issues.push(...error.issues);
    }
    const chartOptions = {
      releaseName: DEFAULT_CHART_FULLNAME,
      namespace,
      ...versionOption,
    };
    if (props.installChart !== false) {
      // The namespace and the release are checked by both: each problem once.
      for (const found of checkVeleroChartInstallationOptions(chartOptions)) {
        if (!issues.some((seen) => seen.path === found.path && seen.message === found.message))
          issues.push(found);
      }
    }
    if (issues.length > 0) throw new VeleroConfigError(subject, issues);
    const installation =
      props.installChart === false ? undefined : veleroChartInstallation(chartOptions);
    super(scope, id);
    // Checked above: an invalid release was refused by defaultVeleroSetup.
    const veleroVersion = targetVeleroVersion(chosenVersion);

    this.bucket = new VeleroBucket(this, 'Bucket', bucketProps);
    this.serviceRole = new VeleroServiceRole(this, 'ServiceRole', {
      ...props.serviceRole,
      bucket: this.bucket,
      cluster: props.cluster,
      namespace,
      volumeSnapshots,
    });
    const serviceAccountName = this.serviceRole.plan.serviceAccount;

    const setup = defaultVeleroSetup({
      cluster: clusterName,
      date: this.bucket.bucketDate,
      region,
      namespace,
      bucket: this.bucket.bucketName,
      ...(this.bucket.encryptionKey === undefined
        ? {}
        : { kmsKeyId: this.bucket.encryptionKey.keyArn }),
      veleroVersion,
    });
    this.setup = setup;

    const values = veleroHelmValues({
      backupStorageLocations: [setup.backupStorageLocation],
      volumeSnapshotLocations: volumeSnapshots ? [setup.volumeSnapshotLocation] : [],
      chartCreatesObjects: false,
      namespace,
      serviceAccountName,
      veleroVersion,
    });
    // The IRSA annotation carries the role ARN, a deployment-time token: added after the core
    // built (and checked) the values.
    this.helmValues = {
      ...values,
      serviceAccount: {
        ...values.serviceAccount,
        server: {
          ...values.serviceAccount.server,
          annotations: {
            ...values.serviceAccount.server.annotations,
            ...this.serviceRole.serviceAccountAnnotations,
          },
        },
      },
    };
    if (installation !== undefined) {
      this.helmChart = props.cluster.addHelmChart(`${id}VeleroChart`, {
        chart: installation.chart,
        repository: installation.repository,
        version: installation.version,
        release: installation.releaseName,
        namespace: installation.namespace,
        createNamespace: true,
        values: this.helmValues as unknown as Record<string, unknown>,
      });
    }

    const cdk8sModule = loadOptionalPeer<typeof cdk8s>(
      'cdk8s',
      '`VeleroEksBackup` (its cdk8s chart of the Velero objects)',
    );
    const app = new cdk8sModule.App();
    // The objects `addObjects` adds target the same release unless they name another.
    app.node.setContext(VELERO_VERSION_CONTEXT_KEY, veleroVersion);
    this.chart = new cdk8sModule.Chart(app, 'velero');
    const objects = [
      setup.backupStorageLocation,
      ...(volumeSnapshots ? [setup.volumeSnapshotLocation] : []),
      ...(props.defaultSchedule === false ? [] : [setup.schedule]),
    ];
    for (const manifest of objects) {
      new cdk8sModule.ApiObject(this.chart, `${manifest.kind}-${manifest.metadata.name}`, {
        ...manifest,
      });
    }
    props.addObjects?.(this.chart);
    this.manifest = props.cluster.addCdk8sChart(`${id}VeleroObjects`, this.chart);
    if (this.helmChart !== undefined) this.manifest.node.addDependency(this.helmChart);
  }
}

/** The cluster name for the bucket and the stack's region, or every problem. */
function clusterAndRegion(
  scope: Construct,
  subject: string,
  props: VeleroEksBackupProps,
): { clusterName: string; region: string } {
  if (!isPlainObject(props) || props.cluster === undefined) {
    throw new VeleroConfigError(subject, [issue('cluster', 'is required: the EKS cluster')]);
  }
  const stack = Stack.of(scope);
  const issues: ValidationIssue[] = [];
  const resolvedName: unknown = stack.resolve(props.cluster.clusterName);
  const clusterName = props.clusterName ?? (typeof resolvedName === 'string' ? resolvedName : '');
  if (props.clusterName === undefined && typeof resolvedName !== 'string') {
    issues.push(
      issue(
        'clusterName',
        "is required: the cluster's name is only known at deployment; pass the name given to the eks.Cluster (it names the bucket)",
      ),
    );
  }
  if (Token.isUnresolved(stack.region)) {
    issues.push(
      issue(
        'region',
        "is unknown: give the stack an explicit env.region, which Velero's locations name",
        { received: 'an environment-agnostic stack' },
      ),
    );
  }
  if (issues.length > 0) throw new VeleroConfigError(subject, issues);
  return { clusterName, region: stack.region };
}
