/**
 * One exit-code rule for every command: 0 success, 1 invalid configuration, 2 usage error
 * (documented after every command's --help). For each command: a success, an invalid value, and
 * each kind of usage mistake it can see.
 */
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../lib/cli/cliError';
import { run } from './runCliForTest';

const SCHEDULES = 'test/cli/fixtures/schedules.yaml';
const SYNTH = ['synth', '--cluster', 'prod', '--region', 'eu-west-1', '--date', '2026-01-15'];
const PLAN = ['restore', 'plan', '--namespace', 'monitoring', '--release', 'prometheus'];

/** [command, command line, exit code]. */
const CASES: [string, string[], number][] = [
  ['synth', SYNTH, EXIT_OK],
  ['synth', [...SYNTH.slice(0, 5), '--date', '2026-13-45'], EXIT_FAILURE],
  ['synth', ['synth', '--region', 'eu-west-1'], EXIT_USAGE],
  ['synth', [...SYNTH, '-o', 'toml'], EXIT_USAGE],
  ['synth', [...SYNTH, '--nope'], EXIT_USAGE],

  ['lint', ['lint', 'test/cli/fixtures/lint/good'], EXIT_OK],
  ['lint', ['lint', 'test/cli/fixtures/lint/bad/typos.yaml'], EXIT_FAILURE],
  ['lint', ['lint'], EXIT_USAGE],
  ['lint', ['lint', '--format', 'xml', 'test/cli/fixtures/lint/good'], EXIT_USAGE],
  ['lint', ['lint', 'test/cli/fixtures/lint/missing.yaml'], EXIT_USAGE],

  ['backup create', ['backup', 'create', 'b'], EXIT_OK],
  ['backup create', ['backup', 'create', 'b', '--ttl', '30d'], EXIT_FAILURE],
  ['backup create', ['backup', 'create', 'Bad_Name'], EXIT_FAILURE],
  [
    'backup create',
    ['backup', 'create', '--from-schedule', 'weekly', '--schedule-file', SCHEDULES],
    EXIT_FAILURE,
  ],
  ['backup create', ['backup', 'create'], EXIT_USAGE],
  ['backup create', ['backup', 'create', 'a', 'b'], EXIT_USAGE],
  ['backup create', ['backup', 'create', 'b', '--snapshot-volumes', 'false'], EXIT_USAGE],
  ['backup create', ['backup', 'create', 'b', '-l', 'a=b', '--or-selector', 'c=d'], EXIT_USAGE],
  [
    'backup create',
    [
      'backup',
      'create',
      'b',
      '--include-resources',
      'pods',
      '--include-cluster-scoped-resources',
      'nodes',
    ],
    EXIT_USAGE,
  ],
  ['backup create', ['backup', 'create', 'b', '-o', 'table'], EXIT_USAGE],
  ['backup create', ['backup', 'create', '--from-schedule', 'daily'], EXIT_USAGE],

  ['schedule create', ['schedule', 'create', 's', '--schedule', '@daily'], EXIT_OK],
  ['schedule create', ['schedule', 'create', 's', '--schedule', '0 3 * * 7'], EXIT_FAILURE],
  [
    'schedule create',
    ['schedule', 'create', 's', '--schedule', '@daily', '--paused=maybe'],
    EXIT_FAILURE,
  ],
  ['schedule create', ['schedule', 'create', 's'], EXIT_USAGE],
  ['schedule create', ['schedule', 'create'], EXIT_USAGE],
  [
    'schedule create',
    ['schedule', 'create', 's', '--schedule', '@daily', '--paused', 'false'],
    EXIT_USAGE,
  ],
  [
    'schedule create',
    ['schedule', 'create', 's', '--schedule', '@daily', '-o', 'table'],
    EXIT_USAGE,
  ],

  ['restore create', ['restore', 'create', 'r', '--from-backup', 'b'], EXIT_OK],
  ['restore create', ['restore', 'create', 'r', '--from-backup', 'Bad_Backup'], EXIT_FAILURE],
  [
    'restore create',
    ['restore', 'create', 'r', '--from-backup', 'b', '--parallel-files-download', '-1'],
    EXIT_FAILURE,
  ],
  ['restore create', ['restore', 'create', 'r'], EXIT_USAGE],
  [
    'restore create',
    ['restore', 'create', 'r', '--from-backup', 'x', '--from-schedule', 'y'],
    EXIT_USAGE,
  ],
  [
    'restore create',
    ['restore', 'create', 'r', '--from-schedule', 's', '--allow-partially-failed'],
    EXIT_USAGE,
  ],
  [
    'restore create',
    ['restore', 'create', 'r', '--from-backup', 'b', '--restore-volumes', 'false'],
    EXIT_USAGE,
  ],
  ['restore create', ['restore', 'create', 'r', '--from-backup', 'b', '-o', 'table'], EXIT_USAGE],

  ['restore plan', [...PLAN, '--backup', 'b'], EXIT_OK],
  ['restore plan', [...PLAN, '--backup', 'Bad_Backup'], EXIT_FAILURE],
  ['restore plan', [...PLAN, '--backup', 'b', '--pvc', 'Not_A_Name'], EXIT_FAILURE],
  ['restore plan', [...PLAN, '--backup', 'x', '--schedule', 'y'], EXIT_USAGE],
  ['restore plan', [...PLAN], EXIT_USAGE],
  ['restore plan', ['restore', 'plan', '--backup', 'b'], EXIT_USAGE],
  ['restore plan', [...PLAN, '--backup', 'b', '-o', 'table'], EXIT_USAGE],
  ['restore plan', [...PLAN, '--backup', 'b', '--keep-existing-pv', 'true'], EXIT_USAGE],

  ['(none)', [], EXIT_USAGE],
  ['(none)', ['nope'], EXIT_USAGE],
  ['(none)', ['--version'], EXIT_OK],
];

describe('exit codes: usage errors 2, invalid configuration 1', () => {
  it.each(CASES.map(([command, argv, code]) => [command, argv.join(' '), code, argv] as const))(
    '%s: velero-iac %s exits %d',
    async (_command, _line, code, argv) => {
      const result = await run(argv);
      expect(result.code).toBe(code);
      // Every failure says why (lint prints its problems on stdout).
      if (code !== EXIT_OK) expect(result.stderr + result.stdout).not.toBe('');
    },
  );

  it('gives the same mistake the same code in restore create and restore plan', async () => {
    const create = await run(['restore', 'create', '--from-backup', 'x', '--from-schedule', 'y']);
    const plan = await run([...PLAN, '--backup', 'x', '--schedule', 'y']);
    expect([create.code, plan.code]).toEqual([EXIT_USAGE, EXIT_USAGE]);
  });

  it.each([
    ['--help'],
    ['synth', '--help'],
    ['lint', '--help'],
    ['backup', 'create', '--help'],
    ['schedule', 'create', '--help'],
    ['restore', 'create', '--help'],
    ['restore', 'plan', '--help'],
  ])('documents the rule after the help of velero-iac %s', async (...argv) => {
    const result = await run(argv);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain('Exit codes (the same rule for every command):');
    expect(result.stdout).toMatch(/^ {2}1 {2}invalid configuration: /m);
    expect(result.stdout).toMatch(/^ {2}2 {2}usage error: /m);
  });
});
