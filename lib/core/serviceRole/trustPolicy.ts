import { IAM_POLICY_VERSION, type IamPolicyDocument } from '../iamPolicy';

/**
 * How the Velero pod gets the role: `irsa` (IAM Roles for Service Accounts, through the
 * cluster's OIDC provider) or `podIdentity` (EKS Pod Identity).
 */
export const VeleroRoleTrust = {
  /** IAM Roles for Service Accounts, through the cluster's OIDC provider. */
  Irsa: 'irsa',
  /** EKS Pod Identity. */
  PodIdentity: 'podIdentity',
} as const;

/**
 * How the Velero pod gets the role: `irsa` (IAM Roles for Service Accounts, through the
 * cluster's OIDC provider) or `podIdentity` (EKS Pod Identity).
 */
export type VeleroRoleTrust = (typeof VeleroRoleTrust)[keyof typeof VeleroRoleTrust];

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

/** The OIDC issuer without its `https://` scheme, as IAM condition keys name it. */
export function oidcIssuer(url: string): string {
  return url.replace(/^https:\/\//, '');
}

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
      Version: IAM_POLICY_VERSION,
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
  const issuer = oidcIssuer(opts.oidcProviderUrl);
  return {
    Version: IAM_POLICY_VERSION,
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
