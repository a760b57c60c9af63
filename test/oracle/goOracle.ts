/**
 * Builds and runs the Go oracle (`main.go` beside this file): robfig/cron v3.0.1 `ParseStandard`
 * and `Next` from Debian's `golang-github-robfig-cron-dev`, and Go's `time.ParseDuration` and
 * `time.LoadLocation`. Built in GOPATH mode into a temporary folder, with no network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROBFIG_CRON_SOURCE } from '../support/requirements';

/** A schedule to parse, and the instants (ms since 1970) from which to follow `Next` `count` times. */
export interface CronRequest {
  readonly kind: 'cron';
  readonly text: string;
  /** The Velero server's zone, Go's `time.Local`. */
  readonly local: string;
  readonly startsMs: readonly number[];
  readonly count: number;
}

/** A text for `time.ParseDuration`. */
export interface DurationRequest {
  readonly kind: 'duration';
  readonly text: string;
}

/** A zone whose offset changes between two instants (seconds since 1970) Go should list. */
export interface ZoneRequest {
  readonly kind: 'zone';
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

export type OracleRequest = CronRequest | DurationRequest | ZoneRequest;

/** The oracle's answer to one request. */
export interface OracleAnswer {
  readonly ok: boolean;
  readonly error?: string;
  /** cron: per start, the successive fire times in seconds since 1970; `null` for Go's zero time. */
  readonly next?: ReadonlyArray<ReadonlyArray<number | null>>;
  /** duration: nanoseconds as a decimal string. */
  readonly ns?: string;
  /** zone: the offset in seconds east of UTC at `from`, and each later `[instant, offset]`. */
  readonly offset?: number;
  readonly changes?: ReadonlyArray<readonly [number, number]>;
}

/** The GOPATH holding Debian's robfig/cron source (`<gopath>/src/github.com/robfig/cron`). */
const ROBFIG_GOPATH = path.resolve(ROBFIG_CRON_SOURCE, '..', '..', '..', '..');

/** A built oracle; `dispose` removes its temporary folder. */
export interface GoOracle {
  ask(requests: readonly OracleRequest[]): OracleAnswer[];
  dispose(): void;
}

/** Builds the oracle with `go build` (a second or two) into a fresh temporary folder. */
export function buildGoOracle(gopath: string = ROBFIG_GOPATH): GoOracle {
  const dir = mkdtempSync(path.join(tmpdir(), 'velero-iac-oracle-'));
  const binary = path.join(dir, 'oracle');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH: gopath,
    GOCACHE: path.join(dir, 'cache'),
    GOFLAGS: '',
    GOPROXY: 'off',
    CGO_ENABLED: '0',
  };
  try {
    execFileSync('go', ['build', '-o', binary, path.join(__dirname, 'main.go')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`go build of the oracle failed:\n${stderr}`);
  }
  return {
    ask(requests) {
      const input = requests
        .map((request) =>
          JSON.stringify(
            request.kind === 'cron'
              ? {
                  kind: 'cron',
                  text: request.text,
                  local: request.local,
                  startsMs: request.startsMs,
                  count: request.count,
                }
              : request,
          ),
        )
        .join('\n');
      // To replay a run by hand: VELERO_IAC_ORACLE_DUMP=file writes the requests there.
      const dump = process.env['VELERO_IAC_ORACLE_DUMP'];
      if (dump !== undefined && dump !== '') writeFileSync(dump, `${input}\n`);
      // ZONEINFO unset: Go reads the system's /usr/share/zoneinfo, as on a Velero server.
      const { ZONEINFO: _ignored, ...runEnv } = process.env;
      const result = spawnSync(binary, [], {
        input: `${input}\n`,
        env: { ...runEnv, TZ: 'UTC' },
        maxBuffer: 512 * 1024 * 1024,
        timeout: 150_000,
      });
      if (result.status !== 0) {
        throw new Error(`the oracle exited with ${result.status}: ${result.stderr?.toString()}`);
      }
      const lines = result.stdout.toString().trimEnd().split('\n');
      if (lines.length !== requests.length) {
        throw new Error(`the oracle answered ${lines.length} of ${requests.length} requests`);
      }
      return lines.map((line) => JSON.parse(line) as OracleAnswer);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
