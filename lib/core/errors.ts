/**
 * One problem found in a Velero configuration: where it is, what is wrong, and what is allowed.
 */
export interface ValidationIssue {
  /**
   * Dotted path of the offending field, e.g. `spec.template.ttl`, `includedNamespaces[2]` or
   * `metadata.labels["app.kubernetes.io/name"]`. Empty for the object as a whole.
   */
  readonly path: string;
  /** What is wrong and what is allowed, as one sentence a user can act on. */
  readonly message: string;
  /** The value that was received, rendered for humans (JSON, shortened). Absent when not applicable. */
  readonly received?: string;
  /** What would have been accepted, when that can be said briefly. */
  readonly allowed?: string;
}

/** Renders a value for an error message: JSON, shortened to 80 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Builds a {@link ValidationIssue}; `received` is rendered with {@link describeValue}. */
export function issue(
  path: string,
  message: string,
  details: { received?: unknown; allowed?: string } = {},
): ValidationIssue {
  const out: { path: string; message: string; received?: string; allowed?: string } = {
    path,
    message,
  };
  if ('received' in details) out.received = describeValue(details.received);
  if (details.allowed !== undefined) out.allowed = details.allowed;
  return out;
}

/** Renders one issue as `path: message (received X; allowed: Y)`. */
export function formatIssue(item: ValidationIssue): string {
  const extras: string[] = [];
  if (item.received !== undefined) extras.push(`received ${item.received}`);
  // Many messages already say what is allowed; repeating a long text only adds noise.
  if (item.allowed !== undefined && !item.message.includes(item.allowed)) {
    extras.push(`allowed: ${item.allowed}`);
  }
  const where = item.path === '' ? '(object)' : item.path;
  return `${where}: ${item.message}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
}

/**
 * Thrown by every builder when its input is not valid Velero configuration. It lists **every**
 * problem found, not just the first, each with its field path, the value received and what is
 * allowed.
 */
export class VeleroConfigError extends Error {
  /** Every problem found, in the order the fields were checked. Never empty. */
  readonly issues: readonly ValidationIssue[];
  /** What was being built or checked, e.g. `Schedule "daily"` or a construct path. */
  readonly subject: string;

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const list = issues.length > 0 ? issues : [issue('', 'invalid configuration')];
    super(
      `Invalid ${subject}: ${list.length} problem${list.length === 1 ? '' : 's'}\n${list
        .map((i) => `  - ${formatIssue(i)}`)
        .join('\n')}`,
    );
    this.name = 'VeleroConfigError';
    this.issues = list;
    this.subject = subject;
  }

  /** A copy of this error with another subject (e.g. prefixed by a construct path). */
  withSubject(subject: string): VeleroConfigError {
    return new VeleroConfigError(subject, this.issues);
  }
}

/** Throws a {@link VeleroConfigError} when `issues` is non-empty. */
export function throwIfIssues(subject: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new VeleroConfigError(subject, issues);
}
