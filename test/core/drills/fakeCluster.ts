/**
 * Runs a drill script against the fake cluster in `fakeCluster/` (fake `kubectl`, `date` and
 * `sleep` first on `PATH`) and returns what it did: exit status, output, every kubectl call, the
 * cluster's end state.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const FAKES = path.join(__dirname, 'fakeCluster');

/** One restored claim, as the simulated Velero brings it back. */
export interface FakeRestoredClaim {
  /** The source namespace. */
  namespace: string;
  /** The claim's name. */
  claim: string;
  /** The volume Velero creates for it (none: provisioned later, not labelled). */
  volume?: string;
  /** Its reclaim policy. */
  reclaimPolicy?: 'Delete' | 'Retain';
  /** Whether Velero made it from a snapshot under a new name. */
  clone?: boolean;
  /** With `clone`: the original volume's name. */
  original?: string;
  /** The disk (CSI volume handle). */
  disk?: string;
}

/** The cluster a scenario starts with. */
export interface FakeScenario {
  /** Namespaces that exist before the drill, with their labels. */
  namespaces?: { name: string; labels?: Record<string, string> }[];
  /** What Velero does with the Restore. */
  velero: {
    /** The Restore never finishes. */
    never?: boolean;
    /** How many reads of the Restore until it is done (default 2: one InProgress). */
    getsUntilDone?: number;
    /** The Restore's final status. */
    result: Record<string, unknown>;
    /** What it brings back. */
    restores?: FakeRestoredClaim[];
    /** The pods it brings back (with `restore: 'namespace'`). */
    pods?: { namespace: string; name: string; phase: string; ready: boolean }[];
  };
  /** The phase restored claims stay in (default Bound). */
  claimPhase?: string;
  /** Each claim's data: `files` (the names at its top level, `lost+found` allowed). */
  volumeData?: Record<string, string[]>;
  /** Reads a deleted namespace stays visible (default 1). */
  namespaceDeletionGets?: number;
  /** kubectl calls that fail: the `nth` call whose arguments contain `match`. */
  failures?: { match: string; nth?: number }[];
  /** Volumes that exist before the drill (e.g. a live one that must never be touched). */
  volumes?: {
    name: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    claimNamespace: string;
    reclaimPolicy: 'Delete' | 'Retain';
  }[];
  /** The text of the event `kubectl get events` shows. */
  event?: string;
}

/** One kubectl call. */
export interface FakeCall {
  /** Its arguments, without `--request-timeout`. */
  readonly args: string[];
  /** What it read on stdin (for `create -f -`). */
  readonly stdin?: string;
}

/** What a run did. */
export interface FakeRun {
  /** The script's exit status. */
  readonly status: number | null;
  /** stdout and stderr together. */
  readonly output: string;
  /** Every kubectl call, in order. */
  readonly calls: FakeCall[];
  /** The objects in the cluster at the end. */
  readonly objects: { kind: string; metadata: { name: string; namespace?: string } }[];
  /** The disks deleted with their volumes. */
  readonly deletedDisks: string[];
}

/** The instant the fake clock starts at: 2026-01-18T06:30:00Z. */
export const FAKE_START = Date.UTC(2026, 0, 18, 6, 30, 0) / 1000;

/** Runs `script` against a fake cluster set up as `scenario` says; `signal` interrupts it. */
export function runDrillScript(script: string, scenario: FakeScenario): FakeRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'velero-drill-'));
  try {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      path.join(bin, 'kubectl'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(FAKES, 'kubectl.cjs'))} "$@"\n`,
      { mode: 0o755 },
    );
    for (const tool of ['date', 'sleep']) {
      writeFileSync(path.join(bin, tool), readFileSync(path.join(FAKES, tool)), { mode: 0o755 });
    }
    const volumeData: Record<string, string> = {};
    for (const [claim, files] of Object.entries(scenario.volumeData ?? {})) {
      const data = path.join(dir, 'volumes', claim);
      mkdirSync(data, { recursive: true });
      for (const file of files) {
        if (file === 'lost+found') mkdirSync(path.join(data, file));
        else writeFileSync(path.join(data, file), 'data');
      }
      volumeData[claim] = data;
    }
    // The live namespaces are there, as in a real cluster.
    const live = ['velero', 'monitoring', 'tempo'].map((name) => ({ name }));
    const objects: Record<string, unknown>[] = [...live, ...(scenario.namespaces ?? [])].map(
      (ns) => ({
        kind: 'Namespace',
        metadata: { name: ns.name, labels: ('labels' in ns ? ns.labels : undefined) ?? {} },
      }),
    );
    for (const volume of scenario.volumes ?? []) {
      objects.push({
        kind: 'PersistentVolume',
        metadata: {
          name: volume.name,
          labels: volume.labels,
          annotations: volume.annotations ?? {},
        },
        spec: {
          claimRef: { namespace: volume.claimNamespace, name: 'data' },
          persistentVolumeReclaimPolicy: volume.reclaimPolicy,
          csi: { volumeHandle: `disk-of-${volume.name}` },
        },
      });
    }
    writeFileSync(path.join(dir, 'clock'), String(FAKE_START));
    writeFileSync(
      path.join(dir, 'state.json'),
      JSON.stringify({ ...scenario, objects, volumeData, deletedDisks: [] }),
    );
    writeFileSync(path.join(dir, 'calls.jsonl'), '');
    writeFileSync(path.join(dir, 'drill.sh'), script);
    const run = spawnSync('sh', [path.join(dir, 'drill.sh')], {
      env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_CLUSTER_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as {
      objects: FakeRun['objects'];
      deletedDisks: string[];
    };
    return {
      status: run.status,
      output: `${run.stdout}${run.stderr}`,
      calls: readFileSync(path.join(dir, 'calls.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as FakeCall),
      objects: state.objects,
      deletedDisks: state.deletedDisks,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
