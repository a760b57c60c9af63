import type { CliIo } from '../io';

/** What every command's action gets: the injected I/O and a way to set the exit code. */
export interface CommandContext {
  /** Streams and clock. */
  readonly io: CliIo;
  /** Sets the process exit code the run returns (the last call wins). */
  setExitCode(code: number): void;
}
