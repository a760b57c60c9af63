import * as pulumi from '@pulumi/pulumi';
import type {
  VeleroBucketAccessLoggingOptions,
  VeleroBucketObjectLockOptions,
  VeleroBucketReplicationOptions,
  VeleroBucketSettings,
} from '../../core/bucket/bucketOptions';
import { checkVeleroBucketArgs, VeleroBucket as TypedVeleroBucket } from '../bucket';
import { registryType, throwIfInputIssues, withInputErrors } from './registryComponent';

/** Cross-region replication of the bucket; the ARNs may be outputs of other resources. */
export interface VeleroBucketReplicationRegistryArgs
  extends VeleroBucketReplicationOptions<pulumi.Input<string>> {}

/** Server access logging of the bucket; the target may be an output of another resource. */
export interface VeleroBucketAccessLoggingRegistryArgs
  extends VeleroBucketAccessLoggingOptions<pulumi.Input<string>> {}

/**
 * The bucket's settings that neither name nor place it, as the package takes them (the schema
 * inference reads no generic interface, so the nested options are named here).
 */
export interface VeleroBucketSettingsRegistryArgs
  extends VeleroBucketSettings<pulumi.Input<string>> {
  /**
   * Cross-region replication for disaster recovery.
   * @default no replication
   */
  replication?: VeleroBucketReplicationRegistryArgs;
  /**
   * Server access logging to another bucket.
   * @default no access logging
   */
  accessLogging?: VeleroBucketAccessLoggingRegistryArgs;
}

/**
 * Arguments of the package's `VeleroBucket`: those of the TypeScript component, with the date in
 * the bucket's name as a string (other languages send no `Date`).
 */
export interface VeleroBucketRegistryArgs extends VeleroBucketSettingsRegistryArgs {
  /** The cluster the bucket belongs to; the bucket is named `<cluster>-velero-<YYYYMMDD>`. */
  cluster: string;
  /**
   * The date in the bucket name, `YYYY-MM-DD` or `YYYYMMDD`.
   * @default the day the bucket is first created, then never changed
   */
  date?: string;
  /**
   * The AWS region of the bucket and its companions.
   * @default the AWS provider's region
   */
  region?: string;
  /**
   * Enable S3 Object Lock with a default retention (governance mode, shorter than the shortest
   * backup TTL). Choose it when the bucket is first created: changing it later replaces the
   * bucket, and the protection refuses that.
   * @default no Object Lock
   */
  objectLock?: VeleroBucketObjectLockOptions;
}

/**
 * The S3 bucket Velero writes to, protected against deletion (`protect`, `retainOnDelete`),
 * versioned and encrypted, with public access blocked, TLS-only access and the library's
 * lifecycle rules; optionally KMS, Object Lock, replication and access logging.
 */
export class VeleroBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket's region. */
  readonly region: pulumi.Output<string>;
  /** ARN of the KMS key the bucket is encrypted with; unset with SSE-S3 (AES256). */
  readonly kmsKeyArn: pulumi.Output<string | undefined>;

  /**
   * @param name the component's logical name
   * @param args the bucket's configuration
   * @param opts resource options
   */
  constructor(
    name: string,
    args: VeleroBucketRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    throwIfInputIssues(`VeleroBucket "${name}"`, checkVeleroBucketArgs(args));
    super(registryType('VeleroBucket'), name, {}, opts);
    const bucket = withInputErrors(() => new TypedVeleroBucket(name, args, { parent: this }));
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.region = bucket.region;
    this.kmsKeyArn = bucket.kmsKeyArn;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      region: this.region,
      kmsKeyArn: this.kmsKeyArn,
    });
  }
}
