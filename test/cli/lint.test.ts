/**
 * `velero-iac lint` on the corpus in fixtures/lint: good files (every kind, non-Velero objects,
 * JSON lists, `kind: List`, nested folders), one bad file per family of core rules, and broken
 * inputs (malformed, binary, empty, comments only, truncated JSON, missing path).
 */
import { readFileSync } from 'node:fs';
import { lintSource } from '../../lib/cli/lint/lintSource';
import { formatProblem } from '../../lib/cli/lint/report';
import { parseIssuePath } from '../../lib/cli/lint/yamlLocation';
import { run } from './runCliForTest';

const DIR = 'test/cli/fixtures/lint';

/** [document, line, column, `Kind/name`, field path, a part of the message]. */
type Expected = [string, number, number, string, string, string];

const BAD: Record<string, Expected[]> = {
  'typos.yaml': [
    ['1', 9, 5, 'Schedule/daily', 'spec.template.tll', 'did you mean `ttl`?'],
    [
      '1',
      10,
      5,
      'Schedule/daily',
      'spec.template.includedNamespace',
      'did you mean `includedNamespaces`?',
    ],
    ['2', 13, 1, 'Shedule/weekly', 'kind', 'did you mean `Schedule`?'],
  ],
  'values.yaml': [
    [
      '1',
      4,
      3,
      'Schedule/a-schedule-name-that-is-far-too-long-for-velero-to-use',
      'metadata.name',
      'at most 48',
    ],
    [
      '1',
      7,
      3,
      'Schedule/a-schedule-name-that-is-far-too-long-for-velero-to-use',
      'spec.schedule',
      'day-of-week "7"',
    ],
    [
      '1',
      9,
      5,
      'Schedule/a-schedule-name-that-is-far-too-long-for-velero-to-use',
      'spec.template.ttl',
      '720h0m0s',
    ],
    [
      '1',
      10,
      5,
      'Schedule/a-schedule-name-that-is-far-too-long-for-velero-to-use',
      'spec.template.snapshotVolumes',
      'true or false',
    ],
    ['2', 15, 3, 'Backup/Adhoc_Backup', 'metadata.name', 'DNS-1123'],
    ['2', 18, 5, 'Backup/Adhoc_Backup', 'metadata.labels.team', 'Label value'],
    ['2', 20, 3, 'Backup/Adhoc_Backup', 'spec.csiSnapshotTimeout', 'must be a string'],
  ],
  'filters.yaml': [
    ['1', 7, 3, 'Backup/overlap', 'spec.includedNamespaces', '"*" together with other entries'],
    ['1', 8, 24, 'Backup/overlap', 'spec.excludedNamespaces[0]', 'is in both'],
    [
      '2',
      17,
      3,
      'Backup/mixed',
      'spec.includedNamespaceScopedResources',
      'cannot be used together',
    ],
    [
      '3',
      27,
      3,
      'Backup/selectors',
      'spec.orLabelSelectors',
      'cannot be combined with `labelSelector`',
    ],
    [
      '4',
      36,
      24,
      'Backup/globs',
      'spec.includedNamespaces[0]',
      'not a valid namespace name or pattern',
    ],
    ['4', 37, 23, 'Backup/globs', 'spec.excludedResources[0]', '"*" is not allowed'],
  ],
  'restores.yaml': [
    ['1', 8, 3, 'Restore/two-sources', 'spec.scheduleName', 'not both'],
    ['2', 15, 1, 'Restore/no-source', 'spec.backupName', 'needs its source'],
    ['3', 25, 3, 'Restore/bad-policy', 'spec.existingResourcePolicy', 'none, update'],
    ['3', 26, 23, 'Restore/bad-policy', 'spec.includedResources[0]', 'nodes cannot be restored'],
  ],
  'locations.yaml': [
    ['1', 9, 5, 'BackupStorageLocation/default', 'spec.objectStorage.bucket', 'without `/`'],
    [
      '1',
      12,
      5,
      'BackupStorageLocation/default',
      'spec.config.bucketRegion',
      'does not know `bucketRegion`',
    ],
    ['2', 21, 3, 'VolumeSnapshotLocation/default', 'spec.config.region', 'needs the region'],
  ],
  'resource-policy.yaml': [
    ['1', 8, 5, 'ConfigMap/volume-policy', 'data["policy.yaml"].version', 'version v1'],
    [
      '1',
      11,
      9,
      'ConfigMap/volume-policy',
      'data["policy.yaml"].volumePolicies[0].conditions.capacity',
      'capacity "5Gi"',
    ],
    [
      '1',
      13,
      9,
      'ConfigMap/volume-policy',
      'data["policy.yaml"].volumePolicies[0].action.type',
      'skip, snapshot, fs-backup, custom',
    ],
  ],
  'api-version.yaml': [
    ['1', 1, 1, 'Backup/near-miss', 'apiVersion', 'not a Velero API version'],
    ['2', 7, 1, 'Restore/no-api-version', 'apiVersion', 'not a Velero API version'],
  ],
};

function lines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line !== '');
}

describe('velero-iac lint: clean manifests', () => {
  it('exits 0 and counts documents, Velero objects and skipped objects', async () => {
    const result = await run(['lint', `${DIR}/good`]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      'lint: 3 files, 8 documents, 7 Velero objects, 2 skipped (not Velero), 0 problems',
    ]);
  });

  it('reads standard input for -', async () => {
    const result = await run(['lint', '-'], { stdin: readFileSync(`${DIR}/good/platform.yaml`) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'lint: 1 file, 6 documents, 5 Velero objects, 1 skipped (not Velero), 0 problems\n',
    );
  });

  it('accepts what `velero-iac synth -o json` prints (a JSON list)', async () => {
    const synth = await run([
      'synth',
      '--cluster',
      'prod',
      '--region',
      'eu-west-1',
      '--date',
      '2026-01-15',
      '-o',
      'json',
    ]);
    const result = await run(['lint', '-'], { stdin: synth.stdout });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 Velero objects');
  });
});

describe('velero-iac lint: one bad file per family of rules', () => {
  it.each(Object.entries(BAD))('%s', async (file, expected) => {
    const path = `${DIR}/bad/${file}`;
    const result = await run(['lint', path]);
    expect(result.code).toBe(1);
    const printed = lines(result.stdout);
    expect(printed).toHaveLength(expected.length + 1);
    const { problems } = lintSource(path, readFileSync(path));
    expected.forEach(([document, line, column, subject, field, text], i) => {
      // file:line:col: Kind/name: field.path: message, as editors and problem matchers read it.
      expect(printed[i].startsWith(`${path}:${line}:${column}: ${subject}: ${field}: `)).toBe(true);
      expect(printed[i]).toContain(text);
      expect(problems[i]).toMatchObject({ document: Number(document), line, column, path: field });
    });
    expect(printed[printed.length - 1]).toMatch(new RegExp(`, ${expected.length} problems?$`));
  });

  it('checks a whole folder, files in sorted order, and sums up', async () => {
    const result = await run(['lint', `${DIR}/bad`]);
    expect(result.code).toBe(1);
    const total = Object.values(BAD).reduce((n, e) => n + e.length, 0);
    const printed = lines(result.stdout);
    expect(printed).toHaveLength(total + 1);
    expect(printed[0].startsWith(`${DIR}/bad/api-version.yaml:1:1: `)).toBe(true);
    expect(printed[total]).toBe(
      `lint: 7 files, 16 documents, 16 Velero objects, 0 skipped (not Velero), ${total} problems`,
    );
  });

  it('--format json gives every problem with file, document, line, column, kind, name, path, message, and a summary', async () => {
    const result = await run(['lint', '--format', 'json', `${DIR}/bad/typos.yaml`]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      problems: unknown[];
      inputErrors: unknown[];
      summary: unknown;
    };
    expect(report.problems[0]).toEqual({
      file: `${DIR}/bad/typos.yaml`,
      document: 1,
      line: 9,
      column: 5,
      kind: 'Schedule',
      name: 'daily',
      path: 'spec.template.tll',
      message: 'unknown field `tll`: the API server would silently drop it; did you mean `ttl`?',
      allowed: 'ttl',
    });
    expect(report.inputErrors).toEqual([]);
    expect(report.summary).toEqual({
      files: 1,
      documents: 2,
      veleroObjects: 2,
      skipped: 0,
      problems: 3,
      unreadable: 0,
    });
  });

  it('names the item of a list document', () => {
    const result = lintSource(
      'list.json',
      '[{"apiVersion":"v1","kind":"Pod"},\n {"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"j"},\n  "spec":{"tll":"1h"}}]',
    );
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ document: 1, item: 1, line: 3, column: 11 });
    expect(formatProblem(result.problems[0])).toBe(
      'list.json:3:11: Backup/j: spec.tll: unknown field `tll`: the API server would silently drop it; did you mean `ttl`?',
    );
    expect(result.skipped).toBe(1);
  });
});

describe('velero-iac lint: inputs that cannot be checked', () => {
  it('reports each broken input by name, still checks the rest, and exits 2', async () => {
    const result = await run([
      'lint',
      `${DIR}/broken`,
      `${DIR}/good/list.json`,
      `${DIR}/missing.yaml`,
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `${DIR}/missing.yaml: error: no such file or directory`,
      `${DIR}/broken/binary.yaml: error: binary file (it contains NUL bytes): expected YAML or JSON text`,
      `${DIR}/broken/malformed.yaml:5:3: error: malformed YAML in document 1: Map keys must be unique`,
      `${DIR}/broken/malformed.yaml:14:1: error: malformed YAML in document 3: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${DIR}/broken/truncated.json:1:49: error: malformed JSON in document 1: Flow map must end with a }`,
    ]);
    const printed = lines(result.stdout);
    expect(printed).toEqual([
      `${DIR}/broken/comments-only.yaml:1:1: no YAML documents to check: the file is empty or holds only comments`,
      `${DIR}/broken/empty.yaml:1:1: no YAML documents to check: the file is empty or holds only comments`,
      expect.stringMatching(
        /^test\/cli\/fixtures\/lint\/broken\/malformed\.yaml:11:3: Backup\/fine: spec\.ttl: .*24h0m0s/,
      ),
      // The missing path is not a file: it counts only as an unreadable input.
      'lint: 6 files, 2 documents, 2 Velero objects, 1 skipped (not Velero), 3 problems, 5 unreadable inputs',
    ]);
  });

  it('exits 1 for an empty file alone (readable, but nothing to check)', async () => {
    const result = await run(['lint', `${DIR}/broken/empty.yaml`]);
    expect(result.code).toBe(1);
  });

  it('exits 2 for a missing path and for no path at all', async () => {
    expect((await run(['lint', 'no/such/dir'])).code).toBe(2);
    const none = await run(['lint']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required argument 'paths'");
  });

  it('exits 2 for an unknown --format', async () => {
    const result = await run(['lint', '--format', 'xml', `${DIR}/good`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid --format "xml"');
  });

  it('rejects text that is not UTF-8', () => {
    const result = lintSource(
      'latin1.yaml',
      Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
    );
    expect(result.inputErrors).toEqual([
      { file: 'latin1.yaml', message: 'not UTF-8 text: expected YAML or JSON' },
    ]);
  });

  it('reports binary input on stdin as <stdin>', async () => {
    const result = await run(['lint', '-'], { stdin: Buffer.from([0x61, 0x00, 0x62]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<stdin>: error: binary file');
  });
});

describe('issue paths', () => {
  it('splits dotted keys, indexes and quoted keys', () => {
    expect(parseIssuePath('spec.template.ttl')).toEqual(['spec', 'template', 'ttl']);
    expect(parseIssuePath('spec.hooks.resources[2].pre[0]')).toEqual([
      'spec',
      'hooks',
      'resources',
      2,
      'pre',
      0,
    ]);
    expect(parseIssuePath('metadata.labels["app.kubernetes.io/name"]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
    expect(parseIssuePath('data["a\\"b"].version')).toEqual(['data', 'a"b', 'version']);
    expect(parseIssuePath('')).toEqual([]);
  });
});
