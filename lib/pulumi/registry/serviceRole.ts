import * as pulumi from '@pulumi/pulumi';
import type { VeleroServiceRoleOptions } from '../../core/serviceRole/serviceRolePlan';
import {
  checkVeleroServiceRoleArgs,
  VeleroServiceRole as TypedVeleroServiceRole,
} from '../serviceRole';
import { registryType, throwIfInputIssues, withInputErrors } from './registryComponent';

/**
 * Arguments of the package's `VeleroServiceRole`: the core's role options, with inputs for the
 * values that come from other resources (the bucket's name and KMS key, the OIDC provider).
 */
export interface VeleroServiceRoleRegistryArgs
  extends VeleroServiceRoleOptions<pulumi.Input<string>> {}

/**
 * The IAM role Velero runs as: the least-privilege policy for one bucket, trusted by the
 * cluster's OIDC provider for Velero's service account (IRSA) or by EKS Pod Identity (optionally
 * creating the association).
 */
export class VeleroServiceRole extends pulumi.ComponentResource {
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;
  /** The role's name. */
  readonly roleName: pulumi.Output<string>;
  /**
   * Annotations for Velero's service account: `eks.amazonaws.com/role-arn` with IRSA, none with
   * Pod Identity.
   */
  readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
  /** The permissions policy attached to the role, as IAM policy JSON. */
  readonly policyJson: pulumi.Output<string>;

  /**
   * @param name the component's logical name
   * @param args the role's configuration
   * @param opts resource options
   */
  constructor(
    name: string,
    args: VeleroServiceRoleRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    throwIfInputIssues(`VeleroServiceRole "${name}"`, checkVeleroServiceRoleArgs(args));
    super(registryType('VeleroServiceRole'), name, {}, opts);
    const role = withInputErrors(() => new TypedVeleroServiceRole(name, args, { parent: this }));
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;
    this.serviceAccountAnnotations = role.serviceAccountAnnotations;
    this.policyJson = role.policyDocument.apply((document) => JSON.stringify(document));
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      serviceAccountAnnotations: this.serviceAccountAnnotations,
      policyJson: this.policyJson,
    });
  }
}
