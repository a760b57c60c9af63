import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import { yaml as loadYaml } from './lazyYaml';
import { restoreManifest } from './manifests/builders';
import { uncheckedRestoreSource } from './manifests/restoreSource';
import { timestampedName } from './manifests/timestampedName';
import { joinPath } from './path';
import { parseLabelSelectorString } from './rules/labels';
import { checkDns1123Label, checkDns1123Subdomain } from './rules/names';
import { DEFAULT_VELERO_NAMESPACE } from './types/meta';
import type { RestoreManifest } from './types/restore';
import { checkVeleroVersion, type VeleroTargetOptions } from './versions/veleroVersion';

/** The namespace the `flux` CLI uses when none is given, where Flux itself is installed. */
export const DEFAULT_FLUX_NAMESPACE = 'flux-system';

/** The resources a restore plan restores by default: the volumes, not the workload. */
export const RESTORE_PLAN_DEFAULT_RESOURCES: readonly string[] = [
  'persistentvolumeclaims',
  'persistentvolumes',
];

/** Options for {@link restorePlan}. */
export interface RestorePlanOptions extends VeleroTargetOptions {
  /** The namespace of the workload whose volumes are restored, e.g. `monitoring`. */
  namespace: string;
  /** The Flux HelmRelease that deploys the workload, e.g. `prometheus`. */
  release: string;
  /**
   * The namespace of the HelmRelease object.
   * @default 'flux-system' (the flux CLI's own default)
   */
  fluxNamespace?: string;
  /**
   * The Backup to restore from. Exactly one of `backupName` and `scheduleName`.
   * @default unset
   */
  backupName?: string;
  /**
   * Restore from the newest Completed backup of this Schedule. Exactly one of `backupName` and
   * `scheduleName`.
   * @default unset
   */
  scheduleName?: string;
  /**
   * "The hard way": keep the workload and the old disks, restore next to them, then swap the
   * volumes under the workload's pods (delete the PVCs and old PVs, free the restored PVs by
   * removing their `claimRef`, delete the pods). The default way deletes the workload and its
   * volumes first.
   * @default false
   */
  keepExistingPv?: boolean;
  /**
   * The Restore's name.
   * @default `<backup or schedule>-<YYYYMMDDhhmmss>` of `at`, in UTC
   */
  restoreName?: string;
  /**
   * The instant the default Restore name is taken from.
   * @default now
   */
  at?: Date;
  /**
   * The namespace Velero runs in.
   * @default 'velero'
   */
  veleroNamespace?: string;
  /**
   * A label selector (kubectl `-l` syntax) matching the workload's pods, controllers and PVCs.
   * @default `app.kubernetes.io/instance=<release>` (the Helm convention)
   */
  selector?: string;
  /**
   * The workload's PersistentVolumeClaims by name, instead of those matching `selector`.
   * @default the PVCs matching `selector`
   */
  pvcs?: string[];
  /**
   * The workload's controllers as `kind/name` (e.g. `statefulset/prometheus-db`), instead of the
   * StatefulSets and Deployments matching `selector`.
   * @default the StatefulSets and Deployments matching `selector`
   */
  workloads?: string[];
  /**
   * The resources the Restore brings back; `[]` restores everything in the namespace that does not
   * exist (needed for volumes backed up with fs-backup, which are restored through their pods).
   * @default ['persistentvolumeclaims', 'persistentvolumes']
   */
  includedResources?: string[];
}

/** One step of a {@link RestorePlan}. */
export interface RestorePlanStep {
  /** What the step does, as an imperative sentence. */
  title: string;
  /** The exact shell commands to run, in order (a command may span lines, e.g. a here-document). */
  commands: string[];
  /**
   * What to check or know before going on.
   * @default none
   */
  note?: string;
}

/** The restore runbook returned by {@link restorePlan}. */
export interface RestorePlan {
  /** One line saying what is restored, from where, and which way. */
  title: string;
  /** The numbered steps, in order. */
  steps: RestorePlanStep[];
  /** The non-destructive Restore the plan applies (built and checked by {@link restoreManifest}). */
  restore: RestoreManifest;
}

const WORKLOAD = /^[a-z][a-z0-9.]*\/[^/]+$/;
const SHELL_SAFE = /^[A-Za-z0-9._/=:,@%+-]+$/;

/** Quotes a word for a POSIX shell when it holds anything but plain characters. */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function checkOptions(options: RestorePlanOptions, selector: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  issues.push(...checkDns1123Label(options.namespace, 'namespace'));
  issues.push(...checkDns1123Subdomain(options.release, 'release'));
  issues.push(
    ...checkDns1123Label(options.fluxNamespace ?? DEFAULT_FLUX_NAMESPACE, 'fluxNamespace'),
  );
  issues.push(
    ...checkDns1123Label(options.veleroNamespace ?? DEFAULT_VELERO_NAMESPACE, 'veleroNamespace'),
  );
  issues.push(...checkVeleroVersion(options.veleroVersion));
  const sources = [options.backupName, options.scheduleName].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    issues.push(
      issue(
        'backupName',
        sources.length === 0
          ? 'a restore plan needs its source: set exactly one of `backupName` or `scheduleName`'
          : 'set only one of `backupName` and `scheduleName`',
        { allowed: 'backupName xor scheduleName' },
      ),
    );
  }
  issues.push(...parseLabelSelectorString(selector, 'selector').issues);
  (options.pvcs ?? []).forEach((pvc, i) => {
    issues.push(...checkDns1123Subdomain(pvc, joinPath('pvcs', i)));
  });
  (options.workloads ?? []).forEach((workload, i) => {
    const path = joinPath('workloads', i);
    if (typeof workload !== 'string' || !WORKLOAD.test(workload)) {
      issues.push(
        issue(path, 'must be `kind/name`', {
          received: workload,
          allowed: 'e.g. statefulset/prometheus-db',
        }),
      );
    } else {
      issues.push(...checkDns1123Subdomain(workload.slice(workload.indexOf('/') + 1), path));
    }
  });
  return issues;
}

/**
 * The safe procedure to restore a workload's volumes with Velero, as numbered steps with exact
 * commands, plus the Restore it applies. The Restore is non-destructive (no
 * `existingResourcePolicy`: nothing that exists is overwritten) and limited to the workload's
 * namespace and, by default, to PVCs and PVs.
 *
 * The default way: suspend the Flux HelmRelease, note the volumes, delete the workload, delete the
 * PVCs and PVs, verify they are gone, apply the Restore, verify the new PVCs are Bound, resume the
 * HelmRelease. With `keepExistingPv` ("the hard way"): note the volume names (and keep the old
 * disks with `Retain`), apply the Restore, delete the PVCs and the old PVs, remove `claimRef` from
 * the restored PVs, delete the pods, verify the binding.
 *
 * @throws VeleroConfigError listing every problem with the options or the Restore.
 */
export function restorePlan(options: RestorePlanOptions): RestorePlan {
  const selector = options.selector ?? `app.kubernetes.io/instance=${options.release}`;
  const issues = checkOptions(options, selector);
  const source = options.backupName ?? options.scheduleName ?? '';
  let restore: RestoreManifest | undefined;
  if (issues.length === 0) {
    try {
      restore = restoreManifest({
        name: options.restoreName ?? timestampedName(source, options.at ?? new Date()),
        namespace: options.veleroNamespace ?? DEFAULT_VELERO_NAMESPACE,
        ...uncheckedRestoreSource(options.backupName, options.scheduleName),
        includedNamespaces: [options.namespace],
        includedResources: [...(options.includedResources ?? RESTORE_PLAN_DEFAULT_RESOURCES)],
        veleroVersion: options.veleroVersion,
      });
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      issues.push(
        ...error.issues.map((i) => ({ ...i, path: i.path === 'name' ? 'restoreName' : i.path })),
      );
    }
  }
  if (issues.length > 0 || restore === undefined) {
    throw new VeleroConfigError('restore plan', issues);
  }
  const ctx = new PlanContext(options, selector, restore);
  const steps = options.keepExistingPv === true ? ctx.hardWay() : ctx.defaultWay();
  const from =
    options.backupName !== undefined
      ? `backup ${options.backupName}`
      : `the newest completed backup of schedule ${options.scheduleName}`;
  const title =
    `Restore the volumes of HelmRelease ${ctx.fluxNamespace}/${options.release} ` +
    `(namespace ${options.namespace}) from ${from}` +
    (options.keepExistingPv === true ? ', keeping the old volumes (the hard way)' : '');
  return { title, steps, restore };
}

/** The names and command fragments the steps share. */
class PlanContext {
  readonly fluxNamespace: string;
  private readonly ns: string;
  private readonly release: string;
  private readonly veleroNs: string;
  private readonly sel: string;
  private readonly pvcArgs: string;
  private readonly restoredSel: string;

  constructor(
    private readonly options: RestorePlanOptions,
    selector: string,
    private readonly restore: RestoreManifest,
  ) {
    this.fluxNamespace = options.fluxNamespace ?? DEFAULT_FLUX_NAMESPACE;
    this.ns = options.namespace;
    this.release = options.release;
    this.veleroNs = restore.metadata.namespace;
    this.sel = shellQuote(selector);
    const pvcs = options.pvcs ?? [];
    this.pvcArgs =
      pvcs.length > 0 ? `pvc ${pvcs.join(' ')} -n ${this.ns}` : `pvc -n ${this.ns} -l ${this.sel}`;
    this.restoredSel = `velero.io/restore-name=${restore.metadata.name}`;
  }

  defaultWay(): RestorePlanStep[] {
    return [
      this.suspend(),
      this.noteVolumes(false),
      this.deleteWorkload(),
      {
        title: 'Delete the PersistentVolumeClaims and PersistentVolumes',
        commands: [
          `kubectl delete ${this.pvcArgs} --wait=true`,
          'kubectl delete pv $PVS --ignore-not-found --wait=true',
        ],
        note:
          'A PV with reclaimPolicy Delete goes (with its disk) when its PVC is deleted; a Retain PV is ' +
          'deleted by the second command, and its disk stays in AWS until you delete it.',
      },
      {
        title: 'Verify they are gone',
        commands: [`kubectl get ${this.pvcArgs}`, 'kubectl get pv $PVS'],
        note:
          'Expect "No resources found" and "NotFound" for every PV. Do not go on while any is listed ' +
          'or Terminating: the restore never overwrites an existing PVC, and Velero waits at most 10 ' +
          'minutes for a PV that is being deleted.',
      },
      this.applyRestore(),
      {
        title: 'Verify the new PersistentVolumeClaims are Bound',
        commands: [
          `kubectl get pvc -n ${this.ns} -l ${this.restoredSel} -o custom-columns=PVC:.metadata.name,PV:.spec.volumeName,STATUS:.status.phase`,
          `kubectl wait pvc -n ${this.ns} -l ${this.restoredSel} --for=jsonpath='{.status.phase}'=Bound --timeout=5m`,
        ],
        note:
          'Volumes restored from EBS snapshots come back Bound. A PVC of a WaitForFirstConsumer storage ' +
          'class (CSI snapshots) stays Pending until the workload is back: check again after the next step.',
      },
      this.resume(),
    ];
  }

  hardWay(): RestorePlanStep[] {
    return [
      this.suspend(),
      this.noteVolumes(true),
      this.applyRestore(),
      {
        title: 'Delete the PersistentVolumeClaims and the old PersistentVolumes',
        commands: [
          `kubectl delete ${this.pvcArgs} --wait=false`,
          'kubectl delete pv $PVS --wait=false',
        ],
        note:
          'They stay Terminating while the pods use them and go when the pods are deleted below. The old ' +
          'disks are kept (reclaimPolicy Retain): delete them in AWS once the restored data is verified.',
      },
      {
        title: 'Remove claimRef from the restored PersistentVolumes',
        commands: [
          `kubectl get pv -l ${this.restoredSel}`,
          `for pv in $(kubectl get pv -l ${this.restoredSel} -o name); do kubectl patch "$pv" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]'; done`,
        ],
        note:
          'This makes each restored PV Available so that the PVC re-created for the pod can bind it. If ' +
          'no PV is listed, Velero did not create one (a PV with the backed-up name still existed): use ' +
          'the default way instead.',
      },
      {
        title: "Delete the workload's pods",
        commands: [`kubectl delete pod -n ${this.ns} -l ${this.sel}`],
        note: 'Their controller re-creates them, and with them the PVCs, which bind the restored PVs.',
      },
      {
        title: 'Verify the PersistentVolumeClaims are Bound to the restored PersistentVolumes',
        commands: [
          `kubectl get pvc -n ${this.ns} -l ${this.sel} -o custom-columns=PVC:.metadata.name,PV:.spec.volumeName,STATUS:.status.phase`,
          `kubectl get pv -l ${this.restoredSel} -o custom-columns=PV:.metadata.name,CLAIM:.spec.claimRef.name,STATUS:.status.phase`,
        ],
        note:
          'Every PVC must be Bound to a PV of the second list (same name in CLAIM). A PVC bound to a new ' +
          'empty volume means it was provisioned before the restored PV was free: delete that PVC and ' +
          'its pod again.',
      },
      this.resume(),
    ];
  }

  private suspend(): RestorePlanStep {
    return {
      title: 'Suspend the HelmRelease so Flux does not change the workload during the restore',
      commands: [
        `flux suspend helmrelease ${this.release} -n ${this.fluxNamespace}`,
        `flux get helmreleases ${this.release} -n ${this.fluxNamespace}`,
      ],
      note: 'Expect SUSPENDED True.',
    };
  }

  private noteVolumes(keepOldDisks: boolean): RestorePlanStep {
    const commands = [
      `kubectl get ${this.pvcArgs} -o custom-columns=PVC:.metadata.name,PV:.spec.volumeName,STATUS:.status.phase,SIZE:.status.capacity.storage`,
      `PVS=$(kubectl get ${this.pvcArgs} -o custom-columns=PV:.spec.volumeName --no-headers)`,
      'echo "$PVS"',
    ];
    if (keepOldDisks) {
      commands.push(
        `for pv in $PVS; do kubectl patch pv "$pv" -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'; done`,
      );
    }
    const pick =
      (this.options.pvcs ?? []).length > 0
        ? 'Check that these are the workload volumes.'
        : 'Check that the list holds exactly the workload volumes (name them with --pvc otherwise).';
    return {
      title: keepOldDisks
        ? 'Note the volume names and keep the old disks'
        : 'Note the volumes and their PersistentVolumes',
      commands,
      note: `${pick} Keep this shell open: later steps use $PVS.${
        keepOldDisks ? ' Retain keeps each old disk when its PV object is deleted.' : ''
      }`,
    };
  }

  private deleteWorkload(): RestorePlanStep {
    const workloads = this.options.workloads ?? [];
    const remove =
      workloads.length > 0
        ? `kubectl delete -n ${this.ns} ${workloads.join(' ')}`
        : `kubectl delete statefulset,deployment -n ${this.ns} -l ${this.sel}`;
    return {
      title: 'Delete the workload',
      commands: [remove, `kubectl wait pod -n ${this.ns} -l ${this.sel} --for=delete --timeout=5m`],
      note:
        'Flux is suspended, so nothing re-creates it; a PVC cannot be deleted while a pod uses it. ' +
        '"no matching resources found" from the wait means the pods are already gone.',
    };
  }

  private applyRestore(): RestorePlanStep {
    const name = this.restore.metadata.name;
    const spec = this.restore.spec;
    const yaml = loadYaml().stringify(this.restore, { indentSeq: false });
    const sourceFlag =
      spec.backupName !== undefined
        ? `--from-backup ${spec.backupName}`
        : `--from-schedule ${spec.scheduleName}`;
    const resources = spec.includedResources ?? [];
    const cli =
      `velero restore create ${name} ${sourceFlag} --include-namespaces ${this.ns}` +
      (resources.length > 0 ? ` --include-resources ${resources.join(',')}` : '') +
      ` -n ${this.veleroNs} --wait`;
    return {
      title: 'Restore the volumes with Velero',
      commands: [
        `kubectl create -f - <<'EOF'\n${yaml}EOF`,
        `kubectl wait restore/${name} -n ${this.veleroNs} --for=jsonpath='{.status.phase}'=Completed --timeout=30m`,
        `velero restore describe ${name} -n ${this.veleroNs} --details`,
      ],
      note:
        `Or with the velero CLI: \`${cli}\`. \`kubectl create\` (not apply) fails instead of silently doing ` +
        'nothing when a Restore of that name exists. The Restore sets no existingResourcePolicy, so it ' +
        'never overwrites what exists. If the wait times out, read the phase, warnings and errors in ' +
        'the describe output (PartiallyFailed is not Completed).',
    };
  }

  private resume(): RestorePlanStep {
    return {
      title: 'Resume the HelmRelease',
      commands: [
        `flux resume helmrelease ${this.release} -n ${this.fluxNamespace}`,
        `kubectl get pods,pvc -n ${this.ns} -l ${this.sel}`,
      ],
      note: 'Flux reconciles the release; the workload comes back and mounts the restored volumes.',
    };
  }
}
