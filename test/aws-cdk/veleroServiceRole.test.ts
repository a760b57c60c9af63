import { KubectlV32Layer } from '@aws-cdk/lambda-layer-kubectl-v32';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VeleroConfigError, veleroIamPolicyDocument } from 'velero-iac';
import { VeleroBucket, VeleroServiceRole, type VeleroServiceRoleProps } from 'velero-iac/aws-cdk';
import { newStack, onlyResource, resolveIntrinsics, templateOf } from './cdkTestKit';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const NAME = 'prod-velero-20260115';

function synth(props: Partial<VeleroServiceRoleProps> = {}, bucketProps = {}) {
  const { stack } = newStack();
  const bucket = new VeleroBucket(stack, 'Bucket', {
    cluster: 'prod',
    date: '2026-01-15',
    ...bucketProps,
  });
  const oidcProvider = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
    stack,
    'Oidc',
    PROVIDER_ARN,
  );
  const role = new VeleroServiceRole(stack, 'Velero', { bucket, oidcProvider, ...props });
  const template = templateOf(stack);
  return { stack, role, template, iamRole: onlyResource(template, 'AWS::IAM::Role') };
}

describe('VeleroServiceRole (AWS CDK)', () => {
  test('IRSA: the exact trust policy for the service account, and the exact inline policy', () => {
    const { iamRole, template, role } = synth();
    expect(iamRole.resource.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VeleroServiceAccount',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
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
    const policies = iamRole.resource.Properties?.Policies as {
      PolicyName: string;
      PolicyDocument: unknown;
    }[];
    expect(policies.map((p) => p.PolicyName)).toEqual(['velero']);
    expect(resolveIntrinsics(policies[0]?.PolicyDocument, template)).toEqual(
      veleroIamPolicyDocument({ bucketName: NAME }),
    );
    expect(iamRole.resource.Properties?.Description).toBe(
      'Velero server (velero/velero-server): backups to S3 and EBS snapshots',
    );
    expect(Object.keys(role.serviceAccountAnnotations)).toEqual(['eks.amazonaws.com/role-arn']);
  });

  test('grants exactly the created key of a KMS-encrypted VeleroBucket', () => {
    const { iamRole, template } = synth({}, { createKmsKey: true });
    const key = onlyResource(template, 'AWS::KMS::Key');
    const policies = iamRole.resource.Properties?.Policies as {
      PolicyDocument: { Statement: unknown[] };
    }[];
    expect(policies[0]?.PolicyDocument.Statement).toContainEqual({
      Sid: 'VeleroKmsKey',
      Effect: 'Allow',
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      Resource: [{ 'Fn::GetAtt': [key.id, 'Arn'] }],
    });
  });

  test('Pod Identity: the EKS service principal, an association, no IRSA annotation', () => {
    const { stack } = newStack();
    const bucket = new VeleroBucket(stack, 'Bucket', { cluster: 'prod', date: '2026-01-15' });
    const cluster = {
      clusterName: 'prod',
      openIdConnectProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
        stack,
        'O',
        PROVIDER_ARN,
      ),
    };
    const role = new VeleroServiceRole(stack, 'Velero', {
      bucket,
      trust: 'podIdentity',
      cluster,
      serviceAccount: 'velero-velero-server',
    });
    const template = templateOf(stack);
    const iamRole = onlyResource(template, 'AWS::IAM::Role');
    expect(iamRole.resource.Properties?.AssumeRolePolicyDocument).toEqual({
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
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
      ClusterName: 'prod',
      Namespace: 'velero',
      ServiceAccount: 'velero-velero-server',
      RoleArn: { 'Fn::GetAtt': [iamRole.id, 'Arn'] },
    });
    expect(role.serviceAccountAnnotations).toEqual({});
  });

  test('a permissions boundary, a role name, tags; no EC2 statement without volume snapshots', () => {
    const { stack } = newStack();
    const bucket = new VeleroBucket(stack, 'Bucket', { cluster: 'prod', date: '2026-01-15' });
    const boundary = iam.ManagedPolicy.fromManagedPolicyArn(
      stack,
      'Boundary',
      'arn:aws:iam::123456789012:policy/platform-boundary',
    );
    new VeleroServiceRole(stack, 'Velero', {
      bucket,
      oidcProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
        stack,
        'O',
        PROVIDER_ARN,
      ),
      permissionsBoundary: boundary,
      roleName: 'velero-prod',
      tags: { team: 'platform' },
      volumeSnapshots: false,
    });
    const iamRole = onlyResource(templateOf(stack), 'AWS::IAM::Role');
    expect(iamRole.resource.Properties).toMatchObject({
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/platform-boundary',
      RoleName: 'velero-prod',
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    const policies = iamRole.resource.Properties?.Policies as {
      PolicyDocument: { Statement: { Sid: string }[] };
    }[];
    expect(policies[0]?.PolicyDocument.Statement.map((s) => s.Sid)).toEqual([
      'VeleroBucketObjects',
      'VeleroBucketList',
    ]);
  });

  test('an eks.Cluster: its OIDC provider, the issuer conditions resolved at deployment', () => {
    const { stack } = newStack();
    const cluster = new eks.Cluster(stack, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      kubectlLayer: new KubectlV32Layer(stack, 'Kubectl'),
      defaultCapacity: 0,
    });
    const bucket = s3.Bucket.fromBucketName(stack, 'Existing', 'team-backups');
    new VeleroServiceRole(stack, 'Velero', { bucket, cluster });
    const template = templateOf(stack);
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: {
        Description: 'Velero server (velero/velero-server): backups to S3 and EBS snapshots',
      },
    });
    const [role] = Object.values(roles) as { Properties: { AssumeRolePolicyDocument: unknown } }[];
    expect(role?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Sid: 'VeleroServiceAccount',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: { Ref: expect.stringMatching(/OpenIdConnectProvider/) } },
          Condition: {
            StringEquals: { 'Fn::GetAtt': [expect.stringMatching(/TrustConditions/), 'Value'] },
          },
        },
      ],
    });
    template.resourceCountIs('Custom::AWSCDKCfnJson', 1);
  });

  test('bad input fails before anything joins the tree, listing every problem', () => {
    const { stack } = newStack();
    const bucket = new VeleroBucket(stack, 'Bucket', { cluster: 'prod', date: '2026-01-15' });
    let error: unknown;
    try {
      new VeleroServiceRole(stack, 'Velero', { bucket, namespace: 'Velero_NS' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    expect((error as VeleroConfigError).subject).toBe('VeleroServiceRole at "Backups/Velero"');
    expect((error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'oidcProvider',
      'namespace',
    ]);
    expect(stack.node.tryFindChild('Velero')).toBeUndefined();
  });
});
