/**
 * How a front end tells the core which values it cannot see yet. Pulumi outputs are objects, so
 * the core skips them by type; an AWS CDK token is a string (`${Token[...]}`) that only resolves
 * at deployment, so the CDK front end passes `Token.isUnresolved`.
 */
export interface DeferredValues {
  /**
   * True for a string that is a placeholder for a value known only later (it is not checked).
   * @default no string is a placeholder
   */
  readonly isUnresolved?: (value: string) => boolean;
}

/** True when `value` is a string the core can check now (not a deferred placeholder). */
export function isKnownString(value: unknown, deferred: DeferredValues = {}): value is string {
  return typeof value === 'string' && deferred.isUnresolved?.(value) !== true;
}
