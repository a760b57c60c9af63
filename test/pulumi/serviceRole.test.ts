import * as pulumi from '@pulumi/pulumi';
import { VeleroConfigError, veleroIamPolicyDocument } from 'velero-iac';
import {
  VeleroBucket,
  VeleroServiceRole,
  type VeleroServiceRoleArgs,
  veleroRoleTrustPolicy,
} from 'velero-iac/pulumi';
import { outputValue, type ProgramRun, runProgram } from './harness';

const ROLE = 'aws:iam/role:Role';
const ROLE_POLICY = 'aws:iam/rolePolicy:RolePolicy';
const POD_IDENTITY = 'aws:eks/podIdentityAssociation:PodIdentityAssociation';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const IRSA: VeleroServiceRoleArgs = {
  bucketName: 'prod-velero-20260115',
  oidcProviderArn: PROVIDER,
  oidcProviderUrl: ISSUER,
};

function roleRun(args: Partial<VeleroServiceRoleArgs>): Promise<ProgramRun<VeleroServiceRole>> {
  return runProgram(
    () => new VeleroServiceRole('velero', { ...IRSA, ...args } as VeleroServiceRoleArgs),
  );
}

function json(value: unknown): unknown {
  if (typeof value !== 'string') throw new Error(`expected JSON text, got ${String(value)}`);
  return JSON.parse(value);
}

async function refused(args: Partial<VeleroServiceRoleArgs>): Promise<VeleroConfigError> {
  const run = await runProgram(
    () => new VeleroServiceRole('velero', { ...IRSA, ...args } as VeleroServiceRoleArgs),
    { captureError: true },
  );
  expect(run.resources).toHaveLength(0);
  if (!(run.error instanceof VeleroConfigError))
    throw new Error(`expected a VeleroConfigError, got ${String(run.error)}`);
  return run.error;
}

describe('VeleroServiceRole: trust', () => {
  test("IRSA trusts only Velero's service account through the cluster OIDC provider", async () => {
    const run = await roleRun({});
    expect(json(run.one(ROLE).inputs.assumeRolePolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VeleroServiceAccount',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${ISSUER}:sub`]: 'system:serviceaccount:velero:velero-server',
              [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    });
    const arn = run.one(ROLE).outputs.arn;
    expect(await outputValue(run.result!.serviceAccountAnnotations)).toEqual({
      'eks.amazonaws.com/role-arn': arn,
    });
    expect(await outputValue(run.result!.roleArn)).toBe(arn);
    expect(await outputValue(run.result!.roleName)).toBe(run.one(ROLE).outputs.name);
    expect(run.ofType(POD_IDENTITY)).toHaveLength(0);
  });

  test('IRSA for the UDS service account, with an https:// issuer URL from EKS', async () => {
    const run = await roleRun({
      serviceAccount: 'velero-velero-server',
      namespace: 'velero',
      oidcProviderUrl: pulumi.output(`https://${ISSUER}`),
    });
    const doc = json(run.one(ROLE).inputs.assumeRolePolicy) as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    expect(doc.Statement[0]?.Condition.StringEquals).toEqual({
      [`${ISSUER}:sub`]: 'system:serviceaccount:velero:velero-velero-server',
      [`${ISSUER}:aud`]: 'sts.amazonaws.com',
    });
  });

  test('Pod Identity trusts the EKS Pod Identity service and creates the association', async () => {
    const run = await runProgram(
      () =>
        new VeleroServiceRole('velero', {
          bucketName: 'prod-velero-20260115',
          trust: 'podIdentity',
          clusterName: 'prod',
          serviceAccount: 'velero-velero-server',
          region: 'eu-west-1',
        }),
    );
    expect(json(run.one(ROLE).inputs.assumeRolePolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EksPodIdentity',
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
      ],
    });
    expect(run.one(POD_IDENTITY).inputs).toEqual({
      clusterName: 'prod',
      namespace: 'velero',
      serviceAccount: 'velero-velero-server',
      roleArn: run.one(ROLE).outputs.arn,
      region: 'eu-west-1',
    });
    expect(await outputValue(run.result!.serviceAccountAnnotations)).toEqual({});
  });

  test('Pod Identity without a cluster name creates no association', async () => {
    const run = await runProgram(
      () =>
        new VeleroServiceRole('velero', {
          bucketName: 'prod-velero-20260115',
          trust: 'podIdentity',
        }),
    );
    expect(run.ofType(POD_IDENTITY)).toHaveLength(0);
  });

  test('veleroRoleTrustPolicy matches what the component registers', () => {
    expect(
      veleroRoleTrustPolicy({
        trust: 'irsa',
        oidcProviderArn: PROVIDER,
        oidcProviderUrl: `https://${ISSUER}`,
        namespace: 'backup',
        serviceAccount: 'sa',
      }).Statement[0]?.Condition,
    ).toEqual({
      StringEquals: {
        [`${ISSUER}:sub`]: 'system:serviceaccount:backup:sa',
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
      },
    });
  });
});

describe('VeleroServiceRole: permissions', () => {
  test('the inline policy is exactly the core document for the bucket', async () => {
    const run = await roleRun({});
    const rolePolicy = run.one(ROLE_POLICY);
    expect(json(rolePolicy.inputs.policy)).toEqual(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115' }),
    );
    expect(rolePolicy.inputs.role).toBe(run.one(ROLE).id);
    expect(await outputValue(run.result!.policyDocument)).toEqual(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115' }),
    );
  });

  test('passes volume snapshots, tagging and the KMS key to the core', async () => {
    const run = await roleRun({ volumeSnapshots: false, objectTagging: true, kmsKeyArn: KEY });
    expect(json(run.one(ROLE_POLICY).inputs.policy)).toEqual(
      veleroIamPolicyDocument({
        bucketName: 'prod-velero-20260115',
        volumeSnapshots: false,
        objectTagging: true,
        kmsKeyArn: KEY,
      }),
    );
  });

  test('takes the bucket name and key as outputs of a VeleroBucket', async () => {
    const run = await runProgram(() => {
      const bucket = new VeleroBucket('store', {
        cluster: 'prod',
        date: '2026-01-15',
        createKmsKey: true,
      });
      return new VeleroServiceRole('velero', {
        ...IRSA,
        bucketName: bucket.bucketName,
        kmsKeyArn: bucket.kmsKeyArn,
      });
    });
    const keyArn = run.one('aws:kms/key:Key').outputs.arn;
    expect(typeof keyArn).toBe('string');
    expect(json(run.one(ROLE_POLICY).inputs.policy)).toEqual(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115', kmsKeyArn: keyArn as string }),
    );
  });

  test('an AES256 VeleroBucket gives no KMS statement', async () => {
    const run = await runProgram(() => {
      const bucket = new VeleroBucket('store', { cluster: 'prod', date: '2026-01-15' });
      return new VeleroServiceRole('velero', {
        ...IRSA,
        bucketName: bucket.bucketName,
        kmsKeyArn: bucket.kmsKeyArn,
      });
    });
    expect(json(run.one(ROLE_POLICY).inputs.policy)).toEqual(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115' }),
    );
  });

  test('sets the permissions boundary, role name and tags', async () => {
    const boundary = 'arn:aws:iam::123456789012:policy/platform-boundary';
    const run = await roleRun({
      permissionsBoundaryArn: boundary,
      roleName: 'prod-velero',
      tags: { team: 'platform' },
    });
    expect(run.one(ROLE).inputs).toMatchObject({
      permissionsBoundary: boundary,
      name: 'prod-velero',
      tags: { team: 'platform' },
    });
    const plain = await roleRun({});
    expect(plain.one(ROLE).inputs).not.toHaveProperty('permissionsBoundary');
  });

  test('is a velero-iac:iam:VeleroServiceRole parenting its resources', async () => {
    const run = await roleRun({});
    const component = run.one('velero-iac:iam:VeleroServiceRole');
    for (const child of run.resources.filter((r) => r !== component)) {
      expect(child.options.parent).toBe(component.urn);
    }
  });
});

describe('VeleroServiceRole: validation before registration', () => {
  test.each([
    ['no OIDC provider for IRSA', { oidcProviderArn: undefined }, ['oidcProviderArn']],
    [
      'an OIDC provider ARN that is not one',
      { oidcProviderArn: 'arn:aws:iam::123456789012:role/x' },
      ['oidcProviderArn'],
    ],
    [
      'an issuer that does not match the provider',
      { oidcProviderUrl: 'oidc.example.com/id/OTHER' },
      ['oidcProviderUrl'],
    ],
    [
      'OIDC arguments with Pod Identity',
      { trust: 'podIdentity' },
      ['oidcProviderArn', 'oidcProviderUrl'],
    ],
    ['a cluster name with IRSA', { clusterName: 'prod' }, ['clusterName']],
    ['a bad namespace', { namespace: 'Velero_NS' }, ['namespace']],
    ['a bad service account', { serviceAccount: 'velero server' }, ['serviceAccount']],
    ['a bad bucket name', { bucketName: 'Prod_Bucket' }, ['bucketName']],
    [
      'a KMS alias',
      { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/velero' },
      ['kmsKeyArn'],
    ],
    [
      'a bad permissions boundary',
      { permissionsBoundaryArn: 'boundary' },
      ['permissionsBoundaryArn'],
    ],
    ['an unknown partition', { partition: 'aws-mars' }, ['partition', 'oidcProviderArn']],
    ['an unknown trust', { trust: 'kube2iam' }, ['trust']],
    ['an issuer that is not text', { oidcProviderUrl: 42 as never }, ['oidcProviderUrl']],
  ] as [string, Partial<VeleroServiceRoleArgs>, string[]][])('%s', async (_label, args, paths) => {
    const error = await refused(args);
    expect(error.issues.map((i) => i.path)).toEqual(paths);
    expect(error.subject).toBe('VeleroServiceRole "velero"');
  });
});
