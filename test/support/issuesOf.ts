import { VeleroConfigError } from 'velero-iac';

/**
 * The issues of the `VeleroConfigError` that `run` throws, or `[]` when it returns. Any other
 * error is re-thrown, so a `TypeError` fails the test.
 */
export function issuesOf(run: () => unknown): VeleroConfigError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof VeleroConfigError) return error.issues;
    throw error;
  }
  return [];
}
