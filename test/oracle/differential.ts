/**
 * Runs the differential test's corpus through the Go oracle and the library and tallies the
 * agreements, the deliberate differences and anything else (see oracle.test.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { type CronDialect, checkCron, parseCron } from '../../lib/core/rules/cron';
import { cronFireTimes } from '../../lib/core/rules/cronNext';
import { parseGoDurationNanoseconds } from '../../lib/core/rules/duration';
import {
  cronText,
  durationText,
  EXTRA_ZONE_NAMES,
  FIRE_TIME_ZONES,
  HAND_WRITTEN_CRONS,
  HAND_WRITTEN_DURATIONS,
  startInstants,
  ZONE_WINDOW,
} from './corpus';
import {
  buildGoOracle,
  type CronRequest,
  type DurationRequest,
  type GoOracle,
  type OracleAnswer,
  type OracleRequest,
  type ZoneRequest,
} from './goOracle';

/** Where the library knowingly differs from Velero's Go code, and why. */
export const DELIBERATE_DIFFERENCES = {
  nonIanaZone:
    'Go loads any file under the zoneinfo directory (posix/…, right/…, Europe//Berlin, Factory, localtime, posixrules); the library accepts only IANA zone names, so that a schedule means the same on every Velero server',
  neverRuns:
    'robfig/cron accepts schedules that match no time; Next returns the zero time and Velero then counts them as always due, starting a backup every minute. parseCron accepts and flags them, checkCron (and every builder) refuses them',
} as const;

/** How many cron expressions and durations fast-check generates per run. */
export const GENERATED_CRONS = 3000;
const GENERATED_DURATIONS = 4000;
const FIRES_PER_START = 3;
const STEP = 3 * 86_400;
const ZONEINFO = '/usr/share/zoneinfo';

/** An offset reading independent of the library: ICU's `longOffset` name, e.g. `GMT+05:45`. */
function intlOffsetSeconds(format: Intl.DateTimeFormat, unixSeconds: number): number {
  const name = format
    .formatToParts(new Date(unixSeconds * 1000))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (match === null) throw new Error(`unexpected offset name ${name}`);
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return sign === '-' ? -total : total;
}

/** The offset changes `Intl` reports in a window: samples every three days, then bisection. */
function intlChanges(
  zone: string,
  window: { readonly from: number; readonly to: number } = ZONE_WINDOW,
): { offset: number; changes: Array<[number, number]> } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offset = intlOffsetSeconds(format, window.from);
  const changes: Array<[number, number]> = [];
  let previous = window.from;
  let previousOffset = offset;
  // Every three days: no zone changes its offset and back within 95 hours (tzdata 1800-2100).
  for (let t = window.from + STEP; t <= window.to + STEP; t += STEP) {
    const at = Math.min(t, window.to);
    const atOffset = intlOffsetSeconds(format, at);
    while (atOffset !== previousOffset) {
      let low = previous;
      let high = at;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (intlOffsetSeconds(format, middle) === previousOffset) low = middle;
        else high = middle;
      }
      const next = intlOffsetSeconds(format, high);
      changes.push([high, next]);
      previous = high;
      previousOffset = next;
    }
    previous = at;
    if (at === window.to) break;
  }
  return { offset, changes };
}

/**
 * The zones whose data Go (the machine's tzdata) and `Intl` (Node's ICU) disagree on in a window,
 * in Unix seconds. Each tzdata release follows the world's rule changes; Node's ICU lags behind.
 */
export function zonesGoAndIntlDisagreeOn(
  oracle: GoOracle,
  zones: readonly string[],
  window: { readonly from: number; readonly to: number },
): string[] {
  const answers = oracle.ask(zones.map((text) => ({ kind: 'zone', text, ...window })));
  return zones.filter((zone, i) => {
    const go = answers[i];
    const js = intlChanges(zone, window);
    return !(
      go?.ok === true &&
      go.offset === js.offset &&
      JSON.stringify(go.changes ?? []) === JSON.stringify(js.changes)
    );
  });
}

/** Every file name under the zoneinfo directory except the posix/ and right/ trees. */
function zoneinfoNames(): string[] {
  if (!existsSync(ZONEINFO)) return [];
  const names: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(ZONEINFO, relative))) {
      const name = relative === '' ? entry : `${relative}/${entry}`;
      if (name === 'posix' || name === 'right') continue;
      if (statSync(path.join(ZONEINFO, name)).isDirectory()) walk(name);
      else names.push(name);
    }
  };
  walk('');
  return names;
}

function zoneOfSchedule(text: string, local: string): string {
  const prefix = /^(?:CRON_)?TZ=(\S*) /.exec(text);
  if (prefix === null) return local;
  const zone = prefix[1] ?? '';
  if (zone === 'Local') return local;
  return zone === '' ? 'UTC' : zone;
}

interface CronCase {
  readonly request: CronRequest;
  readonly origin: 'hand-written' | 'generated' | 'zone name';
  /** Whether fire times are compared (the zone's data agree); verdicts are always compared. */
  compareFires: boolean;
}

export interface Outcome {
  crons: number;
  cronsByOrigin: Record<CronCase['origin'], number>;
  goAccepted: number;
  verdictAgreements: number;
  deliberate: Record<keyof typeof DELIBERATE_DIFFERENCES, string[]>;
  verdictDisagreements: string[];
  fireTimesCompared: number;
  fireTimeSchedules: number;
  fireTimeDisagreements: string[];
  neverRunsMismatches: string[];
  durations: number;
  durationAgreements: number;
  durationDisagreements: string[];
  zonesCompared: number;
  zonesDisagreeing: string[];
  zoneNames: number;
  /** How long each part took, for the summary line. */
  timings: string[];
}

/** Which robfig/cron the oracle is built with, and the dialect the library parses as. */
export interface DifferentialTarget {
  readonly dialect: CronDialect;
  /** A GOPATH whose src/github.com/robfig/cron holds that release. @default Debian's v3.0.1 */
  readonly gopath?: string;
}

/**
 * Builds the corpus from `seed`, asks the Go oracle about all of it in one process, asks the
 * library the same, and tallies the comparison.
 */
export function runDifferential(
  seed: number,
  target: DifferentialTarget = { dialect: 'v3.0.1' },
): Outcome {
  const { dialect } = target;
  const timings: string[] = [];
  const timed = <T>(label: string, run: () => T): T => {
    const start = performance.now();
    const result = run();
    timings.push(`${label} ${Math.round(performance.now() - start)}ms`);
    return result;
  };
  // 1. Zone data: which fire-time zones Go and Intl agree on over the window.
  const zoneRequests: ZoneRequest[] = FIRE_TIME_ZONES.map((zone) => ({
    kind: 'zone',
    text: zone,
    from: ZONE_WINDOW.from,
    to: ZONE_WINDOW.to,
  }));
  const intl = timed(
    'intl zones',
    () => new Map(FIRE_TIME_ZONES.map((zone) => [zone as string, intlChanges(zone)])),
  );

  // 2. The cron corpus.
  const cases: CronCase[] = [];
  const localZone = fc.constantFrom(...FIRE_TIME_ZONES);
  const starts = (zone: string) =>
    startInstants(
      zone,
      (intl.get(zone)?.changes ?? []).map(([t]) => t),
    );
  const addCron = (text: string, origin: CronCase['origin'], seed: number, count: number) => {
    const [local] = fc.sample(localZone, { numRuns: 1, seed });
    const zone = zoneOfSchedule(text, local ?? 'UTC');
    const [sampled] = fc.sample(starts(FIRE_TIME_ZONES.includes(zone as never) ? zone : 'UTC'), {
      numRuns: 1,
      seed: seed + 1,
    });
    // Go's Next searches five years for a schedule that never runs: one search is evidence enough.
    const parsed = parseCron(text, { dialect });
    const never = parsed.ok && parsed.cron.kind === 'fields' && parsed.cron.neverRunsBecause;
    const startsMs = never ? (sampled ?? []).slice(0, 1) : (sampled ?? []);
    cases.push({
      request: { kind: 'cron', text, local: local ?? 'UTC', startsMs, count: never ? 1 : count },
      origin,
      compareFires: count > 0,
    });
  };
  HAND_WRITTEN_CRONS.forEach((text, i) => {
    addCron(text, 'hand-written', seed + 7 * i, FIRES_PER_START);
  });
  fc.sample(cronText, { numRuns: GENERATED_CRONS, seed }).forEach((text, i) => {
    addCron(text, 'generated', seed + 7 * (i + HAND_WRITTEN_CRONS.length), FIRES_PER_START);
  });
  const zoneNames = [
    ...new Set([...Intl.supportedValuesOf('timeZone'), ...EXTRA_ZONE_NAMES, ...zoneinfoNames()]),
  ].sort();
  for (const name of zoneNames) {
    cases.push({
      request: { kind: 'cron', text: `TZ=${name} 0 3 * * *`, local: 'UTC', startsMs: [], count: 0 },
      origin: 'zone name',
      compareFires: false,
    });
  }

  // 3. The duration corpus.
  const durations: DurationRequest[] = [
    ...HAND_WRITTEN_DURATIONS,
    ...fc.sample(durationText, { numRuns: GENERATED_DURATIONS, seed: seed + 1 }),
  ].map((text) => ({ kind: 'duration', text }));

  // 4. One oracle process for everything.
  const oracle = timed('build', () => buildGoOracle(target.gopath));
  let answers: OracleAnswer[];
  try {
    const requests: OracleRequest[] = [
      ...zoneRequests,
      ...cases.map((c) => c.request),
      ...durations,
    ];
    answers = timed('go', () => oracle.ask(requests));
  } finally {
    oracle.dispose();
  }
  const zoneAnswers = answers.slice(0, zoneRequests.length);
  const cronAnswers = answers.slice(zoneRequests.length, zoneRequests.length + cases.length);
  const durationAnswers = answers.slice(zoneRequests.length + cases.length);

  const outcome: Outcome = {
    crons: cases.length,
    cronsByOrigin: { 'hand-written': 0, generated: 0, 'zone name': 0 },
    goAccepted: 0,
    verdictAgreements: 0,
    deliberate: { nonIanaZone: [], neverRuns: [] },
    verdictDisagreements: [],
    fireTimesCompared: 0,
    fireTimeSchedules: 0,
    fireTimeDisagreements: [],
    neverRunsMismatches: [],
    durations: durations.length,
    durationAgreements: 0,
    durationDisagreements: [],
    zonesCompared: zoneRequests.length,
    zonesDisagreeing: [],
    zoneNames: zoneNames.length,
    timings,
  };

  const agreeingZones = new Set<string>();
  zoneRequests.forEach((request, i) => {
    const go = zoneAnswers[i];
    const js = intl.get(request.text);
    const same =
      go?.ok === true &&
      js !== undefined &&
      go.offset === js.offset &&
      JSON.stringify(go.changes ?? []) === JSON.stringify(js.changes);
    if (same) agreeingZones.add(request.text);
    else outcome.zonesDisagreeing.push(request.text);
  });

  const libraryStart = performance.now();
  cases.forEach((c, i) => {
    const go = cronAnswers[i] as OracleAnswer;
    const { text, local, startsMs, count } = c.request;
    outcome.cronsByOrigin[c.origin]++;
    const parsed = parseCron(text, { dialect });
    if (go.ok) outcome.goAccepted++;
    const label = `${JSON.stringify(text)} (${c.origin})`;
    if (go.ok !== parsed.ok) {
      if (go.ok && !parsed.ok && /accepts only IANA zone names/.test(parsed.message)) {
        outcome.deliberate.nonIanaZone.push(text);
      } else {
        outcome.verdictDisagreements.push(
          `${label}: Go ${go.ok ? 'accepts' : `rejects (${go.error})`}, library ${parsed.ok ? 'accepts' : `rejects (${parsed.message})`}`,
        );
      }
      return;
    }
    outcome.verdictAgreements++;
    if (!parsed.ok || !go.ok) return;

    // checkCron refuses exactly the schedules for which Go's Next finds nothing.
    const refused = checkCron(text, { dialect }) !== undefined;
    const goFindsNothing =
      (go.next ?? []).length > 0 && (go.next ?? []).every((l) => l[0] === null);
    if (refused) {
      outcome.deliberate.neverRuns.push(text);
      // v1.1.0 also refuses runs so rare that Next gives up from some starts, not from all.
      const rare = /searches only five years ahead/.test(checkCron(text, { dialect }) ?? '');
      if (!rare && (go.next ?? []).some((list) => list[0] !== null)) {
        outcome.neverRunsMismatches.push(`${label}: refused as never running, but Go runs it`);
      }
    } else if (goFindsNothing && parsed.cron.kind === 'fields') {
      outcome.neverRunsMismatches.push(`${label}: accepted, but Go's Next finds nothing`);
    }

    const zone = zoneOfSchedule(text, local);
    if (!c.compareFires || count === 0) return;
    if (parsed.cron.kind !== 'every' && !agreeingZones.has(zone)) return;
    outcome.fireTimeSchedules++;
    startsMs.forEach((startMs, s) => {
      const expected = go.next?.[s] ?? [];
      const times = cronFireTimes(parsed.cron, new Date(startMs), count, { serverTimeZone: local });
      const actual: Array<number | null> = times.map((t) => t.getTime() / 1000);
      if (actual.length < count) actual.push(null);
      outcome.fireTimesCompared += expected.length;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        outcome.fireTimeDisagreements.push(
          `${label} in ${local} from ${new Date(startMs).toISOString()}: Go ${JSON.stringify(expected)}, library ${JSON.stringify(actual)}`,
        );
      }
    });
  });

  timings.push(`library crons ${Math.round(performance.now() - libraryStart)}ms`);
  durations.forEach((request, i) => {
    const go = durationAnswers[i] as OracleAnswer;
    const nanoseconds = parseGoDurationNanoseconds(request.text);
    const library = nanoseconds === undefined ? undefined : String(nanoseconds);
    const expected = go.ok ? go.ns : undefined;
    if (library === expected) outcome.durationAgreements++;
    else {
      outcome.durationDisagreements.push(
        `${JSON.stringify(request.text)}: Go ${go.ok ? go.ns : `rejects (${go.error})`}, library ${library ?? 'rejects'}`,
      );
    }
  });
  return outcome;
}
