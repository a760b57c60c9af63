/**
 * Mocks for `pulumi.runtime.setMocks` that answer like the real providers for every resource
 * velero-iac creates: ARNs in the right shape, a bucket's region and domain names, a KMS key id,
 * a `time.Static`'s timestamp fields, Kubernetes objects with `metadata.uid`, a Helm release's
 * `status`. Outputs are the inputs plus those computed values, so assertions on inputs still hold.
 *
 * Only types from `@pulumi/pulumi` are imported: loading this module loads no Pulumi package.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The account id the mocks put in ARNs. */
export const MOCK_ACCOUNT_ID = '123456789012';

/** The region the mocks use for a resource that names none. */
export const MOCK_REGION = 'us-east-1';

/** The mocks' default clock: the time a new `time.Static` records. */
export const DEFAULT_MOCK_NOW: Date = new Date('2026-01-15T10:20:30Z');

/** What the mocks know of the run, for computing outputs. */
export interface MockContext {
  /** The clock a new `time.Static` records. */
  readonly now: Date;
  /** The account id in ARNs. */
  readonly accountId: string;
  /** The region of a resource that names none. */
  readonly region: string;
}

/** The resource being created, as `newResource` receives it. */
export interface MockResourceRequest {
  /** The type token, e.g. `aws:s3/bucket:Bucket`. */
  readonly type: string;
  /** The logical name. */
  readonly name: string;
  /** The inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Whether it is a custom (provider) resource; components get no id. */
  readonly custom: boolean;
}

/** What a mock returns for one resource: its physical id and every output. */
export interface MockOutputs {
  /** The physical id (`undefined` for components). */
  readonly id: string | undefined;
  /** The outputs: the inputs plus the computed values. */
  readonly state: Record<string, unknown>;
}

/** Computes the id and the computed outputs of one resource type (merged over the inputs). */
type OutputsOf = (
  request: MockResourceRequest,
  context: MockContext,
) => { id: string; computed: Record<string, unknown> };

/** Options of {@link veleroMocks}. */
export interface VeleroMocksOptions {
  /**
   * The clock: the timestamp a new `time.Static` records (and so the bucket name's date when
   * `date` is not pinned).
   * @default 2026-01-15T10:20:30Z ({@link DEFAULT_MOCK_NOW})
   */
  now?: Date;
  /**
   * The AWS account id in every ARN and in `getCallerIdentity`.
   * @default '123456789012'
   */
  accountId?: string;
  /**
   * The region of resources that name none, and of `getRegion`.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * Changes the outputs of a resource: receives the request and the mocks' outputs, returns the
   * outputs to use instead, or `undefined` to keep them.
   * @default the mocks' outputs for every resource
   */
  outputs?: (
    request: MockResourceRequest,
    defaults: Record<string, unknown>,
  ) => Record<string, unknown> | undefined;
  /**
   * Answers provider function calls (invokes) before the built-in answers
   * (`aws:index/getCallerIdentity`, `getPartition`, `getRegion`); return `undefined` to fall
   * through.
   * @default only the built-in answers (`{}` for any other call)
   */
  call?: (
    token: string,
    inputs: Readonly<Record<string, unknown>>,
  ) => Record<string, unknown> | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A deterministic UUID-shaped string from a seed (FNV-1a). */
export function mockUuid(seed: string): string {
  let hex = '';
  let h = 2166136261;
  while (hex.length < 32) {
    for (const ch of `${seed}${hex.length}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 16777619) >>> 0;
    }
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 3339 without milliseconds, as the time provider writes it. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function regionOf(request: MockResourceRequest, context: MockContext): string {
  return text(request.inputs.region) ?? context.region;
}

const s3Bucket: OutputsOf = (request, context) => {
  const bucket = text(request.inputs.bucket) ?? `${request.name}-mock`;
  const region = regionOf(request, context);
  return {
    id: bucket,
    computed: {
      bucket,
      arn: `arn:aws:s3:::${bucket}`,
      region,
      bucketDomainName: `${bucket}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
      hostedZoneId: 'Z3AQBSTGFYJSTF',
    },
  };
};

/** A bucket's configuration resource (versioning, policy...): its id is the bucket's name. */
const s3BucketPart: OutputsOf = (request, context) => ({
  id: text(request.inputs.bucket) ?? `${request.name}-id`,
  computed: { region: regionOf(request, context) },
});

const iamRole: OutputsOf = (request, context) => {
  const name = text(request.inputs.name) ?? `${request.name}-mock`;
  return {
    id: name,
    computed: {
      name,
      arn: `arn:aws:iam::${context.accountId}:role/${name}`,
      uniqueId: `AROA${mockUuid(name).replace(/-/g, '').slice(0, 17).toUpperCase()}`,
      createDate: rfc3339(context.now),
    },
  };
};

const iamRolePolicy: OutputsOf = (request) => {
  const name = text(request.inputs.name) ?? `${request.name}-mock`;
  return { id: `${text(request.inputs.role) ?? 'role'}:${name}`, computed: { name } };
};

const iamPolicy: OutputsOf = (request, context) => {
  const name = text(request.inputs.name) ?? `${request.name}-mock`;
  const arn = `arn:aws:iam::${context.accountId}:policy/${name}`;
  return { id: arn, computed: { name, arn, policyId: `ANPA${name.length}MOCK` } };
};

const kmsKey: OutputsOf = (request, context) => {
  const keyId = mockUuid(`${request.type}::${request.name}`);
  return {
    id: keyId,
    computed: {
      keyId,
      arn: `arn:aws:kms:${regionOf(request, context)}:${context.accountId}:key/${keyId}`,
      region: regionOf(request, context),
    },
  };
};

const podIdentityAssociation: OutputsOf = (request, context) => {
  const associationId = `a-${mockUuid(`${request.type}::${request.name}`).replace(/-/g, '').slice(0, 17)}`;
  const cluster = text(request.inputs.clusterName) ?? 'cluster';
  return {
    id: `${cluster},${associationId}`,
    computed: {
      associationId,
      associationArn: `arn:aws:eks:${regionOf(request, context)}:${context.accountId}:podidentityassociation/${cluster}/${associationId}`,
    },
  };
};

const timeStatic: OutputsOf = (request, context) => {
  const given = text(request.inputs.rfc3339);
  const stamp = given === undefined ? context.now : new Date(given);
  const value = given ?? rfc3339(context.now);
  return {
    id: value,
    computed: {
      rfc3339: value,
      year: stamp.getUTCFullYear(),
      month: stamp.getUTCMonth() + 1,
      day: stamp.getUTCDate(),
      hour: stamp.getUTCHours(),
      minute: stamp.getUTCMinutes(),
      second: stamp.getUTCSeconds(),
      unix: Math.floor(stamp.getTime() / 1000),
    },
  };
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A Kubernetes object as the API server returns it: the id is `namespace/name`. */
const kubernetesObject: OutputsOf = (request, context) => {
  const metadata = record(request.inputs.metadata);
  const name = text(metadata.name) ?? request.name;
  const namespace = text(metadata.namespace);
  return {
    id: namespace === undefined ? name : `${namespace}/${name}`,
    computed: {
      metadata: {
        ...metadata,
        name,
        ...(namespace === undefined ? {} : { namespace }),
        uid: mockUuid(`${request.type}::${namespace ?? ''}/${name}`),
        resourceVersion: '1',
        generation: 1,
        creationTimestamp: rfc3339(context.now),
      },
    },
  };
};

/** A Helm release (`@pulumi/kubernetes` `helm.v3.Release`) that installed at revision 1. */
const helmRelease: OutputsOf = (request) => {
  const name = text(request.inputs.name) ?? request.name;
  const namespace = text(request.inputs.namespace) ?? 'default';
  return {
    id: `${namespace}/${name}`,
    computed: {
      name,
      namespace,
      status: {
        name,
        namespace,
        chart: text(request.inputs.chart) ?? 'chart',
        version: text(request.inputs.version) ?? '0.0.0',
        appVersion: text(request.inputs.version) ?? '0.0.0',
        revision: 1,
        status: 'deployed',
      },
    },
  };
};

const provider: OutputsOf = (request) => ({
  id: mockUuid(`${request.type}::${request.name}`),
  computed: {},
});

/**
 * The outputs of every resource type velero-iac creates (and of the Helm release and providers
 * a platform's program typically adds). Add a type here with the function that computes its
 * outputs.
 */
const RESOURCE_OUTPUTS: Readonly<Record<string, OutputsOf>> = {
  'aws:s3/bucket:Bucket': s3Bucket,
  'aws:s3/bucketOwnershipControls:BucketOwnershipControls': s3BucketPart,
  'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock': s3BucketPart,
  'aws:s3/bucketVersioning:BucketVersioning': s3BucketPart,
  'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration':
    s3BucketPart,
  'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration': s3BucketPart,
  'aws:s3/bucketPolicy:BucketPolicy': s3BucketPart,
  'aws:s3/bucketLogging:BucketLogging': s3BucketPart,
  'aws:s3/bucketNotification:BucketNotification': s3BucketPart,
  'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration': s3BucketPart,
  'aws:s3/bucketReplicationConfig:BucketReplicationConfig': s3BucketPart,
  'aws:iam/role:Role': iamRole,
  'aws:iam/rolePolicy:RolePolicy': iamRolePolicy,
  'aws:iam/policy:Policy': iamPolicy,
  'aws:kms/key:Key': kmsKey,
  'aws:eks/podIdentityAssociation:PodIdentityAssociation': podIdentityAssociation,
  'time:index/static:Static': timeStatic,
  'kubernetes:velero.io/v1:Schedule': kubernetesObject,
  'kubernetes:velero.io/v1:Backup': kubernetesObject,
  'kubernetes:velero.io/v1:Restore': kubernetesObject,
  'kubernetes:velero.io/v1:BackupStorageLocation': kubernetesObject,
  'kubernetes:velero.io/v1:VolumeSnapshotLocation': kubernetesObject,
  'kubernetes:core/v1:ConfigMap': kubernetesObject,
  'kubernetes:core/v1:Namespace': kubernetesObject,
  'kubernetes:core/v1:ServiceAccount': kubernetesObject,
  'kubernetes:batch/v1:CronJob': kubernetesObject,
  'kubernetes:rbac.authorization.k8s.io/v1:Role': kubernetesObject,
  'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding': kubernetesObject,
  'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole': kubernetesObject,
  'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding': kubernetesObject,
  'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy': kubernetesObject,
  'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding': kubernetesObject,
  'kubernetes:monitoring.coreos.com/v1:PrometheusRule': kubernetesObject,
  'kubernetes:helm.sh/v3:Release': helmRelease,
  'pulumi:providers:aws': provider,
  'pulumi:providers:kubernetes': provider,
};

/** Every resource type the mocks answer with computed outputs. */
export const MOCKED_RESOURCE_TYPES: readonly string[] = Object.keys(RESOURCE_OUTPUTS);

/**
 * The id and outputs the mocks give a new resource. Types not in {@link MOCKED_RESOURCE_TYPES}
 * get their inputs back (other `kubernetes:` types as Kubernetes objects) and, when custom, the
 * id `<name>-id`.
 *
 * @param request the resource being created
 * @param context the clock, account and region
 * @returns its id and outputs
 */
export function mockResourceOutputs(
  request: MockResourceRequest,
  context: MockContext = { now: DEFAULT_MOCK_NOW, accountId: MOCK_ACCOUNT_ID, region: MOCK_REGION },
): MockOutputs {
  const compute =
    RESOURCE_OUTPUTS[request.type] ??
    (request.type.startsWith('kubernetes:') ? kubernetesObject : undefined);
  if (!request.custom || compute === undefined) {
    return { id: request.custom ? `${request.name}-id` : undefined, state: { ...request.inputs } };
  }
  const { id, computed } = compute(request, context);
  return { id, state: { ...request.inputs, ...computed } };
}

/**
 * The answer of the mocks to a provider function call, `undefined` when they have none.
 *
 * @param token the function's token, e.g. `aws:index/getCallerIdentity:getCallerIdentity`
 * @param context the account and region
 */
export function mockCallResult(
  token: string,
  context: MockContext = { now: DEFAULT_MOCK_NOW, accountId: MOCK_ACCOUNT_ID, region: MOCK_REGION },
): Record<string, unknown> | undefined {
  switch (token) {
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        accountId: context.accountId,
        arn: `arn:aws:iam::${context.accountId}:user/test`,
        userId: 'AIDAMOCKUSER',
        id: context.accountId,
      };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
    case 'aws:index/getRegion:getRegion':
      return { name: context.region, region: context.region, id: context.region };
    default:
      return undefined;
  }
}

/**
 * Mocks for `pulumi.runtime.setMocks` that return realistic outputs for every resource
 * velero-iac creates, so a program with a `VeleroBackupPlatform` runs under test as under
 * `pulumi up`:
 *
 * ```ts
 * import * as pulumi from '@pulumi/pulumi';
 * import { veleroMocks } from 'velero-iac/pulumi/testing';
 * pulumi.runtime.setMocks(veleroMocks(), 'project', 'stack', false);
 * ```
 *
 * @param options the clock, account, region, and hooks to change outputs or answer calls
 * @returns the mocks
 */
export function veleroMocks(options: VeleroMocksOptions = {}): pulumi.runtime.Mocks {
  const context: MockContext = {
    now: options.now ?? DEFAULT_MOCK_NOW,
    accountId: options.accountId ?? MOCK_ACCOUNT_ID,
    region: options.region ?? MOCK_REGION,
  };
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      const request: MockResourceRequest = {
        type: args.type,
        name: args.name,
        inputs: record(args.inputs),
        custom: args.custom === true,
      };
      const fresh = mockResourceOutputs(request, context);
      return { id: fresh.id, state: options.outputs?.(request, fresh.state) ?? fresh.state };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      const inputs = record(args.inputs);
      return options.call?.(args.token, inputs) ?? mockCallResult(args.token, context) ?? {};
    },
  };
}
