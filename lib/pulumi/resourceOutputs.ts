/**
 * The outputs velero-iac reads back from the resources it creates, each with the shape it must
 * have. A real provider always returns them; a test's `pulumi.runtime.setMocks` may not (a
 * made-up role `arn`, a `time:Static` without `rfc3339`). Reading them through
 * {@link checkedOutputs} turns such a value into a `VeleroConfigError` that names the resource and
 * the output, instead of a `TypeError` deep inside an `apply` or a Helm-values error far from it.
 *
 * A resource whose outputs the library starts to read adds one line to {@link READ_OUTPUTS}; the
 * mocks of `velero-iac/pulumi/testing` return a valid value for every output listed there (a test
 * checks it).
 */
import type * as pulumi from '@pulumi/pulumi';
import { checkS3BucketName } from '../core/bucketName';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import { checkIamRoleArn, checkKmsKeyArn } from '../core/iamPolicy';
import { checkAwsRegion } from '../core/rules/awsRegion';

/** Checks one output value; `path` is the output's name. */
type OutputCheck = (value: unknown, path: string) => ValidationIssue[];

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const S3_BUCKET_ARN = /^arn:aws(-[a-z]+)*:s3:::[^/]+$/;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

function matching(pattern: RegExp, what: string, example: string): OutputCheck {
  return (value, path) =>
    typeof value === 'string' && pattern.test(value)
      ? []
      : [issue(path, `must be ${what}`, { received: value, allowed: example })];
}

/** Per Pulumi type token, the outputs velero-iac reads and how each is checked. */
export const READ_OUTPUTS = {
  'time:index/static:Static': {
    rfc3339: matching(RFC3339, 'an RFC 3339 timestamp', '2026-01-15T10:20:30Z'),
  },
  'aws:s3/bucket:Bucket': {
    bucket: checkS3BucketName,
    arn: matching(S3_BUCKET_ARN, 'an S3 bucket ARN', 'arn:aws:s3:::<bucket>'),
    region: checkAwsRegion,
  },
  'aws:kms/key:Key': { arn: checkKmsKeyArn },
  'aws:iam/role:Role': {
    arn: checkIamRoleArn,
    name: matching(IAM_NAME, 'an IAM role name', 'velero-prod'),
  },
} as const satisfies Record<string, Record<string, OutputCheck>>;

/** A Pulumi type token whose outputs velero-iac reads. */
export type ReadResourceType = keyof typeof READ_OUTPUTS;

/** The names of the outputs velero-iac reads from resources of type `T`. */
export type ReadOutputName<T extends ReadResourceType> = keyof (typeof READ_OUTPUTS)[T] & string;

/**
 * The problems of one resource's outputs as a mock or provider returned them (only the outputs
 * velero-iac reads are checked).
 *
 * @param type the resource's type token
 * @param outputs the output values
 * @returns every problem, with the output's name as the path
 */
export function checkReadOutputs(
  type: string,
  outputs: Readonly<Record<string, unknown>>,
): ValidationIssue[] {
  const checks: Readonly<Record<string, OutputCheck>> | undefined =
    type in READ_OUTPUTS ? READ_OUTPUTS[type as ReadResourceType] : undefined;
  if (checks === undefined) return [];
  return Object.entries(checks).flatMap(([name, check]) => check(outputs[name], name));
}

/** What to do about a bad output: it comes from a test's mocks, never from a real provider. */
const MOCK_HINT =
  'a provider always returns it, so it comes from a test: under pulumi.runtime.setMocks, return it from newResource (veleroMocks() from velero-iac/pulumi/testing does)';

/**
 * The error for bad outputs of one resource, e.g. `Invalid output of aws:iam/role:Role "prod"`.
 *
 * @param type the resource's type token
 * @param resourceName the resource's logical name
 * @param issues the problems, with the output's name as the path
 */
export function outputError(
  type: string,
  resourceName: string,
  issues: readonly ValidationIssue[],
): VeleroConfigError {
  const error = new VeleroConfigError(
    `output of ${type} "${resourceName}"`,
    issues.map((i) => ({ ...i, message: `${i.message}; ${MOCK_HINT}` })),
  );
  // Pulumi prefixes `error serializing property "<input>": ` to the message of an error raised
  // inside an input, once per input the same error passes through, naming the consumer's input
  // rather than the resource at fault. The message already says where the fault is: keep it.
  const message = error.message;
  Object.defineProperty(error, 'message', {
    get: () => message,
    set: () => undefined,
    enumerable: false,
    configurable: true,
  });
  return error;
}

/**
 * The outputs velero-iac reads from `resource`, each checked when it resolves: a missing or
 * malformed value fails with a `VeleroConfigError` naming the resource and the output. Unknown
 * values (preview) stay unknown; secrets stay secret.
 *
 * @param type the resource's type token (a key of {@link READ_OUTPUTS})
 * @param resourceName the resource's logical name
 * @param resource the resource (or anything with those outputs)
 * @returns per output name, the checked output
 */
export function checkedOutputs<T extends ReadResourceType>(
  type: T,
  resourceName: string,
  resource: { readonly [K in ReadOutputName<T>]: pulumi.Output<unknown> },
): { readonly [K in ReadOutputName<T>]: pulumi.Output<string> } {
  const checks: Readonly<Record<string, OutputCheck>> = READ_OUTPUTS[type];
  const checked: Record<string, pulumi.Output<string>> = {};
  for (const [name, check] of Object.entries(checks)) {
    const output = resource[name as ReadOutputName<T>];
    checked[name] = output.apply((value) => {
      const issues = check(value, name);
      if (issues.length > 0) throw outputError(type, resourceName, issues);
      return value as string;
    });
  }
  return checked as { readonly [K in ReadOutputName<T>]: pulumi.Output<string> };
}
