import { describeValue, issue, type ValidationIssue, VeleroConfigError } from './errors';

/** The fixed part between the cluster name and the date: `-velero-`. */
export const VELERO_BUCKET_INFIX = '-velero-';

/** The longest bucket name S3 accepts for a general-purpose bucket. */
export const S3_BUCKET_NAME_MAX_LENGTH = 63;

/** The shortest bucket name S3 accepts. */
export const S3_BUCKET_NAME_MIN_LENGTH = 3;

/**
 * The longest cluster name that still fits: `<cluster>-velero-<YYYYMMDD>` must be at most 63
 * characters, and `-velero-` plus 8 digits take 16 of them.
 */
export const MAX_CLUSTER_NAME_LENGTH =
  S3_BUCKET_NAME_MAX_LENGTH - VELERO_BUCKET_INFIX.length - 'YYYYMMDD'.length;

/** Prefixes S3 reserves; a general-purpose bucket name may not start with them. */
export const S3_RESERVED_BUCKET_PREFIXES: readonly string[] = ['xn--', 'sthree-', 'amzn-s3-demo-'];

/** Suffixes S3 reserves (access point aliases, Object Lambda, MRAP, directory and table buckets). */
export const S3_RESERVED_BUCKET_SUFFIXES: readonly string[] = [
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
];

const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Checks a name against every S3 naming rule for general-purpose buckets: 3-63 characters;
 * only lowercase letters, digits, `.` and `-`; starts and ends with a letter or digit; no `..`;
 * not shaped like an IPv4 address; none of the reserved prefixes or suffixes.
 *
 * @param name the candidate bucket name
 * @param path the field path used in the issues
 * @returns every rule the name breaks (empty when it is a valid bucket name)
 */
export function checkS3BucketName(name: unknown, path = 'bucket'): ValidationIssue[] {
  if (typeof name !== 'string') {
    return [issue(path, 'must be a string', { received: name, allowed: 'an S3 bucket name' })];
  }
  const issues: ValidationIssue[] = [];
  if (name.length < S3_BUCKET_NAME_MIN_LENGTH || name.length > S3_BUCKET_NAME_MAX_LENGTH) {
    issues.push(
      issue(
        path,
        `must be ${S3_BUCKET_NAME_MIN_LENGTH} to ${S3_BUCKET_NAME_MAX_LENGTH} characters long, not ${name.length}`,
        { received: name, allowed: '3-63 characters' },
      ),
    );
  }
  const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ''))];
  if (bad.length > 0) {
    issues.push(
      issue(
        path,
        `contains characters S3 does not allow in bucket names: ${JSON.stringify(bad.join(''))}`,
        {
          received: name,
          allowed: 'lowercase letters, digits, "." and "-"',
        },
      ),
    );
  }
  if (/^[.-]/.test(name) || /[.-]$/.test(name)) {
    issues.push(
      issue(path, 'must start and end with a lowercase letter or a digit', { received: name }),
    );
  }
  if (name.includes('..')) {
    issues.push(issue(path, 'must not contain two adjacent periods', { received: name }));
  }
  if (IPV4_LIKE.test(name)) {
    issues.push(issue(path, 'must not be formatted as an IP address', { received: name }));
  }
  for (const prefix of S3_RESERVED_BUCKET_PREFIXES) {
    if (name.startsWith(prefix)) {
      issues.push(
        issue(path, `must not start with "${prefix}", which S3 reserves`, { received: name }),
      );
    }
  }
  for (const suffix of S3_RESERVED_BUCKET_SUFFIXES) {
    if (name.endsWith(suffix)) {
      issues.push(
        issue(path, `must not end with "${suffix}", which S3 reserves`, { received: name }),
      );
    }
  }
  return issues;
}

/**
 * Checks the cluster part of a Velero bucket name. Stricter than S3 itself: lowercase letters,
 * digits and single `-` only (no `.`, which breaks TLS for virtual-hosted requests and Transfer
 * Acceleration, and no `--`, which S3 uses for its reserved suffixes and `xn--`), starting with a
 * letter or digit, at most {@link MAX_CLUSTER_NAME_LENGTH} characters.
 *
 * @param cluster the cluster name
 * @param path the field path used in the issues
 * @returns every rule the cluster name breaks (empty when it is usable)
 */
export function checkClusterName(cluster: unknown, path = 'cluster'): ValidationIssue[] {
  if (typeof cluster !== 'string') {
    return [
      issue(path, 'must be a string', {
        received: cluster,
        allowed: 'lowercase letters, digits and "-"',
      }),
    ];
  }
  if (cluster.length === 0) {
    return [
      issue(path, 'must not be empty: the bucket name starts with the cluster name', {
        received: cluster,
        allowed: `1-${MAX_CLUSTER_NAME_LENGTH} lowercase letters, digits and "-"`,
      }),
    ];
  }
  const issues: ValidationIssue[] = [];
  if (/[A-Z]/.test(cluster)) {
    issues.push(
      issue(path, 'must be lowercase: S3 bucket names cannot contain uppercase letters', {
        received: cluster,
      }),
    );
  }
  if (cluster.includes('_')) {
    issues.push(
      issue(path, 'must not contain "_": S3 bucket names cannot contain underscores', {
        received: cluster,
      }),
    );
  }
  if (cluster.includes('.')) {
    issues.push(
      issue(path, 'must not contain ".": dots break TLS for virtual-hosted S3 requests', {
        received: cluster,
      }),
    );
  }
  const other = [...new Set(cluster.replace(/[a-zA-Z0-9._-]/g, ''))];
  if (other.length > 0) {
    issues.push(
      issue(path, `contains characters S3 does not allow: ${JSON.stringify(other.join(''))}`, {
        received: cluster,
        allowed: 'lowercase letters, digits and "-"',
      }),
    );
  }
  if (!/^[a-zA-Z0-9]/.test(cluster)) {
    issues.push(
      issue(path, 'must start with a letter or a digit', {
        received: cluster,
      }),
    );
  }
  if (cluster.endsWith('-')) {
    issues.push(
      issue(path, 'must not end with "-": the bucket name would contain "--velero-"', {
        received: cluster,
      }),
    );
  }
  if (cluster.includes('--')) {
    issues.push(
      issue(path, 'must not contain "--": S3 reserves "--" for its own name suffixes and "xn--"', {
        received: cluster,
      }),
    );
  }
  for (const prefix of S3_RESERVED_BUCKET_PREFIXES) {
    if (cluster.toLowerCase().startsWith(prefix)) {
      issues.push(
        issue(path, `must not start with "${prefix}", which S3 reserves`, { received: cluster }),
      );
    }
  }
  if (cluster.length > MAX_CLUSTER_NAME_LENGTH) {
    issues.push(
      issue(
        path,
        `must be at most ${MAX_CLUSTER_NAME_LENGTH} characters (not ${cluster.length}) so that "<cluster>-velero-YYYYMMDD" fits in S3's 63`,
        { received: cluster, allowed: `1-${MAX_CLUSTER_NAME_LENGTH} characters` },
      ),
    );
  }
  return issues;
}

/**
 * A valid cluster name close to an invalid one, to put in error messages: trimmed, lowercased,
 * `_` and `.` turned into `-`, other characters dropped, `--` collapsed, no leading or trailing
 * `-`, no reserved prefix, cut to {@link MAX_CLUSTER_NAME_LENGTH}. Only ever a suggestion: the
 * library never applies it on its own, because two different clusters could map to one bucket.
 *
 * @param cluster the rejected cluster name
 * @returns a valid cluster name, or `undefined` when nothing usable is left
 */
export function suggestClusterName(cluster: string): string | undefined {
  let out = cluster
    .trim()
    .toLowerCase()
    .replace(/[_.\s]/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-');
  let changed = true;
  while (changed) {
    const before = out;
    out = out.replace(/^-+/, '');
    for (const prefix of S3_RESERVED_BUCKET_PREFIXES) {
      if (out.startsWith(prefix)) out = out.slice(prefix.length);
    }
    changed = out !== before;
  }
  out = out.slice(0, MAX_CLUSTER_NAME_LENGTH).replace(/-{2,}/g, '-').replace(/-+$/, '');
  return out.length > 0 && checkClusterName(out).length === 0 ? out : undefined;
}

/** The outcome of {@link parseBucketDate}: the compact date, or the problems found. */
export type ParsedBucketDate =
  | {
      /** The date could be used. */
      readonly ok: true;
      /** The date as `YYYYMMDD`. */
      readonly yyyymmdd: string;
    }
  | {
      /** The date could not be used. */
      readonly ok: false;
      /** Why not. */
      readonly issues: readonly ValidationIssue[];
    };

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Reads the date part of a bucket name. A `Date` gives its UTC calendar day; a string must be
 * `YYYY-MM-DD` or `YYYYMMDD` and a real calendar date (leap years included) between the years 1000
 * and 9999.
 *
 * @param date the date to read
 * @param path the field path used in the issues
 * @returns `{ ok: true, yyyymmdd }` or `{ ok: false, issues }`
 */
export function parseBucketDate(date: unknown, path = 'date'): ParsedBucketDate {
  const allowed = 'a Date, or a "YYYY-MM-DD" or "YYYYMMDD" string naming a real calendar day';
  if (date instanceof Date) {
    const time = date.getTime();
    if (Number.isNaN(time)) {
      return { ok: false, issues: [issue(path, 'is an invalid Date', { allowed })] };
    }
    const year = date.getUTCFullYear();
    if (year < 1000 || year > 9999) {
      return {
        ok: false,
        issues: [
          issue(path, `has year ${year}; the bucket date needs a four-digit year`, {
            received: date.toISOString(),
            allowed,
          }),
        ],
      };
    }
    return {
      ok: true,
      yyyymmdd: `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`,
    };
  }
  if (typeof date !== 'string') {
    return {
      ok: false,
      issues: [issue(path, 'must be a Date or a string', { received: date, allowed })],
    };
  }
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
  const dashes = (date.match(/-/g) ?? []).length;
  if (match === null || (dashes !== 0 && dashes !== 2)) {
    return {
      ok: false,
      issues: [
        issue(path, 'must be written "YYYY-MM-DD" or "YYYYMMDD"', { received: date, allowed }),
      ],
    };
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isRealCalendarDate(year, month, day)) {
    return {
      ok: false,
      issues: [issue(path, 'is not a real calendar date', { received: date, allowed })],
    };
  }
  return { ok: true, yyyymmdd: `${match[1]}${match[2]}${match[3]}` };
}

/**
 * The name of a cluster's Velero bucket: `<cluster>-velero-<YYYYMMDD>`, e.g.
 * `veleroBucketName('prod-eu', '2026-01-15')` is `prod-eu-velero-20260115`.
 *
 * The name is never rewritten: an invalid cluster name (uppercase, `_`, `.`, empty, longer than
 * {@link MAX_CLUSTER_NAME_LENGTH}, `--`, a reserved S3 prefix...) or date throws, listing every
 * problem and suggesting a valid cluster name, so that two clusters can never share a bucket.
 *
 * @param cluster the cluster name (lowercase letters, digits and `-`)
 * @param date the bucket's creation day: a `Date` (its UTC day) or `YYYY-MM-DD`/`YYYYMMDD`
 * @returns the bucket name, valid under every S3 rule for general-purpose buckets
 * @throws VeleroConfigError when the cluster name or the date cannot be used
 */
export function veleroBucketName(cluster: string, date: Date | string): string {
  const issues: ValidationIssue[] = [...checkClusterName(cluster, 'cluster')];
  const parsed = parseBucketDate(date, 'date');
  if (!parsed.ok) issues.push(...parsed.issues);
  if (issues.length === 0 && parsed.ok) {
    const name = `${cluster}${VELERO_BUCKET_INFIX}${parsed.yyyymmdd}`;
    const s3Issues = checkS3BucketName(name, 'bucketName');
    if (s3Issues.length === 0) return name;
    issues.push(...s3Issues);
  }
  const clusterHasIssues = issues.some((i) => i.path === 'cluster');
  const hint = clusterHasIssues
    ? ` ${clusterNameHint(cluster, parsed.ok ? parsed.yyyymmdd : undefined)}`
    : '';
  throw new VeleroConfigError(
    `Velero bucket name for cluster ${describeValue(cluster)}${hint}`,
    issues,
  );
}

/**
 * The hint error messages give for a rejected cluster name: a suggested valid cluster name (see
 * {@link suggestClusterName}) and, when the date is known, the bucket name it would give.
 *
 * @param cluster the rejected cluster name
 * @param yyyymmdd the bucket date, when known
 * @returns e.g. `(suggested valid cluster name: "prod-eu", giving bucket "prod-eu-velero-20260115")`
 */
export function clusterNameHint(cluster: unknown, yyyymmdd?: string): string {
  const suggestion = typeof cluster === 'string' ? suggestClusterName(cluster) : undefined;
  if (suggestion === undefined) {
    return '(use a cluster name of lowercase letters, digits and "-", e.g. "prod-eu")';
  }
  const bucket =
    yyyymmdd === undefined
      ? ''
      : `, giving bucket ${JSON.stringify(`${suggestion}${VELERO_BUCKET_INFIX}${yyyymmdd}`)}`;
  return `(suggested valid cluster name: ${JSON.stringify(suggestion)}${bucket})`;
}
