import type { IConstruct } from 'constructs';
import { parseBucketDate } from '../core/bucketName';
import { issue, type ValidationIssue } from '../core/errors';
import { isPlainObject } from '../core/schema/checkShape';

/**
 * The CDK context key that pins the date of each cluster's Velero bucket, e.g. in `cdk.json`:
 * `"context": { "velero-iac:bucketDates": { "prod": "2026-01-15" } }`.
 */
export const BUCKET_DATES_CONTEXT_KEY = 'velero-iac:bucketDates';

/** Where a bucket's date came from, or why there is none. */
export type BucketDateSource =
  | { readonly date: Date | string; readonly from: 'props' | 'context' }
  | { readonly date?: undefined; readonly issues: readonly ValidationIssue[] };

/**
 * The date in the name of a cluster's Velero bucket in a CDK app: the explicit `date`, else the
 * cluster's entry in the {@link BUCKET_DATES_CONTEXT_KEY} context. Never the clock: CloudFormation
 * has none, and the app is synthesized again for every deployment, so a date read at synth time
 * would rename the bucket, which replaces it, on the first deployment on another day.
 *
 * @param scope where the context is looked up (it is inherited from the app and stacks)
 * @param cluster the cluster name
 * @param explicit the `date` prop
 * @returns the date, or the problems
 */
export function bucketDateFor(
  scope: IConstruct,
  cluster: string,
  explicit: Date | string | undefined,
): BucketDateSource {
  if (explicit !== undefined) return { date: explicit, from: 'props' };
  const dates: unknown = scope.node.tryGetContext(BUCKET_DATES_CONTEXT_KEY);
  const contextPath = `context["${BUCKET_DATES_CONTEXT_KEY}"]`;
  if (dates !== undefined && !isPlainObject(dates)) {
    return {
      issues: [
        issue(contextPath, 'must map each cluster name to its bucket date', {
          received: dates,
          allowed: '{ "<cluster>": "YYYY-MM-DD" }',
        }),
      ],
    };
  }
  const fromContext: unknown = isPlainObject(dates) ? dates[cluster] : undefined;
  if (fromContext === undefined) {
    return {
      issues: [
        issue(
          'date',
          `is required in an AWS CDK app: CloudFormation has no clock and the app is synthesized again for every deployment, so a date read from the clock would rename the bucket (which replaces it) on the first deployment on another day. Pin it once: pass date, or set the context "${BUCKET_DATES_CONTEXT_KEY}": { "${cluster}": "YYYY-MM-DD" } in cdk.json (for an existing bucket, the date in its name)`,
          { allowed: 'YYYY-MM-DD or YYYYMMDD' },
        ),
      ],
    };
  }
  const parsed = parseBucketDate(fromContext, `${contextPath}.${cluster}`);
  if (!parsed.ok) return { issues: parsed.issues };
  return { date: parsed.yyyymmdd, from: 'context' };
}
