/**
 * Every command's --help fits in 80 columns (descriptions wrapped, long flags on a line of their
 * own), and each command that names things by time says which clock it uses.
 */
import { run, TEST_NOW } from './runCliForTest';

const COMMANDS = [
  [],
  ['synth'],
  ['lint'],
  ['backup'],
  ['backup', 'create'],
  ['schedule'],
  ['schedule', 'create'],
  ['restore'],
  ['restore', 'create'],
  ['restore', 'plan'],
];

async function help(command: string[]): Promise<string> {
  const result = await run([...command, '--help']);
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('--help layout', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(program)', c] as const))(
    '%s: every line fits in 80 columns',
    async (_name, command) => {
      const text = await help(command);
      const long = text.split('\n').filter((line) => line.length > 80);
      expect(long).toEqual([]);
    },
  );

  it('backup create: long flags stand alone, their descriptions wrapped in the column below', async () => {
    const text = await help(['backup', 'create']);
    const lines = text.split('\n');
    const at = lines.indexOf('  --include-namespace-scoped-resources <stringArray>');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {40}Namespaced resources to include in the/);
    // Short flags keep their description beside them, in the same column.
    expect(text).toMatch(/^ {2}--ttl <duration> +How long before the backup can be$/m);
  });
});

describe('which clock default names use', () => {
  it('restore create: local time, as velero restore create', async () => {
    expect(await help(['restore', 'create'])).toMatch(/local time,\s+as velero restore create/);
  });

  it('backup create --from-schedule: UTC, as velero names it', async () => {
    expect(await help(['backup', 'create'])).toMatch(/SCHEDULE-YYYYMMDDhhmmss in UTC, as velero/);
  });

  it("restore plan and synth: UTC, velero-iac's own rule", async () => {
    expect(await help(['restore', 'plan'])).toMatch(
      /in UTC, the rule of\s+velero-iac's own commands/,
    );
    expect(await help(['synth'])).toMatch(/today in UTC, the rule of\s+velero-iac's own commands/);
  });

  it('and the names follow what the help says', async () => {
    // 2026-01-02T03:04:05Z; the local rendering depends on the machine's zone.
    const pad = (n: number): string => String(n).padStart(2, '0');
    const local = `${TEST_NOW.getFullYear()}${pad(TEST_NOW.getMonth() + 1)}${pad(TEST_NOW.getDate())}${pad(TEST_NOW.getHours())}${pad(TEST_NOW.getMinutes())}${pad(TEST_NOW.getSeconds())}`;
    const create = await run(['restore', 'create', '--from-backup', 'b', '-o', 'json']);
    expect(JSON.parse(create.stdout).metadata.name).toBe(`b-${local}`);
    const plan = await run([
      'restore',
      'plan',
      '--namespace',
      'm',
      '--release',
      'p',
      '--backup',
      'b',
      '-o',
      'json',
    ]);
    expect(JSON.parse(plan.stdout).restore.metadata.name).toBe('b-20260102030405');
  });
});
