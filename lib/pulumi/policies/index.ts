/**
 * The Velero bucket's security baseline as `@pulumi/policy` policies, for your own `PolicyPack`:
 *
 * ```ts
 * import { PolicyPack } from '@pulumi/policy';
 * import { veleroBucketPolicies } from 'velero-iac/pulumi/policies';
 * new PolicyPack('velero-baseline', { policies: veleroBucketPolicies });
 * ```
 *
 * The policies apply to every S3 bucket of the stack. Importing this module starts nothing (it
 * needs nothing from `@pulumi/policy` at run time). Not covered, as account-level settings:
 * account Block Public Access (Security Hub S3.1), MFA delete (S3.20), CloudTrail data events
 * (S3.22/S3.23).
 *
 * @packageDocumentation
 */
import './requirePeers';

import type { Policies } from '@pulumi/policy';
import { veleroBucketPolicyPolicy } from './bucketPolicy';
import { veleroBucketCompanionsPolicy } from './companions';
import { veleroBucketEncryptionPolicy } from './encryption';
import { veleroBucketNoForceDestroyPolicy } from './forceDestroy';
import { veleroBucketLifecyclePolicy } from './lifecycle';
import { veleroBucketNoAclPolicy, veleroBucketOwnerEnforcedPolicy } from './ownership';
import { veleroBucketPublicAccessBlockPolicy } from './publicAccessBlock';
import { veleroBucketVersioningPolicy } from './versioning';

export {
  deniesBucketDeletion,
  deniesInsecureTransport,
  veleroBucketPolicyPolicy,
} from './bucketPolicy';
export { REQUIRED_BUCKET_COMPANIONS, veleroBucketCompanionsPolicy } from './companions';
export { veleroBucketEncryptionPolicy } from './encryption';
export { veleroBucketNoForceDestroyPolicy } from './forceDestroy';
export { veleroBucketLifecyclePolicy } from './lifecycle';
export { veleroBucketNoAclPolicy, veleroBucketOwnerEnforcedPolicy } from './ownership';
export {
  PUBLIC_ACCESS_BLOCK_FLAGS,
  veleroBucketPublicAccessBlockPolicy,
} from './publicAccessBlock';
export { S3_RESOURCE_TYPES } from './resourceTypes';
export { veleroBucketVersioningPolicy } from './versioning';

/** Every policy of the Velero bucket baseline (eight resource policies and one stack policy). */
export const veleroBucketPolicies: Policies = [
  veleroBucketPublicAccessBlockPolicy,
  veleroBucketOwnerEnforcedPolicy,
  veleroBucketNoAclPolicy,
  veleroBucketEncryptionPolicy,
  veleroBucketVersioningPolicy,
  veleroBucketLifecyclePolicy,
  veleroBucketPolicyPolicy,
  veleroBucketNoForceDestroyPolicy,
  veleroBucketCompanionsPolicy,
];
