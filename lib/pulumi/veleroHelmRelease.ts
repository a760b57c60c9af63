import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { issue, VeleroConfigError } from '../core/errors';
import type { VeleroHelmValues } from '../core/helmValues';
import { isPlainObject } from '../core/schema/checkShape';
import {
  checkVeleroChartInstallationOptions,
  type VeleroChartInstallationOptions,
  veleroChartInstallation,
} from '../core/veleroChart';
import type { VeleroInstallContext } from './platform';

/** Arguments of {@link veleroHelmRelease}. */
export interface VeleroHelmReleaseArgs extends VeleroChartInstallationOptions {
  /**
   * The chart values: `VeleroBackupPlatform.helmValues`, or `veleroHelmValues(...)` built for the
   * same namespace.
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
export type InstallVeleroChartOptions = Omit<VeleroHelmReleaseArgs, 'values' | 'namespace'>;

function checkReleaseArgs(args: Omit<VeleroHelmReleaseArgs, 'values'>, subject: string): void {
  if (!isPlainObject(args)) {
    throw new VeleroConfigError(subject, [
      issue('', 'the arguments must be an object', { received: args }),
    ]);
  }
  const issues = checkVeleroChartInstallationOptions(args);
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
  checkReleaseArgs(args, subject);
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
 * {@link veleroHelmRelease} (logical name `<platform>-velero`, the platform's namespace and
 * `helmValues`):
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
      { ...options, namespace: context.namespace, values: context.helmValues },
      opts,
    );
}
