import { issue, type ValidationIssue } from './errors';
import { joinPath } from './path';
import { parseGoDuration } from './rules/duration';

/** S3 Object Lock retention modes. */
export const ObjectLockMode = {
  /** Users with `s3:BypassGovernanceRetention` can lift the retention. */
  Governance: 'GOVERNANCE',
  /** Nobody, not even the root user, can lift the retention before it ends. */
  Compliance: 'COMPLIANCE',
} as const;

/** S3 Object Lock retention modes: `GOVERNANCE` or `COMPLIANCE`. */
export type ObjectLockMode = (typeof ObjectLockMode)[keyof typeof ObjectLockMode];

/** The default retention S3 Object Lock applies to every new object version in a Velero bucket. */
export interface ObjectLockRetentionOptions {
  /** Days each new object version stays locked: a positive integer. */
  retentionDays: number;
  /**
   * The retention mode. `GOVERNANCE` can be lifted by a principal with
   * `s3:BypassGovernanceRetention`; `COMPLIANCE` cannot be lifted or shortened by anyone, the
   * account root included, until every locked version expires.
   * @default 'GOVERNANCE'
   */
  mode?: ObjectLockMode;
  /**
   * The shortest `ttl` of any Backup or Schedule that writes to the bucket, as a Go duration
   * (`240h0m0s`, `72h`). The retention must be shorter than it.
   */
  shortestBackupTtl: string;
  /**
   * Accept `COMPLIANCE` mode. Off by default because a wrong retention in compliance mode cannot
   * be undone: the objects (and the bucket) stay for the whole retention whatever anyone does.
   * @default false
   */
  allowComplianceMode?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks an Object Lock default retention for a Velero bucket. Velero deletes a backup when its
 * TTL expires, but a locked object version cannot be deleted before its retention ends, neither by
 * Velero's GC nor by the noncurrent-version lifecycle rule nor by kopia maintenance (upstream
 * issues #8691, #8726); velero-plugin-for-aws only adds a delete marker. A lock that outlives the
 * TTL therefore keeps expired backups in the bucket and makes deletions of locked versions fail.
 * So:
 * - `retentionDays` must be a positive integer and, in days, strictly shorter than
 *   `shortestBackupTtl`;
 * - `mode` must be `GOVERNANCE`; `COMPLIANCE` is accepted only with `allowComplianceMode: true`.
 *
 * @param opts the retention and the shortest backup TTL
 * @param path the field path of `opts` used in the issues
 * @returns every problem found (empty when the retention is safe)
 */
export function checkObjectLockRetention(
  opts: ObjectLockRetentionOptions,
  path = 'objectLock',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const daysPath = joinPath(path, 'retentionDays');
  const ttlPath = joinPath(path, 'shortestBackupTtl');
  const modePath = joinPath(path, 'mode');
  const retentionDays: unknown = opts.retentionDays;
  const daysValid =
    typeof retentionDays === 'number' && Number.isInteger(retentionDays) && retentionDays >= 1;
  if (!daysValid) {
    issues.push(
      issue(daysPath, 'must be a whole number of days, at least 1', {
        received: retentionDays,
        allowed: 'an integer >= 1',
      }),
    );
  }
  const mode: unknown = opts.mode ?? 'GOVERNANCE';
  if (mode === 'COMPLIANCE') {
    if (opts.allowComplianceMode !== true) {
      issues.push(
        issue(
          modePath,
          'COMPLIANCE mode cannot be undone: no one, not even the account root, can shorten the retention or delete a locked version, so a mistake keeps every backup (and the bucket) for the whole period. Use GOVERNANCE, or set allowComplianceMode: true to accept this',
          { received: mode, allowed: 'GOVERNANCE' },
        ),
      );
    }
  } else if (mode !== 'GOVERNANCE') {
    issues.push(
      issue(modePath, 'is not an Object Lock mode', {
        received: mode,
        allowed: 'GOVERNANCE (or COMPLIANCE with allowComplianceMode: true)',
      }),
    );
  }
  if (opts.allowComplianceMode !== undefined && typeof opts.allowComplianceMode !== 'boolean') {
    issues.push(
      issue(joinPath(path, 'allowComplianceMode'), 'must be true or false', {
        received: opts.allowComplianceMode,
      }),
    );
  }
  const ttl: unknown = opts.shortestBackupTtl;
  const ttlMs = typeof ttl === 'string' ? parseGoDuration(ttl) : undefined;
  if (ttlMs === undefined) {
    issues.push(
      issue(ttlPath, 'must be a Go duration such as "240h0m0s" or "72h" (there is no "d" unit)', {
        received: ttl,
        allowed: 'a Go duration greater than 0',
      }),
    );
  } else if (ttlMs <= 0) {
    issues.push(
      issue(
        ttlPath,
        "must be greater than 0 (a ttl of 0 means Velero's default, --default-backup-ttl, 720h by default: pass the effective TTL)",
        { received: ttl, allowed: 'a Go duration greater than 0' },
      ),
    );
  } else if (daysValid && (retentionDays as number) * DAY_MS >= ttlMs) {
    const maxDays = Math.ceil(ttlMs / DAY_MS) - 1;
    issues.push(
      issue(
        daysPath,
        `must be shorter than the shortest backup TTL (${String(ttl)}): Velero cannot delete locked objects, so expired backups would outlive their TTL and deleting them would fail until the lock ends`,
        {
          received: retentionDays,
          allowed:
            maxDays >= 1
              ? `1-${maxDays} days`
              : 'none: a TTL of 24h or less leaves no room for a whole-day retention',
        },
      ),
    );
  }
  return issues;
}
