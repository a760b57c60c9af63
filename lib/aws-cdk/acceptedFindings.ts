import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * One policy-validation finding (cdk-nag and other `IPolicyValidationPlugin`s) velero-iac
 * accepts on purpose, with the reason. Recorded with aws-cdk-lib's own
 * `Validations.of(construct).acknowledge`, which cdk-nag 3 reads, so the library has no runtime
 * dependency on cdk-nag.
 */
export interface AcceptedFinding {
  /**
   * The rule, e.g. `AwsSolutions-S1`, or a granular finding such as
   * `AwsSolutions-IAM5[Resource::*]`.
   */
  readonly id: string;
  /** Why the finding is accepted. */
  readonly reason: string;
}

/**
 * Acknowledges findings on a construct (they apply to it and everything below it).
 *
 * @param scope the construct the findings are on
 * @param findings the findings and their reasons
 */
export function acceptFindings(scope: IConstruct, findings: readonly AcceptedFinding[]): void {
  if (findings.length > 0) Validations.of(scope).acknowledge(...findings);
}
