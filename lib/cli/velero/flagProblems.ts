import { CliError, EXIT_FAILURE } from '../cliError';
import { type FlagsByField, formatProblemList, toCliError } from './coreErrors';

/**
 * Collects every rejected flag value of one command, so that the command reports them all at once
 * together with the problems the core builder finds (as the library does), instead of stopping at
 * the first. Usage errors (exit code 2) are not collected: they stop the command at once.
 */
export class FlagProblems {
  private readonly messages: string[] = [];

  /**
   * Reads one flag value with `read` (a parser such as `parseDuration`). A value it rejects (a
   * {@link CliError} with exit code 1) is noted and `undefined` returned, so the command goes on
   * and the builder still checks every other field.
   */
  read<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (error instanceof CliError && error.exitCode === EXIT_FAILURE) {
        this.messages.push(error.message);
        return undefined;
      }
      throw error;
    }
  }

  /** True when no problem was noted. */
  isEmpty(): boolean {
    return this.messages.length === 0;
  }

  /** Notes a problem found by the command itself. */
  add(message: string): void {
    this.messages.push(message);
  }

  /**
   * Runs the core builder and returns what it built; throws one {@link CliError} listing every
   * problem noted so far and every problem the builder found, each naming its flag.
   */
  build<T>(flags: FlagsByField, build: () => T): T {
    let built: T;
    try {
      built = build();
    } catch (error) {
      throw toCliError(error, flags, this.messages);
    }
    this.throwIfAny();
    return built;
  }

  /** Throws one {@link CliError} listing every problem noted, if there is any. */
  throwIfAny(): void {
    if (this.messages.length > 0) throw new CliError(formatProblemList(this.messages));
  }
}
