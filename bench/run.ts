/**
 * Runs every benchmark, one process each so they cannot disturb one another, and prints their
 * result lines. Each benchmark reports a ratio against the bare framework measured in its own
 * process run (never an absolute time). `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const BENCHMARKS = [
  'cdk8s/synthSchedules.ts',
  'cdk8s/coldStart.ts',
  'pulumi/schedules.ts',
  'pulumi/fleet.ts',
  'cli/lint.ts',
  'core/alertRules.ts',
];

let failed = 0;
for (const file of BENCHMARKS) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
    stdio: 'inherit',
    cwd: path.resolve(__dirname, '..'),
  });
  if (run.status !== 0) {
    failed += 1;
    console.log(`${file} exited with ${run.status ?? run.signal}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
