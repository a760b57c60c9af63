/**
 * Shared helpers of the Pulumi benchmarks: run a program under `pulumi.runtime.setMocks` (no
 * engine, no plugins; the mocks users get from `velero-iac/pulumi/testing`) and time it until
 * every registration is done, plus the statistics the benchmarks report.
 */
import { performance } from 'node:perf_hooks';
import * as pulumi from '@pulumi/pulumi';
import { veleroMocks } from 'velero-iac/pulumi/testing';

/**
 * Runs `program` under fresh mocks and returns how long it took, in milliseconds, from the first
 * registration until `pulumi.runtime.disconnect()` resolved (every registration finished).
 *
 * @param program registers resources
 * @returns the elapsed milliseconds
 */
export async function timeProgram(program: () => void): Promise<number> {
  await pulumi.runtime.setMocks(veleroMocks(), 'bench', 'bench', false);
  const start = performance.now();
  program();
  await pulumi.runtime.disconnect();
  return performance.now() - start;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Runs a garbage collection when node was started with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
