/**
 * The vmware-tanzu `velero` Helm chart the library installs or writes values for, pinned: a
 * floating chart or image would change Velero under a team without a change of theirs. Every
 * front end that installs the chart takes the repository, chart, version and release name from
 * {@link veleroChartInstallation}, and the values from `veleroHelmValues`.
 */
import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import { checkDns1123Label } from './rules/names';
import { isPlainObject } from './schema/checkShape';
import { DEFAULT_VELERO_NAMESPACE } from './types/meta';
import {
  checkVeleroVersion,
  targetVeleroVersion,
  type VeleroTargetOptions,
  type VeleroVersion,
} from './versions/veleroVersion';

/** The Helm repository of the vmware-tanzu charts. */
export const VELERO_CHART_REPOSITORY = 'https://vmware-tanzu.github.io/helm-charts';

/** The chart's name in that repository. */
export const VELERO_CHART_NAME = 'velero';

/** The chart version the library's values are written and tested for (appVersion 1.18.1). */
export const VELERO_CHART_VERSION = '12.1.0';

/**
 * The Velero release that chart version deploys, and the only one the library installs it for:
 * its CRD upgrade job (on by default) runs `velero install --crds-only --apply`, and Velero added
 * `--apply` in 1.18, so with an older server image the job fails and so does the install.
 */
export const VELERO_CHART_VELERO_VERSION: VeleroVersion = '1.18';

/** The Velero server image that chart version deploys, pinned explicitly in the values. */
export const VELERO_IMAGE = { repository: 'docker.io/velero/velero', tag: 'v1.18.1' } as const;

/**
 * The velero-plugin-for-aws image that pairs with Velero 1.18: the newest patch of the 1.14 line
 * (v1.14.2, with CVE fixes and EBS KMS on restore).
 */
export const VELERO_AWS_PLUGIN_IMAGE = 'velero/velero-plugin-for-aws:v1.14.2';

/**
 * The top-level values the chart reads (its `values.yaml` and the templates' `.Values.*`; a test
 * keeps this list equal to the chart's).
 *
 * @internal
 */
export const VELERO_CHART_TOP_LEVEL_VALUES: readonly string[] = [
  'affinity',
  'annotations',
  'backupsEnabled',
  'cleanUpCRDs',
  'configMaps',
  'configuration',
  'containerSecurityContext',
  'credentials',
  'deployNodeAgent',
  'dnsConfig',
  'dnsPolicy',
  'extraObjects',
  'extraVolumeMounts',
  'extraVolumes',
  'fullnameOverride',
  'hostAliases',
  'image',
  'initContainers',
  'kubectl',
  'labels',
  'lifecycle',
  'livenessProbe',
  'metrics',
  'nameOverride',
  'namespace',
  'nodeAgent',
  'nodeSelector',
  'podAnnotations',
  'podDisruptionBudget',
  'podLabels',
  'podSecurityContext',
  'priorityClassName',
  'rbac',
  'readinessProbe',
  'resizePolicy',
  'resources',
  'revisionHistoryLimit',
  'runtimeClassName',
  'schedules',
  'secretAnnotations',
  'securityContext',
  'serviceAccount',
  'snapshotsEnabled',
  'terminationGracePeriodSeconds',
  'tolerations',
  'upgradeCRDs',
  'upgradeCRDsJob',
  'upgradeJobResources',
];

/** The Helm release name the library installs the chart under unless told otherwise. */
export const DEFAULT_VELERO_RELEASE_NAME = 'velero';

/** Longest Helm 3 release name (Helm refuses longer ones). */
export const MAX_HELM_RELEASE_NAME_LENGTH = 53;

/** Where and how to install the chart: what a `helm install` (or a framework's release) needs. */
export interface VeleroChartInstallation {
  /** The Helm repository URL. */
  readonly repository: string;
  /** The chart's name in the repository. */
  readonly chart: string;
  /** The exact chart version (never a range). */
  readonly version: string;
  /** The release name, given explicitly so that no framework invents one. */
  readonly releaseName: string;
  /** The namespace Velero is installed in (the release's namespace). */
  readonly namespace: string;
}

/**
 * Options of {@link veleroChartInstallation}. `veleroVersion` is the release the cluster runs:
 * the pinned chart is installed only for {@link VELERO_CHART_VELERO_VERSION} (1.18).
 */
export interface VeleroChartInstallationOptions extends VeleroTargetOptions {
  /**
   * The Helm release name: a DNS-1123 label of at most 53 characters. Object names do not depend
   * on it (the values set `fullnameOverride`); it only labels the objects
   * (`app.kubernetes.io/instance`) and names Helm's release record.
   * @default 'velero'
   */
  releaseName?: string;
  /**
   * The namespace Velero is installed in; must be the one the values were built for.
   * @default 'velero'
   */
  namespace?: string;
  /**
   * Another Helm repository serving the same chart (a mirror).
   * @default 'https://vmware-tanzu.github.io/helm-charts'
   */
  repository?: string;
}

/** Problems with the release options (release name, namespace, repository). */
export function checkVeleroChartInstallationOptions(
  options: VeleroChartInstallationOptions,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const releaseName = options.releaseName ?? DEFAULT_VELERO_RELEASE_NAME;
  const nameIssues = checkDns1123Label(releaseName, 'releaseName');
  issues.push(...nameIssues);
  if (nameIssues.length === 0 && releaseName.length > MAX_HELM_RELEASE_NAME_LENGTH) {
    issues.push(
      issue(
        'releaseName',
        `is ${releaseName.length} characters long: Helm refuses release names longer than ${MAX_HELM_RELEASE_NAME_LENGTH}`,
        { received: releaseName },
      ),
    );
  }
  issues.push(...checkDns1123Label(options.namespace ?? DEFAULT_VELERO_NAMESPACE, 'namespace'));
  issues.push(...checkVeleroVersion(options.veleroVersion));
  const target = targetVeleroVersion(options.veleroVersion);
  if (target !== VELERO_CHART_VELERO_VERSION) {
    issues.push(
      issue(
        'veleroVersion',
        `is Velero ${target}, but the pinned velero chart ${VELERO_CHART_VERSION} deploys Velero ${VELERO_CHART_VELERO_VERSION}: its CRD upgrade job runs \`velero install --crds-only --apply\`, and \`--apply\` only exists from Velero 1.18, so with a Velero ${target} image the job and the install fail. Install Velero ${target} another way (e.g. the chart version that shipped with it, with the images of veleroHelmValues), and leave the library's chart installation out`,
        { received: options.veleroVersion, allowed: `'${VELERO_CHART_VELERO_VERSION}'` },
      ),
    );
  }
  const repository = options.repository;
  if (
    repository !== undefined &&
    (typeof repository !== 'string' || !/^(https?|oci):\/\/[^\s]+$/.test(repository))
  ) {
    issues.push(
      issue('repository', 'must be a Helm repository URL', {
        received: repository,
        allowed: 'https://..., http://... or oci://...',
      }),
    );
  }
  return issues;
}

/**
 * The pinned chart (repository, name, version {@link VELERO_CHART_VERSION}) with an explicit
 * release name and namespace, for a front end to install with the values of `veleroHelmValues`.
 * Only for Velero 1.18 (`veleroVersion`, default 1.18): see {@link VELERO_CHART_VELERO_VERSION}.
 *
 * @param options the release name, namespace, (for a mirror) repository, and the target release
 * @returns what to install
 * @throws VeleroConfigError listing every problem
 */
export function veleroChartInstallation(
  options: VeleroChartInstallationOptions = {},
): VeleroChartInstallation {
  const given: unknown = options;
  if (!isPlainObject(given)) {
    throw new VeleroConfigError('velero chart installation', [
      issue('', 'the options must be an object', { received: options }),
    ]);
  }
  const issues = checkVeleroChartInstallationOptions(options);
  if (issues.length > 0) throw new VeleroConfigError('velero chart installation', issues);
  return {
    repository: options.repository ?? VELERO_CHART_REPOSITORY,
    chart: VELERO_CHART_NAME,
    version: VELERO_CHART_VERSION,
    releaseName: options.releaseName ?? DEFAULT_VELERO_RELEASE_NAME,
    namespace: options.namespace ?? DEFAULT_VELERO_NAMESPACE,
  };
}
