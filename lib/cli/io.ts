import { readFileSync } from 'node:fs';

/** Where the CLI reads and writes, and what time it is: injected so tests need no process. */
export interface CliIo {
  /** Writes text to standard output (the text carries its own newlines). */
  stdout(text: string): void;
  /** Writes text to standard error (the text carries its own newlines). */
  stderr(text: string): void;
  /** Reads all of standard input (used for `-` arguments). */
  readStdin(): Promise<Buffer>;
  /** The current instant (used for default names and dates). */
  now(): Date;
}

/** Reads a readable stream to its end. */
async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The real process's streams and clock. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    readStdin: () => readAll(process.stdin),
    now: () => new Date(),
  };
}

/** The package version, read from the package.json next to `lib/` or `dist/`; `0.0.0` if absent. */
export function packageVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(`${__dirname}/../../package.json`, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed) {
      const { version } = parsed;
      if (typeof version === 'string') return version;
    }
  } catch {
    // No package.json next to the code (e.g. bundled): fall through.
  }
  return '0.0.0';
}
