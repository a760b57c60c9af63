/**
 * The backup-health alerts of `VeleroBackupPlatform`: the rules for the platform's own schedules
 * and location, delivered through the velero chart's values.
 *
 * @internal
 */
import {
  type VeleroChartMetricsValues,
  veleroChartMetricsValues,
} from '../core/alerts/chartMetricsValues';
import type { RestoreDrillAlertTarget } from '../core/alerts/restoreDrillAlertTarget';
import type { PrometheusRuleGroup } from '../core/alerts/types';
import { veleroAlertRules } from '../core/alerts/veleroAlertRules';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import { DEFAULT_CHART_FULLNAME } from '../core/helmValues';
import type { ScheduleManifest } from '../core/types/schedule';
import type { VeleroVersion } from '../core/versions/veleroVersion';
import type { VeleroAlertOptionsArgs } from './backupAlerts';

/**
 * The platform's alerts. On by default: the chart gets its ServiceMonitor (so Prometheus scrapes
 * Velero) and a PrometheusRule with the generated rules, both with the chart's `autodetect`, so
 * Helm renders them only when the cluster serves `monitoring.coreos.com/v1` (the Prometheus
 * Operator's API) when Velero is installed or upgraded. Plain IaC cannot ask the cluster while it
 * plans; Helm, installing into it, can.
 */
export interface VeleroPlatformAlertsArgs
  extends Omit<
    VeleroAlertOptionsArgs,
    'name' | 'groupName' | 'evaluationInterval' | 'restoreDrills' | 'veleroVersion'
  > {
  /**
   * Restore drills made outside the platform to watch, besides the platform's own `drills`
   * (always watched).
   * @default none
   */
  restoreDrills?: RestoreDrillAlertTarget[];
  /**
   * Generate the alerts.
   * @default true
   */
  enabled?: boolean;
  /**
   * Let Helm check for the Prometheus Operator's API before rendering. Set `false` where Helm
   * cannot ask the cluster (`helm template`, Argo CD, client-side rendering) and the operator is
   * known to be there.
   * @default true
   */
  autodetect?: boolean;
}

/** What the platform decided about its alerts. */
export interface PlatformAlertsPlan {
  /** The chart's `metrics` values, or `undefined` with the alerts off. */
  readonly metrics: VeleroChartMetricsValues | undefined;
  /** The rule groups (empty with the alerts off). */
  readonly groups: PrometheusRuleGroup[];
}

/**
 * The issues with the alert options, under `alerts`. Problems of the schedules themselves are the
 * platform's to report (it checks them with the same rules), so they are left out here.
 */
function underAlerts(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues
    .filter((item) => !item.path.startsWith('schedules'))
    .map((item) => ({ ...item, path: item.path === '' ? 'alerts' : `alerts.${item.path}` }));
}

/** The alerts of the platform's schedules and location, or the issues with `alerts`. */
export function planPlatformAlerts(
  alerts: VeleroPlatformAlertsArgs | undefined,
  platform: {
    /** The platform's schedules. */
    readonly schedules: readonly ScheduleManifest[];
    /** Its BackupStorageLocation. */
    readonly location: { name: string; namespace: string };
    /** Its restore drills, each watched by the rules. */
    readonly restoreDrills: readonly RestoreDrillAlertTarget[];
    /** The chart's fullname, which names Velero's metrics job. */
    readonly chartFullname: string | undefined;
    /** The release the platform targets, which parses the schedules' crons. */
    readonly veleroVersion: VeleroVersion;
  },
): { plan: PlatformAlertsPlan; issues: ValidationIssue[] } {
  const { schedules, location, restoreDrills, chartFullname, veleroVersion } = platform;
  const off: PlatformAlertsPlan = { metrics: undefined, groups: [] };
  if (
    alerts !== undefined &&
    (typeof alerts !== 'object' || alerts === null || Array.isArray(alerts))
  ) {
    return { plan: off, issues: [issue('alerts', 'must be an object', { received: alerts })] };
  }
  const { enabled, autodetect, labels, namespace, ...options } = alerts ?? {};
  const issues: ValidationIssue[] = [];
  for (const [key, value] of [
    ['enabled', enabled],
    ['autodetect', autodetect],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      issues.push(issue(`alerts.${key}`, 'must be true or false', { received: value }));
    }
  }
  if (enabled === false) return { plan: off, issues };
  try {
    const rules = veleroAlertRules(schedules, {
      // The chart's ServiceMonitor names the job after its Service: the chart's fullname.
      veleroJob: chartFullname ?? DEFAULT_CHART_FULLNAME,
      ...options,
      veleroVersion,
      backupStorageLocations: [{ metadata: location }],
      ...(restoreDrills.length === 0 && options.restoreDrills === undefined
        ? {}
        : {
            // The user's first, so that the paths of problems with them match their list.
            restoreDrills: Array.isArray(options.restoreDrills)
              ? [...options.restoreDrills, ...restoreDrills]
              : (options.restoreDrills ?? restoreDrills),
          }),
      ...(labels === undefined ? {} : { labels }),
      ...(namespace === undefined ? {} : { namespace }),
    });
    if (issues.length > 0) return { plan: off, issues };
    const metrics = veleroChartMetricsValues(rules.groups, {
      ...(autodetect === undefined ? {} : { autodetect }),
      ...(labels === undefined ? {} : { labels }),
      ...(namespace === undefined ? {} : { namespace }),
    });
    return { plan: { metrics, groups: rules.groups }, issues };
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    return { plan: off, issues: [...issues, ...underAlerts(error.issues)] };
  }
}
