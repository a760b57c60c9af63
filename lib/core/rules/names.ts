import { issue, type ValidationIssue } from '../errors';
import { typeName } from '../schema/checkShape';

/** Longest DNS-1123 subdomain Kubernetes accepts, e.g. as a custom resource's `metadata.name`. */
export const MAX_DNS1123_SUBDOMAIN_LENGTH = 253;

/** Longest DNS-1123 label Kubernetes accepts, e.g. as a namespace name. */
export const MAX_DNS1123_LABEL_LENGTH = 63;

/**
 * Longest Schedule name that is safe with Velero: each scheduled Backup is named
 * `<schedule>-<YYYYMMDDhhmmss>` (15 more characters) and must stay within 63 characters, and the
 * raw schedule name is written as the `velero.io/schedule-name` label value.
 */
export const MAX_SCHEDULE_NAME_LENGTH = 48;

/**
 * Longest Backup name that is safe with Velero: the name is written as the `velero.io/backup-name`
 * label value (63 characters at most) and CSI snapshot bookkeeping compares it untruncated.
 */
export const MAX_BACKUP_NAME_LENGTH = 63;

/** Longest Restore name that is safe with Velero: it is the `velero.io/restore-name` label value. */
export const MAX_RESTORE_NAME_LENGTH = 63;

/**
 * Longest BackupStorageLocation name that is safe with Velero: it is the
 * `velero.io/storage-location` label value on every Backup.
 */
export const MAX_BACKUP_STORAGE_LOCATION_NAME_LENGTH = 63;

/** Number of characters Velero appends to a schedule name to name a scheduled Backup (`-` + 14 digits). */
export const SCHEDULED_BACKUP_SUFFIX_LENGTH = 15;

/** Kinds of objects whose names {@link checkVeleroObjectName} knows Velero's limits for. */
export type VeleroObjectKind =
  | 'Schedule'
  | 'Backup'
  | 'Restore'
  | 'BackupStorageLocation'
  | 'VolumeSnapshotLocation'
  | 'ConfigMap';

/** The longest safe name for each kind of Velero object (see the `MAX_*_NAME_LENGTH` constants). */
export const VELERO_NAME_LENGTH_LIMITS: Readonly<Record<VeleroObjectKind, number>> = {
  Schedule: MAX_SCHEDULE_NAME_LENGTH,
  Backup: MAX_BACKUP_NAME_LENGTH,
  Restore: MAX_RESTORE_NAME_LENGTH,
  BackupStorageLocation: MAX_BACKUP_STORAGE_LOCATION_NAME_LENGTH,
  VolumeSnapshotLocation: MAX_DNS1123_SUBDOMAIN_LENGTH,
  ConfigMap: MAX_DNS1123_SUBDOMAIN_LENGTH,
};

const SUBDOMAIN_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_RULE =
  'lowercase letters, digits, "-" and "."; each dot-separated part starts and ends with a letter or digit';
const LABEL_RULE = 'lowercase letters, digits and "-"; starts and ends with a letter or digit';

/** True when `value` is a string Kubernetes accepts as a DNS-1123 subdomain (at most 253 characters). */
export function isDns1123Subdomain(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_DNS1123_SUBDOMAIN_LENGTH &&
    SUBDOMAIN_PATTERN.test(value)
  );
}

/** True when `value` is a string Kubernetes accepts as a DNS-1123 label (at most 63 characters, no dots). */
export function isDns1123Label(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_DNS1123_LABEL_LENGTH &&
    LABEL_PATTERN.test(value)
  );
}

/**
 * Joins phrases as `a`, `a and b`, `a, b and c` (shared by the rule modules' messages).
 *
 * @internal
 */
export function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/** Quotes each distinct character of `chars` in first-seen order: `"_", " "`. */
function quoteDistinct(chars: readonly string[]): string {
  return [...new Set(chars)].map((c) => JSON.stringify(c)).join(', ');
}

function characterProblems(text: string, allowDots: boolean): string[] {
  const found: string[] = [];
  if (/[A-Z]/.test(text)) found.push('uppercase letters');
  const allowed = allowDots ? /[a-zA-Z0-9.-]/ : /[a-zA-Z0-9-]/;
  const invalid = [...text].filter((c) => !allowed.test(c));
  if (invalid.length > 0) found.push(quoteDistinct(invalid));
  return found.length > 0 ? [`contains ${joinPhrases(found)}`] : [];
}

function edgeProblems(text: string, edgeChars: RegExp): string[] {
  const problems: string[] = [];
  const first = text[0] ?? '';
  const last = text[text.length - 1] ?? '';
  if (edgeChars.test(first)) problems.push(`starts with ${JSON.stringify(first)}`);
  if (edgeChars.test(last)) problems.push(`ends with ${JSON.stringify(last)}`);
  return problems;
}

/**
 * Lists why `text` is not a DNS-1123 subdomain, ignoring its length, as phrases such as
 * `contains uppercase letters`. Empty when only the length (or nothing) is wrong.
 */
export function describeDns1123SubdomainProblems(text: string): string[] {
  if (text === '') return ['is empty'];
  if (SUBDOMAIN_PATTERN.test(text)) return [];
  const problems = [...characterProblems(text, true), ...edgeProblems(text, /^[-.]$/)];
  const inner = text.slice(1, -1);
  if (inner.includes('..')) problems.push('contains ".." (an empty part between dots)');
  if (inner.includes('-.') || inner.includes('.-')) {
    problems.push(
      'has "-" next to "." (each dot-separated part must start and end with a letter or digit)',
    );
  }
  if (problems.length === 0) problems.push('does not match the DNS-1123 subdomain format');
  return problems;
}

/**
 * Lists why `text` is not a DNS-1123 label, ignoring its length, as phrases such as
 * `contains "."`. Empty when only the length (or nothing) is wrong.
 */
export function describeDns1123LabelProblems(text: string): string[] {
  if (text === '') return ['is empty'];
  if (LABEL_PATTERN.test(text)) return [];
  const problems = [...characterProblems(text, false), ...edgeProblems(text, /^-$/)];
  if (problems.length === 0) problems.push('does not match the DNS-1123 label format');
  return problems;
}

function suggestName(text: string, maxLength: number, allowDots: boolean): string | undefined {
  const lowered = text.toLowerCase().replace(allowDots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-');
  const parts = allowDots ? lowered.split('.') : [lowered];
  const fixed = parts
    .map((part) => part.replace(/^-+|-+$/g, ''))
    .filter((part) => part !== '')
    .join('.');
  if (fixed === '' || fixed === text || fixed.length > maxLength) return undefined;
  const pattern = allowDots ? SUBDOMAIN_PATTERN : LABEL_PATTERN;
  return pattern.test(fixed) ? fixed : undefined;
}

/**
 * A valid DNS-1123 subdomain close to `text` (lowercased, invalid characters such as `_` turned
 * into `-`, bad edges trimmed), or `undefined` when no such name fits in `maxLength` or `text` is
 * already valid. A suggestion for error messages only: names are never rewritten silently.
 */
export function suggestDns1123Subdomain(
  text: string,
  maxLength: number = MAX_DNS1123_SUBDOMAIN_LENGTH,
): string | undefined {
  return suggestName(text, maxLength, true);
}

/**
 * A valid DNS-1123 label close to `text` (lowercased, invalid characters including `.` turned into
 * `-`, bad edges trimmed), or `undefined` when no such name fits in `maxLength` or `text` is
 * already valid. A suggestion for error messages only: names are never rewritten silently.
 */
export function suggestDns1123Label(
  text: string,
  maxLength: number = MAX_DNS1123_LABEL_LENGTH,
): string | undefined {
  return suggestName(text, maxLength, false);
}

function typeIssue(value: unknown, path: string, subject: string): ValidationIssue[] {
  return [
    issue(path, `${subject} must be a string, but got ${typeName(value)}.`, {
      received: value,
      allowed: 'a string',
    }),
  ];
}

interface FormatOptions {
  readonly subject: string;
  readonly form: string;
  readonly rule: string;
  readonly problems: string[];
  readonly suggestion: string | undefined;
}

function formatIssue(value: string, path: string, options: FormatOptions): ValidationIssue {
  const hint =
    options.suggestion === undefined ? '' : ` For example ${JSON.stringify(options.suggestion)}.`;
  const message =
    value === ''
      ? `${options.subject} is empty; Kubernetes requires a ${options.form}: ${options.rule}.`
      : `${options.subject} ${JSON.stringify(value)} is not a valid ${options.form}: it ${joinPhrases(
          options.problems,
        )}. Use ${options.rule}.${hint}`;
  return issue(path, message, { received: value, allowed: options.rule });
}

function subdomainFormatIssues(
  value: string,
  path: string,
  subject: string,
  suggestionMax: number,
): ValidationIssue[] {
  const problems = describeDns1123SubdomainProblems(value);
  if (problems.length === 0) return [];
  return [
    formatIssue(value, path, {
      subject,
      form: 'DNS-1123 subdomain (the form Kubernetes requires for resource names)',
      rule: SUBDOMAIN_RULE,
      problems,
      suggestion: suggestDns1123Subdomain(value, suggestionMax),
    }),
  ];
}

function tooLongIssue(
  value: string,
  path: string,
  subject: string,
  max: number,
  why: string,
): ValidationIssue {
  return issue(
    path,
    `${subject} ${JSON.stringify(shorten(value))} is ${value.length} characters long; at most ${max} are allowed. ${why}`,
    { received: value, allowed: `at most ${max} characters` },
  );
}

function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/**
 * Checks that `value` is a DNS-1123 subdomain, the form Kubernetes requires for custom resource
 * names: at most 253 characters of lowercase letters, digits, `-` and `.`, each dot-separated part
 * starting and ending with a letter or digit. Returns one issue per problem (format, length); the
 * format issue suggests a valid name when the input is fixable.
 */
export function checkDns1123Subdomain(value: unknown, path: string): ValidationIssue[] {
  const subject = 'Name';
  if (typeof value !== 'string') return typeIssue(value, path, subject);
  const issues = subdomainFormatIssues(value, path, subject, MAX_DNS1123_SUBDOMAIN_LENGTH);
  if (value.length > MAX_DNS1123_SUBDOMAIN_LENGTH) {
    issues.push(
      tooLongIssue(
        value,
        path,
        subject,
        MAX_DNS1123_SUBDOMAIN_LENGTH,
        'Kubernetes limits DNS-1123 subdomains (resource names) to 253 characters.',
      ),
    );
  }
  return issues;
}

/**
 * Checks that `value` is a DNS-1123 label, the form Kubernetes requires for namespace names: at
 * most 63 characters of lowercase letters, digits and `-`, starting and ending with a letter or
 * digit. Returns one issue per problem (format, length); the format issue suggests a valid name
 * when the input is fixable.
 */
export function checkDns1123Label(value: unknown, path: string): ValidationIssue[] {
  const subject = 'Name';
  if (typeof value !== 'string') return typeIssue(value, path, subject);
  const issues: ValidationIssue[] = [];
  const problems = describeDns1123LabelProblems(value);
  if (problems.length > 0) {
    issues.push(
      formatIssue(value, path, {
        subject,
        form: 'DNS-1123 label (the form Kubernetes requires for namespace names)',
        rule: LABEL_RULE,
        problems,
        suggestion: suggestDns1123Label(value),
      }),
    );
  }
  if (value.length > MAX_DNS1123_LABEL_LENGTH) {
    issues.push(
      tooLongIssue(
        value,
        path,
        subject,
        MAX_DNS1123_LABEL_LENGTH,
        'Kubernetes limits DNS-1123 labels (namespace names) to 63 characters.',
      ),
    );
  }
  return issues;
}

function veleroLimitReason(kind: VeleroObjectKind, length: number): string {
  switch (kind) {
    case 'Schedule':
      return length > 63
        ? 'Velero labels every scheduled Backup with the raw schedule name (velero.io/schedule-name), and Kubernetes limits label values to 63 characters, so every scheduled Backup would fail to be created.'
        : `Velero names scheduled backups "<schedule>-<YYYYMMDDhhmmss>" (${SCHEDULED_BACKUP_SUFFIX_LENGTH} more characters) and labels them with the raw schedule name, which Kubernetes limits to 63 characters; with a longer name the Backup names exceed 63 characters, Velero truncates their velero.io/backup-name label, and CSI snapshot bookkeeping no longer matches them.`;
    case 'Backup':
      return 'Velero writes the backup name as the velero.io/backup-name label value, which Kubernetes limits to 63 characters; a longer name is truncated with a hash suffix and CSI snapshot bookkeeping no longer matches it.';
    case 'Restore':
      return 'Velero labels every restored object with velero.io/restore-name=<name>, and Kubernetes limits label values to 63 characters; a longer name is truncated with a hash suffix and no longer matches the Restore.';
    case 'BackupStorageLocation':
      return 'Velero labels every Backup with velero.io/storage-location=<name>, and Kubernetes limits label values to 63 characters; a longer name is truncated with a hash suffix.';
    default:
      return 'Kubernetes limits resource names (DNS-1123 subdomains) to 253 characters.';
  }
}

/**
 * Checks the `metadata.name` of a Velero object (or the resource-policy ConfigMap): it must be a
 * DNS-1123 subdomain, and within Velero's practical length limit for its kind
 * ({@link VELERO_NAME_LENGTH_LIMITS}: Schedule ≤ 48, Backup/Restore/BackupStorageLocation ≤ 63,
 * others ≤ 253). Each length message says why the limit exists.
 */
export function checkVeleroObjectName(
  value: unknown,
  path: string,
  kind: VeleroObjectKind,
): ValidationIssue[] {
  const subject = `${kind} name`;
  if (typeof value !== 'string') return typeIssue(value, path, subject);
  const max = VELERO_NAME_LENGTH_LIMITS[kind];
  const issues = subdomainFormatIssues(value, path, subject, max);
  if (value.length > max) {
    issues.push(tooLongIssue(value, path, subject, max, veleroLimitReason(kind, value.length)));
  }
  return issues;
}
