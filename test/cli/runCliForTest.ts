import { parseAllDocuments } from 'yaml';
import { runCli } from '../../lib/cli/runCli';

/** The outcome of one in-process `velero-iac` run. */
export interface CliRun {
  /** The exit code runCli returned. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/** The instant every test run sees as "now": 2026-01-02T03:04:05Z. */
export const TEST_NOW = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

/** Runs the CLI in-process with captured output, a fixed clock and optional stdin. */
export async function run(
  argv: readonly string[],
  options: { stdin?: string | Buffer; now?: Date } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () =>
      typeof options.stdin === 'string'
        ? Buffer.from(options.stdin)
        : (options.stdin ?? Buffer.alloc(0)),
    now: () => options.now ?? TEST_NOW,
  });
  return { code, stdout, stderr };
}

/** Parses YAML stdout (one or more documents) into plain objects; fails on malformed YAML. */
export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`CLI printed malformed YAML: ${doc.errors[0].message}`);
    return doc.toJS() as unknown;
  });
}

/** Runs the CLI and returns the single object it printed as YAML, failing on any error. */
export async function runForObject(argv: readonly string[]): Promise<Record<string, unknown>> {
  const result = await run(argv);
  if (result.code !== 0) {
    throw new Error(`velero-iac ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  const docs = parseYamlDocuments(result.stdout);
  if (docs.length !== 1) throw new Error(`expected one document, got ${docs.length}`);
  return docs[0] as Record<string, unknown>;
}
