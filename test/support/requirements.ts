/**
 * What some tests need beyond `npm ci`: the data in `../shared` (Velero CRDs, the velero chart) and
 * real tools that `.ci/run` installs from Debian (Go with robfig/cron, promtool, shellcheck, unzip).
 *
 * A suite that needs any of them is declared with {@link describeIf}. Where a requirement is absent
 * (a user's clone, a laptop without Go), the suite is skipped silently and the jest global setup
 * (`globalSetup.ts`) prints **one** line for the whole run naming what is missing. Where
 * `VELERO_IAC_REQUIRE_ALL=1` (set by `.ci/run`), a missing requirement fails the suite instead, so
 * CI can never pass by skipping.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The `shared` folder beside the project: `VELERO_IAC_SHARED_DIR` when set (resolved against the
 * working directory), else `<repo>/../shared`.
 */
export const SHARED_DIR: string = process.env['VELERO_IAC_SHARED_DIR']
  ? path.resolve(process.env['VELERO_IAC_SHARED_DIR'])
  : path.resolve(__dirname, '..', '..', '..', 'shared');

/** The absolute path of `parts` inside {@link SHARED_DIR}. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** Something a suite needs that `npm ci` does not provide. */
export interface Requirement {
  /** How the one-line notice names it, e.g. `../shared/velero-crds` or `promtool`. */
  readonly label: string;
  /** Whether it is present on this machine. */
  readonly present: () => boolean;
}

function nonEmptyDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

const toolCache = new Map<string, string | undefined>();

/** The absolute path of `command` on `PATH`, or `undefined` when it is not installed. */
export function findTool(command: string): string | undefined {
  if (!toolCache.has(command)) {
    let found: string | undefined;
    try {
      found =
        execFileSync('sh', ['-c', 'command -v "$1"', 'sh', command], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() || undefined;
    } catch {
      found = undefined;
    }
    toolCache.set(command, found);
  }
  return toolCache.get(command);
}

/** A folder (or file) inside `../shared`, e.g. `velero-crds` or `charts/velero`. */
export function needsShared(subpath: string): Requirement {
  return {
    label: `../shared/${subpath}`,
    present: () => nonEmptyDirectory(sharedPath(subpath)) || existsSync(sharedPath(subpath)),
  };
}

/** A command on `PATH`, e.g. `promtool`. */
export function needsTool(command: string): Requirement {
  return { label: command, present: () => findTool(command) !== undefined };
}

/** Where Debian's `golang-github-robfig-cron-dev` puts robfig/cron v3's source. */
export const ROBFIG_CRON_SOURCE = '/usr/share/gocode/src/github.com/robfig/cron';

/** Debian's robfig/cron v3 source, for the Go oracle built at test time. */
export function needsRobfigCron(): Requirement {
  return {
    label: 'robfig/cron (golang-github-robfig-cron-dev)',
    present: () => nonEmptyDirectory(ROBFIG_CRON_SOURCE),
  };
}

/**
 * Every requirement some suite declares, for the global setup's one-line notice. A suite that
 * needs something new adds it here too.
 */
export const KNOWN_REQUIREMENTS: readonly Requirement[] = [
  needsShared('velero-crds'),
  needsShared('charts/velero'),
  needsTool('go'),
  needsRobfigCron(),
  needsTool('promtool'),
  needsTool('shellcheck'),
  needsTool('unzip'),
];

/** Whether a missing requirement must fail the run (`VELERO_IAC_REQUIRE_ALL=1`, as in CI). */
export function requirementsAreMandatory(): boolean {
  return process.env['VELERO_IAC_REQUIRE_ALL'] === '1';
}

/** The labels of the requirements in `requirements` that are absent. */
export function missingRequirements(requirements: readonly Requirement[]): string[] {
  return requirements.filter((r) => !r.present()).map((r) => r.label);
}

/**
 * `describe(name, fn)` when every requirement is present. Otherwise the suite is skipped without
 * output (the global setup has already said what is missing, once per run), or, when requirements
 * are mandatory, replaced by one failing test that names what is missing.
 *
 * Keep file reads and tool runs out of the `fn` body itself (put them in `beforeAll` or the
 * tests): jest runs the body of a skipped suite to collect its tests.
 */
export function describeIf(
  requirements: readonly Requirement[],
  name: string,
  fn: () => void,
): void {
  const missing = missingRequirements(requirements);
  if (missing.length === 0) {
    describe(name, fn);
  } else if (requirementsAreMandatory()) {
    describe(name, () => {
      test('has what it needs', () => {
        throw new Error(
          `missing ${missing.join(', ')} (required where VELERO_IAC_REQUIRE_ALL=1, as in .ci/run)`,
        );
      });
    });
  } else {
    describe.skip(name, fn);
  }
}
