/**
 * The drill script, run against a fake cluster (fake kubectl, date and sleep on PATH) in every
 * scenario the drill must handle. Each test asserts the exact kubectl calls, the exit status, and
 * that no call ever names a live namespace.
 */

import { SCRIPT_JSONPATHS } from '../../../lib/core/drills/drillScript';
import { type RestoreDrillOptions, restoreDrill } from '../../../lib/core/drills/restoreDrill';
import { udsDefaultSchedule } from '../../../lib/core/manifests/udsDefaultSchedule';
import { type FakeCall, type FakeRun, type FakeScenario, runDrillScript } from './fakeCluster';

const D = 'velero-velero-udsbackup-drill';
const R = `${D}-20260118063000`;
const M = 'velero-drill-monitoring';
const T = 'velero-drill-tempo';
const LIVE = ['monitoring', 'tempo'];

/** One call as a line; JSONPath templates by name, created objects by kind and name. */
function line(call: FakeCall): string {
  const names = new Map(
    Object.entries(SCRIPT_JSONPATHS).map(([key, value]) => [value, `<${key}>`]),
  );
  const text = call.args.map((arg) => names.get(arg as never) ?? arg).join(' ');
  if (call.stdin === undefined) return text;
  const object = JSON.parse(call.stdin) as {
    kind: string;
    metadata: { name: string; namespace?: string };
  };
  const where = object.metadata.namespace === undefined ? '' : `${object.metadata.namespace}/`;
  return `${text} <${object.kind} ${where}${object.metadata.name}>`;
}

/** Every namespace a call touches: `-n`, a namespace named, a created object's namespace. */
function namespacesTouched(call: FakeCall): string[] {
  const out: string[] = [];
  const n = call.args.indexOf('-n');
  if (n >= 0) out.push(call.args[n + 1] ?? '');
  if (call.args[1] === 'namespace') out.push(call.args[2] ?? '');
  if (call.stdin !== undefined) {
    const object = JSON.parse(call.stdin) as {
      kind: string;
      metadata: { name: string; namespace?: string };
      spec?: { includedNamespaces?: string[]; namespaceMapping?: Record<string, string> };
    };
    if (object.metadata.namespace !== undefined) out.push(object.metadata.namespace);
    if (object.kind === 'Namespace') out.push(object.metadata.name);
    if (object.kind === 'Restore') {
      // A Restore names the live namespaces it reads from; every one must be mapped away.
      for (const source of object.spec?.includedNamespaces ?? []) {
        out.push(object.spec?.namespaceMapping?.[source] ?? source);
      }
    }
  }
  return out;
}

function expectNoLiveNamespace(run: FakeRun): void {
  for (const call of run.calls) {
    for (const ns of namespacesTouched(call)) expect(LIVE).not.toContain(ns);
  }
}

function drillScript(options: Partial<RestoreDrillOptions> = {}): string {
  return restoreDrill({ schedule: udsDefaultSchedule(), ...options }).script;
}

const RESTORED = [
  // A copy Velero made from a snapshot (the original still exists), kept by Retain.
  {
    namespace: 'monitoring',
    claim: 'prometheus-db',
    volume: 'velero-clone-1',
    reclaimPolicy: 'Retain' as const,
    clone: true,
    original: 'pvc-1',
    disk: 'vol-clone-1',
  },
  // A volume restored as-is (no snapshot, Retain): it points at a disk the drill must not delete.
  {
    namespace: 'monitoring',
    claim: 'alertmanager-db',
    volume: 'pv-alertmanager',
    reclaimPolicy: 'Retain' as const,
    disk: 'vol-alertmanager',
  },
  // A copy with the reclaim policy Delete.
  {
    namespace: 'tempo',
    claim: 'tempo-data',
    volume: 'velero-clone-2',
    reclaimPolicy: 'Delete' as const,
    clone: true,
    original: 'pvc-2',
    disk: 'vol-clone-2',
  },
];

const GOOD_DATA = {
  'prometheus-db': ['lost+found', 'wal', 'chunks_head'],
  'alertmanager-db': ['nflog'],
  'tempo-data': ['blocks'],
};

/** A volume labelled with the drill's Restore but claimed in a live namespace: never touched. */
const DECOY = {
  name: 'pv-decoy',
  labels: { 'velero.io/restore-name': R },
  annotations: { 'velero.io/original-pv-name': 'pvc-live' },
  claimNamespace: 'monitoring',
  reclaimPolicy: 'Retain' as const,
};

const COMPLETED = { phase: 'Completed', warnings: 1, progress: { itemsRestored: 9 } };

function scenario(overrides: Partial<FakeScenario> = {}): FakeScenario {
  return {
    velero: { result: COMPLETED, restores: RESTORED },
    volumeData: GOOD_DATA,
    volumes: [DECOY],
    ...overrides,
  };
}

// The calls, by step.
const checkScratch = [
  `get namespace ${M} --ignore-not-found -o <namespaceOwner>`,
  `get namespace ${T} --ignore-not-found -o <namespaceOwner>`,
];
const prepare = [
  `create -f - <Namespace ${M}>`,
  `create -f - <RoleBinding ${M}/${D}>`,
  `create -f - <Namespace ${T}>`,
  `create -f - <RoleBinding ${T}/${D}>`,
];
const createRestore = `create -f - <Restore velero/${R}>`;
const readRestore = `get restore -n velero ${R} -o <restoreStatus>`;
const restorePhase = `get restore -n velero ${R} -o <phase>`;
const listClaims = [`get pvc -n ${M} -o <claimNames>`, `get pvc -n ${T} -o <claimNames>`];
const startPods = [
  `create -f - <Pod ${M}/${D}-verify-1>`,
  `create -f - <Pod ${M}/${D}-verify-2>`,
  `create -f - <Pod ${T}/${D}-verify-3>`,
];
const claimPhases = [`get pvc -n ${M} -o <claimPhases>`, `get pvc -n ${T} -o <claimPhases>`];
const podPhases = [
  `get pod -n ${M} ${D}-verify-1 -o <phase>`,
  `get pod -n ${M} ${D}-verify-2 -o <phase>`,
  `get pod -n ${T} ${D}-verify-3 -o <phase>`,
];
const podLogs = [
  `logs -n ${M} ${D}-verify-1`,
  `logs -n ${M} ${D}-verify-2`,
  `logs -n ${T} ${D}-verify-3`,
];
const events = [
  `get events -n ${M} --sort-by=.lastTimestamp`,
  `get events -n ${T} --sort-by=.lastTimestamp`,
];
const deletePods = (count: number): string[] =>
  [
    `delete pod -n ${M} ${D}-verify-1 --ignore-not-found --wait=false`,
    `delete pod -n ${M} ${D}-verify-2 --ignore-not-found --wait=false`,
    `delete pod -n ${T} ${D}-verify-3 --ignore-not-found --wait=false`,
  ].slice(0, count);
const listVolumes = `get pv -l velero.io/restore-name=${R} -o <restoredVolumes>`;
const releaseClone = `patch pv velero-clone-1 --type merge -p {"spec":{"persistentVolumeReclaimPolicy":"Delete"}}`;
const deleteNamespaces = [
  `delete namespace ${M} --ignore-not-found --wait=false`,
  `delete namespace ${T} --ignore-not-found --wait=false`,
];
const namespacesGone = [
  `get namespace ${M} --ignore-not-found -o <namespaceName>`,
  `get namespace ${T} --ignore-not-found -o <namespaceName>`,
];
const deleteRetained = 'delete pv pv-alertmanager --ignore-not-found --wait=false';
/** Up to a finished Restore (one read InProgress, one done). */
const restored = [...checkScratch, ...prepare, createRestore, readRestore, readRestore];
/** The verification of the three claims. */
const verified = [...listClaims, ...startPods, ...claimPhases, ...podPhases, ...podLogs];
/** The clean-up after the Restore finished with the three volumes restored. */
const cleanupAfterRestore = (pods: number): string[] => [
  ...deletePods(pods),
  listVolumes,
  releaseClone,
  ...deleteNamespaces,
  ...namespacesGone, // still terminating
  ...namespacesGone, // gone
  listVolumes,
  deleteRetained,
];

function repeat(lines: readonly string[], times: number): string[] {
  return Array.from({ length: times }, () => lines).flat();
}

function names(run: FakeRun, kind: string): string[] {
  return run.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
}

describe('the drill script against a fake cluster', () => {
  test('success: restores, verifies every claim, cleans up, exits 0', () => {
    const run = runDrillScript(drillScript(), scenario());
    expect(run.calls.map(line)).toEqual([...restored, ...verified, ...cleanupAfterRestore(3)]);
    expect(run.status).toBe(0);
    expect(run.output).toContain('RESULT: PASSED');
    expect(run.output).toContain('holds 2 top-level entries'); // lost+found is not data
    expectNoLiveNamespace(run);
    // The scratch namespaces are gone; the copies' disks went with them; the as-is volume's disk
    // and the live decoy volume are kept.
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', 'velero']);
    expect(run.deletedDisks.sort()).toEqual(['vol-clone-1', 'vol-clone-2']);
    expect(names(run, 'PersistentVolume')).toEqual(['pv-decoy']);
    expect(run.output).toContain('its disk vol-alertmanager is kept');
  });

  test('Restore PartiallyFailed: the drill fails and cleans up', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({
        velero: {
          result: {
            phase: 'PartiallyFailed',
            errors: 2,
            warnings: 3,
            progress: { itemsRestored: 7 },
          },
          restores: RESTORED,
        },
      }),
    );
    expect(run.calls.map(line)).toEqual([...restored, ...cleanupAfterRestore(0)]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(`Restore ${R} ended PartiallyFailed with 2 errors`);
    expect(run.output).toContain('RESULT: FAILED');
    expectNoLiveNamespace(run);
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', 'velero']);
  });

  test('Restore Failed: the drill fails, says why and cleans up', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({
        velero: {
          result: { phase: 'Failed', failureReason: 'error downloading backup' },
          restores: [],
        },
      }),
    );
    expect(run.calls.map(line)).toEqual([
      ...restored,
      listVolumes,
      ...deleteNamespaces,
      ...namespacesGone,
      ...namespacesGone,
      listVolumes,
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain('ended Failed with 0 errors: error downloading backup');
    expectNoLiveNamespace(run);
  });

  test('Restore never finishing: the drill times out, waits for Velero to stop, cleans up', () => {
    const run = runDrillScript(
      drillScript({ restoreTimeout: '2m', cleanupTimeout: '2m' }),
      scenario({ velero: { never: true, result: COMPLETED, restores: RESTORED } }),
    );
    expect(run.calls.map(line)).toEqual([
      ...checkScratch,
      ...prepare,
      createRestore,
      ...repeat([readRestore], 13), // t = 0 s, 10 s, ... 120 s
      ...repeat([restorePhase], 7), // half the clean-up time: 0 s ... 60 s
      ...cleanupAfterRestore(0),
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(`Restore ${R} did not finish within 120s (phase InProgress)`);
    expect(run.output).toContain('is still InProgress: deleting the scratch namespaces anyway');
    expectNoLiveNamespace(run);
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', 'velero']);
  });

  test('a claim stuck Pending: the drill times out, shows the events, cleans up', () => {
    const run = runDrillScript(
      drillScript({ checkTimeout: '2m' }),
      scenario({ claimPhase: 'Pending', event: 'waiting for a volume to be created' }),
    );
    expect(run.calls.map(line)).toEqual([
      ...restored,
      ...listClaims,
      ...startPods,
      ...repeat(claimPhases, 13),
      ...events,
      ...cleanupAfterRestore(3),
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      `claims not Bound within 120s: ${M}/prometheus-db=Pending ${M}/alertmanager-db=Pending ${T}/tempo-data=Pending`,
    );
    expect(run.output).toContain('waiting for a volume to be created');
    expectNoLiveNamespace(run);
  });

  test('a verification pod finds an empty volume: the drill fails and cleans up', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({ volumeData: { ...GOOD_DATA, 'tempo-data': ['lost+found'] } }),
    );
    expect(run.calls.map(line)).toEqual([...restored, ...verified, ...cleanupAfterRestore(3)]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      `claim ${T}/tempo-data: the restored volume of claim tempo-data is empty`,
    );
    expect(run.output).toContain(`FAILED: the check of claim ${T}/tempo-data failed`);
    expectNoLiveNamespace(run);
  });

  test.each([
    ['without the drill label', {}],
    ['labelled for another drill', { 'velero-iac.io/drill': 'other-drill' }],
  ])('a scratch namespace exists %s: refuses and touches nothing', (_, labels) => {
    const run = runDrillScript(drillScript(), scenario({ namespaces: [{ name: T, labels }] }));
    expect(run.calls.map(line)).toEqual(checkScratch);
    expect(run.status).toBe(2);
    expect(run.output).toContain(
      `REFUSED: namespace ${T} exists without the label velero-iac.io/drill=${D}`,
    );
    expect(run.output).not.toContain(`drill ${D}: cleaning up`);
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', T, 'velero'].sort());
  });

  test('a scratch namespace cannot be read: refuses and touches nothing', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({ failures: [{ match: `get namespace ${M}` }] }),
    );
    expect(run.calls.map(line)).toEqual(checkScratch);
    expect(run.status).toBe(2);
    expect(run.output).toContain(`REFUSED: cannot tell whether namespace ${M} exists`);
  });

  test('a failure in the middle (a verification pod cannot be created): cleanup still runs', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({ failures: [{ match: 'create -f -', nth: 7 }] }),
    );
    expect(run.calls.map(line)).toEqual([
      ...restored,
      ...listClaims,
      ...startPods.slice(0, 2),
      ...cleanupAfterRestore(1),
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      `could not start the verification pod of claim ${M}/alertmanager-db`,
    );
    expectNoLiveNamespace(run);
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', 'velero']);
  });

  test('a failure in the middle (the Restore cannot be read): cleanup still runs', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({ failures: [{ match: `get restore -n velero ${R}`, nth: 1 }] }),
    );
    expect(run.calls.map(line)).toEqual([
      ...checkScratch,
      ...prepare,
      createRestore,
      readRestore, // fails
      restorePhase, // the clean-up waits for Velero: InProgress
      restorePhase, // Completed
      ...cleanupAfterRestore(0),
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain(`could not read Restore velero/${R}`);
    expectNoLiveNamespace(run);
  });

  test('a namespace left by an earlier run of the drill is deleted first', () => {
    const run = runDrillScript(
      drillScript(),
      scenario({ namespaces: [{ name: M, labels: { 'velero-iac.io/drill': D } }] }),
    );
    expect(run.calls.map(line)).toEqual([
      ...checkScratch,
      `delete namespace ${M} --ignore-not-found --wait=false`,
      `get namespace ${M} --ignore-not-found -o <namespaceName>`,
      `get namespace ${M} --ignore-not-found -o <namespaceName>`,
      ...prepare,
      createRestore,
      readRestore,
      readRestore,
      ...listClaims,
      ...startPods,
      ...claimPhases,
      ...podPhases,
      ...podLogs,
      ...cleanupAfterRestore(3),
    ]);
    expect(run.status).toBe(0);
    expectNoLiveNamespace(run);
  });

  test("restore: 'namespace': isolates the copy, waits for its pods, cleans up", () => {
    const run = runDrillScript(
      drillScript({ restore: 'namespace' }),
      scenario({
        velero: {
          result: COMPLETED,
          restores: RESTORED,
          pods: [
            { namespace: 'monitoring', name: 'prometheus-0', phase: 'Running', ready: true },
            { namespace: 'tempo', name: 'tempo-0', phase: 'Running', ready: true },
          ],
        },
      }),
    );
    expect(run.calls.map(line)).toEqual([
      ...checkScratch,
      `create -f - <Namespace ${M}>`,
      `create -f - <RoleBinding ${M}/${D}>`,
      `create -f - <NetworkPolicy ${M}/${D}-isolation>`,
      `create -f - <Namespace ${T}>`,
      `create -f - <RoleBinding ${T}/${D}>`,
      `create -f - <NetworkPolicy ${T}/${D}-isolation>`,
      createRestore,
      readRestore,
      readRestore,
      ...claimPhases,
      `get pods -n ${M} -o <podReadiness>`,
      `get pods -n ${T} -o <podReadiness>`,
      ...cleanupAfterRestore(0),
    ]);
    expect(run.status).toBe(0);
    expect(run.output).toContain('every restored pod is Ready or Succeeded');
    expectNoLiveNamespace(run);
  });

  test("restore: 'namespace': a restored pod that never gets Ready fails the drill", () => {
    const run = runDrillScript(
      drillScript({ restore: 'namespace', checkTimeout: '1m' }),
      scenario({
        velero: {
          result: COMPLETED,
          restores: RESTORED,
          pods: [{ namespace: 'tempo', name: 'tempo-0', phase: 'Running', ready: false }],
        },
      }),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      `pods not Ready or Succeeded within 60s: ${T}/tempo-0=Running=False`,
    );
    expect(names(run, 'Namespace').sort()).toEqual(['monitoring', 'tempo', 'velero']);
    expectNoLiveNamespace(run);
  });

  test('a verification command with quotes, $ and backslashes reaches the pod unchanged', () => {
    const run = runDrillScript(
      drillScript({
        namespaces: ['tempo'],
        verifyCommand: `test -e "$DRILL_VOLUME_PATH/blocks" && printf '%s\\n' "found blocks in \\"$DRILL_CLAIM\\" \\\\ \\$5"`,
      }),
      scenario(),
    );
    expect(run.status).toBe(0);
    expect(run.output).toContain(`claim ${T}/tempo-data: found blocks in "tempo-data" \\ $5`);
  });
});
