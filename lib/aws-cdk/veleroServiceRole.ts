import { CfnJson, Stack, Tags, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import type { IamPolicyDocument } from '../core/iamPolicy';
import { isPlainObject } from '../core/schema/checkShape';
import {
  checkVeleroServiceRoleOptions,
  type VeleroServiceRoleOptions,
  type VeleroServiceRolePlan,
  veleroServiceRolePlan,
} from '../core/serviceRole/serviceRolePlan';
import type { VeleroRoleTrust } from '../core/serviceRole/trustPolicy';
import { type AcceptedFinding, acceptFindings } from './acceptedFindings';
import { DocumentPrincipal } from './documentPrincipal';
import { nagArn, VeleroBucket } from './veleroBucket';

/**
 * The parts of an EKS cluster the role needs: its name (Pod Identity) and its IAM OIDC provider
 * (IRSA). Both `aws-eks` and `aws-eks-v2` clusters have them.
 */
export interface VeleroEksClusterRef {
  /** The cluster's name. */
  readonly clusterName: string;
  /** The cluster's IAM OIDC provider (created on first access by `aws-eks` clusters). */
  readonly openIdConnectProvider: iam.IOpenIdConnectProvider;
}

/** Properties of {@link VeleroServiceRole}. */
export interface VeleroServiceRoleProps
  extends Pick<
    VeleroServiceRoleOptions<string>,
    'namespace' | 'serviceAccount' | 'volumeSnapshots' | 'objectTagging' | 'roleName' | 'tags'
  > {
  /** Velero's bucket: a `VeleroBucket` (its key is granted too), or any bucket. */
  bucket: VeleroBucket | s3.IBucket;
  /**
   * Who may assume the role.
   * @default 'irsa'
   */
  trust?: VeleroRoleTrust;
  /**
   * The EKS cluster: with `irsa` its OIDC provider is trusted; with `podIdentity` the Pod Identity
   * association is created in it.
   * @default none (then `irsa` needs `oidcProvider`; `podIdentity` creates no association)
   */
  cluster?: VeleroEksClusterRef;
  /**
   * With `irsa`: the cluster's IAM OIDC provider, when no `cluster` is given.
   * @default the cluster's
   */
  oidcProvider?: iam.IOpenIdConnectProvider;
  /**
   * The key the bucket is encrypted with, when `bucket` is not a `VeleroBucket`.
   * @default the bucket's `encryptionKey`
   */
  kmsKey?: kms.IKey;
  /**
   * A managed policy to use as the role's permissions boundary.
   * @default no boundary
   */
  permissionsBoundary?: iam.IManagedPolicy;
}

/**
 * Findings velero-iac accepts on Velero's role, with the reasons (see the README).
 *
 * @param bucketName the bucket's name
 * @param volumeSnapshots whether the EC2 snapshot statement is there
 * @param usesKms whether the KMS statement is there
 * @returns the accepted findings
 */
export function veleroServiceRoleAcceptedFindings(
  bucketName: string,
  volumeSnapshots: boolean,
  usesKms: boolean,
): AcceptedFinding[] {
  return [
    ...(Token.isUnresolved(bucketName)
      ? []
      : [
          {
            id: `AwsSolutions-IAM5[Resource::${nagArn(bucketName)}/*]`,
            reason:
              'Velero reads, writes and deletes backup objects under any key of its own bucket (and only that bucket)',
          },
        ]),
    ...(volumeSnapshots
      ? [
          {
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason:
              'The EC2 volume and snapshot actions of native EBS snapshots cannot be scoped: the Describe actions support no resource-level permissions and the volumes Velero snapshots are not known in advance',
          },
        ]
      : []),
    ...(usesKms
      ? [
          {
            id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
            reason: 'ReEncryptFrom and ReEncryptTo on exactly the bucket key, as S3 needs',
          },
          {
            id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
            reason: 'GenerateDataKey and its variants on exactly the bucket key, as S3 needs',
          },
        ]
      : []),
    {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'The least-privilege policy is scoped to one bucket and belongs to this role alone, so it is inline (as in the Pulumi front end) and lives and dies with the role',
    },
  ];
}

/**
 * The IAM role Velero runs as, for CDK apps: the AWS CDK front end of the core's
 * `veleroServiceRolePlan`, the same documents as the Pulumi `VeleroServiceRole`: the
 * least-privilege policy for one bucket (inline), trusted for Velero's service account through
 * the cluster's OIDC provider (IRSA) or by EKS Pod Identity (with a `CfnPodIdentityAssociation`
 * when a cluster is given), with an optional permissions boundary.
 */
export class VeleroServiceRole extends Construct {
  /** The role. */
  readonly role: iam.Role;
  /** The role's ARN. */
  readonly roleArn: string;
  /** Annotations for Velero's service account (the role ARN with IRSA, none with Pod Identity). */
  readonly serviceAccountAnnotations: Record<string, string>;
  /** The permissions policy (inline on the role), as the core built it. */
  readonly policyDocument: IamPolicyDocument;
  /** The Pod Identity association, when created. */
  readonly podIdentityAssociation?: eks.CfnPodIdentityAssociation;
  /** Every decision of the core about this role. */
  readonly plan: VeleroServiceRolePlan<string>;

  /**
   * @param scope the parent construct
   * @param id the construct id
   * @param props the role's configuration
   * @throws VeleroConfigError before adding anything to the tree when a property is invalid
   */
  constructor(scope: Construct, id: string, props: VeleroServiceRoleProps) {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    const subject = `VeleroServiceRole at ${JSON.stringify(path)}`;
    const { options, kmsKeyArn } = roleOptions(scope, subject, props);
    const deferred = { isUnresolved: (value: string) => Token.isUnresolved(value) };
    const plan = veleroServiceRolePlan(options, { ...deferred, subject });
    super(scope, id);
    this.plan = plan;

    let trustPolicy =
      plan.trust === 'podIdentity'
        ? plan.trustPolicy()
        : plan.trustPolicy({
            oidcProviderArn: options.oidcProviderArn as string,
            oidcProviderUrl: options.oidcProviderUrl as string,
          });
    if (plan.trust === 'irsa' && Token.isUnresolved(options.oidcProviderUrl as string)) {
      // Condition keys name the issuer; CloudFormation cannot compute object keys, so the
      // conditions are resolved at deployment (as `eks.ServiceAccount` does).
      trustPolicy = {
        ...trustPolicy,
        Statement: trustPolicy.Statement.map((statement) => ({
          ...statement,
          Condition: {
            StringEquals: new CfnJson(this, 'TrustConditions', {
              value: statement.Condition?.StringEquals,
            }) as unknown as Record<string, string>,
          },
        })),
      };
    }

    this.role = new iam.Role(this, 'Role', {
      description: plan.description,
      assumedBy: new DocumentPrincipal(trustPolicy),
      ...(plan.roleName === undefined ? {} : { roleName: plan.roleName }),
      ...(props.permissionsBoundary === undefined
        ? {}
        : { permissionsBoundary: props.permissionsBoundary }),
    });
    this.roleArn = this.role.roleArn;
    this.policyDocument = plan.permissionsPolicy(options.bucketName, kmsKeyArn);
    // The exact document of the core, inline (as the Pulumi RolePolicy).
    (this.role.node.defaultChild as iam.CfnRole).policies = [
      { policyName: 'velero', policyDocument: this.policyDocument },
    ];
    for (const [key, value] of Object.entries(plan.tags ?? {})) Tags.of(this).add(key, value);

    if (plan.podIdentityAssociation !== undefined) {
      const association = plan.podIdentityAssociation;
      this.podIdentityAssociation = new eks.CfnPodIdentityAssociation(this, 'PodIdentity', {
        clusterName: association.clusterName,
        namespace: association.namespace,
        serviceAccount: association.serviceAccount,
        roleArn: this.role.roleArn,
      });
    }
    this.serviceAccountAnnotations = plan.serviceAccountAnnotations(this.role.roleArn);
    acceptFindings(
      this.role,
      veleroServiceRoleAcceptedFindings(
        options.bucketName,
        options.volumeSnapshots !== false,
        kmsKeyArn !== undefined,
      ),
    );
  }
}

/** The core's options from the CDK props; CDK-only problems are thrown with the core's. */
function roleOptions(
  scope: Construct,
  subject: string,
  props: VeleroServiceRoleProps,
): { options: VeleroServiceRoleOptions<string>; kmsKeyArn: string | undefined } {
  if (!isPlainObject(props)) {
    throw new VeleroConfigError(subject, [
      issue('', 'VeleroServiceRole properties must be an object', { received: props }),
    ]);
  }
  const issues: ValidationIssue[] = [];
  const trust = props.trust ?? 'irsa';
  const provider = props.oidcProvider ?? props.cluster?.openIdConnectProvider;
  if (trust === 'irsa' && provider === undefined) {
    issues.push(
      issue('oidcProvider', "is required with trust 'irsa': give cluster or oidcProvider"),
    );
  }
  if (trust === 'podIdentity' && props.oidcProvider !== undefined) {
    issues.push(issue('oidcProvider', "is only used with trust 'irsa'"));
  }
  const bucket = props.bucket;
  if (bucket === undefined) issues.push(issue('bucket', 'is required'));
  const isVeleroBucket = bucket instanceof VeleroBucket;
  const key = props.kmsKey ?? (isVeleroBucket ? bucket.encryptionKey : bucket?.encryptionKey);
  const options: VeleroServiceRoleOptions<string> = {
    bucketName: isVeleroBucket ? bucket.bucketName : (bucket?.bucketName as string),
    partition: Stack.of(scope).partition,
    trust,
    ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
    ...(props.serviceAccount === undefined ? {} : { serviceAccount: props.serviceAccount }),
    ...(props.volumeSnapshots === undefined ? {} : { volumeSnapshots: props.volumeSnapshots }),
    ...(props.objectTagging === undefined ? {} : { objectTagging: props.objectTagging }),
    ...(props.roleName === undefined ? {} : { roleName: props.roleName }),
    ...(props.tags === undefined ? {} : { tags: props.tags }),
    ...(key === undefined ? {} : { kmsKeyArn: key.keyArn }),
    ...(props.permissionsBoundary === undefined
      ? {}
      : { permissionsBoundaryArn: props.permissionsBoundary.managedPolicyArn }),
    ...(trust === 'irsa' && provider !== undefined
      ? {
          oidcProviderArn: provider.openIdConnectProviderArn,
          oidcProviderUrl: provider.openIdConnectProviderIssuer,
        }
      : {}),
    ...(trust === 'podIdentity' && props.cluster !== undefined
      ? { clusterName: props.cluster.clusterName }
      : {}),
  };
  const deferred = { isUnresolved: (value: string) => Token.isUnresolved(value) };
  const coreIssues = checkVeleroServiceRoleOptions(options, deferred).filter(
    (item) => !(item.path.startsWith('oidcProvider') && provider === undefined),
  );
  if (issues.length > 0) throw new VeleroConfigError(subject, [...issues, ...coreIssues]);
  return { options, kmsKeyArn: key?.keyArn };
}
