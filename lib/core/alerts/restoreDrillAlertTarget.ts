/**
 * The contract between restore drills and backup-health alerts: what `veleroAlertRules` needs to
 * know of one restore drill to alert when it has not succeeded within its interval.
 */

/** One restore drill, as the alert rules see it. */
export interface RestoreDrillAlertTarget {
  /** The drill's name (also the name of its CronJob). */
  readonly name: string;
  /** The namespace of the drill's CronJob. */
  readonly namespace: string;
  /** The Velero Schedule whose newest backup the drill restores. */
  readonly schedule: string;
  /** The drill's own cron expression (Kubernetes CronJob `spec.schedule`). */
  readonly cron: string;
  /**
   * The IANA time zone of the CronJob (`spec.timeZone`).
   * @default the kube-controller-manager's zone (UTC in practice)
   */
  readonly timeZone?: string;
  /** The longest one drill may run (the Job's `activeDeadlineSeconds`), in seconds. */
  readonly maxDurationSeconds: number;
}
