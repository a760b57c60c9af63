/**
 * Keeps the test run from littering the machine's temp directory. The global setup gives the run
 * a private temp directory (`TMPDIR`, which `os.tmpdir()` reads in every jest worker and every
 * child process a test starts); the global teardown lists what is left in it, removes it, and
 * fails the run when anything was left: a cdk8s `App` without an `outdir` (`Testing.app()` makes
 * a `cdk8s.outdir.*` folder each time) or a `mkdtemp` without its `rm`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The variable that tells the teardown which directory the setup made. */
const RUN_TEMP_DIR_VARIABLE = 'VELERO_IAC_TEST_TMPDIR';

/** Caches tools keep in the temp directory on purpose (tsx's compile cache, `tsx-<uid>`). */
const TOOL_CACHES: readonly RegExp[] = [/^tsx-\d+$/];

/** Gives this run a fresh temp directory of its own; returns it. */
export function startTempDirGuard(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velero-iac-test-run-'));
  process.env[RUN_TEMP_DIR_VARIABLE] = dir;
  process.env['TMPDIR'] = dir;
  return dir;
}

/** The run's temp directory, when the global setup made one. */
export function runTempDir(): string | undefined {
  return process.env[RUN_TEMP_DIR_VARIABLE];
}

/** What is in `dir` (one level deep, sorted), less the tool caches kept there on purpose. */
export function leftoversIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((entry) => !TOOL_CACHES.some((cache) => cache.test(entry)))
    .sort();
}

/**
 * Removes the run's temp directory and returns what the tests left in it, so the caller can fail
 * the run.
 */
export function finishTempDirGuard(): string[] {
  const dir = runTempDir();
  if (dir === undefined || !fs.existsSync(dir)) return [];
  const leftovers = leftoversIn(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return leftovers;
}

/** The teardown's message for what the tests left behind. */
export function leftoverMessage(leftovers: readonly string[]): string {
  const shown = leftovers.slice(0, 10).join(', ');
  const more = leftovers.length > 10 ? ` and ${leftovers.length - 10} more` : '';
  return (
    `the tests left ${leftovers.length} entr${leftovers.length === 1 ? 'y' : 'ies'} in the temp ` +
    `directory: ${shown}${more}. Give every cdk8s App an outdir that a test removes (see ` +
    'test/support/cdk8sApp.ts), and remove every mkdtemp folder in afterAll or finally.'
  );
}
