/**
 * The create commands report every problem at once, as the library does: flag values that cannot
 * be read together with everything the core builder rejects, each naming its flag, one per line.
 * Problems of a `--schedule-file` Schedule (and YAML errors in that file) are printed as the same
 * list, never joined on one line.
 */
import { run } from './runCliForTest';

const FILES = 'test/cli/fixtures/schedule-file';
/** Two malformed documents (a duplicate key, an unclosed flow sequence) around a good one. */
const MALFORMED = 'test/cli/fixtures/lint/broken/malformed.yaml';

/** The problem lines of `An error occurred: N problems:` (each indented by two spaces). */
function problemLines(stderr: string): string[] {
  const [head, ...rest] = stderr.trimEnd().split('\n');
  expect(head).toMatch(/^An error occurred: (.+: )?\d+ problems:$/);
  for (const line of rest) expect(line.startsWith('  ')).toBe(true);
  return rest.map((line) => line.slice(2));
}

describe('every problem at once', () => {
  it('schedule create Nightly_1 --schedule "0 3 * * 7" --ttl 30d: NAME, --schedule and --ttl', async () => {
    const result = await run([
      'schedule',
      'create',
      'Nightly_1',
      '--schedule',
      '0 3 * * 7',
      '--ttl',
      '30d',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('An error occurred: 3 problems:\n')).toBe(true);
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^invalid argument "30d" for "--ttl" flag: .*720h0m0s/);
    expect(lines[1]).toMatch(/^NAME: .*"Nightly_1"/);
    expect(lines[2]).toMatch(/^--schedule: day-of-week "7"/);
  });

  it('backup create: every unreadable flag value and every rejected field', async () => {
    const result = await run([
      'backup',
      'create',
      'Bad_Name',
      '--ttl',
      '1d',
      '--snapshot-volumes=maybe',
      '--labels',
      'novalue',
      '--parallel-files-upload',
      'four',
      '--include-namespaces',
      '*,apps',
    ]);
    expect(result.code).toBe(1);
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(6);
    for (const flag of ['--labels', '--parallel-files-upload', '--snapshot-volumes', '--ttl']) {
      expect(
        lines.some((l) => l.startsWith(`invalid argument`) && l.includes(`"${flag}" flag`)),
      ).toBe(true);
    }
    expect(lines.some((l) => l.startsWith('NAME: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('--include-namespaces: '))).toBe(true);
  });

  it('restore create: every unreadable flag value and every rejected field', async () => {
    const result = await run([
      'restore',
      'create',
      'r',
      '--from-backup',
      'Bad_Backup',
      '--item-operation-timeout',
      '1d',
      '--restore-volumes=perhaps',
      '--parallel-files-download',
      '-1',
      '--existing-resource-policy',
      'overwrite',
      '--namespace-mappings',
      'a=b',
    ]);
    expect(result.code).toBe(1);
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('invalid argument'))).toHaveLength(3);
    expect(lines).toContain('--parallel-files-download must be 0 or more, got -1');
    expect(lines.some((l) => l.startsWith('--from-backup: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('--existing-resource-policy: '))).toBe(true);
  });

  it('a usage error still stops at once (exit 2), before any value is judged', async () => {
    const result = await run([
      'restore',
      'create',
      'Bad_Name',
      '--from-backup',
      'b',
      '--from-schedule',
      's',
      '--ttl-typo',
    ]);
    expect(result.code).toBe(2);
  });
});

describe('--schedule-file problems', () => {
  it('lists the problems of the Schedule read from the file, one per line', async () => {
    const result = await run([
      'backup',
      'create',
      '--from-schedule',
      'broken',
      '--schedule-file',
      `${FILES}/invalid.yaml`,
    ]);
    expect(result.code).toBe(1);
    const [notice, head, ...rest] = result.stderr.trimEnd().split('\n');
    expect(notice).toBe('Creating backup from schedule, all other filters are ignored.');
    expect(head).toBe(`An error occurred: Schedule "broken" in ${FILES}/invalid.yaml: 4 problems:`);
    expect(rest).toHaveLength(4);
    for (const line of rest) expect(line).toMatch(/^ {2}\S/);
    // One field per line: never two problems joined on one line.
    const fields = ['ttl', 'snapshotVolume', 'includedNamespaces', 'excludedResources[0]'];
    fields.forEach((field) => {
      expect(rest.filter((line) => line.startsWith(`  spec.template.${field}: `))).toHaveLength(1);
    });
  });

  it('prints YAML errors as file:line:col: message, without a dangling "at line L, column C:"', async () => {
    const result = await run([
      'backup',
      'create',
      '--from-schedule',
      'daily',
      '--schedule-file',
      MALFORMED,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/column \d+:\s*$/m);
    expect(result.stderr).not.toContain('^');
    const [head, ...rest] = result.stderr.trimEnd().split('\n');
    expect(head).toBe(
      `An error occurred: --schedule-file ${MALFORMED}: malformed YAML: 2 problems:`,
    );
    expect(rest).toEqual([
      `  ${MALFORMED}:5:3: Map keys must be unique`,
      `  ${MALFORMED}:14:1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });
});
