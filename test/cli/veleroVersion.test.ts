/**
 * `--velero-version` on every command: the release the cluster runs. Fields it lacks are refused
 * (naming the flag and the release that added the field), schedules use its cron dialect, and what
 * is printed conforms to that release's CRDs.
 */
import { VELERO_VERSIONS } from 'velero-iac';
import { describeWithCrds, validateAllAgainstCrd } from '../conformance/crdValidator';
import { parseYamlDocuments, run, runForObject } from './runCliForTest';

/** Every command, with the arguments it needs to succeed. */
const COMMANDS: readonly (readonly string[])[] = [
  ['synth', '--cluster', 'prod', '--region', 'eu-west-1', '--date', '2026-01-15'],
  ['lint', 'test/cli/fixtures/lint/good/nested', 'test/cli/fixtures/lint/good/list.json'],
  ['backup', 'create', 'b'],
  ['schedule', 'create', 's', '--schedule', '0 3 * * *'],
  ['restore', 'create', 'r', '--from-backup', 'b'],
  ['restore', 'plan', '--namespace', 'monitoring', '--release', 'prometheus', '--backup', 'b'],
  ['drill'],
];

describe('--velero-version', () => {
  test.each(COMMANDS.map((argv) => [argv.slice(0, 2).join(' '), argv] as const))(
    '%s takes it, lists it in --help and refuses a release it cannot target',
    async (_label, argv) => {
      const help = await run([...argv.filter((a) => !a.startsWith('-')).slice(0, 2), '--help']);
      expect(help.stdout).toContain('--velero-version <release>');
      for (const spelled of ['1.12', 'v1.15.2', '1.18']) {
        const ok = await run([...argv, '--velero-version', spelled]);
        expect({ spelled, code: ok.code, stderr: ok.stderr }).toEqual(
          expect.objectContaining({ spelled, code: 0 }),
        );
      }
      const bad = await run([...argv, '--velero-version', '1.11']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('invalid --velero-version "1.11"');
      expect(bad.stderr).toContain(VELERO_VERSIONS.join(', '));
    },
  );

  test('drill: the Restore each run creates targets the release, and so does the default schedule', async () => {
    const restoreOf = (script: string) =>
      JSON.parse(script.split('\n').find((l) => l.includes('"kind":"Restore"')) ?? '{}') as {
        spec: Record<string, unknown>;
      };
    const old = await run(['drill', '--script', '--velero-version', '1.13']);
    expect(old.code).toBe(0);
    expect(restoreOf(old.stdout).spec).toMatchObject({
      backupName: '',
      scheduleName: 'velero-velero-udsbackup',
    });
    const newest = await run(['drill', '--script']);
    expect(restoreOf(newest.stdout).spec).not.toHaveProperty('backupName');
  });

  test('schedule create: a flag setting a field the release lacks names the flag and the release', async () => {
    const result = await run([
      'schedule',
      'create',
      's',
      '--schedule',
      '0 3 * * *',
      '--skip-immediately=true',
      '--velero-version',
      '1.12',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--skip-immediately: `skipImmediately` was added in Velero 1.13',
    );
  });

  test('schedule create: a CRON_TZ= prefix is refused for Velero 1.14 and kept for 1.15', async () => {
    const argv = ['schedule', 'create', 's', '--schedule', 'CRON_TZ=Europe/Berlin 0 3 * * *'];
    const old = await run([...argv, '--velero-version', '1.14']);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('--schedule:');
    expect(old.stderr).toContain('robfig/cron v1.1.0');
    const schedule = await runForObject([...argv, '--velero-version', '1.15']);
    expect((schedule.spec as Record<string, unknown>).schedule).toBe(
      'CRON_TZ=Europe/Berlin 0 3 * * *',
    );
  });

  test('restore create --from-schedule writes backupName "" for Velero 1.13, as its CLI does', async () => {
    const restore = await runForObject([
      'restore',
      'create',
      'r',
      '--from-schedule',
      'daily',
      '--velero-version',
      '1.13',
    ]);
    expect(restore.spec).toEqual({
      backupName: '',
      scheduleName: 'daily',
      includedNamespaces: ['*'],
    });
    expect(Object.keys(restore.spec as object)[0]).toBe('backupName');
  });

  test('lint: the resource policy of the good corpus needs Velero 1.14 (action snapshot)', async () => {
    const old = await run(['lint', 'test/cli/fixtures/lint/good', '--velero-version', '1.13']);
    expect(old.code).toBe(1);
    expect(old.stdout).toContain('the action type `snapshot` was added in Velero 1.14');
    expect(
      (await run(['lint', 'test/cli/fixtures/lint/good', '--velero-version', '1.14'])).code,
    ).toBe(0);
  });

  test('lint reports fields the release lacks, with their line', async () => {
    const manifest = [
      'apiVersion: velero.io/v1',
      'kind: Schedule',
      'metadata: {name: daily, namespace: velero}',
      'spec:',
      "  schedule: '0 3 * * *'",
      '  template:',
      '    volumeGroupSnapshotLabelKey: group',
      '',
    ].join('\n');
    const newest = await run(['lint', '-'], { stdin: manifest });
    expect(newest.code).toBe(0);
    const old = await run(['lint', '-', '--velero-version', '1.16', '--format', 'json'], {
      stdin: manifest,
    });
    expect(old.code).toBe(1);
    const report = JSON.parse(old.stdout) as {
      problems: { path: string; line?: number; message: string }[];
    };
    expect(report.problems).toEqual([
      expect.objectContaining({
        path: 'spec.template.volumeGroupSnapshotLabelKey',
        line: 7,
        message: expect.stringContaining('was added in Velero 1.17'),
      }),
    ]);
  });
});

describeWithCrds('what the CLI prints conforms to the CRDs of --velero-version', () => {
  test.each(['1.12', '1.13', '1.14', '1.17'] as const)('Velero %s', async (version) => {
    const printed = [
      ...parseYamlDocuments(
        (
          await run([
            'synth',
            '--cluster',
            'prod',
            '--region',
            'eu-west-1',
            '--date',
            '2026-01-15',
            '--velero-version',
            version,
          ])
        ).stdout,
      ),
      await runForObject([
        'restore',
        'create',
        'r',
        '--from-schedule',
        'd',
        '--velero-version',
        version,
      ]),
      await runForObject(['backup', 'create', 'b', '--ttl', '24h', '--velero-version', version]),
      await runForObject([
        'schedule',
        'create',
        's',
        '--schedule',
        '@daily',
        '--velero-version',
        version,
      ]),
    ];
    expect(printed).toHaveLength(6);
    expect(validateAllAgainstCrd(printed, version)).toEqual([]);
  });
});
