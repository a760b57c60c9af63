import { type DeferredValues, isKnownString } from '../deferredValue';
import { issue, type ValidationIssue, VeleroConfigError } from '../errors';
import { DEFAULT_VELERO_SERVICE_ACCOUNT, IRSA_ROLE_ANNOTATION } from '../helmValues';
import {
  checkAwsPartition,
  checkKmsKeyArn,
  type IamPolicyDocument,
  veleroIamPolicyDocument,
} from '../iamPolicy';
import { checkDns1123Label, checkDns1123Subdomain } from '../rules/names';
import { isPlainObject } from '../schema/checkShape';
import { DEFAULT_VELERO_NAMESPACE } from '../types/meta';
import { oidcIssuer, type VeleroRoleTrust, veleroRoleTrustPolicy } from './trustPolicy';

/**
 * Everything that decides Velero's IAM role, whatever the front end: the input of
 * {@link veleroServiceRolePlan}. `V` is the type of values a front end may only know later.
 */
export interface VeleroServiceRoleOptions<V = string> {
  /** Name of Velero's bucket. */
  bucketName: V;
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
  oidcProviderArn?: V;
  /**
   * The cluster's OIDC issuer, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`. A leading
   * `https://` is accepted and dropped. Required with `irsa`.
   * @default none
   */
  oidcProviderUrl?: V;
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
  clusterName?: V;
  /**
   * Grant the EC2 actions for native EBS snapshots.
   * @default true
   */
  volumeSnapshots?: boolean;
  /**
   * Full ARN of the bucket's KMS key; `undefined` grants no KMS access.
   * @default no KMS statement
   */
  kmsKeyArn?: V;
  /**
   * Grant `s3:PutObjectTagging` (needed when the BackupStorageLocation sets `config.tagging`).
   * @default false
   */
  objectTagging?: boolean;
  /**
   * ARN of a managed policy to use as the role's permissions boundary.
   * @default no boundary
   */
  permissionsBoundaryArn?: V;
  /**
   * The role's name.
   * @default a name the front end generates
   */
  roleName?: string;
  /**
   * Tags on the role (and the Pod Identity association).
   * @default no tags
   */
  tags?: Record<string, V>;
  /**
   * Region of the Pod Identity association.
   * @default the front end's region
   */
  region?: string;
}

const OIDC_PROVIDER_ARN = /^arn:([a-z-]+):iam::\d{12}:oidc-provider\/(.+)$/;
const POLICY_ARN = /^arn:([a-z-]+):iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

/**
 * Checks every option of Velero's role known now (deferred values are checked when they resolve,
 * by the plan's document functions).
 *
 * @param args the role's options
 * @param deferred which strings are placeholders for values known later
 * @returns every problem found
 */
export function checkVeleroServiceRoleOptions<V>(
  args: VeleroServiceRoleOptions<V>,
  deferred: DeferredValues = {},
): ValidationIssue[] {
  if (!isPlainObject(args)) {
    return [issue('', 'VeleroServiceRole arguments must be an object', { received: args })];
  }
  const issues: ValidationIssue[] = [];
  const partition = args.partition ?? 'aws';
  const partitionKnown = isKnownString(partition, deferred);
  if (partitionKnown || typeof partition !== 'string') {
    issues.push(...checkAwsPartition(partition, 'partition'));
  }
  const trust: unknown = args.trust ?? 'irsa';
  if (trust !== 'irsa' && trust !== 'podIdentity') {
    issues.push(
      issue('trust', 'is not a trust mode', { received: trust, allowed: 'irsa, podIdentity' }),
    );
  }
  if (args.bucketName === undefined) {
    issues.push(issue('bucketName', 'is required'));
  }
  issues.push(...checkDns1123Label(args.namespace ?? DEFAULT_VELERO_NAMESPACE, 'namespace'));
  issues.push(
    ...checkDns1123Subdomain(
      args.serviceAccount ?? DEFAULT_VELERO_SERVICE_ACCOUNT,
      'serviceAccount',
    ),
  );
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
    issues.push(
      ...checkOidcProvider(
        args.oidcProviderArn,
        args.oidcProviderUrl,
        partitionKnown ? partition : undefined,
        deferred,
      ),
    );
  } else if (trust === 'podIdentity') {
    for (const key of ['oidcProviderArn', 'oidcProviderUrl'] as const) {
      if (args[key] !== undefined) {
        issues.push(issue(key, "is only used with trust 'irsa'", { received: args[key] }));
      }
    }
  }
  const boundary: unknown = args.permissionsBoundaryArn;
  if (isKnownString(boundary, deferred) && !POLICY_ARN.test(boundary)) {
    issues.push(
      issue('permissionsBoundaryArn', 'must be an IAM managed policy ARN', {
        received: boundary,
        allowed: 'arn:<partition>:iam::<account>:policy/<name>',
      }),
    );
  }
  const kmsKeyArn: unknown = args.kmsKeyArn;
  if (isKnownString(kmsKeyArn, deferred)) {
    issues.push(...checkKmsKeyArn(kmsKeyArn, 'kmsKeyArn', partitionKnown ? partition : undefined));
  }
  if (typeof args.bucketName === 'string') {
    issues.push(...policyIssues(args, args.bucketName, undefined, deferred));
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

/**
 * Checks an IRSA OIDC provider ARN and issuer URL, and that they name the same issuer.
 *
 * @param arn the provider's ARN (skipped unless a known string)
 * @param url the issuer URL (skipped unless a known string)
 * @param partition when given, the partition the ARN must be in
 * @param deferred which strings are placeholders for values known later
 * @returns every problem found
 */
export function checkOidcProvider(
  arn: unknown,
  url: unknown,
  partition: string | undefined,
  deferred: DeferredValues = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // Objects may be values known later (Pulumi outputs); anything else must be text.
  for (const [key, value] of [
    ['oidcProviderArn', arn],
    ['oidcProviderUrl', url],
  ] as const) {
    if (
      value === null ||
      (typeof value !== 'string' && typeof value !== 'object' && value !== undefined)
    ) {
      issues.push(issue(key, 'must be a string', { received: value }));
    }
  }
  const arnKnown = isKnownString(arn, deferred);
  const match = arnKnown ? OIDC_PROVIDER_ARN.exec(arn) : null;
  if (arnKnown) {
    if (match === null) {
      issues.push(
        issue('oidcProviderArn', 'must be an IAM OIDC provider ARN', {
          received: arn,
          allowed: 'arn:<partition>:iam::<account>:oidc-provider/<issuer>',
        }),
      );
    } else if (partition !== undefined && match[1] !== partition) {
      issues.push(
        issue('oidcProviderArn', `is in partition "${match[1]}", not "${partition}"`, {
          received: arn,
        }),
      );
    }
  }
  if (isKnownString(url, deferred)) {
    const issuer = oidcIssuer(url);
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

/** The permissions policy's problems, collected instead of thrown. */
function policyIssues<V>(
  args: VeleroServiceRoleOptions<V>,
  bucketName: string,
  kmsKeyArn: string | undefined,
  deferred: DeferredValues,
): ValidationIssue[] {
  try {
    permissionsPolicy(args, bucketName, kmsKeyArn, deferred);
    return [];
  } catch (error) {
    if (error instanceof VeleroConfigError) return [...error.issues];
    throw error;
  }
}

function permissionsPolicy<V>(
  args: VeleroServiceRoleOptions<V>,
  bucketName: string,
  kmsKeyArn: string | undefined,
  deferred: DeferredValues,
): IamPolicyDocument {
  return veleroIamPolicyDocument(
    {
      bucketName,
      partition: args.partition ?? 'aws',
      ...(args.volumeSnapshots === undefined ? {} : { volumeSnapshots: args.volumeSnapshots }),
      ...(args.objectTagging === undefined ? {} : { objectTagging: args.objectTagging }),
      ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
    },
    deferred,
  );
}

/** The Pod Identity association a role with `podIdentity` trust and a `clusterName` gets. */
export interface VeleroPodIdentityAssociationPlan<V = string> {
  /** The EKS cluster. */
  readonly clusterName: V;
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account. */
  readonly serviceAccount: string;
}

/**
 * Every decision about Velero's IAM role, as plain data and pure functions: what each front end
 * translates into its own resources. Built by {@link veleroServiceRolePlan}.
 */
export interface VeleroServiceRolePlan<V = string> {
  /** How the pod gets the role. */
  readonly trust: VeleroRoleTrust;
  /** Namespace of Velero's service account. */
  readonly namespace: string;
  /** Name of Velero's service account. */
  readonly serviceAccount: string;
  /** The role's description. */
  readonly description: string;
  /**
   * The role's name.
   * @default generated by the front end
   */
  readonly roleName?: string;
  /**
   * The permissions boundary.
   * @default none
   */
  readonly permissionsBoundaryArn?: V;
  /**
   * Tags of the role and association.
   * @default none
   */
  readonly tags?: Readonly<Record<string, V>>;
  /**
   * The Pod Identity association to create.
   * @default none
   */
  readonly podIdentityAssociation?: VeleroPodIdentityAssociationPlan<V>;
  /**
   * The trust policy. With IRSA, give the resolved provider ARN and issuer URL: they are checked
   * (a `VeleroConfigError` with this role's subject is thrown when they are wrong).
   */
  readonly trustPolicy: (oidc?: {
    oidcProviderArn: string;
    oidcProviderUrl: string;
  }) => IamPolicyDocument;
  /** The permissions policy, given the resolved bucket name and KMS key ARN. */
  readonly permissionsPolicy: (bucketName: string, kmsKeyArn?: string) => IamPolicyDocument;
  /** Annotations for Velero's service account: the role ARN with IRSA, none with Pod Identity. */
  readonly serviceAccountAnnotations: (roleArn: string) => Record<string, string>;
}

/** Options of {@link veleroServiceRolePlan}. */
export interface VeleroServiceRolePlanContext extends DeferredValues {
  /**
   * What the errors say was being built, e.g. `VeleroServiceRole "velero"`.
   * @default 'VeleroServiceRole'
   */
  readonly subject?: string;
}

/**
 * Checks the options of Velero's IAM role and decides the role: the trust policy (IRSA for one
 * service account, or EKS Pod Identity), the least-privilege permissions of
 * `veleroIamPolicyDocument`, the boundary, name, tags and the Pod Identity association.
 *
 * @param args the role's options
 * @param context the errors' subject and which strings are deferred placeholders
 * @returns the plan
 * @throws VeleroConfigError listing every problem
 */
export function veleroServiceRolePlan<V>(
  args: VeleroServiceRoleOptions<V>,
  context: VeleroServiceRolePlanContext = {},
): VeleroServiceRolePlan<V> {
  const subject = context.subject ?? 'VeleroServiceRole';
  const issues = checkVeleroServiceRoleOptions(args, context);
  if (issues.length > 0) throw new VeleroConfigError(subject, issues);
  const trust = args.trust ?? 'irsa';
  const namespace = args.namespace ?? DEFAULT_VELERO_NAMESPACE;
  const serviceAccount = args.serviceAccount ?? DEFAULT_VELERO_SERVICE_ACCOUNT;
  const partition = args.partition ?? 'aws';
  return {
    trust,
    namespace,
    serviceAccount,
    description: `Velero server (${namespace}/${serviceAccount}): backups to S3 and EBS snapshots`,
    ...(args.roleName === undefined ? {} : { roleName: args.roleName }),
    ...(args.permissionsBoundaryArn === undefined
      ? {}
      : { permissionsBoundaryArn: args.permissionsBoundaryArn }),
    ...(args.tags === undefined ? {} : { tags: args.tags }),
    ...(trust === 'podIdentity' && args.clusterName !== undefined
      ? { podIdentityAssociation: { clusterName: args.clusterName, namespace, serviceAccount } }
      : {}),
    trustPolicy: (oidc) => {
      if (trust === 'podIdentity') return veleroRoleTrustPolicy({ trust });
      const oidcProviderArn = oidc?.oidcProviderArn ?? '';
      const oidcProviderUrl = oidc?.oidcProviderUrl ?? '';
      // Known only now (e.g. outputs of other resources, or another language's SDK): the types too.
      const typeIssues = (['oidcProviderArn', 'oidcProviderUrl'] as const)
        .filter((key) => typeof oidc?.[key] !== 'string' && oidc?.[key] !== undefined)
        .map((key) => issue(key, 'must be a string', { received: oidc?.[key] }));
      if (typeIssues.length > 0) throw new VeleroConfigError(subject, typeIssues);
      const oidcIssues = checkOidcProvider(
        oidcProviderArn,
        oidcProviderUrl,
        isKnownString(partition, context) ? partition : undefined,
        context,
      );
      if (oidcIssues.length > 0) throw new VeleroConfigError(subject, oidcIssues);
      return veleroRoleTrustPolicy({
        trust,
        oidcProviderArn,
        oidcProviderUrl,
        namespace,
        serviceAccount,
      });
    },
    permissionsPolicy: (bucketName, kmsKeyArn) => {
      try {
        return permissionsPolicy(args, bucketName, kmsKeyArn, context);
      } catch (error) {
        throw error instanceof VeleroConfigError ? error.withSubject(subject) : error;
      }
    },
    serviceAccountAnnotations: (roleArn): Record<string, string> =>
      trust === 'irsa' ? { [IRSA_ROLE_ANNOTATION]: roleArn } : {},
  };
}
