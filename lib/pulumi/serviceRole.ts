import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ValidationIssue } from '../core/errors';
import type { IamPolicyDocument } from '../core/iamPolicy';
import {
  checkVeleroServiceRoleOptions,
  type VeleroServiceRoleOptions,
  veleroServiceRolePlan,
} from '../core/serviceRole/serviceRolePlan';
import { checkedOutputs } from './resourceOutputs';

export {
  EKS_POD_IDENTITY_PRINCIPAL,
  type VeleroRoleTrust,
  type VeleroRoleTrustOptions,
  veleroRoleTrustPolicy,
} from '../core/serviceRole/trustPolicy';

/** The Pulumi type token of {@link VeleroServiceRole}. */
export const VELERO_SERVICE_ROLE_TYPE = 'velero-iac:iam:VeleroServiceRole';

/**
 * Arguments of {@link VeleroServiceRole}: the core's role options, with Pulumi inputs for values
 * that come from other resources (e.g. `VeleroBucket.bucketName` and `.kmsKeyArn`). The default
 * role name is a Pulumi auto-name derived from the component name; the region is the Pod Identity
 * association's `@pulumi/aws` v7 per-resource region (default: the provider's).
 */
export interface VeleroServiceRoleArgs
  extends Omit<VeleroServiceRoleOptions<pulumi.Input<string>>, 'kmsKeyArn'> {
  /**
   * Full ARN of the bucket's KMS key (e.g. `VeleroBucket.kmsKeyArn`); `undefined` grants no KMS
   * access.
   * @default no KMS statement
   */
  kmsKeyArn?: pulumi.Input<string | undefined>;
}

/**
 * Checks every argument of {@link VeleroServiceRole} known at construction time (values that are
 * Pulumi outputs are checked when they resolve).
 *
 * @param args the component's arguments
 * @returns every problem found
 */
export function checkVeleroServiceRoleArgs(args: VeleroServiceRoleArgs): ValidationIssue[] {
  return checkVeleroServiceRoleOptions(args as VeleroServiceRoleOptions<pulumi.Input<string>>);
}

/**
 * The IAM role Velero runs as: the least-privilege policy of `veleroIamPolicyDocument` for one
 * bucket (inline), trusted by the cluster's OIDC provider for Velero's service account (IRSA) or
 * by EKS Pod Identity (optionally creating the association), as decided by the core's
 * `veleroServiceRolePlan`. Arguments are checked before anything is registered.
 */
export class VeleroServiceRole extends pulumi.ComponentResource {
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;
  /** The role's name. */
  readonly roleName: pulumi.Output<string>;
  /**
   * Annotations for Velero's service account: `{ 'eks.amazonaws.com/role-arn': <arn> }` with IRSA,
   * empty with Pod Identity.
   */
  readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
  /** The permissions policy attached to the role. */
  readonly policyDocument: pulumi.Output<IamPolicyDocument>;
  /** The role resource. */
  readonly role: aws.iam.Role;

  /**
   * @param name the component's logical name
   * @param args the role's configuration
   * @param opts Pulumi resource options for the component
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = veleroServiceRolePlan(args as VeleroServiceRoleOptions<pulumi.Input<string>>, {
      subject: `VeleroServiceRole "${name}"`,
    });
    super(VELERO_SERVICE_ROLE_TYPE, name, {}, opts);
    const parent = { parent: this };

    const trustPolicy: pulumi.Output<IamPolicyDocument> =
      plan.trust === 'podIdentity'
        ? pulumi.output(plan.trustPolicy())
        : pulumi
            .all([args.oidcProviderArn ?? '', args.oidcProviderUrl ?? ''])
            .apply(([oidcProviderArn, oidcProviderUrl]) =>
              plan.trustPolicy({ oidcProviderArn, oidcProviderUrl }),
            );

    this.role = new aws.iam.Role(
      name,
      {
        description: plan.description,
        assumeRolePolicy: trustPolicy.apply((doc) => JSON.stringify(doc)),
        ...(plan.roleName === undefined ? {} : { name: plan.roleName }),
        ...(plan.permissionsBoundaryArn === undefined
          ? {}
          : { permissionsBoundary: plan.permissionsBoundaryArn }),
        ...(plan.tags === undefined ? {} : { tags: plan.tags }),
      },
      parent,
    );

    this.policyDocument = pulumi
      .all([args.bucketName, args.kmsKeyArn])
      .apply(([bucketName, kmsKeyArn]) => plan.permissionsPolicy(bucketName, kmsKeyArn));
    new aws.iam.RolePolicy(
      `${name}-velero`,
      {
        role: this.role.id,
        policy: this.policyDocument.apply((doc) => JSON.stringify(doc)),
      },
      parent,
    );

    const roleOutputs = checkedOutputs('aws:iam/role:Role', name, this.role);
    if (plan.podIdentityAssociation !== undefined) {
      const association = plan.podIdentityAssociation;
      new aws.eks.PodIdentityAssociation(
        `${name}-pod-identity`,
        {
          clusterName: association.clusterName,
          namespace: association.namespace,
          serviceAccount: association.serviceAccount,
          roleArn: roleOutputs.arn,
          ...(plan.tags === undefined ? {} : { tags: plan.tags }),
          ...(args.region === undefined ? {} : { region: args.region }),
        },
        parent,
      );
    }

    this.roleArn = roleOutputs.arn;
    this.roleName = roleOutputs.name;
    this.serviceAccountAnnotations = roleOutputs.arn.apply(plan.serviceAccountAnnotations);
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      serviceAccountAnnotations: this.serviceAccountAnnotations,
      policyDocument: this.policyDocument,
    });
  }
}
