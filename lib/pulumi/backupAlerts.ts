import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { RestoreDrillAlertTarget } from '../core/alerts/restoreDrillAlertTarget';
import {
  type AlertedSchedule,
  PROMETHEUS_RULE_API_VERSION,
  type PrometheusRuleGroup,
  type ScheduleAlertPlan,
  type VeleroAlertForDurations,
  type VeleroAlertRules,
  type VeleroAlertRulesOptions,
  type VeleroAlertSeverities,
} from '../core/alerts/types';
import { veleroAlertRules } from '../core/alerts/veleroAlertRules';
import { VeleroConfigError } from '../core/errors';
import type { VeleroVersion } from '../core/versions/veleroVersion';

/** The Pulumi type token of {@link VeleroBackupAlerts}. */
export const VELERO_BACKUP_ALERTS_TYPE = 'velero-iac:alerts:VeleroBackupAlerts';

/** A schedule to alert on: what the rules read of a Velero Schedule. */
export interface VeleroAlertScheduleArgs {
  /** The Schedule's name (the `schedule` label of Velero's metrics). */
  name: string;
  /**
   * The Schedule's namespace, Velero's.
   * @default 'velero'
   */
  namespace?: string;
  /** The cron expression, with an optional `CRON_TZ=` prefix. */
  schedule: string;
  /**
   * Whether the schedule is paused (no missed-backup alert then).
   * @default false
   */
  paused?: boolean;
  /**
   * The template's `itemOperationTimeout` (a Go duration): the default allowance for a backup.
   * @default Velero's 4h
   */
  itemOperationTimeout?: string;
  /**
   * The template's `storageLocation`.
   * @default the default location
   */
  storageLocation?: string;
}

/** A BackupStorageLocation to watch. */
export interface VeleroAlertLocationArgs {
  /** The location's name. */
  name: string;
  /**
   * The location's namespace, Velero's.
   * @default 'velero'
   */
  namespace?: string;
}

/** The options of the rules, as plain values (see the core's `veleroAlertRules`). */
export interface VeleroAlertOptionsArgs {
  /**
   * Restore drills to watch (e.g. `VeleroRestoreDrill.alertTarget`).
   * @default none
   */
  restoreDrills?: RestoreDrillAlertTarget[];
  /**
   * The `job` label of Velero's metrics; an empty string leaves it out of the selectors.
   * @default 'velero'
   */
  veleroJob?: string;
  /**
   * Match the `namespace` label of Velero's metrics to the schedules' namespace.
   * @default true
   */
  matchNamespace?: boolean;
  /**
   * More exact label matchers for every selector (e.g. `{ cluster: 'prod-eu' }`).
   * @default none
   */
  extraMatchers?: { [label: string]: string };
  /**
   * The `job` label of kube-state-metrics; an empty string leaves it out.
   * @default 'kube-state-metrics'
   */
  kubeStateMetricsJob?: string;
  /**
   * How long after its scheduled time a backup may complete, for every schedule.
   * @default the schedule's itemOperationTimeout (4h) plus 5m
   */
  backupAllowance?: string;
  /**
   * The allowance per schedule name.
   * @default none
   */
  backupAllowances?: { [schedule: string]: string };
  /**
   * How long a failed backup keeps its alert firing.
   * @default the schedule's longest gap, from 1h to 7d
   */
  failureWindow?: string;
  /**
   * The severity label of each alert.
   * @default critical for missed, never succeeded, location unavailable and not scraped; warning otherwise
   */
  severities?: VeleroAlertSeverities;
  /**
   * The `for:` of each alert.
   * @default 0s, but 5m for location unavailable and 10m for not scraped
   */
  forDurations?: VeleroAlertForDurations;
  /**
   * Labels added to every alert.
   * @default none
   */
  alertLabels?: { [label: string]: string };
  /**
   * Annotations added to every alert.
   * @default none
   */
  alertAnnotations?: { [name: string]: string };
  /**
   * The `runbook_url` annotation.
   * @default the README's section on restores
   */
  runbookUrl?: string;
  /**
   * The PrometheusRule's namespace.
   * @default the schedules' namespace ('velero')
   */
  namespace?: string;
  /**
   * Labels of the PrometheusRule (kube-prometheus-stack selects rules by `release: <release>`).
   * @default none
   */
  labels?: { [key: string]: string };
}

/** Arguments of {@link VeleroBackupAlerts}. */
export interface VeleroBackupAlertsArgs extends VeleroAlertOptionsArgs {
  /** The schedules to alert on. */
  schedules: VeleroAlertScheduleArgs[];
  /**
   * The Velero release that runs the schedules: its robfig/cron parses their crons (no
   * `CRON_TZ=` before 1.15). One of `'1.12'` … `'1.18'`, checked by the core (a plain string,
   * so that Pulumi's schema inference can describe it for other languages).
   * @default '1.18'
   */
  veleroVersion?: string;
  /**
   * The rule group's name.
   * @default 'velero-backup-health'
   */
  groupName?: string;
  /**
   * How often the group is evaluated.
   * @default Prometheus's global evaluation_interval
   */
  evaluationInterval?: string;
  /**
   * The PrometheusRule's name.
   * @default 'velero-backup-alerts'
   */
  name?: string;
  /**
   * Annotations of the PrometheusRule.
   * @default none
   */
  annotations?: { [key: string]: string };

  /**
   * BackupStorageLocations to watch besides those the schedules name.
   * @default none (the schedules' locations, or `default`)
   */
  backupStorageLocations?: VeleroAlertLocationArgs[];
}

/** The core's schedule shape for one schedule argument. */
function alertedScheduleOf(schedule: VeleroAlertScheduleArgs): AlertedSchedule {
  if (typeof schedule !== 'object' || schedule === null) return schedule as never;
  const template = {
    ...(schedule.itemOperationTimeout === undefined
      ? {}
      : { itemOperationTimeout: schedule.itemOperationTimeout }),
    ...(schedule.storageLocation === undefined
      ? {}
      : { storageLocation: schedule.storageLocation }),
  };
  return {
    metadata: {
      name: schedule.name,
      ...(schedule.namespace === undefined ? {} : { namespace: schedule.namespace }),
    },
    spec: {
      schedule: schedule.schedule,
      ...(schedule.paused === undefined ? {} : { paused: schedule.paused }),
      template,
    },
  };
}

/** The core's options for the component's arguments. */
function coreOptions(args: VeleroBackupAlertsArgs): VeleroAlertRulesOptions {
  const { schedules: _schedules, backupStorageLocations, veleroVersion, ...options } = args;
  return {
    ...options,
    // Checked by the core, which names the allowed releases.
    ...(veleroVersion === undefined ? {} : { veleroVersion: veleroVersion as VeleroVersion }),
    ...(backupStorageLocations === undefined
      ? {}
      : {
          backupStorageLocations: Array.isArray(backupStorageLocations)
            ? backupStorageLocations.map((l) =>
                typeof l === 'object' && l !== null
                  ? {
                      metadata: {
                        name: l.name,
                        ...(l.namespace === undefined ? {} : { namespace: l.namespace }),
                      },
                    }
                  : (l as never),
              )
            : (backupStorageLocations as never),
        }),
  };
}

/** The rules for the component's arguments, or the `VeleroConfigError` listing every problem. */
export function veleroBackupAlertRules(args: VeleroBackupAlertsArgs): VeleroAlertRules {
  if (typeof args !== 'object' || args === null) {
    return veleroAlertRules(args as never);
  }
  const schedules = Array.isArray(args.schedules)
    ? args.schedules.map(alertedScheduleOf)
    : args.schedules;
  return veleroAlertRules(schedules as AlertedSchedule[], coreOptions(args));
}

// Kept outside the instance: a resource-typed property cannot be an output of a component that
// Pulumi's schema inference describes for other languages; the getter is not one.
const prometheusRules = new WeakMap<VeleroBackupAlerts, k8s.apiextensions.CustomResource>();

/**
 * Backup-health alerts for Velero: a Prometheus Operator `PrometheusRule` generated from the
 * schedules by the core's `veleroAlertRules` (missed, never-succeeded and failed backups per
 * schedule, unavailable locations, Velero not scraped, restore drills). The cluster needs the
 * Prometheus Operator's CRDs. The rules are checked before anything is registered.
 *
 * @example
 * new VeleroBackupAlerts('alerts', { schedules: [{ name: 'daily', schedule: '0 3 * * *' }], labels: { release: 'kube-prometheus-stack' } }, { provider });
 */
export class VeleroBackupAlerts extends pulumi.ComponentResource {
  /** The PrometheusRule's name. */
  readonly ruleName: string;
  /** The PrometheusRule's namespace. */
  readonly ruleNamespace: string;
  /** The rule groups (the same as the PrometheusRule's), for a Prometheus without the operator. */
  readonly groups: PrometheusRuleGroup[];
  /** What was decided per schedule: its longest gap, allowance and thresholds. */
  readonly schedulePlans: ScheduleAlertPlan[];

  /** The PrometheusRule resource (e.g. for `dependsOn`). */
  get prometheusRule(): k8s.apiextensions.CustomResource {
    return prometheusRules.get(this) as k8s.apiextensions.CustomResource;
  }

  /**
   * @param name the component's logical name (also the PrometheusRule resource's)
   * @param args the schedules and the options of the rules
   * @param opts resource options; `provider`/`providers` reach the PrometheusRule
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroBackupAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    let rules: VeleroAlertRules;
    try {
      rules = veleroBackupAlertRules(args);
    } catch (error) {
      if (error instanceof VeleroConfigError)
        throw error.withSubject(`VeleroBackupAlerts "${name}" (${error.subject})`);
      throw error;
    }
    super(VELERO_BACKUP_ALERTS_TYPE, name, {}, opts);
    const manifest = rules.prometheusRule;
    this.ruleName = manifest.metadata.name;
    this.ruleNamespace = manifest.metadata.namespace;
    this.groups = rules.groups;
    this.schedulePlans = [...rules.schedules];
    const resource = new k8s.apiextensions.CustomResource(
      name,
      {
        apiVersion: PROMETHEUS_RULE_API_VERSION,
        kind: 'PrometheusRule',
        metadata: manifest.metadata,
        spec: manifest.spec,
      },
      { parent: this, ...(opts?.dependsOn === undefined ? {} : { dependsOn: opts.dependsOn }) },
    );
    prometheusRules.set(this, resource);
    this.registerOutputs({ ruleName: this.ruleName, ruleNamespace: this.ruleNamespace });
  }
}
