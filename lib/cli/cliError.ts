/** Exit code: success, or lint found nothing. */
export const EXIT_OK = 0;

/** Exit code: a value was rejected (velero's own code for `An error occurred`), or lint found problems. */
export const EXIT_FAILURE = 1;

/** Exit code: wrong usage (unknown flag, missing argument) or input that could not be read. */
export const EXIT_USAGE = 2;

/**
 * An error the CLI reports as `An error occurred: <message>` (velero's wording) and turns into an
 * exit code, instead of a stack trace.
 */
export class CliError extends Error {
  /** The process exit code: {@link EXIT_FAILURE} for rejected values, {@link EXIT_USAGE} for usage. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A {@link CliError} for wrong usage (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}
