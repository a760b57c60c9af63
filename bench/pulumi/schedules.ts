/**
 * Benchmark: registering 200 Schedules through `VeleroSchedule` (a component that checks its
 * arguments with the core and registers one CustomResource) vs 200 raw
 * `kubernetes.apiextensions.CustomResource`s with the same spec, under Pulumi mocks, in one
 * process. Reports the median of the per-round ratios, never absolute times as the result.
 *
 * It also measures the floor of any component: an empty `ComponentResource` that registers the
 * same CustomResource as its child and nothing else. Under mocks every registration pays the
 * Pulumi SDK's own fixed cost (a full stack capture for the source position, a stack trace per
 * internal promise), so a component with one child costs about two registrations.
 *
 * Run: `npx tsx bench/pulumi/schedules.ts` (node `--expose-gc` gives steadier rounds).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { type ScheduleOptions, scheduleManifest } from 'velero-iac';
import { VeleroSchedule } from 'velero-iac/pulumi';
import { teamSchedules } from '../scheduleFixtures';
import { collectGarbage, median, timeProgram } from './mockRuntime';

const COUNT = 200;
const WARMUP_ROUNDS = 4;
const ROUNDS = 15;
const GOAL = 1.25;
/** The goal for `VeleroSchedule` against the floor (a bare component with the same child). */
const FLOOR_GOAL = 1.1;

/** The floor: a component that only registers its child (no checks, no outputs). */
class BareComponent extends pulumi.ComponentResource {
  constructor(name: string, manifest: ReturnType<typeof scheduleManifest>) {
    super('bench:index:BareComponent', name, {}, {});
    new k8s.apiextensions.CustomResource(
      name,
      {
        apiVersion: manifest.apiVersion,
        kind: manifest.kind,
        metadata: manifest.metadata,
        spec: manifest.spec,
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

/** Median over rounds of (candidate time / raw time), alternating which goes first. */
async function medianRatio(
  candidate: () => void,
  raw: () => void,
): Promise<{ ratio: number; ofMedians: number }> {
  const ratios: number[] = [];
  const candidateTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    collectGarbage();
    const candidateFirst = round % 2 === 0;
    const a = await timeProgram(candidateFirst ? candidate : raw);
    collectGarbage();
    const b = await timeProgram(candidateFirst ? raw : candidate);
    const [candidateMs, rawMs] = candidateFirst ? [a, b] : [b, a];
    if (round >= WARMUP_ROUNDS) {
      ratios.push(candidateMs / rawMs);
      candidateTimes.push(candidateMs);
      rawTimes.push(rawMs);
    }
  }
  return { ratio: median(ratios), ofMedians: median(candidateTimes) / median(rawTimes) };
}

async function main(): Promise<void> {
  const options = teamSchedules(COUNT);
  const manifests = options.map((o) => scheduleManifest(o));
  const velero = (): void => {
    for (let i = 0; i < COUNT; i++) new VeleroSchedule(`s${i}`, options[i] as ScheduleOptions);
  };
  const raw = (): void => {
    for (let i = 0; i < COUNT; i++) {
      const m = manifests[i];
      if (m === undefined) continue;
      new k8s.apiextensions.CustomResource(`s${i}`, {
        apiVersion: m.apiVersion,
        kind: m.kind,
        metadata: m.metadata,
        spec: m.spec,
      });
    }
  };
  const bare = (): void => {
    for (let i = 0; i < COUNT; i++)
      new BareComponent(`s${i}`, manifests[i] as ReturnType<typeof scheduleManifest>);
  };
  const result = await medianRatio(velero, raw);
  const floor = await medianRatio(bare, raw);
  // Side by side with the floor, in the same rounds: what the library adds above any component
  // design that registers one CustomResource (the core's checks, ignoreChanges, outputs).
  const aboveFloor = await medianRatio(velero, bare);
  console.log(
    `pulumi ${COUNT} schedules: ratio ${result.ratio.toFixed(2)}x (goal <= ${GOAL.toFixed(2)}x)` +
      ` [median of ${ROUNDS} rounds; ratio of medians ${result.ofMedians.toFixed(2)}x]`,
  );
  console.log(
    `pulumi ${COUNT} schedules: floor of any component with one child ${floor.ratio.toFixed(2)}x` +
      ` [ratio of medians ${floor.ofMedians.toFixed(2)}x]`,
  );
  console.log(
    `pulumi ${COUNT} schedules: VeleroSchedule vs the floor ${aboveFloor.ratio.toFixed(2)}x` +
      ` (goal <= ${FLOOR_GOAL.toFixed(2)}x) [ratio of medians ${aboveFloor.ofMedians.toFixed(2)}x]`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
