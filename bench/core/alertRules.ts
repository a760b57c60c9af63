/**
 * Benchmark: `veleroAlertRules` for 1,000 schedules against building the same 1,000 Schedule
 * manifests with `scheduleManifest`, in one process run. Reports the median of the per-round
 * ratios (goal: at most 2x), never absolute times. A second line gives the first round's ratio
 * (nothing remembered yet), a third the same for schedules with a `CRON_TZ=` zone, which walk
 * the zone's daylight-saving changes.
 *
 * Run: npx tsx bench/core/alertRules.ts
 */
import { performance } from 'node:perf_hooks';
import { type ScheduleOptions, scheduleManifest } from 'velero-iac';
import { veleroAlertRules } from '../../lib/core/alerts/veleroAlertRules';
import { teamSchedules } from '../scheduleFixtures';

const COUNT = 1000;
const WARMUP_ROUNDS = 5;
const ROUNDS = 31;
const GOAL = 2;

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** One round: the alert rules of the manifests vs building the manifests, alternating order. */
function round(options: readonly ScheduleOptions[], index: number): number {
  const manifests = options.map((o) => scheduleManifest(o));
  const build = () => {
    for (const o of options) scheduleManifest(o);
  };
  const rules = () => {
    veleroAlertRules(manifests);
  };
  if (index % 2 === 0) {
    const rulesMs = time(rules);
    return rulesMs / time(build);
  }
  const buildMs = time(build);
  return time(rules) / buildMs;
}

function main(): void {
  const utc = teamSchedules(COUNT);
  // The first round: every cron is new to the gap computation.
  const first = round(utc, 0);
  const perRound: number[] = [];
  for (let i = 1; i <= WARMUP_ROUNDS + ROUNDS; i++) {
    const ratio = round(utc, i);
    if (i > WARMUP_ROUNDS) perRound.push(ratio);
  }
  const steady = median(perRound);
  console.log(
    `alert rules for ${COUNT} schedules vs ${COUNT} scheduleManifest calls: ratio ${steady.toFixed(2)}x (goal <= ${GOAL}x, ${steady <= GOAL ? 'met' : 'MISSED'}; median of ${ROUNDS} rounds)`,
  );
  console.log(`  first round, nothing remembered: ratio ${first.toFixed(2)}x (for information)`);
  const zoned = utc.map((o, i) => ({
    ...o,
    name: `tz-${i}`,
    schedule: `CRON_TZ=Europe/Berlin ${o.schedule}`,
  }));
  const zonedFirst = round(zoned, 0);
  const zonedSteady = median(Array.from({ length: 5 }, (_, i) => round(zoned, i + 1)));
  console.log(
    `  ${COUNT} CRON_TZ=Europe/Berlin schedules: first round ${zonedFirst.toFixed(1)}x, later rounds ${zonedSteady.toFixed(2)}x (for information: daylight saving is walked once per distinct cron)`,
  );
}

main();
