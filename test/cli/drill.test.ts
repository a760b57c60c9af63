/**
 * `velero-iac drill`: prints the core's drill of the default schedule or of one from a file, or
 * its script; every problem is reported naming the flag.
 */
import { restoreDrill, scheduleManifest, udsDefaultSchedule } from 'velero-iac';
import { stringify } from 'yaml';
import { parseYamlDocuments, run } from './runCliForTest';

describe('velero-iac drill', () => {
  test('prints the weekly drill of the default schedule', async () => {
    const result = await run(['drill']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(parseYamlDocuments(result.stdout)).toEqual(
      restoreDrill({ schedule: udsDefaultSchedule() }).manifests,
    );
  });

  test('--script prints exactly the script the CronJob runs', async () => {
    const result = await run(['drill', '--script', '--restore', 'namespace']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      restoreDrill({ schedule: udsDefaultSchedule(), restore: 'namespace' }).script,
    );
  });

  test('a schedule from a file, with options, as JSON', async () => {
    const schedule = scheduleManifest({
      name: 'apps',
      namespace: 'backup',
      schedule: '0 1 * * 0',
      template: { includedNamespaces: ['a', 'b'] },
    });
    const result = await run(
      [
        'drill',
        '--schedule-file',
        '-',
        '--schedule-name',
        'apps',
        '-n',
        'backup',
        '--include-namespaces',
        'b',
        '--cron',
        '15 5 * * 0',
        '-o',
        'json',
      ],
      { stdin: stringify(schedule) },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      restoreDrill({ schedule, namespaces: ['b'], cron: '15 5 * * 0' }).manifests,
    );
  });

  test('every problem names its flag', async () => {
    const result = await run([
      'drill',
      '--cron',
      '0 3 * * *',
      '--restore-timeout',
      '2d',
      '--scratch-prefix',
      '',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('3 problems');
    expect(result.stderr).toContain('--scratch-prefix');
    expect(result.stderr).toContain('--cron');
    expect(result.stderr).toContain('--restore-timeout');
    const missing = await run(['drill', '--schedule-file', '-', '--schedule-name', 'nope'], {
      stdin: '',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('schedules.velero.io "nope" not found');
  });
});
