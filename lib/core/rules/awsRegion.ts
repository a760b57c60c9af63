import { issue, type ValidationIssue } from '../errors';

/** The form of an AWS region name: `eu-west-1`, `us-gov-west-1`, `ap-southeast-4`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** True when `value` has the form of an AWS region name. */
export function isAwsRegion(value: unknown): value is string {
  return typeof value === 'string' && AWS_REGION_PATTERN.test(value);
}

/** Checks an AWS region name; a typo (`eu-west1`) makes Velero's AWS plugin fail at run time. */
export function checkAwsRegion(value: unknown, path: string): ValidationIssue[] {
  return isAwsRegion(value)
    ? []
    : [
        issue(path, 'must be an AWS region name', {
          received: value,
          allowed: 'a region such as eu-west-1 or us-gov-west-1',
        }),
      ];
}
