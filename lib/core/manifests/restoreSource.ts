import type { RestoreSourceOptions } from '../types/restore';

/**
 * The source names as given (unset ones left out), typed as {@link RestoreSourceOptions} for
 * `restoreManifest`, which checks at run time that exactly one is set: for input that TypeScript
 * has not checked (command-line flags, plan options, JavaScript callers).
 */
export function uncheckedRestoreSource(
  backupName: string | undefined,
  scheduleName: string | undefined,
): RestoreSourceOptions {
  const names: { backupName?: string; scheduleName?: string } = {};
  if (backupName !== undefined) names.backupName = backupName;
  if (scheduleName !== undefined) names.scheduleName = scheduleName;
  return names as RestoreSourceOptions;
}
