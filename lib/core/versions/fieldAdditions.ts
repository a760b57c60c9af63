/**
 * Which release added what: the spec fields of Velero's CRDs (no field was ever removed between
 * 1.12 and 1.18), the resource-policy keys and action types, and the AWS plugin's location config
 * keys. An older release does not know a newer entry: the API server silently drops an unknown
 * spec field, Velero fails every backup using a policy it cannot decode, and the plugin marks a
 * location with an unknown config key Unavailable.
 *
 * The CRD table is checked against the upstream CRDs of every release by the conformance tests
 * (`test/conformance/versionFields.test.ts`), which derive it from the schemas themselves.
 */
import type { ModelledVeleroKind } from '../model/kinds';
import type { VeleroVersion } from './veleroVersion';

/** A field a Velero release added to a CRD's spec. */
export interface VeleroFieldAddition {
  /** The kind whose spec gained the field. */
  readonly kind: ModelledVeleroKind;
  /**
   * The field's path inside `spec`, `[]` standing for every item of a list, e.g.
   * `template.uploaderConfig` or `hooks.resources[].postHooks[].exec.waitForReady`. The fields
   * under it are new as well.
   */
  readonly path: string;
  /** The first release whose CRD has the field. */
  readonly since: VeleroVersion;
}

/** The fields added to `BackupSpec`, which both Backups and Schedule templates use. */
const BACKUP_SPEC_ADDITIONS: readonly Omit<VeleroFieldAddition, 'kind'>[] = [
  { path: 'uploaderConfig', since: '1.13' },
  { path: 'volumeGroupSnapshotLabelKey', since: '1.17' },
];

/** Every spec field a release after 1.12 added to the CRDs the library builds. */
export const VELERO_FIELD_ADDITIONS: readonly VeleroFieldAddition[] = [
  ...BACKUP_SPEC_ADDITIONS.map((a) => ({ kind: 'Backup' as const, ...a })),
  { kind: 'Schedule', path: 'skipImmediately', since: '1.13' },
  ...BACKUP_SPEC_ADDITIONS.map((a) => ({
    kind: 'Schedule' as const,
    path: `template.${a.path}`,
    since: a.since,
  })),
  { kind: 'Restore', path: 'uploaderConfig', since: '1.13' },
  { kind: 'Restore', path: 'uploaderConfig.parallelFilesDownload', since: '1.14' },
  { kind: 'Restore', path: 'hooks.resources[].postHooks[].exec.waitForReady', since: '1.13' },
  { kind: 'BackupStorageLocation', path: 'objectStorage.caCertRef', since: '1.18' },
];

/**
 * Until this release a Restore's CRD requires `spec.backupName`: the API server rejects a Restore
 * without it, so a Restore from `scheduleName` carries `backupName: ""` (as that release's
 * velero CLI writes it). From this release on the field is optional.
 */
export const RESTORE_BACKUP_NAME_OPTIONAL_SINCE: VeleroVersion = '1.14';

/**
 * A key or value a release added to the resource-policy document (Velero's
 * `internal/resourcepolicies`, decoded strictly: an older release fails the backup).
 */
export interface ResourcePolicyAddition {
  /** The key's path in the policy document, `[]` standing for every list item. */
  readonly path: string;
  /** When set, only this value of the key is new (a volume-policy action type). */
  readonly value?: string;
  /** The first release that accepts it. */
  readonly since: VeleroVersion;
}

/** Every resource-policy key and action type a release after 1.12 added. */
export const RESOURCE_POLICY_ADDITIONS: readonly ResourcePolicyAddition[] = [
  { path: 'volumePolicies[].conditions.volumeTypes', since: '1.13' },
  { path: 'volumePolicies[].action.type', value: 'fs-backup', since: '1.14' },
  { path: 'volumePolicies[].action.type', value: 'snapshot', since: '1.14' },
  { path: 'volumePolicies[].conditions.pvcLabels', since: '1.16' },
  { path: 'volumePolicies[].conditions.csi.volumeAttributes', since: '1.16' },
  { path: 'includeExcludePolicy', since: '1.17' },
  { path: 'volumePolicies[].conditions.pvcPhase', since: '1.18' },
  { path: 'volumePolicies[].action.type', value: 'custom', since: '1.18' },
];

/**
 * A BackupStorageLocation config key of velero-plugin-for-aws that older plugin lines reject
 * (`ValidateObjectStoreConfigKeys`), with the first Velero release whose paired plugin accepts it.
 */
export interface AwsPluginConfigAddition {
  /** The `config` key. */
  readonly key: string;
  /** The plugin line that added it, e.g. `v1.9`. */
  readonly plugin: string;
  /** The first Velero release whose paired plugin accepts it. */
  readonly since: VeleroVersion;
}

/** The AWS plugin's BackupStorageLocation config keys added after the line paired with 1.12. */
export const AWS_PLUGIN_CONFIG_ADDITIONS: readonly AwsPluginConfigAddition[] = [
  { key: 'tagging', plugin: 'v1.9', since: '1.13' },
  { key: 'checksumAlgorithm', plugin: 'v1.9', since: '1.13' },
  { key: 'customerKeyEncryptionSecret', plugin: 'v1.13', since: '1.17' },
];
