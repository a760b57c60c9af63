/**
 * Benchmark: synthesizing 1,000 Schedules through `VeleroSchedule` vs 1,000 raw cdk8s `ApiObject`s
 * with the same content, in one process. Reports the median of the per-round ratios (never
 * absolute times as the result).
 *
 * Run: `npx tsx bench/cdk8s/synthSchedules.ts` (add `--expose-gc` before the file for steadier rounds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiObject, App, Chart } from 'cdk8s';
import { type ScheduleOptions, scheduleManifest } from 'velero-iac';
import { VeleroSchedule } from 'velero-iac/cdk8s';
import { teamSchedules } from '../scheduleFixtures';

const COUNT = 1000;
const WARMUP_ROUNDS = 5;
const ROUNDS = 31;
const GOAL = 1.25;

type Synth = 'toJson' | 'yaml';

/** One round: a fresh app and chart, COUNT objects, then synthesis; returns milliseconds. */
function timeRound(outdir: string, add: (chart: Chart, i: number) => void, synth: Synth): number {
  const start = performance.now();
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < COUNT; i++) add(chart, i);
  if (synth === 'toJson') chart.toJson();
  else app.synthYaml();
  return performance.now() - start;
}

/** The median and the quartiles of the per-round ratios. */
interface RatioSummary {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
}

function summarize(values: readonly number[]): RatioSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.round(q * (sorted.length - 1))]!;
  return { median: at(0.5), p25: at(0.25), p75: at(0.75) };
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Per-round (VeleroSchedule time / raw ApiObject time), alternating which goes first. */
function ratios(outdir: string, options: ScheduleOptions[], synth: Synth): RatioSummary {
  const manifests = options.map((o) => scheduleManifest(o));
  const velero = (chart: Chart, i: number): void => {
    new VeleroSchedule(chart, `s${i}`, options[i]!);
  };
  const raw = (chart: Chart, i: number): void => {
    new ApiObject(chart, `s${i}`, { ...manifests[i]! });
  };
  const perRound: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    collectGarbage();
    let veleroMs: number;
    let rawMs: number;
    if (round % 2 === 0) {
      veleroMs = timeRound(outdir, velero, synth);
      collectGarbage();
      rawMs = timeRound(outdir, raw, synth);
    } else {
      rawMs = timeRound(outdir, raw, synth);
      collectGarbage();
      veleroMs = timeRound(outdir, velero, synth);
    }
    if (round >= WARMUP_ROUNDS) perRound.push(veleroMs / rawMs);
  }
  return summarize(perRound);
}

function report(label: string, summary: RatioSummary, how: string, withGoal = true): void {
  const verdict = summary.median <= GOAL ? 'met' : 'MISSED';
  const goal = withGoal ? `goal <= ${GOAL}x, ${verdict}; ` : 'for information, no goal: ';
  console.log(
    `${label}: ratio ${summary.median.toFixed(2)}x (${goal}${how}; median of ${ROUNDS} rounds, quartiles ${summary.p25.toFixed(2)}-${summary.p75.toFixed(2)})`,
  );
}

function main(): void {
  const outdir = mkdtempSync(path.join(tmpdir(), 'velero-iac-bench-'));
  try {
    const options = teamSchedules(COUNT);
    report(
      `cdk8s synth ${COUNT} schedules`,
      ratios(outdir, options, 'yaml'),
      'construct + synthYaml',
    );
    report(
      `cdk8s synth ${COUNT} schedules, objects only`,
      ratios(outdir, options, 'toJson'),
      'construct + chart.toJson, no YAML: the share of the core checks',
      false,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main();
