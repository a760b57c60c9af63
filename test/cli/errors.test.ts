/**
 * Bad flags and values: velero-style messages (`An error occurred: ...`) that name the flag, exit
 * code 1 for a rejected value and 2 for wrong usage; nothing on stdout.
 */
import { run } from './runCliForTest';

const SCHEDULES = 'test/cli/fixtures/schedules.yaml';

/** [command line, exit code, texts stderr must contain]. */
const BAD: [string[], number, string[]][] = [
  [['backup', 'create', 'x', '--foo'], 2, ["unknown option '--foo'"]],
  [
    ['backup', 'create'],
    2,
    ['An error occurred: a backup name is required, unless you are creating based on a schedule'],
  ],
  [['backup', 'create', 'a', 'b'], 2, ['too many arguments']],
  // pflag semantics: a bare optional bool never takes the next word; refused with the fix.
  [
    ['backup', 'create', 'x', '--snapshot-volumes', 'false'],
    2,
    [
      '--snapshot-volumes false: a boolean flag takes its value after "="',
      '--snapshot-volumes=false',
    ],
  ],
  [
    ['backup', 'create', 'x', '--ttl', '30d'],
    1,
    ['invalid argument "30d" for "--ttl" flag', '720h0m0s'],
  ],
  [['backup', 'create', 'x', '--ttl', '-1h'], 1, ['"--ttl" flag', 'negative']],
  [
    ['backup', 'create', 'x', '--csi-snapshot-timeout', '10 m'],
    1,
    ['"--csi-snapshot-timeout" flag'],
  ],
  [
    ['backup', 'create', 'x', '--include-cluster-resources=maybe'],
    1,
    ['invalid argument "maybe" for "--include-cluster-resources" flag'],
  ],
  [
    ['backup', 'create', 'x', '--labels', 'novalue'],
    1,
    ['invalid argument "novalue" for "--labels" flag'],
  ],
  [['backup', 'create', 'x', '--labels', 'a b=c'], 1, ['--labels: labels["a b"]']],
  [['backup', 'create', 'x', '-l', 'app in (a'], 1, ['"--selector" flag']],
  [
    ['backup', 'create', 'x', '-l', 'a=b', '--or-selector', 'c=d'],
    2,
    ["either a 'selector' or an 'or-selector' can be specified, but not both"],
  ],
  [['backup', 'create', 'x', '--or-selector', 'a=b or '], 1, ['"--or-selector" flag']],
  [
    [
      'backup',
      'create',
      'x',
      '--include-resources',
      'pods',
      '--exclude-namespace-scoped-resources',
      'secrets',
    ],
    2,
    ['They cannot be used together', '--include-resources', '--exclude-namespace-scoped-resources'],
  ],
  [
    ['backup', 'create', 'x', '--parallel-files-upload', 'four'],
    1,
    ['"--parallel-files-upload" flag'],
  ],
  [['backup', 'create', 'x', '--ordered-resources', 'pods'], 1, ['"--ordered-resources" flag']],
  [['backup', 'create', 'x', '-o', 'table'], 2, ['invalid output format "table"']],
  [['backup', 'create', 'Bad_Name'], 1, ['NAME:']],
  [
    ['backup', 'create', 'x', '--include-namespaces', '*,apps'],
    1,
    ['--include-namespaces:', '"*" together with other entries'],
  ],
  [['backup', 'create', 'x', '--include-namespaces', 'a|b'], 1, ['--include-namespaces']],
  [['backup', 'create', 'x', '--exclude-resources', '*'], 1, ['--exclude-resources']],
  [['backup', 'create', 'x', '-n', 'Velero'], 1, ['--namespace']],
  [
    ['backup', 'create', '--from-schedule', 'daily'],
    2,
    ['--from-schedule daily needs --schedule-file FILE'],
  ],
  [
    [
      'backup',
      'create',
      '--from-schedule',
      'daily',
      '--schedule-file',
      'test/cli/fixtures/nope.yaml',
    ],
    2,
    ['--schedule-file test/cli/fixtures/nope.yaml: cannot read it'],
  ],
  [
    ['backup', 'create', '--from-schedule', 'weekly', '--schedule-file', SCHEDULES],
    1,
    ['schedules.velero.io "weekly" not found'],
  ],
  [['schedule', 'create', 'x'], 2, ['--schedule is required']],
  [['schedule', 'create'], 2, ["missing required argument 'NAME'"]],
  [['schedule', 'create', 'x', '--schedule', '0 3 * * * *'], 1, ['--schedule:', 'exactly 5']],
  [['schedule', 'create', 'x', '--schedule', '0 3 * * 7'], 1, ['--schedule:']],
  [['schedule', 'create', 'x', '--schedule', 'CRON_TZ=Mars/Olympus 0 3 * * *'], 1, ['--schedule:']],
  [['schedule', 'create', 'x'.repeat(49), '--schedule', '@daily'], 1, ['NAME:', '48']],
  [
    ['schedule', 'create', 'x', '--schedule', '@daily', '--skip-immediately=sometimes'],
    1,
    ['"--skip-immediately" flag'],
  ],
  [
    ['schedule', 'create', 'x', '--schedule', '@daily', '--ttl', '7d'],
    1,
    ['"--ttl" flag', '168h0m0s'],
  ],
  [['restore', 'create', 'r'], 2, ['either a backup or schedule must be specified']],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--from-schedule', 's'],
    2,
    ['either a backup or schedule must be specified, but not both'],
  ],
  [
    ['restore', 'create', 'r', '--from-schedule', 's', '--allow-partially-failed'],
    2,
    ['--allow-partially-failed', 'no cluster', '--from-backup'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--parallel-files-download', '-1'],
    1,
    ['--parallel-files-download must be 0 or more'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--existing-resource-policy', 'overwrite'],
    1,
    ['--existing-resource-policy:'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--include-resources', 'nodes'],
    1,
    ['--include-resources'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--namespace-mappings', 'a=b'],
    1,
    ['"--namespace-mappings" flag'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '-l', 'a=b', '--or-selector', 'c=d'],
    2,
    ["either a 'selector' or an 'or-selector'"],
  ],
  [['restore', 'create', 'r', '--from-backup', 'Bad_Backup'], 1, ['--from-backup']],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--write-sparse-files=yes'],
    1,
    ['"--write-sparse-files" flag'],
  ],
  [
    ['restore', 'create', 'r', '--from-backup', 'b', '--item-operation-timeout', '1d'],
    1,
    ['"--item-operation-timeout" flag'],
  ],
  [[], 2, ['Usage: velero-iac']],
  [['backup'], 2, ['Usage: velero-iac backup']],
  [['nope'], 2, ["unknown command 'nope'"]],
];

describe('velero-style errors', () => {
  it.each(BAD.map(([argv, code, texts]) => [argv.join(' '), argv, code, texts] as const))(
    'velero-iac %s',
    async (_line, argv, code, texts) => {
      const result = await run(argv);
      expect(result.code).toBe(code);
      for (const text of texts) expect(result.stderr).toContain(text);
      expect(result.stdout).toBe('');
    },
  );

  it('prefixes rejected values with velero\'s "An error occurred:"', async () => {
    const result = await run(['backup', 'create', 'x', '--ttl', '30d']);
    expect(result.stderr.startsWith('An error occurred: ')).toBe(true);
  });

  it('lists every problem at once, each with its flag', async () => {
    const result = await run([
      'schedule',
      'create',
      'x',
      '--schedule',
      'daily',
      '--storage-location',
      'Bad_Location',
      '--volume-snapshot-locations',
      'UPPER',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('problems:');
    expect(result.stderr).toContain('--schedule:');
    expect(result.stderr).toContain('--storage-location:');
    expect(result.stderr).toContain('--volume-snapshot-locations');
  });

  it('exits 0 for --help and --version, printing to stdout', async () => {
    for (const argv of [
      ['--help'],
      ['backup', 'create', '--help'],
      ['restore', 'plan', '--help'],
      ['--version'],
    ]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toBe('');
    }
  });
});
