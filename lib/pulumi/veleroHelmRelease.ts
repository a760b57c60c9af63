import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import type { VeleroHelmValues } from '../core/helmValues';
import { isPlainObject } from '../core/schema/checkShape';
import {
  checkVeleroChartInstallationOptions,
  type VeleroChartInstallationOptions,
  veleroChartInstallation,
} from '../core/veleroChart';
import { minorReleaseOfTag } from '../core/versions/veleroReleases';
import { targetVeleroVersion } from '../core/versions/veleroVersion';
import type { VeleroInstallContext } from './platform';

/**
 * Arguments of {@link veleroHelmRelease}. The pinned chart deploys Velero 1.18, so `veleroVersion`
 * (default 1.18) must be 1.18: an older target is refused (see `VELERO_CHART_VELERO_VERSION`).
 */
export interface VeleroHelmReleaseArgs extends VeleroChartInstallationOptions {
  /**
   * The chart values: `VeleroBackupPlatform.helmValues`, or `veleroHelmValues(...)` built for the
   * same namespace and release (values whose Velero image is of another release are refused).
   */
  values: pulumi.Input<VeleroHelmValues>;
  /**
   * Create the namespace if it does not exist.
   * @default true
   */
  createNamespace?: boolean;
  /**
   * How long Helm waits for the release's objects to become ready, in seconds.
   * @default 300 (Helm's default)
   */
  timeout?: number;
}

/** Options of {@link installVeleroChart}: the release's, without what the platform passes. */
export type InstallVeleroChartOptions = Omit<
  VeleroHelmReleaseArgs,
  'values' | 'namespace' | 'veleroVersion'
>;

function checkReleaseArgs(
  args: Omit<VeleroHelmReleaseArgs, 'values'>,
  subject: string,
  more: readonly ValidationIssue[] = [],
): void {
  if (!isPlainObject(args)) {
    throw new VeleroConfigError(subject, [
      issue('', 'the arguments must be an object', { received: args }),
    ]);
  }
  const issues = [...checkVeleroChartInstallationOptions(args), ...more];
  if (args.createNamespace !== undefined && typeof args.createNamespace !== 'boolean') {
    issues.push(
      issue('createNamespace', 'must be true or false', { received: args.createNamespace }),
    );
  }
  if (
    args.timeout !== undefined &&
    (typeof args.timeout !== 'number' || !Number.isInteger(args.timeout) || args.timeout <= 0)
  ) {
    issues.push(
      issue('timeout', 'must be a whole number of seconds above 0', { received: args.timeout }),
    );
  }
  if (issues.length > 0) throw new VeleroConfigError(subject, issues);
}

/**
 * Values given as plain data whose Velero image names another release than the target: the
 * chart would run another release than the one the objects were checked against.
 */
function valuesReleaseIssues(values: unknown, veleroVersion: unknown): ValidationIssue[] {
  if (!isPlainObject(values) || !isPlainObject(values.image)) return [];
  const tag = values.image.tag;
  const minor = typeof tag === 'string' ? minorReleaseOfTag(tag) : undefined;
  const target = targetVeleroVersion(veleroVersion);
  if (minor === undefined || minor === target) return [];
  return [
    issue(
      'values.image.tag',
      `is Velero ${minor}, but the release installs for Velero ${target} (\`veleroVersion\`): build the values and the release for the same Velero release`,
      { received: tag, allowed: `a Velero ${target} tag` },
    ),
  ];
}

/**
 * The vmware-tanzu `velero` chart as a `kubernetes.helm.v3.Release`, installed the one way the
 * library's values are tested for: the pinned repository, chart and version (12.1.0), an explicit
 * release name (no auto-name), the namespace, and the values.
 *
 * @param name the Pulumi logical name
 * @param args the values and the release's options
 * @param opts resource options (e.g. the cluster's Kubernetes provider)
 * @returns the release
 * @throws VeleroConfigError before registering anything when an argument is invalid
 */
export function veleroHelmRelease(
  name: string,
  args: VeleroHelmReleaseArgs,
  opts?: pulumi.CustomResourceOptions,
): k8s.helm.v3.Release {
  const subject = `velero Helm release "${name}"`;
  checkReleaseArgs(
    args,
    subject,
    isPlainObject(args) ? valuesReleaseIssues(args.values, args.veleroVersion) : [],
  );
  if (args.values === undefined || args.values === null) {
    throw new VeleroConfigError(subject, [
      issue(
        'values',
        'are required: pass VeleroBackupPlatform.helmValues or veleroHelmValues(...)',
      ),
    ]);
  }
  const chart = veleroChartInstallation({
    ...(args.releaseName === undefined ? {} : { releaseName: args.releaseName }),
    ...(args.namespace === undefined ? {} : { namespace: args.namespace }),
    ...(args.repository === undefined ? {} : { repository: args.repository }),
    ...(args.veleroVersion === undefined ? {} : { veleroVersion: args.veleroVersion }),
  });
  return new k8s.helm.v3.Release(
    name,
    {
      name: chart.releaseName,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repository },
      namespace: chart.namespace,
      createNamespace: args.createNamespace ?? true,
      values: args.values as unknown as pulumi.Input<Record<string, unknown>>,
      ...(args.timeout === undefined ? {} : { timeout: args.timeout }),
    },
    opts,
  );
}

/**
 * The `installVelero` of `VeleroBackupPlatform` that installs the chart with
 * {@link veleroHelmRelease} (logical name `<platform>-velero`, the platform's namespace,
 * `helmValues` and `veleroVersion`, which must be 1.18: the pinned chart deploys Velero 1.18):
 *
 * ```ts
 * new VeleroBackupPlatform('prod', { ..., installVelero: installVeleroChart() });
 * ```
 *
 * @param options the release's options (release name, namespace creation, timeout, a mirror)
 * @returns the callback
 * @throws VeleroConfigError at once when an option is invalid
 */
export function installVeleroChart(
  options: InstallVeleroChartOptions = {},
): (context: VeleroInstallContext, opts: pulumi.ComponentResourceOptions) => k8s.helm.v3.Release {
  checkReleaseArgs(options, 'installVeleroChart');
  return (context, opts) =>
    veleroHelmRelease(
      `${context.platformName}-velero`,
      {
        ...options,
        namespace: context.namespace,
        values: context.helmValues,
        veleroVersion: context.veleroVersion,
      },
      opts,
    );
}
