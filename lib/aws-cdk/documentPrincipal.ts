import * as iam from 'aws-cdk-lib/aws-iam';
import type { IamPolicyDocument } from '../core/iamPolicy';

/** The statements of a core policy document as CDK `PolicyStatement`s (Sids kept). */
export function policyStatements(doc: IamPolicyDocument): iam.PolicyStatement[] {
  return doc.Statement.map((statement) => iam.PolicyStatement.fromJson(statement));
}

/**
 * A principal whose trust policy is exactly a document of the core: given as a role's
 * `assumedBy`, it writes the document's statements (with their Sids and conditions) into the
 * role's assume-role policy, instead of the single statement a CDK principal would add.
 */
export class DocumentPrincipal extends iam.PrincipalBase {
  /** Nothing is granted to this principal itself; it only shapes a trust policy. */
  readonly policyFragment = new iam.PrincipalPolicyFragment({});

  /** @param trustPolicy the core's trust policy */
  constructor(private readonly trustPolicy: IamPolicyDocument) {
    super();
  }

  /** @param document the role's assume-role policy */
  override addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    document.addStatements(...policyStatements(this.trustPolicy));
  }

  /** @returns `undefined`: such principals are never merged with others */
  override dedupeString(): string | undefined {
    return undefined;
  }
}
