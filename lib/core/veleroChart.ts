/**
 * The vmware-tanzu `velero` Helm chart the library installs or writes values for, pinned: a
 * floating chart or image would change Velero under a team without a change of theirs.
 */

/** The Helm repository of the vmware-tanzu charts. */
export const VELERO_CHART_REPOSITORY = 'https://vmware-tanzu.github.io/helm-charts';

/** The chart's name in that repository. */
export const VELERO_CHART_NAME = 'velero';

/** The chart version the library's values are written and tested for (appVersion 1.18.1). */
export const VELERO_CHART_VERSION = '12.1.0';

/** The Velero server image that chart version deploys, pinned explicitly in the values. */
export const VELERO_IMAGE = { repository: 'docker.io/velero/velero', tag: 'v1.18.1' } as const;
