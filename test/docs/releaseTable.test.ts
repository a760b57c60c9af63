/**
 * The README's table of what each Velero release supports says what the library's tables say:
 * every row's first supported release is the release that added what it names, every entry of
 * the tables has a row, and the image rows are the pinned images.
 */
import { readFileSync } from 'node:fs';
import {
  AWS_PLUGIN_CONFIG_ADDITIONS,
  RESOURCE_POLICY_ADDITIONS,
  RESTORE_BACKUP_NAME_OPTIONAL_SINCE,
  VELERO_FIELD_ADDITIONS,
  VELERO_RELEASES,
  VELERO_VERSIONS,
  type VeleroVersion,
} from 'velero-iac';

interface Row {
  label: string;
  cells: string[];
}

function releaseTable(): Row[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Targeting a Velero release');
  const lines = readme.slice(start).split('\n');
  const header = lines.findIndex((l) => l.startsWith('| |'));
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [label = '', ...cells] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    rows.push({ label, cells });
  }
  return rows;
}

/** The names a row's label shows in backticks: the last key of each (`a.b[].c` names `c`). */
function namesIn(label: string): string[] {
  return [...label.matchAll(/`([^`]+)`/g)].map(
    (m) =>
      (m[1] ?? '')
        .split(/[.[\]]/)
        .filter((part) => part !== '')
        .pop() ?? '',
  );
}

/** The last key of a table path, or the value for value entries: what a row names in backticks. */
function named(path: string, value?: string): string {
  return value ?? path.replace(/\[\]/g, '').split('.').pop() ?? path;
}

describe('README: what each release supports', () => {
  const rows = releaseTable();
  const featureRows = rows.filter((r) => r.cells.every((c) => c === '✓' || c === '—'));

  test('has a column per release and the pinned images', () => {
    const header = readFileSync('README.md', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| | 1.12'));
    expect(header).toBe(`| | ${VELERO_VERSIONS.join(' | ')} |`);
    const images = rows.filter((r) => !featureRows.includes(r));
    expect(images.map((r) => r.cells)).toEqual([
      VELERO_VERSIONS.map((v) => VELERO_RELEASES[v].veleroImage.tag),
      VELERO_VERSIONS.map((v) => VELERO_RELEASES[v].awsPluginImage.tag),
    ]);
  });

  /** The first release a row marks supported; every later one must be supported too. */
  function sinceOf(row: Row): VeleroVersion {
    const first = row.cells.indexOf('✓');
    expect({ row: row.label, later: row.cells.slice(first) }).toEqual({
      row: row.label,
      later: row.cells.slice(first).map(() => '✓'),
    });
    return VELERO_VERSIONS[first] as VeleroVersion;
  }

  test('every table entry has a row whose first supported release is the one that added it', () => {
    const entries = [
      ...VELERO_FIELD_ADDITIONS.map((a) => ({ name: named(a.path), since: a.since })),
      ...RESOURCE_POLICY_ADDITIONS.map((a) => ({ name: named(a.path, a.value), since: a.since })),
      ...AWS_PLUGIN_CONFIG_ADDITIONS.map((a) => ({ name: a.key, since: a.since })),
      { name: 'backupName', since: RESTORE_BACKUP_NAME_OPTIONAL_SINCE },
      {
        name: 'CRON_TZ=',
        since: VELERO_VERSIONS.find((v) => VELERO_RELEASES[v].cronDialect === 'v3.0.1'),
      },
    ];
    for (const entry of entries) {
      const matching = featureRows.filter((r) => namesIn(r.label).includes(entry.name));
      expect({ entry: entry.name, rows: matching.length > 0 }).toEqual({
        entry: entry.name,
        rows: true,
      });
      for (const row of matching) {
        expect({ entry: entry.name, since: sinceOf(row) }).toEqual({
          entry: entry.name,
          since: entry.since,
        });
      }
    }
    // No row without an entry behind it.
    for (const row of featureRows) {
      expect({
        row: row.label,
        backed: entries.some((e) => namesIn(row.label).includes(e.name)),
      }).toEqual({ row: row.label, backed: true });
    }
  });
});
