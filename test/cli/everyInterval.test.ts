/**
 * `schedule create --schedule "@every 0s"`: velero accepts it, so velero-iac prints the Schedule
 * too, with a warning on stderr that it would back up without a pause.
 */
import { run } from './runCliForTest';

describe('schedule create with @every below one minute', () => {
  it.each(['@every 0s', '@every 30s', 'CRON_TZ=UTC @every 59s'])(
    'prints the Schedule for %j and warns on stderr',
    async (schedule) => {
      const result = await run([
        'schedule',
        'create',
        'frequent',
        '--schedule',
        schedule,
        '-o',
        'json',
      ]);
      expect(result.code).toBe(0);
      const manifest = JSON.parse(result.stdout) as { spec: Record<string, unknown> };
      expect(manifest.spec.schedule).toBe(schedule);
      expect(manifest.spec).not.toHaveProperty('allowIntervalsUnderOneMinute');
      expect(result.stderr).toMatch(/^Warning: --schedule ".*" fires every/);
      expect(result.stderr).toContain('more often than once a minute');
      expect(result.stderr).toContain('allowIntervalsUnderOneMinute');
    },
  );

  it('does not warn for one minute or more, or for a five-field cron', async () => {
    for (const schedule of ['@every 1m', '* * * * *', '@hourly']) {
      const result = await run(['schedule', 'create', 's', '--schedule', schedule]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
  });

  it('still reports other problems, and does not warn about a schedule that is invalid', async () => {
    const result = await run(['schedule', 'create', 'Bad_Name', '--schedule', '@every 10s']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NAME:');
    expect(result.stderr).not.toContain('Warning:');
  });
});
