/**
 * Helm values for the vmware-tanzu `velero` chart, built from the manifests of the locations and
 * schedules a platform declares, so that the chart and the declared objects always agree.
 */
import type { VeleroChartMetricsValues } from './alerts/chartMetricsValues';
import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import {
  checkExtraHelmValues,
  copyPlainData,
  extraValuesNodeAgentNeeds,
  mergeHelmValues,
} from './helmExtraValues';
import { checkIamRoleArn } from './iamPolicy';
import { yaml } from './lazyYaml';
import { type NodeAgentNeed, nodeAgentNeeds } from './nodeAgent';
import { joinPath } from './path';
import { checkResourcePolicyConfigMap } from './resourcePolicy/validateResourcePolicy';
import { checkDns1123Label, checkDns1123Subdomain } from './rules/names';
import { isPlainObject, typeName } from './schema/checkShape';
import type { BackupManifest } from './types/backup';
import type {
  BackupStorageLocationManifest,
  VolumeSnapshotLocationManifest,
} from './types/locations';
import { DEFAULT_VELERO_NAMESPACE, type SecretKeySelector } from './types/meta';
import type { ResourcePolicyConfigMap } from './types/resourcePolicy';
import type { ScheduleManifest } from './types/schedule';
import { validateManifest } from './validateManifest';
import {
  awsPluginImageFor,
  minorReleaseOfTag,
  VELERO_RELEASES,
  veleroImageFor,
} from './versions/veleroReleases';
import {
  checkVeleroVersion,
  isVeleroVersion,
  targetVeleroVersion,
  VELERO_VERSIONS,
  type VeleroTargetOptions,
  type VeleroVersion,
} from './versions/veleroVersion';

export { VELERO_AWS_PLUGIN_IMAGE } from './veleroChart';

/**
 * The name of Velero's server service account: the chart's own default (`<fullname>-server`) for
 * the default fullname `velero`. The values always name it explicitly.
 */
export const DEFAULT_VELERO_SERVICE_ACCOUNT = 'velero-server';

/**
 * The chart's fullname the values set as `fullnameOverride` unless told otherwise: the prefix of
 * the Schedules the chart creates, whatever the Helm release is called.
 */
export const DEFAULT_CHART_FULLNAME = 'velero';

/** The labels the chart puts on every object it creates (a Schedule may not set them again). */
const CHART_OBJECT_LABELS: readonly string[] = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/version',
  'helm.sh/chart',
];

/** The service-account annotation that binds a pod to an IAM role (IRSA). */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** One entry of the chart's `configuration.backupStorageLocation` list. */
export interface ChartBackupStorageLocation {
  /** The location's name. */
  name: string;
  /** The object-store plugin, e.g. `aws`. */
  provider: string;
  /** The bucket. */
  bucket: string;
  /** The path inside the bucket, when set. */
  prefix?: string;
  /** The deprecated base64 CA bundle, when set. */
  caCert?: string;
  /** Whether this is the default location, when set. */
  default?: boolean;
  /** `ReadWrite` or `ReadOnly`, when set. */
  accessMode?: 'ReadOnly' | 'ReadWrite';
  /** How often Velero checks the location, when set. */
  validationFrequency?: string;
  /** How often Velero syncs backups from the bucket, when set (the chart renders it since 12.0.1). */
  backupSyncPeriod?: string;
  /** Per-location credentials, when set. */
  credential?: { name: string; key: string };
  /** The plugin's config (e.g. `region`, `kmsKeyId`). */
  config: Record<string, string>;
  /** Annotations of the location object, when set. */
  annotations?: Record<string, string>;
}

/** One entry of the chart's `configuration.volumeSnapshotLocation` list. */
export interface ChartVolumeSnapshotLocation {
  /** The location's name. */
  name: string;
  /** The volume-snapshotter plugin, e.g. `aws`. */
  provider: string;
  /** Per-location credentials, when set. */
  credential?: { name: string; key: string };
  /** The plugin's config (for `aws`: `region`). */
  config: Record<string, string>;
  /** Annotations of the location object, when set. */
  annotations?: Record<string, string>;
}

/** One entry of the chart's `schedules` map (the chart names it `<fullname>-<key>`). */
export interface ChartSchedule {
  /** Always `false`: the chart skips disabled entries. */
  disabled: false;
  /** The cron expression. */
  schedule: string;
  /** The Backup template. */
  template: ScheduleManifest['spec']['template'];
  /** Labels of the Schedule object, when set. */
  labels?: Record<string, string>;
  /** Annotations of the Schedule object, when set. */
  annotations?: Record<string, string>;
  /** `useOwnerReferencesInBackup`, when set. */
  useOwnerReferencesInBackup?: boolean;
  /** `paused`, when set. */
  paused?: boolean;
  /** `skipImmediately`, when set. */
  skipImmediately?: boolean;
}

/** An init container of the chart's Velero deployment: a plugin copied into `/target`. */
export interface ChartPluginInitContainer {
  /** The container's name. */
  name: string;
  /** The plugin image. */
  image: string;
  /** Always `IfNotPresent`. */
  imagePullPolicy: 'IfNotPresent';
  /** The chart's `plugins` volume, mounted at `/target`. */
  volumeMounts: { mountPath: '/target'; name: 'plugins' }[];
}

/** A container image by repository and tag. */
export interface ContainerImage {
  /** The repository, e.g. `docker.io/velero/velero`. */
  repository: string;
  /** The tag, e.g. `v1.18.1`. */
  tag: string;
}

/**
 * The values {@link veleroHelmValues} returns, shaped for the vmware-tanzu `velero` chart
 * (version 12.1.0), plus any `extraValues` merged in.
 */
export interface VeleroHelmValues {
  /**
   * The chart's fullname, so that the names of the objects it creates (Schedules
   * `<fullname>-<key>`, RBAC, Service) never depend on the Helm release name.
   */
  fullnameOverride: string;
  /** The Velero server image, pinned (the chart's default would follow the chart version). */
  image: ContainerImage;
  /** The AWS plugin as an init container. */
  initContainers: ChartPluginInitContainer[];
  /** The storage and snapshot locations. */
  configuration: {
    /** The BackupStorageLocations, one entry per manifest. */
    backupStorageLocation: ChartBackupStorageLocation[];
    /** The VolumeSnapshotLocations, one entry per manifest. */
    volumeSnapshotLocation: ChartVolumeSnapshotLocation[];
  };
  /** Velero's server service account, annotated with the IAM role for IRSA. */
  serviceAccount: {
    /** The server's service account. */
    server: { create: true; name: string; annotations: Record<string, string> };
  };
  /** No credentials Secret: the role comes from IRSA or EKS Pod Identity. */
  credentials: { useSecret: false };
  /** Whether the chart creates the BackupStorageLocations of the list. */
  backupsEnabled: boolean;
  /** Whether the chart creates the VolumeSnapshotLocations of the list. */
  snapshotsEnabled: boolean;
  /**
   * Whether the chart deploys the node agent (the `node-agent` DaemonSet), which file-system
   * backups and the built-in data mover need.
   */
  deployNodeAgent: boolean;
  /** The Schedules the chart creates (empty unless the chart creates them). */
  schedules: Record<string, ChartSchedule>;
  /** The metrics Service, ServiceMonitor and PrometheusRule of the backup-health alerts, if any. */
  metrics?: VeleroChartMetricsValues;
}

/** Options of {@link veleroHelmValues}. */
export interface VeleroHelmValuesOptions extends VeleroTargetOptions {
  /** The BackupStorageLocations (as the core's builders make them); at least one. */
  backupStorageLocations: readonly BackupStorageLocationManifest[];
  /**
   * The VolumeSnapshotLocations.
   * @default none
   */
  volumeSnapshotLocations?: readonly VolumeSnapshotLocationManifest[];
  /**
   * The Schedules of the installation. With `chartCreatesObjects: true` the chart creates them
   * (the chart names each `<chartFullname>-<key>`, so every name must start with
   * `<chartFullname>-`); otherwise they are created as objects of their own and the chart's map
   * stays empty, so no schedule exists twice. Either way they decide whether the node agent is
   * needed.
   * @default none
   */
  schedules?: readonly ScheduleManifest[];
  /**
   * Backups that will run against this installation (created as objects of their own; the chart
   * never creates Backups). Read only to decide whether the node agent is needed.
   * @default none
   */
  backups?: readonly BackupManifest[];
  /**
   * The resource-policy ConfigMaps the schedules and backups reference (see
   * `resourcePolicyConfigMap`). Read only to see `fs-backup` volume policies, which need the
   * node agent; a policy not given here cannot be seen.
   * @default none
   */
  resourcePolicies?: readonly ResourcePolicyConfigMap[];
  /**
   * Whether the chart deploys the node agent. Unset, it is deployed exactly when a schedule or
   * backup needs it (`defaultVolumesToFsBackup`, `snapshotMoveData` with the built-in data mover,
   * an `fs-backup` resource policy, or the same server defaults in `extraValues`). `false` with
   * such a need is an error: those backups would fail at run time.
   * @default deployed when something needs it
   */
  deployNodeAgent?: boolean;
  /**
   * Whether the chart creates the locations (and schedules) itself. When `false`, the lists are
   * still filled in (they describe the locations created elsewhere) but `backupsEnabled` and
   * `snapshotsEnabled` are `false`, so the chart does not create them a second time.
   * @default false
   */
  chartCreatesObjects?: boolean;
  /**
   * The chart's fullname, written as `fullnameOverride` so that it does not depend on the Helm
   * release name. Two installations in one cluster need two fullnames (the chart names a
   * ClusterRoleBinding after it).
   * @default 'velero'
   */
  chartFullname?: string;
  /**
   * The namespace Velero is installed in; every manifest must be in it.
   * @default 'velero'
   */
  namespace?: string;
  /**
   * The IAM role Velero assumes through IRSA; becomes the service account's
   * `eks.amazonaws.com/role-arn` annotation. Leave it out with EKS Pod Identity.
   * @default no annotation
   */
  roleArn?: string;
  /**
   * The name of Velero's server service account (the one the role trusts).
   * @default 'velero-server'
   */
  serviceAccountName?: string;
  /**
   * The velero-plugin-for-aws image (e.g. a mirror of it).
   * @default the image that pairs with `veleroVersion` (`awsPluginImageFor`), for 1.18
   *   'velero/velero-plugin-for-aws:v1.14.2'
   */
  awsPluginImage?: string;
  /**
   * The Velero server image (e.g. a mirror of it); the chart's templates are written for 1.18.
   * @default the image of `veleroVersion` (`veleroImageFor`), for 1.18
   *   `{ repository: 'docker.io/velero/velero', tag: 'v1.18.1' }`
   */
  veleroImage?: ContainerImage;
  /**
   * More chart values (resources, node selectors, tolerations, metrics, server flags...), merged
   * over the library's: maps key by key, anything else replaced. Top-level keys must be values
   * the chart reads; values the library sets itself (locations, schedules, service account,
   * credentials, plugin, image, fullname, node agent) are refused with the option to use.
   * @default none
   */
  extraValues?: Readonly<Record<string, unknown>>;
  /**
   * The chart values of the backup-health alerts (`veleroChartMetricsValues`): the metrics
   * Service, the ServiceMonitor and the PrometheusRule with the generated rules. `extraValues`
   * may then tune the rest of `metrics` (scrape interval, pod annotations...) but not what
   * these set.
   * @default none (the chart's own metrics defaults)
   */
  metrics?: VeleroChartMetricsValues;
}

const IMAGE_PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** `[host[:port]/]part[/part...]`, as container image references spell a repository. */
const IMAGE_REPOSITORY = new RegExp(
  `^(?:${IMAGE_PATH_PART}(?::[0-9]+)?/)?${IMAGE_PATH_PART}(?:/${IMAGE_PATH_PART})*$`,
);
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

function credentialOf(
  selector: SecretKeySelector | undefined,
): { name: string; key: string } | undefined {
  return selector === undefined ? undefined : { name: selector.name, key: selector.key };
}

function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Issues for fields the chart's list entries cannot carry (only when the chart creates them). */
function unrepresentable(path: string, fields: readonly [string, unknown][]): ValidationIssue[] {
  return fields
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) =>
      issue(
        `${path}.${field}`,
        'the velero chart cannot express this field, so the object it creates would lack it: let the platform create the object (chartCreatesObjects: false) or leave the field out',
        { received: value },
      ),
    );
}

/**
 * Issues for texts the chart writes into its manifests without quotes: YAML reads some of them
 * as something else (`"0"` as a number, `"on"` as true, `"010"` as 8), and the object is then
 * rejected or gets another value. Read as YAML 1.1, like Helm's and Kubernetes' YAML libraries.
 */
function unquotedScalarIssues(
  fields: readonly [path: string, value: unknown, fix: string][],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [path, value, fix] of fields) {
    if (typeof value !== 'string') continue;
    let read: unknown;
    try {
      read = yaml().parse(value, { version: '1.1' });
    } catch {
      read = undefined;
    }
    if (read !== value) {
      out.push(
        issue(
          path,
          `is written by the velero chart without quotes, and YAML reads ${JSON.stringify(value)} as ${read === null || read === undefined ? 'null' : `${typeName(read)} (${JSON.stringify(read)})`}, so the object the chart renders would be rejected or differ: ${fix}`,
          { received: value },
        ),
      );
    }
  }
  return out;
}

const DURATION_FIX = 'write the duration with a unit (e.g. "0s" for "0")';
const NAME_FIX =
  'choose a name YAML reads as text (one with a letter that is not a number, true/false, yes/no, on/off)';

function checkManifest(
  manifest: unknown,
  kind: string,
  path: string,
  veleroVersion: VeleroVersion,
): ValidationIssue[] {
  if (!isPlainObject(manifest) || manifest.kind !== kind) {
    return [
      issue(path, `must be a ${kind} manifest`, {
        received: isPlainObject(manifest) ? manifest.kind : manifest,
      }),
    ];
  }
  // A Schedule's `@every` interval under one minute is the builders' policy, waived there with
  // `allowIntervalsUnderOneMinute` (which a manifest does not carry): it is not checked again here.
  const found =
    kind === 'ConfigMap'
      ? checkResourcePolicyConfigMap(manifest, '', veleroVersion)
      : validateManifest(manifest, { veleroVersion, allowIntervalsUnderOneMinute: true });
  return found.map((item) => ({
    ...item,
    path:
      item.path === ''
        ? path
        : item.path.startsWith('[')
          ? `${path}${item.path}`
          : `${path}.${item.path}`,
  }));
}

function checkUniqueNames(
  manifests: readonly { metadata: { name: string } }[],
  path: string,
): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  manifests.forEach((manifest, index) => {
    const name = manifest.metadata.name;
    if (seen.has(name)) {
      out.push(
        issue(
          joinPath(joinPath(joinPath(path, index), 'metadata'), 'name'),
          'is used twice: names must be unique',
          {
            received: name,
          },
        ),
      );
    }
    seen.add(name);
  });
  return out;
}

/**
 * The issue when a release tag names another Velero minor release than the target: the objects
 * would be checked against one release and run by another (fields the older one lacks pruned).
 */
function releaseTagIssues(tag: string, veleroVersion: VeleroVersion): ValidationIssue[] {
  const minor = minorReleaseOfTag(tag);
  if (minor === undefined || minor === veleroVersion) return [];
  const fix = isVeleroVersion(minor)
    ? `set \`veleroVersion: '${minor}'\` (or an image of ${veleroVersion})`
    : `use an image of Velero ${veleroVersion} (Velero ${minor} is not a release the library can target)`;
  return [
    issue(
      'veleroImage.tag',
      `is Velero ${minor}, but the objects are built for Velero ${veleroVersion} (\`veleroVersion\`): the server would run another release than the one they were checked against, and an older one silently drops fields it does not know; ${fix}`,
      {
        received: tag,
        allowed: `a Velero ${veleroVersion} tag, e.g. ${veleroImageFor(veleroVersion).tag}`,
      },
    ),
  ];
}

/**
 * The issue when the velero-plugin-for-aws image's tag is of a plugin line paired with another
 * Velero release than the target (the plugin README's compatibility table): e.g. plugin v1.14.x,
 * built for Velero 1.18, on Velero 1.12. Other images (a fork, a digest, a custom tag) are not
 * judged.
 */
function pluginPairingIssues(image: string, veleroVersion: VeleroVersion): ValidationIssue[] {
  const match = /(?:^|\/)velero-plugin-for-aws:v?(\d+)\.(\d+)\.\d+$/.exec(image);
  if (match === null) return [];
  const line = `${Number(match[1])}.${Number(match[2])}`;
  const pairedWith = VELERO_VERSIONS.find(
    (version) => VELERO_RELEASES[version].awsPluginImage.tag.replace(/^v|\.\d+$/g, '') === line,
  );
  if (pairedWith === undefined || pairedWith === veleroVersion) return [];
  return [
    issue(
      'awsPluginImage',
      `is velero-plugin-for-aws ${line}.x, which pairs with Velero ${pairedWith}, not with the targeted Velero ${veleroVersion} (\`veleroVersion\`); use ${awsPluginImageFor(veleroVersion)} (or leave awsPluginImage unset)`,
      { received: image, allowed: awsPluginImageFor(veleroVersion) },
    ),
  ];
}

function checkImage(image: unknown, veleroVersion: VeleroVersion): ValidationIssue[] {
  if (image === undefined) return [];
  if (!isPlainObject(image)) {
    return [issue('veleroImage', 'must be { repository, tag }', { received: image })];
  }
  const out: ValidationIssue[] = [];
  if (typeof image.repository !== 'string' || !IMAGE_REPOSITORY.test(image.repository)) {
    out.push(
      issue('veleroImage.repository', 'must be an image repository', {
        received: image.repository,
        allowed: 'e.g. docker.io/velero/velero or registry.example.com:5000/velero/velero',
      }),
    );
  }
  if (typeof image.tag !== 'string' || !IMAGE_TAG.test(image.tag)) {
    out.push(
      issue('veleroImage.tag', 'must be an image tag', {
        received: image.tag,
        allowed: 'letters, digits, "_", "." and "-", at most 128, e.g. v1.18.1',
      }),
    );
  } else {
    out.push(...releaseTagIssues(image.tag, veleroVersion));
  }
  for (const key of Object.keys(image)) {
    if (key !== 'repository' && key !== 'tag') {
      out.push(
        issue(joinPath('veleroImage', key), 'is not an image field', {
          allowed: 'repository, tag',
        }),
      );
    }
  }
  return out;
}

/** Checks the scalar options (names, ARN, images, flags, extra values). */
function checkScalarOptions(options: VeleroHelmValuesOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const namespace = options.namespace ?? DEFAULT_VELERO_NAMESPACE;
  const namespaceIssues = checkDns1123Label(namespace, 'namespace');
  issues.push(...namespaceIssues);
  const fullname = options.chartFullname ?? DEFAULT_CHART_FULLNAME;
  issues.push(...checkDns1123Label(fullname, 'chartFullname'));
  const serviceAccount = options.serviceAccountName ?? DEFAULT_VELERO_SERVICE_ACCOUNT;
  const serviceAccountIssues = checkDns1123Subdomain(serviceAccount, 'serviceAccountName');
  issues.push(...serviceAccountIssues);
  // The chart writes both without quotes into several objects.
  issues.push(
    ...unquotedScalarIssues([
      ...(namespaceIssues.length === 0
        ? [['namespace', namespace, NAME_FIX] as [string, unknown, string]]
        : []),
      ...(serviceAccountIssues.length === 0
        ? [['serviceAccountName', serviceAccount, NAME_FIX] as [string, unknown, string]]
        : []),
    ]),
  );
  if (options.roleArn !== undefined) issues.push(...checkIamRoleArn(options.roleArn, 'roleArn'));
  issues.push(...checkVeleroVersion(options.veleroVersion));
  const version = targetVeleroVersion(options.veleroVersion);
  const image = options.awsPluginImage ?? awsPluginImageFor(version);
  if (typeof image !== 'string' || image === '' || /\s/.test(image)) {
    issues.push(
      issue('awsPluginImage', 'must be a container image reference', { received: image }),
    );
  } else {
    issues.push(...pluginPairingIssues(image, version));
  }
  issues.push(...checkImage(options.veleroImage, version));
  for (const flag of ['chartCreatesObjects', 'deployNodeAgent'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      issues.push(issue(flag, 'must be true or false', { received: options[flag] }));
    }
  }
  if (options.extraValues !== undefined) {
    issues.push(
      ...checkExtraHelmValues(options.extraValues, { alerts: options.metrics !== undefined }),
    );
  }
  return issues;
}

/** Checks each list of manifests: their kind and content, Velero's namespace, unique names. */
function checkManifestLists(options: VeleroHelmValuesOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const namespace = options.namespace ?? DEFAULT_VELERO_NAMESPACE;
  const version = targetVeleroVersion(options.veleroVersion);
  const groups: [string, string, unknown][] = [
    ['backupStorageLocations', 'BackupStorageLocation', options.backupStorageLocations],
    ['volumeSnapshotLocations', 'VolumeSnapshotLocation', options.volumeSnapshotLocations ?? []],
    ['schedules', 'Schedule', options.schedules ?? []],
    ['backups', 'Backup', options.backups ?? []],
    ['resourcePolicies', 'ConfigMap', options.resourcePolicies ?? []],
  ];
  for (const [path, kind, list] of groups) {
    if (!Array.isArray(list)) {
      issues.push(issue(path, `must be a list of ${kind} manifests`, { received: list }));
      continue;
    }
    const before = issues.length;
    list.forEach((manifest: unknown, index) => {
      const at = joinPath(path, index);
      issues.push(...checkManifest(manifest, kind, at, version));
      if (isPlainObject(manifest) && isPlainObject(manifest.metadata)) {
        const ns = manifest.metadata.namespace;
        if (ns !== namespace) {
          issues.push(
            issue(
              joinPath(joinPath(at, 'metadata'), 'namespace'),
              `must be Velero's namespace "${namespace}": Velero only reads its objects from there`,
              {
                received: ns,
                allowed: namespace,
              },
            ),
          );
        }
      }
    });
    if (issues.length === before) {
      issues.push(...checkUniqueNames(list as { metadata: { name: string } }[], path));
    }
  }
  if (
    Array.isArray(options.backupStorageLocations) &&
    options.backupStorageLocations.length === 0
  ) {
    issues.push(
      issue(
        'backupStorageLocations',
        'needs at least one BackupStorageLocation: Velero has nowhere to write backups otherwise',
      ),
    );
  }
  return issues;
}

/** What the chart cannot carry, or would re-type, in any location it creates. */
function chartLocationIssues(
  at: string,
  location: BackupStorageLocationManifest | VolumeSnapshotLocationManifest,
): ValidationIssue[] {
  return [
    ...unrepresentable(at, [
      ['metadata.labels', location.metadata.labels],
      ['spec.credential.optional', location.spec.credential?.optional],
    ]),
    ...unquotedScalarIssues([
      [`${at}.metadata.name`, location.metadata.name, NAME_FIX],
      [`${at}.spec.provider`, location.spec.provider, NAME_FIX],
      [`${at}.spec.credential.name`, location.spec.credential?.name, NAME_FIX],
      [`${at}.spec.credential.key`, location.spec.credential?.key, NAME_FIX],
    ]),
  ];
}

/** Checks what the chart must render itself when it creates the objects. */
function checkChartCreatedObjects(options: VeleroHelmValuesOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fullname = options.chartFullname ?? DEFAULT_CHART_FULLNAME;
  options.backupStorageLocations.forEach((bsl, index) => {
    const at = joinPath('backupStorageLocations', index);
    issues.push(
      ...chartLocationIssues(at, bsl),
      ...unrepresentable(at, [['spec.objectStorage.caCertRef', bsl.spec.objectStorage.caCertRef]]),
      ...unquotedScalarIssues([
        [`${at}.spec.validationFrequency`, bsl.spec.validationFrequency, DURATION_FIX],
        [`${at}.spec.backupSyncPeriod`, bsl.spec.backupSyncPeriod, DURATION_FIX],
        [
          `${at}.spec.objectStorage.caCert`,
          bsl.spec.objectStorage.caCert,
          'use caCertRef and let the platform create the location',
        ],
      ]),
    );
  });
  (options.volumeSnapshotLocations ?? []).forEach((vsl, index) => {
    issues.push(...chartLocationIssues(joinPath('volumeSnapshotLocations', index), vsl));
  });
  (options.schedules ?? []).forEach((schedule, index) => {
    const at = joinPath('schedules', index);
    const name = schedule.metadata.name;
    if (!name.startsWith(`${fullname}-`) || name.length === fullname.length + 1) {
      issues.push(
        issue(
          joinPath(joinPath(at, 'metadata'), 'name'),
          `must start with "${fullname}-": the chart names each schedule "<chartFullname>-<key>", so another name cannot be kept`,
          { received: name, allowed: `${fullname}-<name>` },
        ),
      );
    }
    if (Object.keys(schedule.spec.template).length === 0) {
      issues.push(
        issue(
          joinPath(joinPath(at, 'spec'), 'template'),
          'is empty, and the velero chart leaves an empty template out, so the API server would reject the Schedule (template is required): set at least one field (e.g. ttl) or let the platform create the schedule',
          { received: schedule.spec.template },
        ),
      );
    }
    for (const label of Object.keys(schedule.metadata.labels ?? {})) {
      if (CHART_OBJECT_LABELS.includes(label)) {
        issues.push(
          issue(
            joinPath(joinPath(joinPath(at, 'metadata'), 'labels'), label),
            'is a label the velero chart sets on every Schedule it creates; a second value would write the key twice: leave it out or let the platform create the schedule',
            { allowed: `any label but ${CHART_OBJECT_LABELS.join(', ')}` },
          ),
        );
      }
    }
  });
  return issues;
}

/** What needs the node agent: the manifests' fields and the server defaults in `extraValues`. */
function nodeAgentNeedsOf(options: VeleroHelmValuesOptions): NodeAgentNeed[] {
  return [
    ...nodeAgentNeeds({
      schedules: options.schedules ?? [],
      backups: options.backups ?? [],
      resourcePolicies: options.resourcePolicies ?? [],
    }),
    ...(options.extraValues === undefined ? [] : extraValuesNodeAgentNeeds(options.extraValues)),
  ];
}

function checkOptions(options: VeleroHelmValuesOptions): ValidationIssue[] {
  const issues = [...checkScalarOptions(options), ...checkManifestLists(options)];
  if (issues.length > 0) return issues;

  const defaults = options.backupStorageLocations.filter((bsl) => bsl.spec.default === true);
  if (defaults.length > 1) {
    issues.push(
      issue(
        'backupStorageLocations',
        `marks ${defaults.length} locations as default (${defaults.map((d) => d.metadata.name).join(', ')}): Velero keeps only the newest one as default`,
        { allowed: 'at most one location with default: true' },
      ),
    );
  }
  if (options.chartCreatesObjects === true) issues.push(...checkChartCreatedObjects(options));
  if (options.deployNodeAgent === false) {
    for (const need of nodeAgentNeedsOf(options)) {
      issues.push(
        issue(
          need.path,
          `${need.reason}, but deployNodeAgent is false, so the chart deploys no node agent and these backups would fail: leave deployNodeAgent unset (it is then deployed) or set it to true`,
        ),
      );
    }
  }
  return issues;
}

/**
 * The Helm values for the vmware-tanzu `velero` chart (version 12.1.0) that match the given
 * locations and schedules, for the Velero release `veleroVersion` (default 1.18):
 * - `fullnameOverride` (`chartFullname`, default `velero`), so that object names never depend on
 *   the Helm release name, and `image` pinned to that release's newest patch (`veleroImageFor`,
 *   v1.18.1 for 1.18). Chart 12.1.0 is written for Velero 1.18: for an older target it deploys
 *   that release's image (its CRDs come from the image, through the chart's CRD upgrade job), a
 *   combination the library's chart tests render but nobody has run against a cluster;
 * - `configuration.backupStorageLocation[]` / `configuration.volumeSnapshotLocation[]` with the
 *   name, provider, bucket, prefix, config, sync period and validation frequency of each location;
 * - `serviceAccount.server` with the name the IAM role trusts and, for IRSA, the annotation
 *   `eks.amazonaws.com/role-arn`; `credentials.useSecret: false` (no static keys);
 * - `initContainers` with the velero-plugin-for-aws image that pairs with the release
 *   (`awsPluginImageFor`, v1.14.2 for 1.18), copying the plugin into `/target` of the `plugins`
 *   volume;
 * - `deployNodeAgent`: true exactly when a schedule or backup needs the node agent (file-system
 *   backup, the built-in data mover, an `fs-backup` resource policy), unless told otherwise;
 * - `backupsEnabled`/`snapshotsEnabled`/`schedules`: by default the locations and schedules are
 *   created as objects of their own (e.g. by `VeleroBackupPlatform`), so the chart must not
 *   create them again: both flags are `false` and `schedules` is empty. With
 *   `chartCreatesObjects: true` the chart creates them: both flags are `true` and `schedules`
 *   holds each schedule under the key that makes the chart's `<fullname>-<key>` equal its name;
 * - then `extraValues`, merged over all that.
 *
 * @param options the manifests and the installation's details
 * @returns the values
 * @throws VeleroConfigError listing every problem (invalid manifests or fields the target release
 *   lacks, an image of another release than the target, a namespace other than
 *   Velero's, duplicate names, several default locations, fields the chart cannot express or
 *   would re-type when it creates the objects, schedule names the chart cannot produce, a node
 *   agent turned off that a backup needs, extra values that are unknown or replace the library's)
 */
export function veleroHelmValues(options: VeleroHelmValuesOptions): VeleroHelmValues {
  if (!isPlainObject(options)) {
    throw new VeleroConfigError('Helm values', [
      issue('', 'the options must be an object', { received: options }),
    ]);
  }
  const issues = checkOptions(options);
  if (issues.length > 0) throw new VeleroConfigError('Helm values', issues);
  const chartCreates = options.chartCreatesObjects === true;
  const fullname = options.chartFullname ?? DEFAULT_CHART_FULLNAME;
  const schedules: Record<string, ChartSchedule> = {};
  if (chartCreates) {
    for (const schedule of options.schedules ?? []) {
      const key = schedule.metadata.name.slice(fullname.length + 1);
      schedules[key] = withDefined({
        disabled: false as const,
        schedule: schedule.spec.schedule,
        template: copyPlainData(schedule.spec.template),
        labels: schedule.metadata.labels,
        annotations: schedule.metadata.annotations,
        useOwnerReferencesInBackup: schedule.spec.useOwnerReferencesInBackup,
        paused: schedule.spec.paused,
        skipImmediately: schedule.spec.skipImmediately,
      });
    }
  }
  const version = targetVeleroVersion(options.veleroVersion);
  const image = options.veleroImage ?? veleroImageFor(version);
  const values: VeleroHelmValues = {
    fullnameOverride: fullname,
    image: { repository: image.repository, tag: image.tag },
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: options.awsPluginImage ?? awsPluginImageFor(version),
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ],
    configuration: {
      backupStorageLocation: options.backupStorageLocations.map((bsl) =>
        withDefined({
          name: bsl.metadata.name,
          provider: bsl.spec.provider,
          bucket: bsl.spec.objectStorage.bucket,
          prefix: bsl.spec.objectStorage.prefix,
          caCert: bsl.spec.objectStorage.caCert,
          default: bsl.spec.default,
          accessMode: bsl.spec.accessMode,
          validationFrequency: bsl.spec.validationFrequency,
          backupSyncPeriod: bsl.spec.backupSyncPeriod,
          credential: credentialOf(bsl.spec.credential),
          config: { ...bsl.spec.config },
          annotations: bsl.metadata.annotations,
        }),
      ),
      volumeSnapshotLocation: (options.volumeSnapshotLocations ?? []).map((vsl) =>
        withDefined({
          name: vsl.metadata.name,
          provider: vsl.spec.provider,
          credential: credentialOf(vsl.spec.credential),
          config: { ...vsl.spec.config },
          annotations: vsl.metadata.annotations,
        }),
      ),
    },
    serviceAccount: {
      server: {
        create: true,
        name: options.serviceAccountName ?? DEFAULT_VELERO_SERVICE_ACCOUNT,
        annotations:
          options.roleArn === undefined ? {} : { [IRSA_ROLE_ANNOTATION]: options.roleArn },
      },
    },
    credentials: { useSecret: false },
    backupsEnabled: chartCreates,
    snapshotsEnabled: chartCreates,
    deployNodeAgent: options.deployNodeAgent ?? nodeAgentNeedsOf(options).length > 0,
    schedules,
    ...(options.metrics === undefined ? {} : { metrics: copyPlainData(options.metrics) }),
  };
  return options.extraValues === undefined ? values : mergeHelmValues(values, options.extraValues);
}
