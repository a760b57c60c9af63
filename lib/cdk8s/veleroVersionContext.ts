/**
 * The cdk8s constructs read the target Velero release from the construct tree's context, with
 * the same key and rules as the AWS CDK front end (both build on `constructs`).
 */
export {
  contextVeleroVersion,
  VELERO_VERSION_CONTEXT_KEY,
  withContextVeleroVersion,
} from '../core/versions/contextVeleroVersion';
