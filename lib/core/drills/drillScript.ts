/**
 * The restore drill's POSIX shell script: what the drill's CronJob runs, and what
 * `velero-iac drill --script` prints for a run by hand. It needs only `kubectl`, `date`, `sleep`,
 * `sed` and a POSIX `sh`; everything it creates is rendered here, at build time, as JSON.
 */
import { shellQuote } from '../restorePlan';
import type { KubernetesObject, PodManifest } from '../types/kubernetes';
import type { RestoreManifest } from '../types/restore';
import {
  DRILL_LABEL,
  DRILL_POLL_SECONDS,
  VELERO_ORIGINAL_PV_ANNOTATION,
  VELERO_RESTORE_NAME_LABEL,
} from './drillDefaults';

/** Stand-ins in the templates for the values only the running script knows. */
export const SCRIPT_PLACEHOLDERS = {
  /** The scratch namespace (first argument of the manifest functions). */
  namespace: '@@NAMESPACE@@',
  /** The Restore's or the verification pod's name. */
  name: '@@NAME@@',
  /** The claim a verification pod mounts. */
  claim: '@@CLAIM@@',
} as const;

/** Everything the script is rendered from. */
export interface DrillScriptInputs {
  /** The drill's name. */
  readonly drill: string;
  /** The Schedule verified. */
  readonly schedule: string;
  /** The namespace of Velero (and of the Restore). */
  readonly veleroNamespace: string;
  /** The namespaces restored, in order. */
  readonly sources: readonly string[];
  /** Source namespace to scratch namespace. */
  readonly mapping: Readonly<Record<string, string>>;
  /** What is restored and checked. */
  readonly mode: 'volumes' | 'namespace';
  /** Whether a deny-all NetworkPolicy is created in each scratch namespace first. */
  readonly isolateNetwork: boolean;
  /** The three timeouts, in seconds. */
  readonly timeouts: { readonly restore: number; readonly check: number; readonly cleanup: number };
  /** A scratch namespace, its name {@link SCRIPT_PLACEHOLDERS.namespace}. */
  readonly namespaceTemplate: KubernetesObject;
  /** The RoleBinding that lets the drill work in a scratch namespace. */
  readonly roleBindingTemplate: KubernetesObject;
  /** The deny-all NetworkPolicy of a scratch namespace. */
  readonly networkPolicyTemplate: KubernetesObject;
  /** The Restore, its name {@link SCRIPT_PLACEHOLDERS.name}. */
  readonly restoreTemplate: RestoreManifest;
  /** A verification pod (name, namespace and claim as placeholders). */
  readonly verificationPodTemplate: PodManifest;
}

/** Escapes text for an unquoted here-document, where `\`, `$` and a backquote are special. */
function forHereDocument(text: string): string {
  return text.replace(/[\\$`]/g, '\\$&');
}

/**
 * A shell function printing `template` as one line of JSON, with the placeholders replaced by
 * its positional parameters.
 */
function manifestFunction(
  name: string,
  template: unknown,
  parameters: readonly (keyof typeof SCRIPT_PLACEHOLDERS)[],
): string {
  let body = forHereDocument(JSON.stringify(template));
  parameters.forEach((key, index) => {
    body = body.split(SCRIPT_PLACEHOLDERS[key]).join(`\${${index + 1}}`);
  });
  return `${name}() {\n  cat <<JSON\n${body}\nJSON\n}\n`;
}

/** The script's settings block: one shell assignment per value, single-quoted. */
function settings(inputs: DrillScriptInputs): string {
  const { sources } = inputs;
  const values: [string, string][] = [
    ['DRILL', inputs.drill],
    ['SCHEDULE', inputs.schedule],
    ['VELERO_NAMESPACE', inputs.veleroNamespace],
    ['SCRATCH_NAMESPACES', sources.map((source) => inputs.mapping[source]).join(' ')],
    ['MAPPING', sources.map((source) => `${source} -> ${inputs.mapping[source]}`).join(', ')],
    ['MODE', inputs.mode],
    ['ISOLATE_NETWORK', String(inputs.isolateNetwork)],
    ['RESTORE_TIMEOUT', String(inputs.timeouts.restore)],
    ['CHECK_TIMEOUT', String(inputs.timeouts.check)],
    ['CLEANUP_TIMEOUT', String(inputs.timeouts.cleanup)],
    ['POLL_SECONDS', String(DRILL_POLL_SECONDS)],
  ];
  return values.map(([key, value]) => `${key}=${shellQuote(value)}`).join('\n');
}

/** A kubectl JSONPath key for a label or annotation (dots escaped). */
function jsonPathKey(key: string): string {
  return key.replace(/\./g, '\\.');
}

/** The JSONPath templates the script reads the cluster with (exported for the tests). */
export const SCRIPT_JSONPATHS = {
  namespaceOwner: `jsonpath={.metadata.name}/{.metadata.labels.${jsonPathKey(DRILL_LABEL)}}`,
  namespaceName: 'jsonpath={.metadata.name}',
  restoreStatus:
    'jsonpath={.status.phase}|{.status.errors}|{.status.warnings}|{.status.progress.itemsRestored}|{.spec.backupName}|{.status.failureReason}{.status.validationErrors}',
  phase: 'jsonpath={.status.phase}',
  claimNames: 'jsonpath={range .items[*]}{.metadata.name}{" "}{end}',
  claimPhases: 'jsonpath={range .items[*]}{.metadata.name}={.status.phase}{" "}{end}',
  podReadiness:
    'jsonpath={range .items[*]}{.metadata.name}={.status.phase}={.status.conditions[?(@.type=="Ready")].status}{" "}{end}',
  restoredVolumes: `jsonpath={range .items[*]}{.metadata.name}|{.spec.claimRef.namespace}|{.spec.persistentVolumeReclaimPolicy}|{.metadata.annotations.${jsonPathKey(VELERO_ORIGINAL_PV_ANNOTATION)}}|{.spec.csi.volumeHandle}{.spec.awsElasticBlockStore.volumeID}{"\\n"}{end}`,
} as const;

/** The patch that makes a volume's disk go with its claim. */
export const RECLAIM_DELETE_PATCH = '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}';

/**
 * The drill script. Exit status: 0 when the Restore completed without errors, every restored
 * claim was Bound and every check passed, and the clean-up finished; 1 when anything failed
 * (the clean-up still ran); 2 when it refused to start because a scratch namespace exists that
 * is not the drill's (it changed nothing).
 */
export function renderDrillScript(inputs: DrillScriptInputs): string {
  const q = (text: string): string => shellQuote(text);
  const jp = SCRIPT_JSONPATHS;
  return `#!/bin/sh
# Restore drill ${inputs.drill} of Velero schedule ${inputs.schedule}, generated by velero-iac: change
# the drill's options and generate it again rather than editing it.
#
# It restores the newest Completed backup of the schedule into scratch namespaces (never into a
# live one, never over an existing object), checks that the data came back, always cleans up, and
# exits 0 only when every check passed; 1 when a check or the clean-up failed; 2 when it refused
# to start (a scratch namespace exists that is not this drill's) and changed nothing.
# To run it by hand: sh drill.sh, with a kubectl context allowed what the drill's RBAC allows.
# The clean-up runs from the EXIT trap, which shellcheck does not follow:
# shellcheck disable=SC2317
set -u

${settings(inputs)}

RESTORE=''
RESTORE_CREATED=0
RESTORE_FINISHED=0
LEFTOVER_NAMESPACES=''
OWNED_NAMESPACES=''
VERIFY_PODS=''
FAILURES=0
CHECKED=0

log() {
  printf '%s\\n' "drill $DRILL: $*"
}

problem() {
  FAILURES=$((FAILURES + 1))
  log "FAILED: $*"
}

kc() {
  kubectl --request-timeout=60s "$@"
}

now() {
  date +%s
}

is_scratch() {
  case " $SCRATCH_NAMESPACES " in
    *" $1 "*) return 0 ;;
  esac
  return 1
}

${manifestFunction('namespace_manifest', inputs.namespaceTemplate, ['namespace'])}
${manifestFunction('role_binding_manifest', inputs.roleBindingTemplate, ['namespace'])}
${inputs.isolateNetwork ? manifestFunction('network_policy_manifest', inputs.networkPolicyTemplate, ['namespace']) : ''}${manifestFunction('restore_manifest', inputs.restoreTemplate, ['name'])}
${inputs.mode === 'volumes' ? manifestFunction('verification_pod_manifest', inputs.verificationPodTemplate, ['namespace', 'name', 'claim']) : ''}
show_events() {
  log "events in namespace $1:"
  kc get events -n "$1" --sort-by=.lastTimestamp </dev/null 2>&1 | sed 's/^/    /'
}

# Refuses (returns 1) when a scratch namespace exists without this drill's label, or cannot be
# read; remembers the ones this drill left behind earlier. Reads only.
check_scratch_namespaces() {
  cs_refused=0
  for cs_ns in $SCRATCH_NAMESPACES; do
    if ! cs_found=$(kc get namespace "$cs_ns" --ignore-not-found -o ${q(jp.namespaceOwner)}); then
      log "REFUSED: cannot tell whether namespace $cs_ns exists (see the kubectl error above)"
      cs_refused=1
    elif [ -z "$cs_found" ]; then
      :
    elif [ "$cs_found" = "$cs_ns/$DRILL" ]; then
      log "namespace $cs_ns was left by an earlier run of this drill: it is deleted first"
      LEFTOVER_NAMESPACES="$LEFTOVER_NAMESPACES $cs_ns"
    else
      log "REFUSED: namespace $cs_ns exists without the label ${DRILL_LABEL}=$DRILL, so it is not this drill's scratch namespace. Nothing was changed. If Velero created it again while an earlier drill was cleaning up, check kubectl get restore -n $VELERO_NAMESPACE -l ${DRILL_LABEL}=$DRILL and delete the namespace by hand; otherwise give the drill another scratch prefix."
      cs_refused=1
    fi
  done
  return "$cs_refused"
}

# Waits until every namespace named after the deadline is gone.
wait_until_gone() {
  wg_deadline=$1
  shift
  while :; do
    wg_remaining=''
    for wg_ns in "$@"; do
      wg_found=$(kc get namespace "$wg_ns" --ignore-not-found -o ${q(jp.namespaceName)} </dev/null) || wg_found=$wg_ns
      if [ -n "$wg_found" ]; then
        wg_remaining="$wg_remaining $wg_ns"
      fi
    done
    if [ -z "$wg_remaining" ]; then
      return 0
    fi
    if [ "$(now)" -ge "$wg_deadline" ]; then
      log "namespaces still there:$wg_remaining"
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
}

prepare_namespaces() {
  if [ -n "$LEFTOVER_NAMESPACES" ]; then
    for pn_ns in $LEFTOVER_NAMESPACES; do
      OWNED_NAMESPACES="$OWNED_NAMESPACES $pn_ns"
      if ! kc delete namespace "$pn_ns" --ignore-not-found --wait=false >/dev/null; then
        problem "could not delete namespace $pn_ns, left by an earlier run"
        return 1
      fi
    done
    # shellcheck disable=SC2086 # namespace names hold no spaces or wildcards
    if ! wait_until_gone "$(($(now) + CLEANUP_TIMEOUT))" $LEFTOVER_NAMESPACES; then
      problem "namespaces left by an earlier run did not go within \${CLEANUP_TIMEOUT}s"
      return 1
    fi
  fi
  for pn_ns in $SCRATCH_NAMESPACES; do
    if ! namespace_manifest "$pn_ns" | kc create -f - >/dev/null; then
      problem "could not create the scratch namespace $pn_ns"
      return 1
    fi
    case " $OWNED_NAMESPACES " in
      *" $pn_ns "*) ;;
      *) OWNED_NAMESPACES="$OWNED_NAMESPACES $pn_ns" ;;
    esac
    if ! role_binding_manifest "$pn_ns" | kc create -f - >/dev/null; then
      problem "could not let the drill work in namespace $pn_ns (RoleBinding)"
      return 1
    fi
    if [ "$ISOLATE_NETWORK" = true ] && ! network_policy_manifest "$pn_ns" | kc create -f - >/dev/null; then
      problem "could not isolate namespace $pn_ns (NetworkPolicy)"
      return 1
    fi
  done
  log "created the scratch namespaces: $MAPPING"
}

start_restore() {
  RESTORE_CREATED=1
  if ! restore_manifest "$RESTORE" | kc create -f - >/dev/null; then
    problem "could not create Restore $VELERO_NAMESPACE/$RESTORE"
    return 1
  fi
  log "created Restore $VELERO_NAMESPACE/$RESTORE of the newest Completed backup of $SCHEDULE"
}

wait_for_restore() {
  wr_deadline=$(($(now) + RESTORE_TIMEOUT))
  while :; do
    if ! wr_status=$(kc get restore -n "$VELERO_NAMESPACE" "$RESTORE" -o ${q(jp.restoreStatus)}); then
      problem "could not read Restore $VELERO_NAMESPACE/$RESTORE"
      return 1
    fi
    IFS='|' read -r wr_phase wr_errors wr_warnings wr_items wr_backup wr_reason <<EOF
$wr_status
EOF
    case "$wr_phase" in
      Completed | PartiallyFailed | Failed | FailedValidation) break ;;
    esac
    if [ "$(now)" -ge "$wr_deadline" ]; then
      problem "Restore $RESTORE did not finish within \${RESTORE_TIMEOUT}s (phase \${wr_phase:-New})"
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
  RESTORE_FINISHED=1
  log "Restore $RESTORE of backup \${wr_backup:-?}: $wr_phase, \${wr_errors:-0} errors, \${wr_warnings:-0} warnings, \${wr_items:-0} items restored"
  if [ "$wr_phase" != Completed ] || [ "\${wr_errors:-0}" != 0 ]; then
    problem "Restore $RESTORE ended $wr_phase with \${wr_errors:-0} errors\${wr_reason:+: $wr_reason}; see velero restore describe $RESTORE --details -n $VELERO_NAMESPACE and velero restore logs $RESTORE -n $VELERO_NAMESPACE"
    return 1
  fi
  if [ "\${wr_items:-0}" = 0 ]; then
    problem "Restore $RESTORE restored nothing: the newest backup of $SCHEDULE holds none of the drill's namespaces"
    return 1
  fi
}

# Waits until the deadline in $1 for every $2 (pvc, pods; a $3 in messages) in the scratch
# namespaces, listed as name=state by the JSONPath $5, to match the pattern $6 or $7 ($4 in words).
wait_for_all() {
  wa_deadline=$1
  wa_kind=$2
  while :; do
    wa_waiting=''
    for wa_ns in $SCRATCH_NAMESPACES; do
      if ! wa_states=$(kc get "$wa_kind" -n "$wa_ns" -o "$5"); then
        problem "could not read the \${3}s in namespace $wa_ns"
        return 1
      fi
      for wa_entry in $wa_states; do
        # shellcheck disable=SC2254 # the patterns are patterns
        case "$wa_entry" in
          $6 | $7) ;;
          *) wa_waiting="$wa_waiting $wa_ns/$wa_entry" ;;
        esac
      done
    done
    if [ -z "$wa_waiting" ]; then
      log "every restored $3 is $4"
      return 0
    fi
    if [ "$(now)" -ge "$wa_deadline" ]; then
      problem "\${3}s not $4 within \${CHECK_TIMEOUT}s:$wa_waiting"
      for wa_ns in $SCRATCH_NAMESPACES; do
        show_events "$wa_ns"
      done
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
}

wait_for_claims() {
  wait_for_all "$1" pvc claim Bound ${q(jp.claimPhases)} '*=Bound' '*=Bound'
}

# Waits (until the deadline in $1) for the verification pods, then reports what each one found.
wait_for_verification() {
  while :; do
    wv_running=''
    wv_done=''
    for wv_item in $VERIFY_PODS; do
      wv_ns=\${wv_item%%/*}
      wv_rest=\${wv_item#*/}
      wv_pod=\${wv_rest%%/*}
      if ! wv_phase=$(kc get pod -n "$wv_ns" "$wv_pod" -o ${q(jp.phase)}); then
        problem "could not read the verification pod $wv_ns/$wv_pod"
        return 1
      fi
      case "$wv_phase" in
        Succeeded | Failed) wv_done="$wv_done $wv_item/$wv_phase" ;;
        *) wv_running="$wv_running $wv_ns/$wv_pod" ;;
      esac
    done
    if [ -z "$wv_running" ]; then
      break
    fi
    if [ "$(now)" -ge "$1" ]; then
      problem "verification pods not finished within \${CHECK_TIMEOUT}s:$wv_running"
      for wv_ns in $SCRATCH_NAMESPACES; do
        show_events "$wv_ns"
      done
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
  for wv_item in $wv_done; do
    wv_ns=\${wv_item%%/*}
    wv_rest=\${wv_item#*/}
    wv_pod=\${wv_rest%%/*}
    wv_rest=\${wv_rest#*/}
    wv_claim=\${wv_rest%%/*}
    wv_phase=\${wv_rest#*/}
    wv_log=$(kc logs -n "$wv_ns" "$wv_pod" 2>&1) || wv_log="(no log: $wv_log)"
    log "claim $wv_ns/$wv_claim: $wv_log"
    if [ "$wv_phase" != Succeeded ]; then
      problem "the check of claim $wv_ns/$wv_claim failed"
    fi
  done
  [ "$FAILURES" -eq 0 ]
}

check_volumes() {
  cv_claims=''
  for cv_ns in $SCRATCH_NAMESPACES; do
    if ! cv_names=$(kc get pvc -n "$cv_ns" -o ${q(jp.claimNames)}); then
      problem "could not list the claims in namespace $cv_ns"
      return 1
    fi
    for cv_claim in $cv_names; do
      cv_claims="$cv_claims $cv_ns/$cv_claim"
    done
  done
  if [ -z "$cv_claims" ]; then
    problem "the restore brought back no PersistentVolumeClaim, so no data was verified"
    return 1
  fi
  cv_index=0
  for cv_item in $cv_claims; do
    cv_index=$((cv_index + 1))
    cv_ns=\${cv_item%%/*}
    cv_claim=\${cv_item#*/}
    cv_pod="$DRILL-verify-$cv_index"
    if ! verification_pod_manifest "$cv_ns" "$cv_pod" "$cv_claim" | kc create -f - >/dev/null; then
      problem "could not start the verification pod of claim $cv_item"
      return 1
    fi
    VERIFY_PODS="$VERIFY_PODS $cv_ns/$cv_pod/$cv_claim"
  done
  cv_deadline=$(($(now) + CHECK_TIMEOUT))
  wait_for_claims "$cv_deadline" && wait_for_verification "$cv_deadline"
}

check_namespaces() {
  cn_deadline=$(($(now) + CHECK_TIMEOUT))
  wait_for_claims "$cn_deadline" &&
    wait_for_all "$cn_deadline" pods pod 'Ready or Succeeded' ${q(jp.podReadiness)} '*=Succeeded=*' '*=Running=True'
}

restored_volumes() {
  kc get pv -l "${VELERO_RESTORE_NAME_LABEL}=$RESTORE" -o ${q(jp.restoredVolumes)} </dev/null
}

# Volumes Velero made from a snapshot for this drill (renamed, with the original's name in an
# annotation) get the reclaim policy Delete, so that their disks go with their claims.
release_cloned_volumes() {
  if ! rc_list=$(restored_volumes); then
    log "could not list the volumes of Restore $RESTORE"
    return 1
  fi
  rc_failed=0
  while IFS='|' read -r rc_pv rc_claim_ns rc_policy rc_original rc_disk; do
    if [ -z "$rc_pv" ] || ! is_scratch "$rc_claim_ns"; then
      continue
    fi
    if [ -n "$rc_original" ] && [ "$rc_policy" != Delete ]; then
      if kc patch pv "$rc_pv" --type merge -p ${q(RECLAIM_DELETE_PATCH)} </dev/null >/dev/null; then
        log "volume $rc_pv (disk $rc_disk) is a copy of $rc_original made for this drill: it is deleted with its claim"
      else
        rc_failed=1
      fi
    fi
  done <<EOF
$rc_list
EOF
  return "$rc_failed"
}

# Restored volumes a Retain policy left behind once their claims were gone: the objects are
# deleted; a disk that was not made for this drill is kept and named.
delete_retained_volumes() {
  if ! dr_list=$(restored_volumes); then
    log "could not list the volumes of Restore $RESTORE"
    return 1
  fi
  dr_failed=0
  while IFS='|' read -r dr_pv dr_claim_ns dr_policy dr_original dr_disk; do
    if [ -z "$dr_pv" ] || ! is_scratch "$dr_claim_ns" || [ "$dr_policy" = Delete ]; then
      continue
    fi
    if kc delete pv "$dr_pv" --ignore-not-found --wait=false </dev/null >/dev/null; then
      if [ -z "$dr_original" ]; then
        log "deleted volume $dr_pv; its disk $dr_disk is kept (Retain, not made by this drill)"
      fi
    else
      dr_failed=1
    fi
  done <<EOF
$dr_list
EOF
  return "$dr_failed"
}

# Gives Velero up to half the clean-up time to stop writing into the scratch namespaces.
wait_for_restore_to_stop() {
  ws_deadline=$(($(now) + CLEANUP_TIMEOUT / 2))
  while :; do
    ws_phase=$(kc get restore -n "$VELERO_NAMESPACE" "$RESTORE" -o ${q(jp.phase)} </dev/null) || return 0
    case "$ws_phase" in
      Completed | PartiallyFailed | Failed | FailedValidation) return 0 ;;
    esac
    if [ "$(now)" -ge "$ws_deadline" ]; then
      log "Restore $RESTORE is still $ws_phase: deleting the scratch namespaces anyway"
      return 0
    fi
    sleep "$POLL_SECONDS"
  done
}

cleanup() {
  trap - EXIT
  trap '' TERM INT
  log "cleaning up"
  cl_deadline=$(($(now) + CLEANUP_TIMEOUT))
  cl_incomplete=0
  if [ "$RESTORE_CREATED" = 1 ] && [ "$RESTORE_FINISHED" = 0 ]; then
    wait_for_restore_to_stop
  fi
  for cl_item in $VERIFY_PODS; do
    cl_ns=\${cl_item%%/*}
    cl_rest=\${cl_item#*/}
    kc delete pod -n "$cl_ns" "\${cl_rest%%/*}" --ignore-not-found --wait=false >/dev/null || cl_incomplete=1
  done
  if [ "$RESTORE_CREATED" = 1 ]; then
    release_cloned_volumes || cl_incomplete=1
  fi
  for cl_ns in $OWNED_NAMESPACES; do
    kc delete namespace "$cl_ns" --ignore-not-found --wait=false >/dev/null || cl_incomplete=1
  done
  if [ -n "$OWNED_NAMESPACES" ]; then
    # shellcheck disable=SC2086 # namespace names hold no spaces or wildcards
    wait_until_gone "$cl_deadline" $OWNED_NAMESPACES || cl_incomplete=1
  fi
  if [ "$RESTORE_CREATED" = 1 ]; then
    delete_retained_volumes || cl_incomplete=1
  fi
  if [ "$cl_incomplete" = 1 ]; then
    problem "the clean-up is incomplete (see above): the next run deletes the scratch namespaces it left"
  fi
  if [ "$FAILURES" -eq 0 ] && [ "$CHECKED" = 1 ]; then
    log "RESULT: PASSED: the newest backup of $SCHEDULE restored and its data checked out"
    exit 0
  fi
  log "RESULT: FAILED ($FAILURES problems, see above)"
  exit 1
}

main() {
  log "restore drill of schedule $SCHEDULE: $MAPPING"
  if ! check_scratch_namespaces; then
    log "RESULT: REFUSED"
    exit 2
  fi
  RESTORE="$DRILL-$(date -u +%Y%m%d%H%M%S)"
  trap cleanup EXIT
  trap 'problem "stopped by SIGTERM"; exit 143' TERM
  trap 'problem "stopped by SIGINT"; exit 130' INT
  if prepare_namespaces && start_restore && wait_for_restore; then
    if [ "$MODE" = volumes ]; then
      check_volumes && CHECKED=1
    else
      check_namespaces && CHECKED=1
    fi
  fi
  exit 0
}

main "$@"
`;
}
