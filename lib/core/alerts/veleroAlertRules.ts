/**
 * Backup-health alert rules generated from the schedules themselves: every schedule's cron gives
 * the longest gap between its runs, so "no backup for too long" is exact per schedule instead of
 * a fixed 25 hours. See {@link veleroAlertRules}.
 */

import { issue, type ValidationIssue, VeleroConfigError } from '../errors';
import { joinPath } from '../path';
import {
  CRON_ALLOWED,
  type CronDialect,
  checkCron,
  checkCronField,
  cronDialectForVeleroVersion,
  type ParsedCron,
  parseCron,
} from '../rules/cron';
import { checkGoDuration, parseGoDuration } from '../rules/duration';
import { checkAnnotations, checkLabels } from '../rules/labels';
import { checkDns1123Label, checkDns1123Subdomain, checkVeleroObjectName } from '../rules/names';
import { isIanaTimeZone } from '../rules/timeZone';
import { isPlainObject, suggestField, typeName } from '../schema/checkShape';
import { DEFAULT_VELERO_NAMESPACE } from '../types/meta';
import { checkVeleroVersion, targetVeleroVersion } from '../versions/veleroVersion';
import { longestFireGap } from './fireGap';
import {
  ALERT_DURATION_ALLOWED,
  formatPrometheusDuration,
  parseAlertDuration,
} from './promDuration';
import { type LabelMatchers, PROMETHEUS_LABEL_NAME, selector } from './promql';
import type { RestoreDrillAlertTarget } from './restoreDrillAlertTarget';
import {
  type AlertedSchedule,
  type DrillAlertPlan,
  PROMETHEUS_RULE_API_VERSION,
  type PrometheusAlertingRule,
  type PrometheusRuleGroup,
  type PrometheusRuleManifest,
  type ScheduleAlertPlan,
  type VeleroAlertForDurations,
  type VeleroAlertRules,
  type VeleroAlertRulesOptions,
  type VeleroAlertSeverities,
} from './types';

/**
 * The default `runbook_url`: the README's section on restores, as the npm registry shows it.
 * Override it with `runbookUrl` to point at your own runbook.
 */
export const DEFAULT_RUNBOOK_URL = 'https://www.npmjs.com/package/velero-iac#restores';

/** The default name of the PrometheusRule. */
export const DEFAULT_ALERT_RULE_NAME = 'velero-backup-alerts';
/** The default name of the rule group. */
export const DEFAULT_ALERT_GROUP_NAME = 'velero-backup-health';

/** The names of the alerts the rules raise. */
export const VELERO_ALERT_NAMES = {
  missed: 'VeleroBackupMissed',
  neverSucceeded: 'VeleroBackupNeverSucceeded',
  failed: 'VeleroBackupFailed',
  locationUnavailable: 'VeleroBackupStorageLocationUnavailable',
  notScraped: 'VeleroNotScraped',
  drillMissed: 'VeleroRestoreDrillMissed',
  drillNeverSucceeded: 'VeleroRestoreDrillNeverSucceeded',
  drillMissing: 'VeleroRestoreDrillMissing',
} as const;

/** Velero's default `itemOperationTimeout` (`--default-item-operation-timeout`). */
const VELERO_DEFAULT_ITEM_OPERATION_TIMEOUT_MS = 4 * 3_600_000;
/**
 * Added to a backup's expected duration: Velero starts a due backup at its next once-a-minute
 * schedule check and refreshes `velero_backup_last_successful_timestamp` once a minute; then the
 * scrape and the rule evaluation.
 */
const REPORTING_LAG_MS = 5 * 60_000;
const MIN_FAILURE_WINDOW_MS = 3_600_000;
const MAX_FAILURE_WINDOW_MS = 7 * 86_400_000;

const DEFAULT_SEVERITIES: Required<VeleroAlertSeverities> = {
  missed: 'critical',
  neverSucceeded: 'critical',
  failed: 'warning',
  locationUnavailable: 'critical',
  notScraped: 'critical',
  drillMissed: 'warning',
  drillNeverSucceeded: 'warning',
};

const DEFAULT_FOR: Required<VeleroAlertForDurations> = {
  missed: '0s',
  failed: '0s',
  locationUnavailable: '5m',
  notScraped: '10m',
  drillMissed: '0s',
};

const OPTION_KEYS: readonly (keyof VeleroAlertRulesOptions)[] = [
  'veleroVersion',
  'backupStorageLocations',
  'restoreDrills',
  'veleroJob',
  'matchNamespace',
  'extraMatchers',
  'kubeStateMetricsJob',
  'backupAllowance',
  'backupAllowances',
  'failureWindow',
  'severities',
  'forDurations',
  'alertLabels',
  'alertAnnotations',
  'runbookUrl',
  'groupName',
  'evaluationInterval',
  'name',
  'namespace',
  'labels',
  'annotations',
];

const DRILL_KEYS: readonly (keyof RestoreDrillAlertTarget)[] = [
  'name',
  'namespace',
  'schedule',
  'cron',
  'timeZone',
  'maxDurationSeconds',
];

/** A schedule after its checks. */
interface ReadSchedule {
  readonly name: string;
  readonly namespace: string;
  readonly cron: ParsedCron;
  readonly paused: boolean;
  readonly itemOperationTimeoutMs: number | undefined;
  readonly storageLocation: string | undefined;
  readonly path: string;
}

function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
  issues: ValidationIssue[],
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = suggestField(key, known);
    issues.push(
      issue(
        joinPath(path, key),
        suggestion === undefined
          ? `is not an option here; known options: ${known.join(', ')}`
          : `is not an option here; did you mean \`${suggestion}\`?`,
        { allowed: suggestion ?? known.join(', ') },
      ),
    );
  }
}

function checkString(value: unknown, path: string, issues: ValidationIssue[]): value is string {
  if (typeof value === 'string') return true;
  issues.push(issue(path, `must be a string, not ${typeName(value)}`, { received: value }));
  return false;
}

function checkDurationOption(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseAlertDuration(value);
  if (ms === undefined) {
    issues.push(
      issue(path, `must be ${ALERT_DURATION_ALLOWED}`, {
        received: value,
        allowed: ALERT_DURATION_ALLOWED,
      }),
    );
  }
  return ms;
}

function checkStringMap(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    issues.push(
      issue(path, `must be an object (map), not ${typeName(value)}`, { received: value }),
    );
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (checkString(item, joinPath(path, key), issues)) out[key] = item;
  }
  return out;
}

/** A map of Prometheus labels: names by Prometheus's rule, none of `reserved`, string values. */
function checkPrometheusLabels(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  reserved: readonly string[] = [],
): Record<string, string> {
  const out = checkStringMap(value, path, issues);
  for (const key of isPlainObject(value) ? Object.keys(value) : []) {
    const at = joinPath(path, key);
    if (!PROMETHEUS_LABEL_NAME.test(key) || key.startsWith('__')) {
      issues.push(
        issue(at, 'is not a Prometheus label name', {
          received: key,
          allowed: 'letters, digits and _, not starting with a digit or __',
        }),
      );
    } else if (reserved.includes(key)) {
      issues.push(
        issue(at, `is set by the rules themselves; ${reserved.join(', ')} cannot be set here`),
      );
    }
  }
  return out;
}

function readSchedules(
  schedules: unknown,
  dialect: CronDialect,
  issues: ValidationIssue[],
): ReadSchedule[] {
  if (!Array.isArray(schedules)) {
    issues.push(
      issue('schedules', `must be a list of Schedule manifests, not ${typeName(schedules)}`, {
        received: schedules,
      }),
    );
    return [];
  }
  const read: ReadSchedule[] = [];
  const seen = new Map<string, string>();
  schedules.forEach((item: unknown, index) => {
    const at = joinPath('schedules', index);
    if (!isPlainObject(item) || !isPlainObject(item['metadata']) || !isPlainObject(item['spec'])) {
      issues.push(
        issue(at, 'must be a Schedule manifest: an object with `metadata` and `spec`', {
          received: item,
        }),
      );
      return;
    }
    const metadata = item['metadata'];
    const spec = item['spec'];
    const before = issues.length;
    const name = metadata['name'];
    issues.push(...checkVeleroObjectName(name, `${at}.metadata.name`, 'Schedule'));
    const namespace = metadata['namespace'] ?? DEFAULT_VELERO_NAMESPACE;
    issues.push(...checkDns1123Label(namespace, `${at}.metadata.namespace`));
    issues.push(...checkCronField(spec['schedule'], `${at}.spec.schedule`, { dialect }));
    const paused = spec['paused'] ?? false;
    if (typeof paused !== 'boolean') {
      issues.push(issue(`${at}.spec.paused`, 'must be true or false', { received: paused }));
    }
    const template = spec['template'] ?? {};
    let itemOperationTimeoutMs: number | undefined;
    let storageLocation: string | undefined;
    if (!isPlainObject(template)) {
      issues.push(issue(`${at}.spec.template`, 'must be an object', { received: template }));
    } else {
      const timeout = template['itemOperationTimeout'];
      if (timeout !== undefined) {
        const problem = checkGoDuration(timeout);
        if (problem === undefined) itemOperationTimeoutMs = parseGoDuration(timeout as string);
        else
          issues.push(
            issue(`${at}.spec.template.itemOperationTimeout`, problem, {
              received: timeout,
            }),
          );
      }
      const location = template['storageLocation'];
      if (location !== undefined) {
        const locationPath = `${at}.spec.template.storageLocation`;
        if (checkString(location, locationPath, issues)) {
          issues.push(...checkVeleroObjectName(location, locationPath, 'BackupStorageLocation'));
          storageLocation = location;
        }
      }
    }
    if (issues.length > before) return;
    const key = `${namespace as string}/${name as string}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          `${at}.metadata.name`,
          `is the name of ${first} too: each schedule gets its own alerts, so every schedule needs its own name`,
          { received: name },
        ),
      );
      return;
    }
    seen.set(key, at);
    const parsed = parseCron(spec['schedule'] as string, { dialect });
    if (!parsed.ok) return; // checkCron reported it
    read.push({
      name: name as string,
      namespace: namespace as string,
      cron: parsed.cron,
      paused: paused as boolean,
      itemOperationTimeoutMs,
      storageLocation,
      path: at,
    });
  });
  return read;
}

function readLocations(
  value: unknown,
  issues: ValidationIssue[],
): { name: string; namespace: string }[] {
  if (value === undefined) return [];
  const path = 'backupStorageLocations';
  if (!Array.isArray(value)) {
    issues.push(
      issue(path, `must be a list of BackupStorageLocation manifests, not ${typeName(value)}`, {
        received: value,
      }),
    );
    return [];
  }
  const out: { name: string; namespace: string }[] = [];
  value.forEach((item: unknown, index) => {
    const at = joinPath(path, index);
    if (!isPlainObject(item) || !isPlainObject(item['metadata'])) {
      issues.push(
        issue(at, 'must be a BackupStorageLocation manifest: an object with `metadata`', {
          received: item,
        }),
      );
      return;
    }
    const name = item['metadata']['name'];
    const namespace = item['metadata']['namespace'] ?? DEFAULT_VELERO_NAMESPACE;
    const found = [
      ...checkVeleroObjectName(name, `${at}.metadata.name`, 'BackupStorageLocation'),
      ...checkDns1123Label(namespace, `${at}.metadata.namespace`),
    ];
    issues.push(...found);
    if (found.length === 0) out.push({ name: name as string, namespace: namespace as string });
  });
  return out;
}

interface ReadDrill {
  readonly target: RestoreDrillAlertTarget;
  readonly cron: ParsedCron;
  readonly path: string;
}

function readDrills(value: unknown, issues: ValidationIssue[]): ReadDrill[] {
  if (value === undefined) return [];
  const path = 'restoreDrills';
  if (!Array.isArray(value)) {
    issues.push(
      issue(path, `must be a list of restore drills, not ${typeName(value)}`, { received: value }),
    );
    return [];
  }
  const out: ReadDrill[] = [];
  const seen = new Map<string, string>();
  value.forEach((item: unknown, index) => {
    const at = joinPath(path, index);
    if (!isPlainObject(item)) {
      issues.push(
        issue(at, 'must be a restore drill (name, namespace, schedule, cron, maxDurationSeconds)', {
          received: item,
        }),
      );
      return;
    }
    const before = issues.length;
    unknownKeys(item, DRILL_KEYS, at, issues);
    issues.push(...checkDns1123Subdomain(item['name'], joinPath(at, 'name')));
    issues.push(...checkDns1123Label(item['namespace'], joinPath(at, 'namespace')));
    issues.push(...checkVeleroObjectName(item['schedule'], joinPath(at, 'schedule'), 'Schedule'));
    const zone = item['timeZone'];
    if (zone !== undefined && checkString(zone, joinPath(at, 'timeZone'), issues)) {
      if (zone !== 'UTC' && !isIanaTimeZone(zone)) {
        issues.push(
          issue(joinPath(at, 'timeZone'), 'is not an IANA time zone Kubernetes can load', {
            received: zone,
            allowed: 'an IANA name such as Europe/Berlin or UTC',
          }),
        );
      }
    }
    const cron = item['cron'];
    const cronPath = joinPath(at, 'cron');
    let expression: string | undefined;
    if (checkString(cron, cronPath, issues)) {
      if (zone !== undefined && /^(CRON_)?TZ=/.test(cron)) {
        issues.push(
          issue(
            cronPath,
            'has a TZ= prefix and the drill has a timeZone too; Kubernetes refuses a CronJob with both: give the zone in timeZone only',
            { received: cron },
          ),
        );
      } else {
        expression = typeof zone === 'string' ? `CRON_TZ=${zone} ${cron}` : cron;
        const problem = checkCron(expression);
        if (problem !== undefined)
          issues.push(issue(cronPath, problem, { received: cron, allowed: CRON_ALLOWED }));
      }
    }
    const duration = item['maxDurationSeconds'];
    if (typeof duration !== 'number' || !Number.isSafeInteger(duration) || duration <= 0) {
      issues.push(
        issue(
          joinPath(at, 'maxDurationSeconds'),
          "must be a whole number of seconds above 0 (the Job's activeDeadlineSeconds)",
          { received: duration },
        ),
      );
    }
    if (issues.length > before || expression === undefined) return;
    const key = `${item['namespace'] as string}/${item['name'] as string}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          joinPath(at, 'name'),
          `is the name of ${first} too: every drill needs its own CronJob`,
          { received: item['name'] },
        ),
      );
      return;
    }
    seen.set(key, at);
    const parsed = parseCron(expression);
    if (parsed.ok)
      out.push({ target: item as unknown as RestoreDrillAlertTarget, cron: parsed.cron, path: at });
  });
  return out;
}

function checkNamedStrings<T extends object>(
  value: unknown,
  path: string,
  defaults: Required<T>,
  issues: ValidationIssue[],
  check: (item: unknown, at: string) => boolean,
): Required<T> {
  if (value === undefined) return defaults;
  if (!isPlainObject(value)) {
    issues.push(issue(path, `must be an object, not ${typeName(value)}`, { received: value }));
    return defaults;
  }
  unknownKeys(value, Object.keys(defaults), path, issues);
  const out: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const item = value[key];
    if (item !== undefined && check(item, joinPath(path, key))) out[key] = item;
  }
  return out as Required<T>;
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

function describeZone(cron: ParsedCron): string {
  const zone = cron.timeZone?.name;
  return zone === undefined || zone === 'UTC' || zone === '' || zone === 'Local'
    ? 'UTC'
    : `${zone}, daylight saving included`;
}

/** A copy of a rule (plain arrays and objects of this realm, unlike `structuredClone` under jest). */
export function copyRule(rule: PrometheusAlertingRule): PrometheusAlertingRule {
  const copy: PrometheusAlertingRule = { ...rule };
  if (rule.labels !== undefined) copy.labels = { ...rule.labels };
  if (rule.annotations !== undefined) copy.annotations = { ...rule.annotations };
  return copy;
}

function copyGroup(group: PrometheusRuleGroup): PrometheusRuleGroup {
  return { ...group, rules: group.rules.map(copyRule) };
}

/** The pieces every rule is made of, decided once from the options. */
interface RuleContext {
  readonly severities: Required<VeleroAlertSeverities>;
  readonly forDurations: Record<keyof VeleroAlertForDurations, number>;
  readonly alertLabels: Record<string, string>;
  readonly alertAnnotations: Record<string, string>;
  readonly runbookUrl: string;
  readonly veleroJob: string | undefined;
  readonly matchNamespace: boolean;
  readonly extraMatchers: LabelMatchers;
  readonly kubeStateMetricsJob: string | undefined;
}

function rule(
  context: RuleContext,
  alert: string,
  expr: string,
  forMs: number,
  severity: string,
  labels: Record<string, string>,
  annotations: { summary: string; description: string },
): PrometheusAlertingRule {
  const out: PrometheusAlertingRule = { alert, expr };
  if (forMs > 0) out.for = formatPrometheusDuration(forMs);
  out.labels = { severity, ...labels, ...context.alertLabels };
  out.annotations = {
    ...annotations,
    runbook_url: context.runbookUrl,
    ...context.alertAnnotations,
  };
  return out;
}

function veleroMatchers(context: RuleContext, namespace: string): LabelMatchers {
  return [
    ['job', context.veleroJob],
    ['namespace', context.matchNamespace ? namespace : undefined],
    ...context.extraMatchers,
  ];
}

function scheduleRules(
  context: RuleContext,
  schedule: ReadSchedule,
  plan: ScheduleAlertPlan,
): PrometheusAlertingRule[] {
  const matchers: LabelMatchers = [
    ...veleroMatchers(context, schedule.namespace),
    ['schedule', schedule.name],
  ];
  const who = `Velero schedule ${schedule.namespace}/${schedule.name}`;
  const cronText = `\`${schedule.cron.expression}\` (${describeZone(schedule.cron)})`;
  const gap = formatPrometheusDuration(plan.longestGapSeconds * 1000);
  const allowance = formatPrometheusDuration(plan.allowanceSeconds * 1000);
  const threshold = formatPrometheusDuration(plan.missedAfterSeconds * 1000);
  const lastSuccess = selector('velero_backup_last_successful_timestamp', matchers);
  const inspect = `Check \`velero schedule describe ${schedule.name} -n ${schedule.namespace}\` and \`velero backup get -n ${schedule.namespace} -l velero.io/schedule-name=${schedule.name}\`.`;
  // The labels the expressions return, on the rules too: every rule of a group is then told apart
  // by its labels (promtool's lint), and routing can rely on them.
  const identity = { namespace: schedule.namespace, schedule: schedule.name };
  const rules: PrometheusAlertingRule[] = [];
  if (!schedule.paused) {
    rules.push(
      rule(
        context,
        VELERO_ALERT_NAMES.missed,
        `time() - max by (namespace, schedule) (${lastSuccess}) > ${plan.missedAfterSeconds}`,
        context.forDurations.missed,
        context.severities.missed,
        identity,
        {
          summary: `${who} has missed its backups`,
          description: `The last completed backup of ${who} finished {{ $value | humanizeDuration }} ago. Its cron ${cronText} leaves at most ${gap} between runs and a backup may take ${allowance}, so one was due within ${threshold}. ${inspect}`,
        },
      ),
      rule(
        context,
        VELERO_ALERT_NAMES.neverSucceeded,
        `absent(${lastSuccess})`,
        plan.missedAfterSeconds * 1000,
        context.severities.neverSucceeded,
        identity,
        {
          summary: `${who} has never completed a backup`,
          description: `Velero has reported no completed backup of ${who} for ${threshold} (its longest gap ${gap} plus ${allowance}): the schedule does not exist, failed validation, or every backup failed. ${inspect}`,
        },
      ),
    );
  }
  const window = formatPrometheusDuration(plan.failureWindowSeconds * 1000);
  const counter = (metric: string, phase: string): string =>
    `label_replace(increase(${selector(metric, matchers)}[${window}]), "phase", "${phase}", "", "")`;
  rules.push(
    rule(
      context,
      VELERO_ALERT_NAMES.failed,
      [
        'sum by (namespace, schedule, phase) (',
        `  ${counter('velero_backup_failure_total', 'Failed')}`,
        `  or ${counter('velero_backup_partial_failure_total', 'PartiallyFailed')}`,
        `  or ${counter('velero_backup_validation_failure_total', 'FailedValidation')}`,
        ') > 0',
      ].join('\n'),
      context.forDurations.failed,
      context.severities.failed,
      identity,
      {
        summary: `A backup of ${who} ended {{ $labels.phase }}`,
        description: `At least one backup of ${who} ended {{ $labels.phase }} within the last ${window}, even if a later one completed. ${inspect} Then \`velero backup describe <backup> --details\` and \`velero backup logs <backup>\`.`,
      },
    ),
  );
  return rules;
}

function locationRule(
  context: RuleContext,
  name: string,
  namespace: string,
): PrometheusAlertingRule {
  const status = selector('velero_backup_location_status_gauge', [
    ...veleroMatchers(context, namespace),
    ['backup_location_name', name],
  ]);
  return rule(
    context,
    VELERO_ALERT_NAMES.locationUnavailable,
    `max by (namespace, backup_location_name) (${status}) == 0`,
    context.forDurations.locationUnavailable,
    context.severities.locationUnavailable,
    { namespace, backup_location_name: name },
    {
      summary: `Velero BackupStorageLocation ${namespace}/${name} is unavailable`,
      description: `Velero cannot use the BackupStorageLocation ${namespace}/${name}: no backup can be written to it and none restored from it. Check \`velero backup-location get -n ${namespace}\` (the message says why: credentials, bucket, prefix or files Velero did not write).`,
    },
  );
}

function notScrapedRule(context: RuleContext, namespace: string): PrometheusAlertingRule {
  const matchers = veleroMatchers(context, namespace);
  const absent = `absent(${selector('velero_backup_total', matchers)})`;
  const up = selector('up', matchers);
  const expr = up === 'up' ? absent : `max by (job, namespace) (${up}) == 0\nor ${absent}`;
  return rule(
    context,
    VELERO_ALERT_NAMES.notScraped,
    expr,
    context.forDurations.notScraped,
    context.severities.notScraped,
    { namespace },
    {
      summary: `Prometheus gets no metrics from Velero in ${namespace}`,
      description: `Prometheus has no velero_backup_total series from ${up === 'up' ? 'Velero' : up}: Velero is down or not scraped, so none of the backup alerts can fire. Check the Velero pod in ${namespace} and its ServiceMonitor or scrape configuration (metrics port 8085).`,
    },
  );
}

function drillRules(
  context: RuleContext,
  drill: ReadDrill,
  plan: DrillAlertPlan,
): PrometheusAlertingRule[] {
  const { target } = drill;
  const matchers: LabelMatchers = [
    ['job', context.kubeStateMetricsJob],
    ['namespace', target.namespace],
    ...context.extraMatchers,
    ['cronjob', target.name],
  ];
  const lastSuccess = selector('kube_cronjob_status_last_successful_time', matchers);
  const created = selector('kube_cronjob_created', matchers);
  const who = `Restore drill ${target.namespace}/${target.name}`;
  const threshold = formatPrometheusDuration(plan.missedAfterSeconds * 1000);
  const labels = { namespace: target.namespace, cronjob: target.name, schedule: target.schedule };
  const inspect = `Check \`kubectl -n ${target.namespace} describe cronjob ${target.name}\`, the logs of its last Job, and \`velero restore get\`.`;
  return [
    rule(
      context,
      VELERO_ALERT_NAMES.drillMissed,
      `time() - max by (namespace, cronjob) (${lastSuccess}) > ${plan.missedAfterSeconds}`,
      context.forDurations.drillMissed,
      context.severities.drillMissed,
      labels,
      {
        summary: `${who} has not proved a restore of schedule ${target.schedule} recently`,
        description: `The last successful run of ${who}, which restores the newest backup of schedule ${target.schedule}, finished {{ $value | humanizeDuration }} ago; one was due within ${threshold}. ${inspect}`,
      },
    ),
    rule(
      context,
      VELERO_ALERT_NAMES.drillNeverSucceeded,
      `(time() - max by (namespace, cronjob) (${created}) > ${plan.missedAfterSeconds})\nunless on (namespace, cronjob) ${lastSuccess}`,
      0,
      context.severities.drillNeverSucceeded,
      labels,
      {
        summary: `${who} has never succeeded`,
        description: `The CronJob of ${who} was created {{ $value | humanizeDuration }} ago and none of its runs has succeeded (one was due within ${threshold}): the backups of schedule ${target.schedule} have not been proved to restore. ${inspect}`,
      },
    ),
    rule(
      context,
      VELERO_ALERT_NAMES.drillMissing,
      `absent(${created})`,
      plan.missedAfterSeconds * 1000,
      context.severities.drillNeverSucceeded,
      labels,
      {
        summary: `${who} is not deployed or not watched`,
        description: `kube-state-metrics has reported no CronJob ${target.namespace}/${target.name} for ${threshold}: the drill is not deployed, or kube-state-metrics is not scraped, so its alerts cannot fire.`,
      },
    ),
  ];
}

/**
 * Prometheus alert rules for the health of Velero backups, generated from the schedules: per
 * schedule a **missed backup** alert (the last completed backup is older than the longest gap
 * between two runs of its cron, daylight saving included, plus an allowance for the backup's
 * duration), a **never succeeded** alert (no completed backup since the rules were deployed, for
 * that long) and a **failed backup** alert (any `increase()` of the failure, partial-failure or
 * validation-failure counters within the gap: robust to counter resets, and firing even when a
 * later backup completes); paused schedules get no missed or never-succeeded alert. Plus a
 * **location unavailable** alert per BackupStorageLocation, a **Velero not scraped** alert per
 * Velero namespace, and, per restore drill, **drill missed** / **drill never succeeded** alerts
 * from kube-state-metrics' CronJob metrics.
 *
 * The rules never read `velero_backup_last_status`: Velero resets it to 1 every minute, so a
 * failure shows for about a minute and an alert on it fires by luck.
 *
 * @param schedules the Schedule manifests (e.g. from `scheduleManifest` or a construct's `manifest`)
 * @param options locations, drills, label matchers, severities, `for:` durations, labels
 * @returns the rule groups, the same groups as a PrometheusRule, and what was decided per schedule
 * @throws VeleroConfigError listing every problem with the schedules and options
 */
export function veleroAlertRules(
  schedules: readonly AlertedSchedule[],
  options: VeleroAlertRulesOptions = {},
): VeleroAlertRules {
  const issues: ValidationIssue[] = [];
  const given: Record<string, unknown> = isPlainObject(options) ? options : {};
  if (!isPlainObject(options)) {
    issues.push(
      issue('options', `must be an object, not ${typeName(options)}`, { received: options }),
    );
  }
  unknownKeys(given, OPTION_KEYS, '', issues);
  issues.push(...checkVeleroVersion(given['veleroVersion']));
  // The Velero server parses its schedules with the robfig/cron of its release; a drill is a
  // Kubernetes CronJob, whose controller parses with robfig/cron v3 whatever Velero runs.
  const dialect = cronDialectForVeleroVersion(targetVeleroVersion(given['veleroVersion']));
  const read = readSchedules(schedules, dialect, issues);
  const locations = readLocations(given['backupStorageLocations'], issues);
  const drills = readDrills(given['restoreDrills'], issues);

  const optionalString = (key: keyof VeleroAlertRulesOptions): string | undefined => {
    const value = given[key];
    return value === undefined || !checkString(value, key, issues) ? undefined : value;
  };
  const veleroJob = optionalString('veleroJob') ?? 'velero';
  const kubeStateMetricsJob = optionalString('kubeStateMetricsJob') ?? 'kube-state-metrics';
  const matchNamespace = given['matchNamespace'] ?? true;
  if (typeof matchNamespace !== 'boolean') {
    issues.push(issue('matchNamespace', 'must be true or false', { received: matchNamespace }));
  }
  const extraMatchers = checkPrometheusLabels(given['extraMatchers'], 'extraMatchers', issues, [
    'job',
    'namespace',
    'schedule',
    'backup_location_name',
    'cronjob',
  ]);
  const allowanceMs = checkDurationOption(given['backupAllowance'], 'backupAllowance', issues);
  const perSchedule = checkStringMap(given['backupAllowances'], 'backupAllowances', issues);
  const allowances = new Map<string, number>();
  for (const [name, text] of Object.entries(perSchedule)) {
    const ms = checkDurationOption(text, joinPath('backupAllowances', name), issues);
    if (ms !== undefined) allowances.set(name, ms);
    if (!read.some((s) => s.name === name) && Array.isArray(schedules)) {
      issues.push(
        issue(joinPath('backupAllowances', name), 'names no schedule given to the rules', {
          allowed: read.map((s) => s.name).join(', '),
        }),
      );
    }
  }
  const failureWindowMs = checkDurationOption(given['failureWindow'], 'failureWindow', issues);
  if (failureWindowMs !== undefined && failureWindowMs < 60_000) {
    issues.push(
      issue('failureWindow', 'must be at least 1m: increase() needs two scrapes in its range', {
        received: given['failureWindow'],
      }),
    );
  }
  const severities = checkNamedStrings(
    given['severities'],
    'severities',
    DEFAULT_SEVERITIES,
    issues,
    (item, at) => {
      if (typeof item === 'string' && item !== '') return true;
      issues.push(
        issue(at, 'must be a non-empty string, e.g. critical or warning', { received: item }),
      );
      return false;
    },
  );
  const forTexts = checkNamedStrings(
    given['forDurations'],
    'forDurations',
    DEFAULT_FOR,
    issues,
    (item, at) => checkDurationOption(item, at, issues) !== undefined,
  );
  const forDurations = Object.fromEntries(
    Object.entries(forTexts).map(([key, text]) => [key, parseAlertDuration(text) ?? 0]),
  ) as Record<keyof VeleroAlertForDurations, number>;
  const alertLabels = checkPrometheusLabels(given['alertLabels'], 'alertLabels', issues, [
    'severity',
  ]);
  const alertAnnotations = checkPrometheusLabels(
    given['alertAnnotations'],
    'alertAnnotations',
    issues,
  );
  const runbookUrl = optionalString('runbookUrl') ?? DEFAULT_RUNBOOK_URL;
  const groupName = optionalString('groupName') ?? DEFAULT_ALERT_GROUP_NAME;
  if (groupName === '') issues.push(issue('groupName', 'must not be empty'));
  const intervalMs = checkDurationOption(given['evaluationInterval'], 'evaluationInterval', issues);
  if (intervalMs === 0) issues.push(issue('evaluationInterval', 'must be above 0'));
  const ruleName = optionalString('name') ?? DEFAULT_ALERT_RULE_NAME;
  issues.push(...checkDns1123Subdomain(ruleName, 'name'));
  const namespaces = [
    ...new Set([...read.map((s) => s.namespace), ...locations.map((l) => l.namespace)]),
  ];
  const ruleNamespace = optionalString('namespace') ?? namespaces[0] ?? DEFAULT_VELERO_NAMESPACE;
  issues.push(...checkDns1123Label(ruleNamespace, 'namespace'));
  if (given['labels'] !== undefined) issues.push(...checkLabels(given['labels'], 'labels'));
  if (given['annotations'] !== undefined)
    issues.push(...checkAnnotations(given['annotations'], 'annotations'));

  // The plans: the gap of every cron.
  const planned: { schedule: ReadSchedule; plan: ScheduleAlertPlan }[] = [];
  for (const schedule of read) {
    const gap = longestFireGap(schedule.cron);
    if (gap === undefined) {
      issues.push(
        issue(
          `${schedule.path}.spec.schedule`,
          'never runs between 2026 and 2100, so no backup would ever be taken',
          { received: schedule.cron.expression },
        ),
      );
      continue;
    }
    const allowance =
      allowances.get(schedule.name) ??
      allowanceMs ??
      (schedule.itemOperationTimeoutMs ?? VELERO_DEFAULT_ITEM_OPERATION_TIMEOUT_MS) +
        REPORTING_LAG_MS;
    const window =
      failureWindowMs ??
      Math.min(MAX_FAILURE_WINDOW_MS, Math.max(MIN_FAILURE_WINDOW_MS, gap.milliseconds));
    planned.push({
      schedule,
      plan: {
        name: schedule.name,
        namespace: schedule.namespace,
        cron: schedule.cron.expression,
        timeZone: gap.timeZone,
        paused: schedule.paused,
        longestGapSeconds: seconds(gap.milliseconds),
        allowanceSeconds: seconds(allowance),
        missedAfterSeconds: seconds(gap.milliseconds) + seconds(allowance),
        failureWindowSeconds: seconds(window),
      },
    });
  }
  const plannedDrills: { drill: ReadDrill; plan: DrillAlertPlan }[] = [];
  for (const drill of drills) {
    const gap = longestFireGap(drill.cron);
    if (gap === undefined) {
      issues.push(
        issue(joinPath(drill.path, 'cron'), 'never runs between 2026 and 2100', {
          received: drill.target.cron,
        }),
      );
      continue;
    }
    plannedDrills.push({
      drill,
      plan: {
        name: drill.target.name,
        namespace: drill.target.namespace,
        schedule: drill.target.schedule,
        longestGapSeconds: seconds(gap.milliseconds),
        missedAfterSeconds:
          seconds(gap.milliseconds) + drill.target.maxDurationSeconds + seconds(REPORTING_LAG_MS),
      },
    });
  }
  if (issues.length > 0) throw new VeleroConfigError('backup alert rules', issues);

  const context: RuleContext = {
    severities,
    forDurations,
    alertLabels,
    alertAnnotations,
    runbookUrl,
    veleroJob: veleroJob === '' ? undefined : veleroJob,
    matchNamespace: matchNamespace as boolean,
    extraMatchers: Object.entries(extraMatchers),
    kubeStateMetricsJob: kubeStateMetricsJob === '' ? undefined : kubeStateMetricsJob,
  };
  const rules: PrometheusAlertingRule[] = [];
  for (const { schedule, plan } of planned) rules.push(...scheduleRules(context, schedule, plan));

  // Locations: those given, those the schedules name, and Velero's default name where a schedule
  // relies on the default location and none was given.
  const watched = new Map<string, { name: string; namespace: string }>();
  const watch = (name: string, namespace: string): void => {
    watched.set(`${namespace}/${name}`, { name, namespace });
  };
  for (const location of locations) watch(location.name, location.namespace);
  for (const schedule of read) {
    if (schedule.storageLocation !== undefined) watch(schedule.storageLocation, schedule.namespace);
    else if (!locations.some((l) => l.namespace === schedule.namespace))
      watch('default', schedule.namespace);
  }
  for (const { name, namespace } of watched.values())
    rules.push(locationRule(context, name, namespace));
  for (const namespace of namespaces.length > 0 ? namespaces : [DEFAULT_VELERO_NAMESPACE]) {
    rules.push(notScrapedRule(context, namespace));
  }
  for (const { drill, plan } of plannedDrills) rules.push(...drillRules(context, drill, plan));

  const group: PrometheusRuleGroup = { name: groupName, rules };
  if (intervalMs !== undefined) group.interval = formatPrometheusDuration(intervalMs);
  const groups = [group];
  const metadata: PrometheusRuleManifest['metadata'] = { name: ruleName, namespace: ruleNamespace };
  if (given['labels'] !== undefined)
    metadata.labels = { ...(given['labels'] as Record<string, string>) };
  if (given['annotations'] !== undefined)
    metadata.annotations = { ...(given['annotations'] as Record<string, string>) };
  return {
    groups,
    prometheusRule: {
      apiVersion: PROMETHEUS_RULE_API_VERSION,
      kind: 'PrometheusRule',
      metadata,
      spec: { groups: groups.map(copyGroup) },
    },
    schedules: planned.map((p) => p.plan),
    restoreDrills: plannedDrills.map((p) => p.plan),
  };
}
