import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../io';
import type { LintInputError } from './types';

/** One input to lint: its name and how to read it. */
export interface LintInput {
  /** The name to report (`<stdin>` for `-`). */
  file: string;
  /** Reads the bytes. */
  read(): Promise<Uint8Array>;
}

/** The label `lint` reports for `-`. */
export const STDIN_LABEL = '<stdin>';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Directories a walk never enters: hidden ones (`.git`) and `node_modules`. */
function skipDirectory(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function walk(dir: string, seen: Set<string>, out: string[]): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  const entries = readdirSync(dir).sort();
  for (const name of entries) {
    const path = join(dir, name);
    let isDirectory = false;
    let isFile = false;
    try {
      const stats = statSync(path);
      isDirectory = stats.isDirectory();
      isFile = stats.isFile();
    } catch {
      continue; // a dangling link inside a folder is not one of the inputs the user named
    }
    if (isDirectory && !skipDirectory(name)) walk(path, seen, out);
    else if (isFile && MANIFEST_FILE.test(name)) out.push(path);
  }
}

/**
 * Expands the command line's paths into inputs: `-` is standard input, a folder is walked
 * recursively for `.yaml`, `.yml` and `.json` files (sorted, hidden folders and `node_modules`
 * skipped), any other path is read as given. A missing path or an empty folder is an input error.
 */
export function collectInputs(
  paths: readonly string[],
  io: CliIo,
): { inputs: LintInput[]; errors: LintInputError[] } {
  const inputs: LintInput[] = [];
  const errors: LintInputError[] = [];
  const fromFile = (file: string): LintInput => ({ file, read: async () => readFileSync(file) });
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ file: STDIN_LABEL, read: () => io.readStdin() });
      continue;
    }
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      errors.push({
        file: path,
        message:
          code === 'ENOENT'
            ? 'no such file or directory'
            : `cannot read it: ${(error as Error).message}`,
      });
      continue;
    }
    if (stats.isDirectory()) {
      const files: string[] = [];
      walk(path, new Set(), files);
      if (files.length === 0)
        errors.push({ file: path, message: 'folder holds no .yaml, .yml or .json file' });
      inputs.push(...files.map(fromFile));
    } else {
      inputs.push(fromFile(path));
    }
  }
  return { inputs, errors };
}
