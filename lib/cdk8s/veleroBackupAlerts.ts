import type { Construct } from 'constructs';
import {
  type AlertedLocation,
  type AlertedSchedule,
  type BackupStorageLocationManifest,
  type PrometheusRuleGroup,
  type PrometheusRuleManifest,
  type RestoreDrillAlertTarget,
  type ScheduleAlertPlan,
  type ScheduleManifest,
  type ScheduleOptions,
  scheduleManifest,
  type VeleroAlertRulesOptions,
  veleroAlertRules,
} from '../core/index';
import { VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** A schedule to alert on: a schedule construct (`VeleroSchedule`, `UdsDefaultSchedule`), a Schedule manifest, or plain schedule options. */
export type VeleroBackupAlertsSchedule =
  | { readonly manifest: ScheduleManifest }
  | AlertedSchedule
  | ScheduleOptions;

/** A location to watch: a `VeleroBackupStorageLocation` construct or a location manifest. */
export type VeleroBackupAlertsLocation =
  | { readonly manifest: BackupStorageLocationManifest }
  | AlertedLocation;

/** A restore drill to watch: a `VeleroRestoreDrill` construct or its alert target. */
export type VeleroBackupAlertsDrill =
  | { readonly alertTarget: RestoreDrillAlertTarget }
  | RestoreDrillAlertTarget;

/** Props of {@link VeleroBackupAlerts}: the schedules, plus every option of the core's `veleroAlertRules`. */
export interface VeleroBackupAlertsProps
  extends Omit<VeleroAlertRulesOptions, 'backupStorageLocations' | 'restoreDrills'> {
  /** The schedules to alert on. */
  readonly schedules: readonly VeleroBackupAlertsSchedule[];
  /**
   * BackupStorageLocations to watch besides those the schedules name.
   * @default none (the schedules' locations, or `default`)
   */
  readonly backupStorageLocations?: readonly VeleroBackupAlertsLocation[];
  /**
   * Restore drills to watch.
   * @default none
   */
  readonly restoreDrills?: readonly VeleroBackupAlertsDrill[];
}

function scheduleOf(
  item: VeleroBackupAlertsSchedule,
  veleroVersion: VeleroAlertRulesOptions['veleroVersion'],
): AlertedSchedule {
  if (typeof item === 'object' && item !== null) {
    if ('manifest' in item) return item.manifest;
    if ('spec' in item) return item;
  }
  const options = item as ScheduleOptions;
  return scheduleManifest(
    options.veleroVersion === undefined && veleroVersion !== undefined
      ? { ...options, veleroVersion }
      : options,
  );
}

function locationOf(item: VeleroBackupAlertsLocation): AlertedLocation {
  return typeof item === 'object' && item !== null && 'manifest' in item ? item.manifest : item;
}

function drillOf(item: VeleroBackupAlertsDrill): RestoreDrillAlertTarget {
  return typeof item === 'object' && item !== null && 'alertTarget' in item
    ? item.alertTarget
    : item;
}

/**
 * Backup-health alerts for Velero as a Prometheus Operator `PrometheusRule`, generated from the
 * schedules by the core's `veleroAlertRules`: per schedule a missed-backup alert from the longest
 * gap between its cron's runs (daylight saving included), a never-succeeded alert and a failure
 * alert; per location an unavailable alert; Velero not scraped; per restore drill a missed and a
 * never-succeeded alert. Needs the Prometheus Operator's CRDs in the cluster (kube-prometheus-stack
 * wants the label `release: <its release>` on the rule: pass it in `labels`).
 *
 * @example
 * const daily = new UdsDefaultSchedule(chart, 'default');
 * new VeleroBackupAlerts(chart, 'alerts', { schedules: [daily], labels: { release: 'kube-prometheus-stack' } });
 */
export class VeleroBackupAlerts extends VeleroManifestConstruct<PrometheusRuleManifest> {
  /** The rule groups, for a Prometheus without the operator (the same as the PrometheusRule's). */
  readonly groups: readonly PrometheusRuleGroup[];
  /** What was decided per schedule: its longest gap, allowance and thresholds. */
  readonly schedules: readonly ScheduleAlertPlan[];

  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the schedules and the options of the rules
   * @throws VeleroConfigError naming this construct's path and every invalid schedule or option
   */
  constructor(scope: Construct, id: string, props: VeleroBackupAlertsProps) {
    let built: ReturnType<typeof veleroAlertRules> | undefined;
    super(scope, id, 'VeleroBackupAlerts', () => {
      const { schedules, backupStorageLocations, restoreDrills, ...options } =
        withContextVeleroVersion(scope, props);
      // Anything but a list is passed on as it is, for the core to report.
      const list = Array.isArray(schedules)
        ? schedules.map((item) => scheduleOf(item, options.veleroVersion))
        : (schedules as unknown as AlertedSchedule[]);
      built = veleroAlertRules(list, {
        ...options,
        ...(backupStorageLocations === undefined
          ? {}
          : { backupStorageLocations: backupStorageLocations.map(locationOf) }),
        ...(restoreDrills === undefined ? {} : { restoreDrills: restoreDrills.map(drillOf) }),
      });
      return built.prometheusRule;
    });
    const result = built as unknown as ReturnType<typeof veleroAlertRules>;
    this.groups = result.groups;
    this.schedules = result.schedules;
  }
}
