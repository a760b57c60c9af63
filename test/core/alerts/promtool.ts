/**
 * Runs the real `promtool` (Debian's `prometheus` package) on generated rules: `check rules` and
 * `test rules` with scenarios written as data, plus helpers to write input series and the
 * expected alerts of a scenario.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { PrometheusAlertingRule, PrometheusRuleGroup } from '../../../lib/core/alerts/types';

/** What promtool printed and how it exited. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

function inTempDir<T>(files: Record<string, string>, run: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'velero-iac-promtool-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function promtool(dir: string, args: string[]): PromtoolResult {
  const run = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** YAML as a rules file is written: no folding of long lines. */
export function rulesYaml(groups: readonly PrometheusRuleGroup[]): string {
  return stringify({ groups }, { lineWidth: 0 });
}

/** `promtool check rules` on a rules file with `groups`. */
export function checkRules(text: string): PromtoolResult {
  return inTempDir({ 'rules.yaml': text }, (dir) =>
    promtool(dir, ['check', 'rules', 'rules.yaml']),
  );
}

/** One input series of a promtool unit test. */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** One alert a promtool unit test expects. */
export interface ExpectedAlert {
  readonly exp_labels: Record<string, string>;
  readonly exp_annotations: Record<string, string>;
}

/** One check of a promtool unit test: at `eval_time`, exactly these alerts of `alertname` fire. */
export interface AlertCheck {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: readonly ExpectedAlert[];
}

/**
 * `promtool test rules` on the rule groups with one test case, whose series are sampled every
 * `resolution` seconds (they must be written with the same) and whose rules are evaluated every
 * `evaluation` seconds. Long scenarios sample every 5m and evaluate less often: promtool
 * evaluates every rule at every step up to the last check, and its engine refuses range selectors
 * of more than 10,000 samples.
 */
export function testRules(
  groups: readonly PrometheusRuleGroup[],
  inputSeries: readonly InputSeries[],
  checks: readonly AlertCheck[],
  resolution = 60,
  evaluation = resolution,
): PromtoolResult {
  const test = {
    rule_files: ['rules.yaml'],
    evaluation_interval: `${evaluation}s`,
    tests: [{ interval: `${resolution}s`, input_series: inputSeries, alert_rule_test: checks }],
  };
  return inTempDir(
    { 'rules.yaml': rulesYaml(groups), 'test.yaml': stringify(test, { lineWidth: 0 }) },
    (dir) => promtool(dir, ['test', 'rules', 'test.yaml']),
  );
}

/** A series selector with labels, as promtool's `series:` writes it. */
export function seriesName(metric: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${metric}{${parts.join(',')}}`;
}

/**
 * The `values:` of a series sampled every `resolution` seconds from time 0 up to `endSeconds`:
 * `changes` gives the value from each time on (`undefined`: no sample, so no series), in
 * ascending time.
 */
export function steps(
  changes: readonly (readonly [number, number | undefined])[],
  endSeconds: number,
  resolution = 60,
): string {
  const parts: string[] = [];
  const samples = Math.floor(endSeconds / resolution) + 1;
  let index = 0;
  for (let i = 0; i < changes.length; i++) {
    const [at, value] = changes[i] as readonly [number, number | undefined];
    const until =
      i + 1 < changes.length
        ? Math.ceil((changes[i + 1] as readonly [number, number | undefined])[0] / resolution)
        : samples;
    const from = Math.max(index, Math.ceil(at / resolution));
    if (from > index) {
      parts.push(`_x${from - index}`);
      index = from;
    }
    const count = until - index;
    if (count <= 0) continue;
    parts.push(value === undefined ? `_x${count}` : `${value}+0x${count - 1}`);
    index = until;
  }
  if (index < samples) parts.push(`_x${samples - index}`);
  return parts.join(' ');
}

/**
 * Seconds as promtool's `eval_time`, moved onto the evaluation grid of `resolution` seconds: to
 * the last evaluation at or before the time (`'before'`, for "not yet firing") or the first at or
 * after it (`'after'`, for "firing by then").
 */
export function at(
  secondsFromStart: number,
  resolution = 60,
  side: 'before' | 'after' = 'before',
): string {
  const steps = secondsFromStart / resolution;
  return `${(side === 'before' ? Math.floor(steps) : Math.ceil(steps)) * resolution}s`;
}

/** Prometheus's `humanizeDuration` for values of a minute or more (template.go). */
export function humanizeDuration(value: number): string {
  if (value < 60)
    throw new Error(`humanizeDuration of ${value}: only values of 60s or more are modelled`);
  const whole = Math.floor(value);
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600) % 24;
  const d = Math.floor(whole / 86400);
  if (d !== 0) return `${d}d ${h}h ${m}m ${s}s`;
  if (h !== 0) return `${h}h ${m}m ${s}s`;
  return `${m}m ${s}s`;
}

/**
 * The alert a rule raises for one series: the series' labels under the rule's, and the rule's
 * annotations with the two templates the rules use expanded (`{{ $value | humanizeDuration }}`,
 * `{{ $labels.<name> }}`). Any other template is an error here, so the test is updated with it.
 */
export function expectedAlert(
  rule: PrometheusAlertingRule,
  seriesLabels: Record<string, string>,
  value?: number,
): ExpectedAlert {
  const labels = { ...seriesLabels, ...rule.labels };
  const annotations: Record<string, string> = {};
  for (const [key, text] of Object.entries(rule.annotations ?? {})) {
    let expanded = text.replace(/\{\{ \$value \| humanizeDuration \}\}/g, () => {
      if (value === undefined) throw new Error(`${rule.alert}: the test gave no $value`);
      return humanizeDuration(value);
    });
    expanded = expanded.replace(
      /\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g,
      (_, name: string) => {
        const found = labels[name];
        if (found === undefined) throw new Error(`${rule.alert}: no label ${name}`);
        return found;
      },
    );
    if (expanded.includes('{{')) throw new Error(`${rule.alert}: unmodelled template in ${text}`);
    annotations[key] = expanded;
  }
  return { exp_labels: labels, exp_annotations: annotations };
}
