import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import {
  checkAwsPartition,
  checkKmsKeyArn,
  type IamPolicyDocument,
  veleroIamPolicyDocument,
} from '../core/iamPolicy';
import { checkDns1123Label, checkDns1123Subdomain } from '../core/rules/names';
import { isPlainObject } from '../core/schema/checkShape';
import { checkedOutputs } from './resourceOutputs';

/** The Pulumi type token of {@link VeleroServiceRole}. */
export const VELERO_SERVICE_ROLE_TYPE = 'velero-iac:iam:VeleroServiceRole';

/**
 * How the Velero pod gets the role: `irsa` (IAM Roles for Service Accounts, through the
 * cluster's OIDC provider) or `podIdentity` (EKS Pod Identity).
 */
export type VeleroRoleTrust = 'irsa' | 'podIdentity';

/** Arguments of {@link VeleroServiceRole}. */
export interface VeleroServiceRoleArgs {
  /** Name of Velero's bucket (e.g. `VeleroBucket.bucketName`). */
  bucketName: pulumi.Input<string>;
  /**
   * The AWS partition.
   * @default 'aws'
   */
  partition?: string;
  /**
   * Who may assume the role.
   * @default 'irsa'
   */
  trust?: VeleroRoleTrust;
  /**
   * ARN of the cluster's IAM OIDC provider (`arn:aws:iam::<account>:oidc-provider/<issuer>`).
   * Required with `irsa`.
   * @default none
   */
  oidcProviderArn?: pulumi.Input<string>;
  /**
   * The cluster's OIDC issuer, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`. A leading
   * `https://` is accepted and dropped. Required with `irsa`.
   * @default none
   */
  oidcProviderUrl?: pulumi.Input<string>;
  /**
   * Namespace of Velero's service account.
   * @default 'velero'
   */
  namespace?: string;
  /**
   * Name of Velero's service account (the vmware-tanzu chart's default; the UDS package uses
   * `velero-velero-server`).
   * @default 'velero-server'
   */
  serviceAccount?: string;
  /**
   * With `podIdentity`: the EKS cluster to create the Pod Identity association in.
   * @default no association (create it yourself)
   */
  clusterName?: pulumi.Input<string>;
  /**
   * Grant the EC2 actions for native EBS snapshots.
   * @default true
   */
  volumeSnapshots?: boolean;
  /**
   * Full ARN of the bucket's KMS key (e.g. `VeleroBucket.kmsKeyArn`); `undefined` grants no KMS
   * access.
   * @default no KMS statement
   */
  kmsKeyArn?: pulumi.Input<string | undefined>;
  /**
   * Grant `s3:PutObjectTagging` (needed when the BackupStorageLocation sets `config.tagging`).
   * @default false
   */
  objectTagging?: boolean;
  /**
   * ARN of a managed policy to use as the role's permissions boundary.
   * @default no boundary
   */
  permissionsBoundaryArn?: pulumi.Input<string>;
  /**
   * The role's name.
   * @default a Pulumi auto-name derived from the component name
   */
  roleName?: string;
  /**
   * Tags on the role (and the Pod Identity association).
   * @default no tags
   */
  tags?: Record<string, pulumi.Input<string>>;
  /**
   * Region of the Pod Identity association (the `@pulumi/aws` v7 per-resource region).
   * @default the provider's region
   */
  region?: string;
}

/** Options of {@link veleroRoleTrustPolicy}. */
export type VeleroRoleTrustOptions =
  | {
      /** IAM Roles for Service Accounts. */
      trust: 'irsa';
      /** ARN of the cluster's OIDC provider. */
      oidcProviderArn: string;
      /** The OIDC issuer, with or without `https://`. */
      oidcProviderUrl: string;
      /** Namespace of the service account. */
      namespace: string;
      /** Name of the service account. */
      serviceAccount: string;
    }
  | {
      /** EKS Pod Identity. */
      trust: 'podIdentity';
    };

/** Service principal of EKS Pod Identity. */
export const EKS_POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * The trust policy of Velero's role: for IRSA, only the given service account of the cluster's
 * OIDC provider with audience `sts.amazonaws.com`; for Pod Identity, the EKS Pod Identity service
 * (`sts:AssumeRole` and `sts:TagSession`), the association choosing the service account.
 *
 * @param opts the trust mode and, for IRSA, the provider and service account
 * @returns the policy document
 */
export function veleroRoleTrustPolicy(opts: VeleroRoleTrustOptions): IamPolicyDocument {
  if (opts.trust === 'podIdentity') {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EksPodIdentity',
          Effect: 'Allow',
          Principal: { Service: EKS_POD_IDENTITY_PRINCIPAL },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
      ],
    };
  }
  const issuer = stripScheme(opts.oidcProviderUrl);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'VeleroServiceAccount',
        Effect: 'Allow',
        Principal: { Federated: opts.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${opts.namespace}:${opts.serviceAccount}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

function stripScheme(url: string): string {
  return url.replace(/^https:\/\//, '');
}

const OIDC_PROVIDER_ARN = /^arn:([a-z-]+):iam::\d{12}:oidc-provider\/(.+)$/;
const POLICY_ARN = /^arn:([a-z-]+):iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

/**
 * Checks every argument of {@link VeleroServiceRole} known at construction time (values that are
 * Pulumi outputs are checked when they resolve).
 *
 * @param args the component's arguments
 * @returns every problem found
 */
export function checkVeleroServiceRoleArgs(args: VeleroServiceRoleArgs): ValidationIssue[] {
  if (!isPlainObject(args)) {
    return [issue('', 'VeleroServiceRole arguments must be an object', { received: args })];
  }
  const issues: ValidationIssue[] = [];
  const partition = args.partition ?? 'aws';
  issues.push(...checkAwsPartition(partition, 'partition'));
  const trust: unknown = args.trust ?? 'irsa';
  if (trust !== 'irsa' && trust !== 'podIdentity') {
    issues.push(
      issue('trust', 'is not a trust mode', { received: trust, allowed: 'irsa, podIdentity' }),
    );
  }
  if (args.bucketName === undefined) {
    issues.push(issue('bucketName', 'is required'));
  }
  issues.push(...checkDns1123Label(args.namespace ?? 'velero', 'namespace'));
  issues.push(...checkDns1123Subdomain(args.serviceAccount ?? 'velero-server', 'serviceAccount'));
  if (trust === 'irsa') {
    if (args.oidcProviderArn === undefined) {
      issues.push(
        issue('oidcProviderArn', "is required with trust 'irsa'", {
          allowed: 'arn:<partition>:iam::<account>:oidc-provider/<issuer>',
        }),
      );
    }
    if (args.oidcProviderUrl === undefined) {
      issues.push(
        issue('oidcProviderUrl', "is required with trust 'irsa'", {
          allowed: 'the issuer, e.g. oidc.eks.<region>.amazonaws.com/id/<id>',
        }),
      );
    }
    if (args.clusterName !== undefined) {
      issues.push(
        issue('clusterName', "is only used with trust 'podIdentity'", {
          received: args.clusterName,
        }),
      );
    }
    issues.push(...checkOidc(args.oidcProviderArn, args.oidcProviderUrl, partition));
  } else if (trust === 'podIdentity') {
    for (const key of ['oidcProviderArn', 'oidcProviderUrl'] as const) {
      if (args[key] !== undefined) {
        issues.push(issue(key, "is only used with trust 'irsa'", { received: args[key] }));
      }
    }
  }
  if (
    typeof args.permissionsBoundaryArn === 'string' &&
    !POLICY_ARN.test(args.permissionsBoundaryArn)
  ) {
    issues.push(
      issue('permissionsBoundaryArn', 'must be an IAM managed policy ARN', {
        received: args.permissionsBoundaryArn,
        allowed: 'arn:<partition>:iam::<account>:policy/<name>',
      }),
    );
  }
  if (typeof args.kmsKeyArn === 'string') {
    issues.push(...checkKmsKeyArn(args.kmsKeyArn, 'kmsKeyArn', partition));
  }
  if (typeof args.bucketName === 'string') {
    issues.push(...policyIssues(args, args.bucketName, undefined));
  } else {
    for (const key of ['volumeSnapshots', 'objectTagging'] as const) {
      const value: unknown = args[key];
      if (value !== undefined && typeof value !== 'boolean') {
        issues.push(issue(key, 'must be true or false', { received: value }));
      }
    }
  }
  const seen = new Set<string>();
  return issues.filter((item) => {
    const key = `${item.path}\u0000${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkOidc(arn: unknown, url: unknown, partition: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const match = typeof arn === 'string' ? OIDC_PROVIDER_ARN.exec(arn) : null;
  if (typeof arn === 'string') {
    if (match === null) {
      issues.push(
        issue('oidcProviderArn', 'must be an IAM OIDC provider ARN', {
          received: arn,
          allowed: 'arn:<partition>:iam::<account>:oidc-provider/<issuer>',
        }),
      );
    } else if (match[1] !== partition) {
      issues.push(
        issue('oidcProviderArn', `is in partition "${match[1]}", not "${partition}"`, {
          received: arn,
        }),
      );
    }
  }
  if (typeof url === 'string') {
    const issuer = stripScheme(url);
    if (issuer.length === 0 || /[\s:]/.test(issuer) || issuer.includes('://')) {
      issues.push(
        issue('oidcProviderUrl', 'must be the OIDC issuer host and path', {
          received: url,
          allowed: 'oidc.eks.<region>.amazonaws.com/id/<id>',
        }),
      );
    } else if (match !== null && match[2] !== issuer) {
      issues.push(
        issue(
          'oidcProviderUrl',
          `does not match the OIDC provider ARN (which names "${match[2]}")`,
          {
            received: url,
          },
        ),
      );
    }
  }
  return issues;
}

/** The IAM policy document of the role, collecting the core's issues instead of throwing. */
function policyIssues(
  args: VeleroServiceRoleArgs,
  bucketName: string,
  kmsKeyArn: string | undefined,
): ValidationIssue[] {
  try {
    veleroPolicyFor(args, bucketName, kmsKeyArn);
    return [];
  } catch (error) {
    if (error instanceof VeleroConfigError) return [...error.issues];
    throw error;
  }
}

function veleroPolicyFor(
  args: VeleroServiceRoleArgs,
  bucketName: string,
  kmsKeyArn: string | undefined,
): IamPolicyDocument {
  return veleroIamPolicyDocument({
    bucketName,
    partition: args.partition ?? 'aws',
    ...(args.volumeSnapshots === undefined ? {} : { volumeSnapshots: args.volumeSnapshots }),
    ...(args.objectTagging === undefined ? {} : { objectTagging: args.objectTagging }),
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
  });
}

/**
 * The IAM role Velero runs as: the least-privilege policy of `veleroIamPolicyDocument` for one
 * bucket (inline), trusted by the cluster's OIDC provider for Velero's service account (IRSA) or
 * by EKS Pod Identity (optionally creating the association). Arguments are checked before
 * anything is registered.
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
    const issues = checkVeleroServiceRoleArgs(args);
    if (issues.length > 0) throw new VeleroConfigError(`VeleroServiceRole "${name}"`, issues);
    super(VELERO_SERVICE_ROLE_TYPE, name, {}, opts);
    const parent = { parent: this };
    const trust = args.trust ?? 'irsa';
    const namespace = args.namespace ?? 'velero';
    const serviceAccount = args.serviceAccount ?? 'velero-server';
    const subject = `VeleroServiceRole "${name}"`;

    const trustPolicy: pulumi.Output<IamPolicyDocument> =
      trust === 'podIdentity'
        ? pulumi.output(veleroRoleTrustPolicy({ trust: 'podIdentity' }))
        : pulumi
            .all([args.oidcProviderArn ?? '', args.oidcProviderUrl ?? ''])
            .apply(([oidcProviderArn, oidcProviderUrl]) => {
              const oidcIssues = checkOidc(
                oidcProviderArn,
                oidcProviderUrl,
                args.partition ?? 'aws',
              );
              if (oidcIssues.length > 0) throw new VeleroConfigError(subject, oidcIssues);
              return veleroRoleTrustPolicy({
                trust: 'irsa',
                oidcProviderArn,
                oidcProviderUrl,
                namespace,
                serviceAccount,
              });
            });

    this.role = new aws.iam.Role(
      name,
      {
        description: `Velero server (${namespace}/${serviceAccount}): backups to S3 and EBS snapshots`,
        assumeRolePolicy: trustPolicy.apply((doc) => JSON.stringify(doc)),
        ...(args.roleName === undefined ? {} : { name: args.roleName }),
        ...(args.permissionsBoundaryArn === undefined
          ? {}
          : { permissionsBoundary: args.permissionsBoundaryArn }),
        ...(args.tags === undefined ? {} : { tags: args.tags }),
      },
      parent,
    );

    this.policyDocument = pulumi
      .all([args.bucketName, args.kmsKeyArn])
      .apply(([bucketName, kmsKeyArn]) => {
        try {
          return veleroPolicyFor(args, bucketName, kmsKeyArn);
        } catch (error) {
          throw error instanceof VeleroConfigError ? error.withSubject(subject) : error;
        }
      });
    new aws.iam.RolePolicy(
      `${name}-velero`,
      {
        role: this.role.id,
        policy: this.policyDocument.apply((doc) => JSON.stringify(doc)),
      },
      parent,
    );

    const roleOutputs = checkedOutputs('aws:iam/role:Role', name, this.role);
    if (trust === 'podIdentity' && args.clusterName !== undefined) {
      new aws.eks.PodIdentityAssociation(
        `${name}-pod-identity`,
        {
          clusterName: args.clusterName,
          namespace,
          serviceAccount,
          roleArn: roleOutputs.arn,
          ...(args.tags === undefined ? {} : { tags: args.tags }),
          ...(args.region === undefined ? {} : { region: args.region }),
        },
        parent,
      );
    }

    this.roleArn = roleOutputs.arn;
    this.roleName = roleOutputs.name;
    this.serviceAccountAnnotations = roleOutputs.arn.apply(
      (arn): Record<string, string> =>
        trust === 'irsa' ? { 'eks.amazonaws.com/role-arn': arn } : {},
    );
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      serviceAccountAnnotations: this.serviceAccountAnnotations,
      policyDocument: this.policyDocument,
    });
  }
}
