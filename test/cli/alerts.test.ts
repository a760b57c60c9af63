import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type AlertedLocation, type AlertedSchedule, veleroAlertRules } from 'velero-iac';
import { parseAllDocuments } from 'yaml';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import { checkRules } from '../core/alerts/promtool';
import { describeIf, needsTool } from '../support/requirements';
import { parseYamlDocuments, run } from './runCliForTest';

const FIXTURES = path.join(__dirname, 'fixtures');
const PLATFORM = path.join(FIXTURES, 'lint', 'good', 'platform.yaml');
const SCHEDULES = path.join(FIXTURES, 'schedules.yaml');

/** The Velero objects of a fixture, as the command reads them. */
function veleroObjects(file: string, kind: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as { apiVersion?: string; kind?: string })
    .filter((o) => o?.apiVersion === 'velero.io/v1' && o.kind === kind);
}

describe('velero-iac alerts', () => {
  test('prints the PrometheusRule of the Schedules and locations in the files, as the core builds it', async () => {
    const result = await run([
      'alerts',
      PLATFORM,
      SCHEDULES,
      '--labels',
      'release=kube-prometheus-stack',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [rule] = parseYamlDocuments(result.stdout);
    const expected = veleroAlertRules(
      [
        ...veleroObjects(PLATFORM, 'Schedule'),
        ...veleroObjects(SCHEDULES, 'Schedule'),
      ] as AlertedSchedule[],
      {
        backupStorageLocations: veleroObjects(
          PLATFORM,
          'BackupStorageLocation',
        ) as AlertedLocation[],
        labels: { release: 'kube-prometheus-stack' },
      },
    ).prometheusRule;
    expect(rule).toEqual(expected);
    expect(validatePrometheusRules([rule])).toEqual([null]);
  });

  test('--format rules prints a plain Prometheus rules file; -o json and the options reach the rules', async () => {
    const result = await run([
      'alerts',
      SCHEDULES,
      '--format',
      'rules',
      '-o',
      'json',
      '--velero-job',
      'velero-server',
      '--backup-allowance',
      '1h',
      '--alert-labels',
      'team=platform',
      '--group-name',
      'backups',
      '--runbook-url',
      'https://wiki.example/restore',
    ]);
    expect(result.code).toBe(0);
    const file = JSON.parse(result.stdout) as {
      groups: {
        name: string;
        rules: {
          alert: string;
          expr: string;
          labels: Record<string, string>;
          annotations: Record<string, string>;
        }[];
      }[];
    };
    expect(Object.keys(file)).toEqual(['groups']);
    expect(file.groups[0]?.name).toBe('backups');
    const missed = file.groups[0]!.rules[0]!;
    expect(missed.alert).toBe('VeleroBackupMissed');
    expect(missed.expr).toContain('job="velero-server"');
    expect(missed.expr).toMatch(/> 90000$/); // 24h + 1h
    expect(missed.labels['team']).toBe('platform');
    expect(missed.annotations['runbook_url']).toBe('https://wiki.example/restore');
  });

  test('problems in the manifests are reported, not turned into rules (exit 1)', async () => {
    const bad =
      'apiVersion: velero.io/v1\nkind: Schedule\nmetadata: {name: daily}\nspec:\n  schedule: "0 3 * * 7"\n  template: {}\n';
    const result = await run(['alerts', '-'], { stdin: bad });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      '<stdin>:5:3: Schedule/daily: spec.schedule: day-of-week "7" is above the maximum 6',
    );
  });

  test('--velero-version: the schedules are read as that release reads them', async () => {
    const berlin =
      'apiVersion: velero.io/v1\nkind: Schedule\nmetadata: {name: berlin}\nspec:\n  schedule: "CRON_TZ=Europe/Berlin 0 3 * * *"\n  template: {}\n';
    expect((await run(['alerts', '-'], { stdin: berlin })).code).toBe(0);
    const old = await run(['alerts', '-', '--velero-version', '1.14'], { stdin: berlin });
    expect(old.code).toBe(1);
    expect(old.stdout).toBe('');
    expect(old.stderr).toContain('<stdin>:5:3: Schedule/berlin: spec.schedule:');
    expect(old.stderr).toContain('before Velero 1.15');
    const bad = await run(['alerts', '-', '--velero-version', '1.9'], { stdin: berlin });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --velero-version "1.9"');
  });

  test('no Schedule, a bad option, a bad format, a missing file', async () => {
    const none = await run(['alerts', path.join(FIXTURES, 'lint', 'good', 'list.json')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no Velero Schedule');
    const option = await run([
      'alerts',
      SCHEDULES,
      '--backup-allowance',
      'soon',
      '--name',
      'Bad Name',
    ]);
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('2 problems');
    expect(option.stderr).toContain('--backup-allowance: must be a Prometheus duration');
    expect(option.stderr).toContain('--name: ');
    const format = await run(['alerts', SCHEDULES, '--format', 'alertmanager']);
    expect(format.code).toBe(2);
    const missing = await run(['alerts', path.join(FIXTURES, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
  });
});

describeIf(
  [needsTool('promtool')],
  'velero-iac alerts --format rules under promtool check rules',
  () => {
    test('the printed file passes', async () => {
      const result = await run(['alerts', PLATFORM, SCHEDULES, '--format', 'rules']);
      expect(result.code).toBe(0);
      const checked = checkRules(result.stdout);
      expect(checked.output).toContain('SUCCESS');
      expect(checked.status).toBe(0);
    });
  },
);
