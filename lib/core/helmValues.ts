/**
 * Helm values for the vmware-tanzu `velero` chart, built from the manifests of the locations and
 * schedules a platform declares, so that the chart and the declared objects always agree.
 */
import type { VeleroChartMetricsValues } from './alerts/chartMetricsValues';
import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import { joinPath } from './path';
import { checkDns1123Label, checkDns1123Subdomain } from './rules/names';
import { isPlainObject } from './schema/checkShape';
import type {
  BackupStorageLocationManifest,
  VolumeSnapshotLocationManifest,
} from './types/locations';
import { DEFAULT_VELERO_NAMESPACE, type SecretKeySelector } from './types/meta';
import type { ScheduleManifest } from './types/schedule';
import { validateManifest } from './validateManifest';

/** The velero-plugin-for-aws image that pairs with Velero 1.18 (plugin 1.14.x). */
export const VELERO_AWS_PLUGIN_IMAGE = 'velero/velero-plugin-for-aws:v1.14.0';

/** The name of Velero's server service account in the chart (`<fullname>-server`, release `velero`). */
export const DEFAULT_VELERO_SERVICE_ACCOUNT = 'velero-server';

/** The chart's fullname for a release named `velero` (the prefix of the Schedules it creates). */
export const DEFAULT_CHART_FULLNAME = 'velero';

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

/** The values {@link veleroHelmValues} returns, shaped for the vmware-tanzu `velero` chart. */
export interface VeleroHelmValues {
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
  /** The Schedules the chart creates (empty unless the chart creates them). */
  schedules: Record<string, ChartSchedule>;
  /** The metrics Service, ServiceMonitor and PrometheusRule of the backup-health alerts, if any. */
  metrics?: VeleroChartMetricsValues;
}

/** Options of {@link veleroHelmValues}. */
export interface VeleroHelmValuesOptions {
  /** The BackupStorageLocations (as the core's builders make them); at least one. */
  backupStorageLocations: readonly BackupStorageLocationManifest[];
  /**
   * The VolumeSnapshotLocations.
   * @default none
   */
  volumeSnapshotLocations?: readonly VolumeSnapshotLocationManifest[];
  /**
   * Schedules for the chart to create. Only with `chartCreatesObjects: true` (otherwise they
   * are created as objects of their own and the chart's map stays empty, so no schedule exists
   * twice). The chart names each `<chartFullname>-<key>`, so every name must start with
   * `<chartFullname>-`.
   * @default none
   */
  schedules?: readonly ScheduleManifest[];
  /**
   * Whether the chart creates the locations (and schedules) itself. When `false`, the lists are
   * still filled in (they describe the locations created elsewhere) but `backupsEnabled` and
   * `snapshotsEnabled` are `false`, so the chart does not create them a second time.
   * @default false
   */
  chartCreatesObjects?: boolean;
  /**
   * The chart's fullname (the release name, or `fullnameOverride`).
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
   * The velero-plugin-for-aws image.
   * @default 'velero/velero-plugin-for-aws:v1.14.0'
   */
  awsPluginImage?: string;
}

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

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

function checkManifest(manifest: unknown, kind: string, path: string): ValidationIssue[] {
  if (!isPlainObject(manifest) || manifest.kind !== kind) {
    return [
      issue(path, `must be a ${kind} manifest`, {
        received: isPlainObject(manifest) ? manifest.kind : manifest,
      }),
    ];
  }
  return validateManifest(manifest).map((item) => ({
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

function checkOptions(options: VeleroHelmValuesOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const namespace = options.namespace ?? DEFAULT_VELERO_NAMESPACE;
  issues.push(...checkDns1123Label(namespace, 'namespace'));
  const fullname = options.chartFullname ?? DEFAULT_CHART_FULLNAME;
  issues.push(...checkDns1123Label(fullname, 'chartFullname'));
  issues.push(
    ...checkDns1123Subdomain(
      options.serviceAccountName ?? DEFAULT_VELERO_SERVICE_ACCOUNT,
      'serviceAccountName',
    ),
  );
  if (
    options.roleArn !== undefined &&
    (typeof options.roleArn !== 'string' || !IAM_ROLE_ARN.test(options.roleArn))
  ) {
    issues.push(
      issue('roleArn', 'must be an IAM role ARN', {
        received: options.roleArn,
        allowed: 'arn:<partition>:iam::<account>:role/<name>',
      }),
    );
  }
  const image = options.awsPluginImage ?? VELERO_AWS_PLUGIN_IMAGE;
  if (typeof image !== 'string' || image === '' || /\s/.test(image)) {
    issues.push(
      issue('awsPluginImage', 'must be a container image reference', { received: image }),
    );
  }
  if (
    options.chartCreatesObjects !== undefined &&
    typeof options.chartCreatesObjects !== 'boolean'
  ) {
    issues.push(
      issue('chartCreatesObjects', 'must be true or false', {
        received: options.chartCreatesObjects,
      }),
    );
  }

  const groups: [string, string, unknown][] = [
    ['backupStorageLocations', 'BackupStorageLocation', options.backupStorageLocations],
    ['volumeSnapshotLocations', 'VolumeSnapshotLocation', options.volumeSnapshotLocations ?? []],
    ['schedules', 'Schedule', options.schedules ?? []],
  ];
  for (const [path, kind, list] of groups) {
    if (!Array.isArray(list)) {
      issues.push(issue(path, `must be a list of ${kind} manifests`, { received: list }));
      continue;
    }
    const before = issues.length;
    list.forEach((manifest: unknown, index) => {
      const at = joinPath(path, index);
      issues.push(...checkManifest(manifest, kind, at));
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
  const chartCreates = options.chartCreatesObjects === true;
  if (!chartCreates && (options.schedules ?? []).length > 0) {
    issues.push(
      issue(
        'schedules',
        'are only put into the chart values when the chart creates the objects (chartCreatesObjects: true); otherwise each schedule would exist twice',
      ),
    );
  }
  if (chartCreates) {
    options.backupStorageLocations.forEach((bsl, index) => {
      const at = joinPath('backupStorageLocations', index);
      issues.push(
        ...unrepresentable(at, [
          ['metadata.labels', bsl.metadata.labels],
          ['spec.backupSyncPeriod', bsl.spec.backupSyncPeriod],
          ['spec.objectStorage.caCertRef', bsl.spec.objectStorage.caCertRef],
          ['spec.credential.optional', bsl.spec.credential?.optional],
        ]),
      );
    });
    (options.volumeSnapshotLocations ?? []).forEach((vsl, index) => {
      issues.push(
        ...unrepresentable(joinPath('volumeSnapshotLocations', index), [
          ['metadata.labels', vsl.metadata.labels],
          ['spec.credential.optional', vsl.spec.credential?.optional],
        ]),
      );
    });
    (options.schedules ?? []).forEach((schedule, index) => {
      const name = schedule.metadata.name;
      if (!name.startsWith(`${fullname}-`) || name.length === fullname.length + 1) {
        issues.push(
          issue(
            joinPath(joinPath(joinPath('schedules', index), 'metadata'), 'name'),
            `must start with "${fullname}-": the chart names each schedule "<chartFullname>-<key>", so another name cannot be kept`,
            { received: name, allowed: `${fullname}-<name>` },
          ),
        );
      }
    });
  }
  return issues;
}

/**
 * The Helm values for the vmware-tanzu `velero` chart that match the given locations and
 * schedules:
 * - `configuration.backupStorageLocation[]` / `configuration.volumeSnapshotLocation[]` with the
 *   name, provider, bucket, prefix and config of each location;
 * - `serviceAccount.server` with the name the IAM role trusts and, for IRSA, the annotation
 *   `eks.amazonaws.com/role-arn`; `credentials.useSecret: false` (no static keys);
 * - `initContainers` with the velero-plugin-for-aws image, copying the plugin into `/target` of
 *   the `plugins` volume;
 * - `backupsEnabled`/`snapshotsEnabled`/`schedules`: by default the locations and schedules are
 *   created as objects of their own (e.g. by `VeleroBackupPlatform`), so the chart must not
 *   create them again: both flags are `false` and `schedules` is empty. With
 *   `chartCreatesObjects: true` the chart creates them: both flags are `true` and `schedules`
 *   holds each schedule under the key that makes the chart's `<fullname>-<key>` equal its name.
 *
 * @param options the manifests and the installation's details
 * @returns the values
 * @throws VeleroConfigError listing every problem (invalid manifests, a namespace other than
 *   Velero's, duplicate names, several default locations, fields the chart cannot express when
 *   it creates the objects, schedule names the chart cannot produce)
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
        template: structuredClone(schedule.spec.template),
        labels: schedule.metadata.labels,
        annotations: schedule.metadata.annotations,
        useOwnerReferencesInBackup: schedule.spec.useOwnerReferencesInBackup,
        paused: schedule.spec.paused,
        skipImmediately: schedule.spec.skipImmediately,
      });
    }
  }
  return {
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: options.awsPluginImage ?? VELERO_AWS_PLUGIN_IMAGE,
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
    schedules,
  };
}
