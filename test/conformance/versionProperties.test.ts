/**
 * Property tests for the target release: for random options and a random `veleroVersion`, every
 * builder either throws a `VeleroConfigError` or returns a manifest that conforms to the CRD of
 * that release with unknown fields rejected (so the API server of that release would prune
 * nothing) and passes `validateManifest` for that release. Against the newest release:
 * - a refusal for an older release is justified: a field the CRD of that release lacks (the
 *   manifest built for 1.18 does not conform to it), the cron dialect, or a config key or policy
 *   entry that release's AWS plugin or Velero rejects; no other problem appears;
 * - what builds for both is the same object (except `backupName: ""` where the older CRD needs it);
 * - a refusal for 1.18 is a refusal for every release.
 * The same holds for the Restore a restore drill creates, from a random schedule.
 */
import fc from 'fast-check';
import {
  backupFromSchedule,
  backupManifest,
  backupStorageLocationManifest,
  isVeleroVersionAtLeast,
  RESTORE_BACKUP_NAME_OPTIONAL_SINCE,
  resourcePolicyConfigMap,
  restoreDrill,
  restoreManifest,
  type ScheduleManifest,
  scheduleManifest,
  udsDefaultSchedule,
  VELERO_VERSIONS,
  VeleroConfigError,
  type VeleroVersion,
  validateManifest,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import {
  backupOptions,
  backupStorageLocationOptions,
  type LooseRecord,
  type Mode,
  resourcePolicyOptions,
  restoreOptions,
  scheduleOptions,
  udsDefaultScheduleOptions,
  volumeSnapshotLocationOptions,
} from '../core/arbitraries';
import { describeWithCrds, validateAgainstCrd } from './crdValidator';

const RUNS = 400;

const version: fc.Arbitrary<VeleroVersion> = fc.constantFrom(...VELERO_VERSIONS);

/** Options in both modes: valid ones build for 1.18, mixed ones often do not. */
function options(of: (mode: Mode) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: of('valid'), weight: 3 }, { arbitrary: of('mixed'), weight: 1 });
}

type Outcome =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: VeleroConfigError };

function attempt(build: () => unknown): Outcome {
  try {
    return { ok: true, value: build() as Record<string, unknown> };
  } catch (error) {
    if (error instanceof VeleroConfigError) return { ok: false, error };
    throw error;
  }
}

/** What a refusal that only an older release makes may be about. */
function isReleaseIssue(message: string, path: string): 'crd' | 'other' | undefined {
  if (message.includes('silently drops it')) return 'crd';
  if (message.includes('needs velero-plugin-for-aws')) return 'other';
  if (message.includes('Velero') && message.includes('rejects the policy')) return 'other';
  // The cron dialect of Velero 1.14 and older (robfig/cron v1.1.0).
  if (/(^|\.)schedule$/.test(path) && message.includes('1.15')) return 'other';
  return undefined;
}

/** The manifest a release's builder should return, given what the newest one returned. */
function expectedFor(newest: Record<string, unknown>, target: VeleroVersion): unknown {
  const spec = newest.spec as Record<string, unknown> | undefined;
  if (
    newest.kind === 'Restore' &&
    spec !== undefined &&
    !isVeleroVersionAtLeast(target, RESTORE_BACKUP_NAME_OPTIONAL_SINCE) &&
    spec.backupName === undefined &&
    typeof spec.scheduleName === 'string'
  ) {
    return { ...newest, spec: { backupName: '', ...spec } };
  }
  return newest;
}

interface Counts {
  built: number;
  refusedOnlyByRelease: number;
  refused: number;
}

/**
 * The property for one builder. `sources` are the manifests a refusal may be about besides the
 * one built (the Schedule a Backup is taken from). The resource-policy ConfigMap is checked
 * against its built-in schema, the same for every release.
 */
function checkAcrossReleases(
  input: fc.Arbitrary<unknown>,
  build: (value: unknown, target: VeleroVersion | undefined) => unknown,
  sources: (value: unknown) => unknown[] = () => [],
): Counts {
  const counts: Counts = { built: 0, refusedOnlyByRelease: 0, refused: 0 };
  fc.assert(
    fc.property(input, version, (value, target) => {
      const newest = attempt(() => build(value, undefined));
      const older = attempt(() => build(value, target));
      if (older.ok) {
        counts.built++;
        expect(validateAgainstCrd(older.value, target)).toEqual([]);
        expect(validateManifest(older.value, { veleroVersion: target })).toEqual([]);
        // Anything an older release accepts, the newest accepts too, as the same object.
        expect(newest.ok).toBe(true);
        if (newest.ok) expect(older.value).toEqual(expectedFor(newest.value, target));
        return;
      }
      if (!newest.ok) {
        counts.refused++;
        return;
      }
      counts.refusedOnlyByRelease++;
      const kinds = older.error.issues.map((i) => isReleaseIssue(i.message, i.path));
      expect({ issues: older.error.issues, kinds }).toEqual({
        issues: older.error.issues,
        kinds: kinds.map((k) => k ?? 'a release issue'),
      });
      // The CRD of that release confirms every field refused as unknown to it (in the manifest,
      // completed as that release needs it, or in the manifest it was made from).
      const crdProblems = [expectedFor(newest.value, target), ...sources(value)].flatMap((m) =>
        validateAgainstCrd(m, target),
      );
      expect(crdProblems.length > 0).toBe(kinds.includes('crd'));
    }),
    { numRuns: RUNS },
  );
  return counts;
}

function withTarget(value: unknown, target: VeleroVersion | undefined): unknown {
  if (target === undefined || typeof value !== 'object' || value === null || Array.isArray(value))
    return value;
  return { ...(value as LooseRecord), veleroVersion: target };
}

describeWithCrds('for a random target release: refused, or conformant to its CRD', () => {
  const builders: [string, fc.Arbitrary<unknown>, (v: unknown, t?: VeleroVersion) => unknown][] = [
    [
      'scheduleManifest',
      options(scheduleOptions),
      (v, t) => scheduleManifest(withTarget(v, t) as never),
    ],
    ['backupManifest', options(backupOptions), (v, t) => backupManifest(withTarget(v, t) as never)],
    [
      'restoreManifest',
      options(restoreOptions),
      (v, t) => restoreManifest(withTarget(v, t) as never),
    ],
    [
      'backupStorageLocationManifest',
      options(backupStorageLocationOptions),
      (v, t) => backupStorageLocationManifest(withTarget(v, t) as never),
    ],
    [
      'volumeSnapshotLocationManifest',
      options(volumeSnapshotLocationOptions),
      (v, t) => volumeSnapshotLocationManifest(withTarget(v, t) as never),
    ],
    [
      'udsDefaultSchedule',
      options(udsDefaultScheduleOptions),
      (v, t) => udsDefaultSchedule(withTarget(v ?? {}, t) as never),
    ],
    [
      'resourcePolicyConfigMap',
      options(resourcePolicyOptions),
      (v, t) => resourcePolicyConfigMap(withTarget(v, t) as never),
    ],
  ];

  test.each(builders)('%s', (_name, input, build) => {
    const counts = checkAcrossReleases(input, build);
    // Every branch is exercised: built, refused by an older release only, refused by all.
    expect(counts.built).toBeGreaterThan(RUNS / 10);
    expect(counts.refused).toBeGreaterThan(0);
    if (_name !== 'volumeSnapshotLocationManifest') {
      expect(counts.refusedOnlyByRelease).toBeGreaterThan(0);
    }
  });

  test('backupFromSchedule', () => {
    const schedules = options(scheduleOptions).chain((value) => {
      const built = attempt(() => scheduleManifest(value as never));
      return fc.constant(built.ok ? (built.value as unknown as ScheduleManifest) : undefined);
    });
    const counts = checkAcrossReleases(
      schedules.filter((s) => s !== undefined),
      (schedule, target) =>
        backupFromSchedule(schedule as ScheduleManifest, {
          at: new Date(Date.UTC(2026, 0, 15)),
          ...(target === undefined ? {} : { veleroVersion: target }),
        }),
      (schedule) => [schedule],
    );
    expect(counts.built).toBeGreaterThan(RUNS / 10);
    expect(counts.refusedOnlyByRelease).toBeGreaterThan(0);
  });

  test("restoreDrill's Restore", () => {
    const schedules = options(scheduleOptions).chain((value) => {
      const built = attempt(() => scheduleManifest(value as never));
      return fc.constant(built.ok ? (built.value as unknown as ScheduleManifest) : undefined);
    });
    const counts = checkAcrossReleases(
      schedules.filter((s) => s !== undefined),
      (schedule, target) => {
        const template = restoreDrill({
          schedule: schedule as ScheduleManifest,
          // A fixed name and drill time: the defaults come from the schedule's name and cron,
          // which are random here.
          name: 'drill',
          cron: '17 4 * * 3',
          // A namespace the schedule backs up by name, when it names one.
          namespaces: [
            (schedule as ScheduleManifest).spec.template.includedNamespaces?.find((name) =>
              /^[a-z0-9-]+$/.test(name),
            ) ?? 'apps',
          ],
          ...(target === undefined ? {} : { veleroVersion: target }),
        }).restoreTemplate;
        // The script names each run's Restore; any valid name stands in for it here.
        return { ...template, metadata: { ...template.metadata, name: 'drill-20260115000000' } };
      },
      (schedule) => [schedule],
    );
    expect(counts.built).toBeGreaterThan(RUNS / 10);
    expect(counts.refusedOnlyByRelease).toBeGreaterThan(0);
  });
});
