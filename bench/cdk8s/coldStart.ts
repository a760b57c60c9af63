/**
 * Benchmark: cold start of `node -e "require('velero-iac/cdk8s')"` vs `node -e "require('cdk8s')"`,
 * in fresh processes run alternately from the repository root (Node resolves `velero-iac/cdk8s` to
 * the built `dist/cdk8s/index.js` through the package's own `exports`). Reports the median of the
 * per-pair ratios (never absolute times as the result), and what the extra time is spent loading.
 *
 * Run: `npx tsx bench/cdk8s/coldStart.ts` (builds `dist/` with tsconfig.build.json when it is
 * missing; pass `--build` to rebuild first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const REPO = path.resolve(__dirname, '..', '..');
const WARMUP_PAIRS = 5;
const PAIRS = 41;
const GOAL = 1.3;

function build(): void {
  console.log('building dist/ (tsc -p tsconfig.build.json) ...');
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors in files being edited elsewhere do not stop the emit; only a missing output does.
  spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'ignore' });
  if (!existsSync(path.join(REPO, 'dist', 'cdk8s', 'index.js'))) {
    throw new Error('the build did not produce dist/cdk8s/index.js');
  }
}

/** Wall-clock milliseconds of one fresh `node -e <code>` in the repository root. */
function timeNode(code: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['-e', code], { cwd: REPO, stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`node -e ${JSON.stringify(code)} exited ${run.status}`);
  return elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median over alternating pairs of (time of `subject` / time of `baseline`). */
function medianRatio(subject: string, baseline: string): number {
  const ratios: number[] = [];
  for (let pair = 0; pair < WARMUP_PAIRS + PAIRS; pair++) {
    let subjectMs: number;
    let baselineMs: number;
    if (pair % 2 === 0) {
      subjectMs = timeNode(subject);
      baselineMs = timeNode(baseline);
    } else {
      baselineMs = timeNode(baseline);
      subjectMs = timeNode(subject);
    }
    if (pair >= WARMUP_PAIRS) ratios.push(subjectMs / baselineMs);
  }
  return median(ratios);
}

/** The files a fresh process has loaded after requiring `specifier`, grouped by package. */
function loadedPackages(specifier: string): Map<string, number> {
  const code = `require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-e', code], { cwd: REPO, encoding: 'utf8' });
  const files = JSON.parse(run.stdout) as string[];
  const packages = new Map<string, number>();
  for (const file of files) {
    const relative = path.relative(REPO, file);
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(relative);
    const key = match ? match[1]! : relative.split(path.sep).slice(0, 2).join('/');
    packages.set(key, (packages.get(key) ?? 0) + 1);
  }
  return packages;
}

function main(): void {
  if (
    process.argv.includes('--build') ||
    !existsSync(path.join(REPO, 'dist', 'cdk8s', 'index.js'))
  ) {
    build();
  }
  const cdk8s = "require('cdk8s')";
  const ratio = medianRatio("require('velero-iac/cdk8s')", cdk8s);
  const verdict = ratio <= GOAL ? 'met' : 'MISSED';
  console.log(
    `cdk8s cold start require('velero-iac/cdk8s') vs require('cdk8s'): ratio ${ratio.toFixed(2)}x (goal <= ${GOAL}x, ${verdict}; median of ${PAIRS} alternating pairs)`,
  );
  const empty = medianRatio("require('cdk8s')", '0');
  console.log(`  for scale: require('cdk8s') vs an empty node -e: ratio ${empty.toFixed(2)}x`);

  const ours = loadedPackages('velero-iac/cdk8s');
  const theirs = loadedPackages('cdk8s');
  const extra = [...ours.entries()]
    .filter(([key, count]) => count > (theirs.get(key) ?? 0))
    .map(([key, count]) => `${key} (${count - (theirs.get(key) ?? 0)})`);
  console.log(
    `  modules loaded: ${[...ours.values()].reduce((a, b) => a + b, 0)} vs ${[...theirs.values()].reduce((a, b) => a + b, 0)}; extra: ${extra.join(', ')}`,
  );
}

main();
