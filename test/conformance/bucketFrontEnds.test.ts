/**
 * The shared conformance suite of the two bucket front ends: the same arguments go through the
 * Pulumi components (under mocks) and the AWS CDK constructs (synthesized), and both must give
 * the same bucket policy, lifecycle, encryption, public-access, ownership, versioning, Object
 * Lock, logging and notification settings, the same deletion protection, and the same IAM
 * documents (Velero's role and the replication role); bad input must fail in both with the same
 * `VeleroConfigError` issues, before anything is registered or synthesized.
 */

import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { type VeleroBucketOptions, VeleroConfigError } from 'velero-iac';
import * as cdk from 'velero-iac/aws-cdk';
import * as pulumiFrontEnd from 'velero-iac/pulumi';
import {
  CREATED_KEY,
  newStack,
  onlyResource,
  resolveIntrinsics,
  resourcesOf,
  templateOf,
} from '../aws-cdk/cdkTestKit';
import { type ProgramRun, runProgram } from '../pulumi/harness';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DEST_KEY = 'arn:aws:kms:eu-central-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;

/** What both front ends must agree on, in one neutral shape. */
interface BucketView {
  name: unknown;
  retained: boolean;
  bucketPolicy: unknown;
  lifecycle: unknown;
  encryption: unknown;
  publicAccess: unknown;
  ownership: unknown;
  versioning: unknown;
  objectLock: unknown;
  logging: unknown;
  eventBridge: boolean;
  veleroTrustPolicy: unknown;
  veleroPolicy: unknown;
  replicationTrustPolicy: unknown;
  replicationPolicy: unknown;
}

const CASES: [string, VeleroBucketOptions][] = [
  ['the defaults', { cluster: 'prod', date: '2026-01-15' }],
  ['a created KMS key', { cluster: 'prod', date: '2026-01-15', createKmsKey: true }],
  ['a given KMS key', { cluster: 'prod', date: '20260115', kmsKeyArn: KEY }],
  [
    'custom lifecycle days and the versioning deny',
    {
      cluster: 'team-a',
      date: '2025-12-31',
      noncurrentVersionExpirationDays: 90,
      abortIncompleteMultipartUploadDays: 2,
      denyVersioningSuspension: true,
    },
  ],
  [
    'protection off',
    { cluster: 'sandbox', date: '2026-01-15', dangerouslyDisableDeletionProtection: true },
  ],
  [
    'every opt-in',
    {
      cluster: 'prod',
      date: '2026-01-15',
      createKmsKey: true,
      accessLogging: { targetBucket: 'prod-access-logs', targetPrefix: 'velero/' },
      eventBridgeNotifications: true,
      objectLock: { retentionDays: 3, shortestBackupTtl: '168h' },
      replication: {
        destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
        destinationRegion: 'eu-central-1',
        replicaKmsKeyArn: DEST_KEY,
        replicateDeleteMarkers: false,
      },
    },
  ],
];

function parse(text: unknown): unknown {
  if (typeof text !== 'string') throw new Error('expected a JSON policy string');
  return JSON.parse(text);
}

/** Replaces the mocked ARN of a key Pulumi created with the neutral placeholder. */
function neutralKeys(value: unknown, createdKeyArn: string | undefined): unknown {
  if (createdKeyArn === undefined) return value;
  return JSON.parse(JSON.stringify(value).split(createdKeyArn).join(CREATED_KEY));
}

async function throughPulumi(args: VeleroBucketOptions): Promise<BucketView> {
  const run: ProgramRun<unknown> = await runProgram(() => {
    const bucket = new pulumiFrontEnd.VeleroBucket('velero', { ...args, region: 'eu-west-1' });
    new pulumiFrontEnd.VeleroServiceRole('velero-role', {
      bucketName: bucket.bucketName,
      kmsKeyArn: bucket.kmsKeyArn,
      oidcProviderArn: PROVIDER_ARN,
      oidcProviderUrl: `https://${ISSUER}`,
    });
  });
  const inputs = (type: string, name?: string) => run.one(type, name).inputs;
  const maybe = (type: string) => run.ofType(type)[0]?.inputs;
  const bucket = run.one('aws:s3/bucket:Bucket');
  const createdKey = run.ofType('aws:kms/key:Key')[0]?.outputs.arn as string | undefined;
  const sse = (
    inputs('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration')
      .rules as {
      applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId?: string };
      bucketKeyEnabled?: boolean;
    }[]
  )[0];
  const lifecycle = inputs('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration')
    .rules as {
    id: string;
    status: string;
    noncurrentVersionExpiration?: { noncurrentDays: number };
    expiration?: { expiredObjectDeleteMarker: boolean };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
  }[];
  const pab = inputs('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock');
  const lock = maybe('aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration') as
    | { rule: { defaultRetention: { mode: string; days: number } } }
    | undefined;
  const logging = maybe('aws:s3/bucketLogging:BucketLogging');
  const replicationRole = run
    .ofType('aws:iam/role:Role')
    .find((r) => r.name === 'velero-replication');
  const replicationPolicy = run
    .ofType('aws:iam/rolePolicy:RolePolicy')
    .find((r) => r.name === 'velero-replication');
  return {
    name: bucket.inputs.bucket,
    retained: bucket.options.protect === true && bucket.options.retainOnDelete === true,
    bucketPolicy: parse(inputs('aws:s3/bucketPolicy:BucketPolicy').policy),
    lifecycle: lifecycle.map((rule) => ({
      id: rule.id,
      status: rule.status,
      noncurrentDays: rule.noncurrentVersionExpiration?.noncurrentDays,
      expiredObjectDeleteMarker: rule.expiration?.expiredObjectDeleteMarker,
      abortDays: rule.abortIncompleteMultipartUpload?.daysAfterInitiation,
    })),
    encryption: neutralKeys(
      {
        algorithm: sse?.applyServerSideEncryptionByDefault.sseAlgorithm,
        key: sse?.applyServerSideEncryptionByDefault.kmsMasterKeyId,
        bucketKey: sse?.bucketKeyEnabled === true,
      },
      createdKey,
    ),
    publicAccess: {
      blockPublicAcls: pab.blockPublicAcls,
      blockPublicPolicy: pab.blockPublicPolicy,
      ignorePublicAcls: pab.ignorePublicAcls,
      restrictPublicBuckets: pab.restrictPublicBuckets,
    },
    ownership: (
      inputs('aws:s3/bucketOwnershipControls:BucketOwnershipControls').rule as {
        objectOwnership: string;
      }
    ).objectOwnership,
    versioning: (
      inputs('aws:s3/bucketVersioning:BucketVersioning').versioningConfiguration as {
        status: string;
      }
    ).status,
    objectLock:
      lock === undefined
        ? undefined
        : {
            enabled: bucket.inputs.objectLockEnabled,
            mode: lock.rule.defaultRetention.mode,
            days: lock.rule.defaultRetention.days,
          },
    logging:
      logging === undefined
        ? undefined
        : { target: logging.targetBucket, prefix: logging.targetPrefix },
    eventBridge: maybe('aws:s3/bucketNotification:BucketNotification')?.eventbridge === true,
    veleroTrustPolicy: parse(inputs('aws:iam/role:Role', 'velero-role').assumeRolePolicy),
    veleroPolicy: neutralKeys(
      parse(inputs('aws:iam/rolePolicy:RolePolicy', 'velero-role-velero').policy),
      createdKey,
    ),
    replicationTrustPolicy:
      replicationRole === undefined ? undefined : parse(replicationRole.inputs.assumeRolePolicy),
    replicationPolicy:
      replicationPolicy === undefined
        ? undefined
        : neutralKeys(parse(replicationPolicy.inputs.policy), createdKey),
  };
}

function throughCdk(args: VeleroBucketOptions): BucketView {
  const { stack } = newStack();
  const { kmsKeyArn, region: _region, ...rest } = args;
  const bucket = new cdk.VeleroBucket(stack, 'Velero', {
    ...rest,
    ...(kmsKeyArn === undefined
      ? {}
      : { kmsKey: kms.Key.fromKeyArn(stack, 'GivenKey', kmsKeyArn) }),
  });
  new cdk.VeleroServiceRole(stack, 'VeleroRole', {
    bucket,
    oidcProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      stack,
      'Oidc',
      PROVIDER_ARN,
    ),
  });
  const template = templateOf(stack);
  const resolved = (value: unknown) => resolveIntrinsics(value, template);
  const { resource } = onlyResource(template, 'AWS::S3::Bucket');
  const props = resolved(resource.Properties) as Record<string, unknown>;
  const sse = (
    props.BucketEncryption as { ServerSideEncryptionConfiguration: Record<string, unknown>[] }
  ).ServerSideEncryptionConfiguration[0] as {
    ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: string };
    BucketKeyEnabled?: boolean;
  };
  const lifecycle = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] })
    .Rules as {
    Id: string;
    Status: string;
    NoncurrentVersionExpiration?: { NoncurrentDays: number };
    ExpiredObjectDeleteMarker?: boolean;
    AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number };
  }[];
  const pab = props.PublicAccessBlockConfiguration as Record<string, boolean>;
  const lock = props.ObjectLockConfiguration as
    | { Rule: { DefaultRetention: { Mode: string; Days: number } } }
    | undefined;
  const logging = props.LoggingConfiguration as
    | { DestinationBucketName: string; LogFilePrefix: string }
    | undefined;
  const roles = Object.entries(resourcesOf(template)).filter(
    ([, r]) => r.Type === 'AWS::IAM::Role',
  );
  const role = (description: RegExp) =>
    roles.find(([, r]) => description.test(String(r.Properties?.Description)))?.[1];
  const velero = role(/^Velero server/);
  const replication = role(/replicate the Velero bucket/);
  const inline = (r: typeof velero) =>
    resolved(
      (r?.Properties?.Policies as { PolicyDocument: unknown }[] | undefined)?.[0]?.PolicyDocument,
    );
  return {
    name: props.BucketName,
    retained: resource.DeletionPolicy === 'Retain' && resource.UpdateReplacePolicy === 'Retain',
    bucketPolicy: resolved(
      onlyResource(template, 'AWS::S3::BucketPolicy').resource.Properties?.PolicyDocument,
    ),
    lifecycle: lifecycle.map((rule) => ({
      id: rule.Id,
      status: rule.Status,
      noncurrentDays: rule.NoncurrentVersionExpiration?.NoncurrentDays,
      expiredObjectDeleteMarker: rule.ExpiredObjectDeleteMarker,
      abortDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
    })),
    encryption: {
      algorithm: sse.ServerSideEncryptionByDefault.SSEAlgorithm,
      key: sse.ServerSideEncryptionByDefault.KMSMasterKeyID,
      bucketKey: sse.BucketKeyEnabled === true,
    },
    publicAccess: {
      blockPublicAcls: pab.BlockPublicAcls,
      blockPublicPolicy: pab.BlockPublicPolicy,
      ignorePublicAcls: pab.IgnorePublicAcls,
      restrictPublicBuckets: pab.RestrictPublicBuckets,
    },
    ownership: (props.OwnershipControls as { Rules: { ObjectOwnership: string }[] }).Rules[0]
      ?.ObjectOwnership,
    versioning: (props.VersioningConfiguration as { Status: string }).Status,
    objectLock:
      lock === undefined
        ? undefined
        : {
            enabled: props.ObjectLockEnabled,
            mode: lock.Rule.DefaultRetention.Mode,
            days: lock.Rule.DefaultRetention.Days,
          },
    logging:
      logging === undefined
        ? undefined
        : { target: logging.DestinationBucketName, prefix: logging.LogFilePrefix },
    eventBridge:
      (
        props.NotificationConfiguration as
          | { EventBridgeConfiguration?: { EventBridgeEnabled: boolean } }
          | undefined
      )?.EventBridgeConfiguration?.EventBridgeEnabled === true,
    veleroTrustPolicy: resolved(velero?.Properties?.AssumeRolePolicyDocument),
    veleroPolicy: inline(velero),
    replicationTrustPolicy:
      replication === undefined
        ? undefined
        : resolved(replication.Properties?.AssumeRolePolicyDocument),
    replicationPolicy: replication === undefined ? undefined : inline(replication),
  };
}

describe.each(CASES)('both bucket front ends agree: %s', (_label, args) => {
  let pulumiView: BucketView;
  let cdkView: BucketView;
  beforeAll(async () => {
    pulumiView = await throughPulumi(args);
    cdkView = throughCdk(args);
  });

  test.each([
    'name',
    'retained',
    'bucketPolicy',
    'lifecycle',
    'encryption',
    'publicAccess',
    'ownership',
    'versioning',
    'objectLock',
    'logging',
    'eventBridge',
    'veleroTrustPolicy',
    'veleroPolicy',
    'replicationTrustPolicy',
    'replicationPolicy',
  ] as const)('%s', (aspect) => {
    expect(cdkView[aspect]).toEqual(pulumiView[aspect]);
  });

  test('the documents are the real ones, not two empty views', () => {
    expect(pulumiView.bucketPolicy).toMatchObject({ Version: '2012-10-17' });
    expect(pulumiView.veleroPolicy).toMatchObject({ Version: '2012-10-17' });
    expect(pulumiView.retained).toBe(args.dangerouslyDisableDeletionProtection !== true);
  });
});

const BAD_INPUT: [string, Partial<VeleroBucketOptions>][] = [
  ['a bad cluster name', { cluster: 'Prod_Cluster' }],
  ['force-destroy while protected', { forceDestroy: true }],
  [
    'Object Lock longer than a TTL',
    { objectLock: { retentionDays: 10, shortestBackupTtl: '240h' } },
  ],
  [
    'everything at once',
    {
      cluster: 'prod--',
      forceDestroy: true,
      noncurrentVersionExpirationDays: 0,
      objectLock: { retentionDays: 30, shortestBackupTtl: '72h', mode: 'COMPLIANCE' },
    },
  ],
];

describe.each(BAD_INPUT)('both front ends refuse %s with the same issues', (_label, bad) => {
  const args = { cluster: 'prod', date: '2026-01-15', ...bad } as VeleroBucketOptions;

  test('before anything is registered or added to the tree', async () => {
    const run = await runProgram(() => new pulumiFrontEnd.VeleroBucket('velero', args), {
      captureError: true,
    });
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    expect(run.resources).toEqual([]);

    const { stack } = newStack();
    let cdkError: unknown;
    try {
      new cdk.VeleroBucket(stack, 'Velero', args as cdk.VeleroBucketProps);
    } catch (error) {
      cdkError = error;
    }
    expect(cdkError).toBeInstanceOf(VeleroConfigError);
    expect(stack.node.tryFindChild('Velero')).toBeUndefined();
    const pulumiError = run.error as VeleroConfigError;
    const cdkConfigError = cdkError as VeleroConfigError;
    expect(cdkConfigError.issues).toEqual(pulumiError.issues);
    // Only the name of the thing differs: the resource name vs the construct path.
    expect(pulumiError.subject.replace('VeleroBucket "velero"', 'X')).toBe(
      cdkConfigError.subject.replace('VeleroBucket at "Backups/Velero"', 'X'),
    );
  });
});
