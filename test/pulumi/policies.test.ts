import * as aws from '@pulumi/aws';
import type { ResourceValidation, ResourceValidationPolicy } from '@pulumi/policy';
import * as pulumi from '@pulumi/pulumi';
import { VeleroBucket } from 'velero-iac/pulumi';
import {
  deniesBucketDeletion,
  deniesInsecureTransport,
  S3_RESOURCE_TYPES,
  veleroBucketCompanionsPolicy,
  veleroBucketEncryptionPolicy,
  veleroBucketLifecyclePolicy,
  veleroBucketNoAclPolicy,
  veleroBucketNoForceDestroyPolicy,
  veleroBucketOwnerEnforcedPolicy,
  veleroBucketPolicies,
  veleroBucketPolicyPolicy,
  veleroBucketPublicAccessBlockPolicy,
  veleroBucketVersioningPolicy,
} from 'velero-iac/pulumi/policies';
import {
  type CapturedResource,
  resourceValidationArgs,
  runPolicies,
  runProgram,
  runResourcePolicies,
  runStackPolicies,
} from './harness';

const RESOURCE_POLICIES: ResourceValidationPolicy[] = [
  veleroBucketPublicAccessBlockPolicy,
  veleroBucketOwnerEnforcedPolicy,
  veleroBucketNoAclPolicy,
  veleroBucketEncryptionPolicy,
  veleroBucketVersioningPolicy,
  veleroBucketLifecyclePolicy,
  veleroBucketPolicyPolicy,
  veleroBucketNoForceDestroyPolicy,
];

function validations(policy: ResourceValidationPolicy): ResourceValidation[] {
  const v = policy.validateResource;
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function fakeResource(type: string, inputs: Record<string, unknown>, name = 'r'): CapturedResource {
  return {
    type,
    name,
    urn: `urn:pulumi:stack::project::${type}::${name}`,
    id: `${name}-id`,
    custom: true,
    inputs,
    outputs: inputs,
    options: {
      protect: undefined,
      retainOnDelete: undefined,
      parent: undefined,
      provider: undefined,
      dependencies: [],
      propertyDependencies: {},
      ignoreChanges: [],
      deleteBeforeReplace: undefined,
      additionalSecretOutputs: [],
    },
  };
}

describe('the policy set', () => {
  test('exports eight mandatory resource policies and one stack policy, with unique names', () => {
    expect(veleroBucketPolicies).toHaveLength(9);
    expect(veleroBucketPolicies.slice(0, 8)).toEqual(RESOURCE_POLICIES);
    expect(veleroBucketPolicies[8]).toBe(veleroBucketCompanionsPolicy);
    expect(new Set(veleroBucketPolicies.map((p) => p.name)).size).toBe(9);
    for (const policy of veleroBucketPolicies) {
      expect(policy.enforcementLevel).toBe('mandatory');
      expect(policy.description.length).toBeGreaterThan(10);
    }
  });

  test('the type tokens are those of the @pulumi/aws v7 classes (not the deprecated *V2 ones)', () => {
    const classes: Record<keyof typeof S3_RESOURCE_TYPES, { __pulumiType: string }> = {
      bucket: aws.s3.Bucket as unknown as { __pulumiType: string },
      acl: aws.s3.BucketAcl as unknown as { __pulumiType: string },
      versioning: aws.s3.BucketVersioning as unknown as { __pulumiType: string },
      encryption: aws.s3.BucketServerSideEncryptionConfiguration as unknown as {
        __pulumiType: string;
      },
      publicAccessBlock: aws.s3.BucketPublicAccessBlock as unknown as { __pulumiType: string },
      ownershipControls: aws.s3.BucketOwnershipControls as unknown as { __pulumiType: string },
      policy: aws.s3.BucketPolicy as unknown as { __pulumiType: string },
      lifecycle: aws.s3.BucketLifecycleConfiguration as unknown as { __pulumiType: string },
    };
    for (const [key, cls] of Object.entries(classes)) {
      expect([key, S3_RESOURCE_TYPES[key as keyof typeof S3_RESOURCE_TYPES]]).toEqual([
        key,
        cls.__pulumiType,
      ]);
    }
  });

  test('each validation carries its type token and says "not applicable" for any other type', async () => {
    for (const policy of RESOURCE_POLICIES) {
      for (const validation of validations(policy)) {
        const token = (validation as unknown as { __pulumiType?: string }).__pulumiType;
        expect(Object.values(S3_RESOURCE_TYPES)).toContain(token);
        const other = fakeResource('aws:s3/bucketV2:BucketV2', {
          forceDestroy: true,
          acl: 'public-read',
        });
        const args = resourceValidationArgs(other);
        const report = jest.fn();
        expect(() => validation(args, report)).toThrow(/only applies to resources of type/);
        expect(report).not.toHaveBeenCalled();
      }
    }
  });

  test('loading the policies needs nothing from @pulumi/policy at run time (so it can never start a server)', () => {
    jest.isolateModules(() => {
      jest.doMock('@pulumi/policy', () => {
        throw new Error('@pulumi/policy was loaded');
      });
      expect(() => require('../../lib/pulumi/policies')).not.toThrow();
      jest.dontMock('@pulumi/policy');
    });
  });
});

describe('resource policies on hand-written inputs', () => {
  test('the bucket policy may be an object, with Principal {AWS: "*"} and a boolean condition', async () => {
    const arn = 'arn:aws:s3:::b-velero-20260101';
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['s3:*'],
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
        { Effect: 'Deny', Principal: { AWS: ['*'] }, Action: 's3:*', Resource: arn },
      ],
    };
    const violations = await runResourcePolicies(
      [veleroBucketPolicyPolicy],
      [fakeResource(S3_RESOURCE_TYPES.policy, { bucket: 'b', policy })],
    );
    expect(violations).toEqual([]);
  });

  test('statement matchers: conditions, principals and resources all matter', () => {
    const arn = 'arn:aws:s3:::b';
    const tls = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    expect(deniesInsecureTransport(tls)).toBe(true);
    expect(deniesInsecureTransport({ ...tls, Effect: 'Allow' })).toBe(false);
    expect(deniesInsecureTransport({ ...tls, Principal: { AWS: 'arn:aws:iam::1:root' } })).toBe(
      false,
    );
    expect(deniesInsecureTransport({ ...tls, Action: 's3:GetObject' })).toBe(false);
    expect(
      deniesInsecureTransport({ ...tls, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
    ).toBe(false);
    expect(deniesInsecureTransport({ ...tls, Resource: [arn] })).toBe(false);
    const deletion = { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: arn };
    expect(deniesBucketDeletion(deletion)).toBe(true);
    // A conditional deny does not protect the bucket.
    expect(
      deniesBucketDeletion({
        ...deletion,
        Condition: { StringEquals: { 'aws:PrincipalAccount': '1' } },
      }),
    ).toBe(false);
    expect(deniesBucketDeletion({ ...deletion, Resource: `${arn}/*` })).toBe(false);
    // The TLS deny alone does not deny deletion over TLS.
    expect(deniesBucketDeletion(tls)).toBe(false);
  });

  test('a policy that is not JSON is one violation', async () => {
    const violations = await runResourcePolicies(
      [veleroBucketPolicyPolicy],
      [fakeResource(S3_RESOURCE_TYPES.policy, { bucket: 'b', policy: '{not json' })],
    );
    expect(violations.map((v) => v.message)).toEqual([
      'The bucket policy is not a JSON policy document.',
    ]);
  });

  test('encryption without any rule, and every public access flag missing', async () => {
    const violations = await runResourcePolicies(veleroBucketPolicies, [
      fakeResource(S3_RESOURCE_TYPES.encryption, { bucket: 'b', rules: [] }),
      fakeResource(S3_RESOURCE_TYPES.publicAccessBlock, { bucket: 'b' }),
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      'Block Public Access: blockPublicAcls must be true (Security Hub S3.8).',
      'Block Public Access: blockPublicPolicy must be true (Security Hub S3.8).',
      'Block Public Access: ignorePublicAcls must be true (Security Hub S3.8).',
      'Block Public Access: restrictPublicBuckets must be true (Security Hub S3.8).',
      'Default encryption must have a rule (AES256 or aws:kms).',
    ]);
  });
});

describe('the stack policy', () => {
  test('two policies for one bucket are reported; buckets are matched by name or by dependency', async () => {
    const run = await runProgram(
      () => new VeleroBucket('velero', { cluster: 'prod', date: '2026-01-15' }),
    );
    const policy = run.one(S3_RESOURCE_TYPES.policy);
    const copy: CapturedResource = { ...policy, name: 'extra', urn: `${policy.urn}-extra` };
    const violations = await runStackPolicies(veleroBucketPolicies, [...run.resources, copy]);
    expect(violations.map((v) => v.message)).toEqual([
      'Bucket "velero" has 2 BucketPolicy resources; they overwrite each other.',
    ]);

    // With the names hidden, the property dependencies still tie companions to their bucket.
    const anonymous = run.resources.map((r) =>
      r.custom ? { ...r, outputs: { ...r.outputs, bucket: undefined } } : r,
    );
    expect(await runStackPolicies(veleroBucketPolicies, anonymous)).toEqual([]);
  });

  test('two buckets in one stack are checked separately', async () => {
    const run = await runProgram(() => {
      new VeleroBucket('a', { cluster: 'a', date: '2026-01-15' });
      new VeleroBucket('b', { cluster: 'b', date: '2026-01-15' });
    });
    expect(await runPolicies(veleroBucketPolicies, run.resources)).toEqual([]);
    const withoutLifecycleOfB = run.resources.filter(
      (r) => !(r.type === S3_RESOURCE_TYPES.lifecycle && r.inputs.bucket === 'b-velero-20260115'),
    );
    expect(
      (await runStackPolicies(veleroBucketPolicies, withoutLifecycleOfB)).map((v) => v.message),
    ).toEqual(['Bucket "b" has no BucketLifecycleConfiguration.']);
  });

  test('is not applicable to a stack without buckets', async () => {
    expect(await runStackPolicies([veleroBucketCompanionsPolicy], [])).toEqual([]);
  });
});

describe('preview', () => {
  test('computed inputs are unknown in preview; those resources are skipped, like the analyzer does', async () => {
    const run = await runProgram(() => new VeleroBucket('velero', { cluster: 'prod' }), {
      preview: true,
    });
    const bucket = run.one(S3_RESOURCE_TYPES.bucket);
    expect(pulumi.isUnknown(bucket.inputs.bucket)).toBe(true);
    expect(bucket.options.protect).toBe(true);
    expect(await runResourcePolicies(veleroBucketPolicies, run.resources)).toEqual([]);
    // Forced to look anyway, only the bucket policy fails: its JSON needs the still-unknown ARN
    // (the real analyzer turns this into an advisory "can't run policy during preview").
    const forced = await runResourcePolicies(veleroBucketPolicies, run.resources, {
      includeUnknowns: true,
    });
    expect(forced.map((v) => v.policy)).toEqual([
      'velero-s3-bucket-policy',
      'velero-s3-bucket-policy',
    ]);
  });
});
