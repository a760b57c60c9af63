/**
 * When Velero's node agent (the `node-agent` DaemonSet) must run: it hosts file-system backup and
 * restore (kopia) and the built-in data mover of CSI snapshot data. Without it such backups wait
 * and then fail at run time, long after the configuration was accepted.
 */
import { yaml } from './lazyYaml';
import { joinPath } from './path';
import { isPlainObject } from './schema/checkShape';
import type { BackupManifest } from './types/backup';
import type { BackupTemplate } from './types/backupSpec';
import type { ResourcePolicyConfigMap } from './types/resourcePolicy';
import type { ScheduleManifest } from './types/schedule';

/** One reason the node agent must run. */
export interface NodeAgentNeed {
  /** The field that needs it, e.g. `schedules[0].spec.template.defaultVolumesToFsBackup`. */
  readonly path: string;
  /** What that field does that needs the node agent, as a phrase. */
  readonly reason: string;
}

/** What {@link nodeAgentNeeds} reads. */
export interface NodeAgentNeedsInput {
  /** The Schedules of the installation (their `spec.template`). */
  readonly schedules: readonly ScheduleManifest[];
  /** The Backups of the installation (their `spec`). */
  readonly backups: readonly BackupManifest[];
  /** The resource-policy ConfigMaps the Schedules and Backups may reference. */
  readonly resourcePolicies: readonly ResourcePolicyConfigMap[];
}

/** Whether `datamover` selects Velero's built-in data mover (which runs in the node agent). */
function builtInDataMover(datamover: unknown): boolean {
  return datamover === undefined || datamover === '' || datamover === 'velero';
}

/** The indexes of the volume policies of a resource-policy ConfigMap that use `fs-backup`. */
function fsBackupPolicies(configMap: ResourcePolicyConfigMap): number[] {
  const texts = Object.values(configMap.data ?? {});
  if (texts.length !== 1 || typeof texts[0] !== 'string') return [];
  let document: unknown;
  try {
    document = yaml().parse(texts[0]);
  } catch {
    return []; // An unreadable policy is reported by its own validation.
  }
  if (!isPlainObject(document) || !Array.isArray(document.volumePolicies)) return [];
  const out: number[] = [];
  document.volumePolicies.forEach((policy: unknown, index) => {
    if (isPlainObject(policy) && isPlainObject(policy.action)) {
      if (policy.action.type === 'fs-backup') out.push(index);
    }
  });
  return out;
}

function specNeeds(
  spec: BackupTemplate,
  path: string,
  policies: ReadonlyMap<string, ResourcePolicyConfigMap>,
): NodeAgentNeed[] {
  const needs: NodeAgentNeed[] = [];
  if (spec.defaultVolumesToFsBackup === true) {
    needs.push({
      path: joinPath(path, 'defaultVolumesToFsBackup'),
      reason: 'backs up every pod volume with file-system backup, which runs in the node agent',
    });
  }
  if (spec.defaultVolumesToRestic === true) {
    needs.push({
      path: joinPath(path, 'defaultVolumesToRestic'),
      reason:
        'backs up every pod volume with file-system backup (the deprecated restic flag), which runs in the node agent',
    });
  }
  if (spec.snapshotMoveData === true && builtInDataMover(spec.datamover)) {
    needs.push({
      path: joinPath(path, 'snapshotMoveData'),
      reason:
        "moves CSI snapshot data with Velero's built-in data mover, which runs in the node agent",
    });
  }
  const reference = spec.resourcePolicy;
  if (
    reference !== undefined &&
    typeof reference.kind === 'string' &&
    reference.kind.toLowerCase() === 'configmap'
  ) {
    const policy = policies.get(reference.name);
    const indexes = policy === undefined ? [] : fsBackupPolicies(policy);
    if (indexes.length > 0) {
      needs.push({
        path: joinPath(path, 'resourcePolicy'),
        reason: `uses the resource policy "${reference.name}", whose volume ${indexes.length === 1 ? 'policy' : 'policies'} ${indexes.map((i) => `[${i}]`).join(', ')} back volumes up with fs-backup, which runs in the node agent`,
      });
    }
  }
  return needs;
}

/**
 * Every field of the given Schedules and Backups that needs the node agent:
 * `defaultVolumesToFsBackup: true` (or the deprecated `defaultVolumesToRestic: true`),
 * `snapshotMoveData: true` with the built-in data mover, and a `resourcePolicy` naming one of
 * `resourcePolicies` with an `fs-backup` volume policy. Pod annotations
 * (`backup.velero.io/backup-volumes`) and policies it is not given cannot be seen here.
 */
export function nodeAgentNeeds(input: NodeAgentNeedsInput): NodeAgentNeed[] {
  const policies = new Map(input.resourcePolicies.map((cm) => [cm.metadata.name, cm]));
  return [
    ...input.schedules.flatMap((schedule, index) =>
      specNeeds(schedule.spec.template, `schedules[${index}].spec.template`, policies),
    ),
    ...input.backups.flatMap((backup, index) =>
      specNeeds(backup.spec, `backups[${index}].spec`, policies),
    ),
  ];
}
