/**
 * Builds and runs `gapOracle/main.go`: the longest gap between consecutive fire times of cron
 * schedules, enumerated with the real robfig/cron v3 `ParseStandard` and `Next` (Debian's
 * `golang-github-robfig-cron-dev`), built in GOPATH mode into a temporary folder, offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROBFIG_CRON_SOURCE } from '../../support/requirements';

/** How the oracle walks the runs: every one, or (zones without offset changes) day by day. */
export type GapMode = 'every' | 'days';

/** One question: the longest gap between runs of `cron` that start in `[startMs, endMs)`. */
export interface GapRequest {
  readonly mode: GapMode;
  readonly cron: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** A built oracle; `dispose` removes its folder. */
export interface GapOracle {
  /** The longest gap in milliseconds per request; `undefined` when fewer than two runs. */
  longestGaps(requests: readonly GapRequest[]): (number | undefined)[];
  dispose(): void;
}

const GOPATH = path.resolve(ROBFIG_CRON_SOURCE, '..', '..', '..', '..');

/** `go build`s the oracle (a few seconds) into a fresh temporary folder. */
export function buildGapOracle(): GapOracle {
  const dir = mkdtempSync(path.join(tmpdir(), 'velero-iac-gap-oracle-'));
  const binary = path.join(dir, 'gapOracle');
  try {
    execFileSync('go', ['build', '-o', binary, path.join(__dirname, 'gapOracle', 'main.go')], {
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH,
        GOCACHE: path.join(dir, 'cache'),
        GOFLAGS: '',
        GOPROXY: 'off',
        CGO_ENABLED: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `go build of the gap oracle failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
    );
  }
  return {
    longestGaps(requests) {
      const input = requests
        .map(
          (r) =>
            `${r.mode}\t${Math.floor(r.startMs / 1000)}\t${Math.floor(r.endMs / 1000)}\t${r.cron}`,
        )
        .join('\n');
      // TZ=UTC: a schedule without CRON_TZ= runs in the server's zone, UTC in Velero's image.
      const output = execFileSync(binary, {
        env: { ...process.env, TZ: 'UTC' },
        input: `${input}\n`,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      return output
        .trim()
        .split('\n')
        .map((line, i) => {
          if (line === 'none') return undefined;
          if (line.startsWith('error'))
            throw new Error(`gap oracle on ${JSON.stringify(requests[i]?.cron)}: ${line}`);
          return Number(line) * 1000;
        });
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
