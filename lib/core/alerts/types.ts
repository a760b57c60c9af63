/**
 * The shapes of the backup-health alert rules: what {@link veleroAlertRules} reads (Schedules,
 * BackupStorageLocations, restore drills, options) and what it returns (Prometheus rule groups
 * and a Prometheus Operator `PrometheusRule`).
 */

import type { VeleroTargetOptions } from '../versions/veleroVersion';
import type { RestoreDrillAlertTarget } from './restoreDrillAlertTarget';

/** The API version of the Prometheus Operator's `PrometheusRule`. */
export const PROMETHEUS_RULE_API_VERSION = 'monitoring.coreos.com/v1';

/** A Velero Schedule as the alert rules read it; every `ScheduleManifest` is one. */
export interface AlertedSchedule {
  /** The Schedule's name and namespace. */
  readonly metadata: {
    /** The Schedule's name: the `schedule` label of Velero's metrics. */
    readonly name: string;
    /**
     * The Schedule's namespace, which is the Velero server's.
     * @default 'velero'
     */
    readonly namespace?: string;
  };
  /** The parts of the spec the rules depend on. */
  readonly spec: {
    /** The cron expression (with an optional `CRON_TZ=` prefix), as Velero reads it. */
    readonly schedule: string;
    /**
     * A paused schedule creates no backups, so it gets no missed-backup or never-succeeded alert.
     * @default false
     */
    readonly paused?: boolean;
    /** The backup template's fields the rules use. */
    readonly template?: {
      /**
       * How long Velero lets a backup's asynchronous operations run (a Go duration); the default
       * allowance for a backup's duration.
       * @default the server's `--default-item-operation-timeout` (4h)
       */
      readonly itemOperationTimeout?: string;
      /**
       * The BackupStorageLocation the backups go to; it gets a location-unavailable alert.
       * @default the default location
       */
      readonly storageLocation?: string;
    };
  };
}

/** A BackupStorageLocation as the alert rules read it; every `BackupStorageLocationManifest` is one. */
export interface AlertedLocation {
  /** The location's name and namespace. */
  readonly metadata: {
    /** The location's name: the `backup_location_name` label of Velero's metrics. */
    readonly name: string;
    /**
     * The location's namespace, which is the Velero server's.
     * @default 'velero'
     */
    readonly namespace?: string;
  };
}

/** The severity label of each alert. */
export interface VeleroAlertSeverities {
  /**
   * A schedule's last completed backup is older than its longest gap plus the allowance.
   * @default 'critical'
   */
  readonly missed?: string;
  /**
   * A schedule has had no completed backup at all since the rules were deployed.
   * @default 'critical'
   */
  readonly neverSucceeded?: string;
  /**
   * A backup of a schedule failed, partially failed or failed validation.
   * @default 'warning'
   */
  readonly failed?: string;
  /**
   * A BackupStorageLocation is unavailable.
   * @default 'critical'
   */
  readonly locationUnavailable?: string;
  /**
   * Prometheus gets no metrics from Velero.
   * @default 'critical'
   */
  readonly notScraped?: string;
  /**
   * A restore drill has not succeeded within its interval.
   * @default 'warning'
   */
  readonly drillMissed?: string;
  /**
   * A restore drill has never succeeded since its CronJob was created, or kube-state-metrics
   * does not report its CronJob.
   * @default 'warning'
   */
  readonly drillNeverSucceeded?: string;
}

/**
 * How long each condition must hold before its alert fires (the rule's `for:`), as a Prometheus
 * or Go duration. The never-succeeded alert has no such option: its `for:` is the schedule's
 * threshold itself.
 */
export interface VeleroAlertForDurations {
  /**
   * Missed backup. The threshold already includes the allowance, so nothing more is needed.
   * @default '0s'
   */
  readonly missed?: string;
  /**
   * Failed backup: counters only move when a backup ends, so one increase is enough.
   * @default '0s'
   */
  readonly failed?: string;
  /**
   * Location unavailable: Velero checks each location once a minute; a short outage of the bucket
   * should not page anyone.
   * @default '5m'
   */
  readonly locationUnavailable?: string;
  /**
   * Velero not scraped: a Velero pod restart leaves no target for a moment.
   * @default '10m'
   */
  readonly notScraped?: string;
  /**
   * Restore drill missed.
   * @default '0s'
   */
  readonly drillMissed?: string;
}

/**
 * Options of {@link veleroAlertRules}. `veleroVersion` is the release whose Velero server runs the
 * schedules: it parses their crons with its robfig/cron (no `CRON_TZ=` before 1.15, and a
 * starred field with a step keeps Velero 1.14's day matching).
 */
export interface VeleroAlertRulesOptions extends VeleroTargetOptions {
  /**
   * The BackupStorageLocations to watch, besides those the schedules name. When none is given and
   * a schedule names no location, the rules watch Velero's default location name `default`.
   * @default none
   */
  readonly backupStorageLocations?: readonly AlertedLocation[];
  /**
   * Restore drills: each gets an alert when it has not succeeded within its interval, and one
   * when it has never succeeded since its CronJob was created.
   * @default none
   */
  readonly restoreDrills?: readonly RestoreDrillAlertTarget[];
  /**
   * The `job` label of Velero's metrics in Prometheus. The chart's ServiceMonitor and the usual
   * scrape configurations name the job after the Service, `velero` for the release `velero`.
   * An empty string leaves `job` out of the selectors.
   * @default 'velero'
   */
  readonly veleroJob?: string;
  /**
   * Match the `namespace` label of Velero's metrics to the namespace of each schedule and
   * location (the Velero server's). Turn off when Prometheus scrapes Velero without it.
   * @default true
   */
  readonly matchNamespace?: boolean;
  /**
   * More exact label matchers for every selector, e.g. `{ cluster: 'prod-eu' }` in a Prometheus
   * shared by several clusters.
   * @default none
   */
  readonly extraMatchers?: Readonly<Record<string, string>>;
  /**
   * The `job` label of kube-state-metrics, whose CronJob metrics the restore-drill alerts read. An
   * empty string leaves `job` out.
   * @default 'kube-state-metrics'
   */
  readonly kubeStateMetricsJob?: string;
  /**
   * How long after a scheduled run its backup may complete and show in Prometheus, for every
   * schedule (a Prometheus or Go duration). Add it to the longest gap between runs and you get
   * the missed-backup threshold.
   * @default the schedule's `template.itemOperationTimeout` (Velero's default 4h) plus 5m
   */
  readonly backupAllowance?: string;
  /**
   * The allowance per schedule name, overriding `backupAllowance`.
   * @default none
   */
  readonly backupAllowances?: Readonly<Record<string, string>>;
  /**
   * How long a failed backup keeps its alert firing (the range of `increase()`).
   * @default the schedule's longest gap, at least 1h and at most 7d
   */
  readonly failureWindow?: string;
  /**
   * The severity label of each alert.
   * @default see {@link VeleroAlertSeverities}
   */
  readonly severities?: VeleroAlertSeverities;
  /**
   * The `for:` of each alert.
   * @default see {@link VeleroAlertForDurations}
   */
  readonly forDurations?: VeleroAlertForDurations;
  /**
   * Labels added to every alert (e.g. `{ team: 'platform' }` for routing).
   * @default none
   */
  readonly alertLabels?: Readonly<Record<string, string>>;
  /**
   * Annotations added to every alert.
   * @default none
   */
  readonly alertAnnotations?: Readonly<Record<string, string>>;
  /**
   * The `runbook_url` annotation of every alert.
   * @default `DEFAULT_RUNBOOK_URL`, the README's section on restores
   */
  readonly runbookUrl?: string;
  /**
   * The name of the rule group.
   * @default 'velero-backup-health'
   */
  readonly groupName?: string;
  /**
   * How often Prometheus evaluates the group (the group's `interval`).
   * @default Prometheus's global `evaluation_interval`
   */
  readonly evaluationInterval?: string;
  /**
   * The PrometheusRule's name.
   * @default 'velero-backup-alerts'
   */
  readonly name?: string;
  /**
   * The PrometheusRule's namespace.
   * @default the namespace of the schedules ('velero')
   */
  readonly namespace?: string;
  /**
   * Labels of the PrometheusRule object. A Prometheus Operator that selects rules by label (the
   * kube-prometheus-stack chart wants `release: <its release name>`) only loads the rules with
   * them.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the PrometheusRule object.
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One alerting rule, as Prometheus and the Prometheus Operator read it. */
export interface PrometheusAlertingRule {
  /** The alert's name. */
  alert: string;
  /** The PromQL expression; every series it returns is an alert. */
  expr: string;
  /** How long the expression must return the series before the alert fires. */
  for?: string;
  /** Labels added to the alert. */
  labels?: Record<string, string>;
  /** Annotations of the alert (Go templates over `$labels` and `$value`). */
  annotations?: Record<string, string>;
}

/** A rule group. */
export interface PrometheusRuleGroup {
  /** The group's name, unique in its file or PrometheusRule. */
  name: string;
  /** How often the group is evaluated. */
  interval?: string;
  /** The rules. */
  rules: PrometheusAlertingRule[];
}

/** A Prometheus rules file (`rule_files:`), the form `promtool check rules` reads. */
export interface PrometheusRulesFile {
  /** The rule groups. */
  groups: PrometheusRuleGroup[];
}

/** A Prometheus Operator `PrometheusRule`. */
export interface PrometheusRuleManifest {
  /** `monitoring.coreos.com/v1`. */
  apiVersion: typeof PROMETHEUS_RULE_API_VERSION;
  /** `PrometheusRule`. */
  kind: 'PrometheusRule';
  /** The object's metadata. */
  metadata: {
    /** The object's name. */
    name: string;
    /** The object's namespace. */
    namespace: string;
    /** The object's labels. */
    labels?: Record<string, string>;
    /** The object's annotations. */
    annotations?: Record<string, string>;
  };
  /** The rule groups. */
  spec: PrometheusRulesFile;
}

/** What the rules decided for one schedule. */
export interface ScheduleAlertPlan {
  /** The schedule's name. */
  readonly name: string;
  /** The schedule's namespace. */
  readonly namespace: string;
  /** The cron expression. */
  readonly cron: string;
  /** The zone it runs in (`UTC` without `CRON_TZ=`). */
  readonly timeZone: string;
  /** Whether it is paused (then it has no missed-backup and no never-succeeded alert). */
  readonly paused: boolean;
  /** The longest time between two consecutive runs, in seconds (daylight saving included). */
  readonly longestGapSeconds: number;
  /** The allowance for a backup's duration, in seconds. */
  readonly allowanceSeconds: number;
  /** After how long without a completed backup the missed-backup alert fires, in seconds. */
  readonly missedAfterSeconds: number;
  /** The range over which failures are counted, in seconds. */
  readonly failureWindowSeconds: number;
}

/** What the rules decided for one restore drill. */
export interface DrillAlertPlan {
  /** The drill's name (its CronJob's). */
  readonly name: string;
  /** The CronJob's namespace. */
  readonly namespace: string;
  /** The schedule it verifies. */
  readonly schedule: string;
  /** The longest time between two consecutive runs of the drill's cron, in seconds. */
  readonly longestGapSeconds: number;
  /** After how long without a successful drill its alert fires, in seconds. */
  readonly missedAfterSeconds: number;
}

/** The result of {@link veleroAlertRules}. */
export interface VeleroAlertRules {
  /** The rule groups, for a plain Prometheus (`rule_files:`). */
  readonly groups: PrometheusRuleGroup[];
  /** The same groups as a Prometheus Operator `PrometheusRule`. */
  readonly prometheusRule: PrometheusRuleManifest;
  /** What was decided for each schedule, in the order given. */
  readonly schedules: readonly ScheduleAlertPlan[];
  /** What was decided for each restore drill, in the order given. */
  readonly restoreDrills: readonly DrillAlertPlan[];
}
