/** `velero-iac synth`: the default set-up for one cluster, to stdout or one file per object. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { parseYamlDocuments, run } from './runCliForTest';

const BASE = ['synth', '--cluster', 'prod-eu', '--region', 'eu-west-1', '--date', '2026-01-15'];

describe('velero-iac synth', () => {
  it('prints the BackupStorageLocation, the VolumeSnapshotLocation and the default schedule', async () => {
    const result = await run(BASE);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter((line) => line === '---')).toHaveLength(2);
    expect(parseYamlDocuments(result.stdout)).toEqual([
      {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name: 'default', namespace: 'velero' },
        spec: {
          provider: 'aws',
          default: true,
          objectStorage: { bucket: 'prod-eu-velero-20260115' },
          config: { region: 'eu-west-1' },
        },
      },
      {
        apiVersion: 'velero.io/v1',
        kind: 'VolumeSnapshotLocation',
        metadata: { name: 'default', namespace: 'velero' },
        spec: { provider: 'aws', config: { region: 'eu-west-1' } },
      },
      {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { name: 'velero-velero-udsbackup', namespace: 'velero' },
        spec: {
          schedule: '0 3 * * *',
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: ['monitoring', 'tempo'],
            snapshotVolumes: true,
            ttl: '240h0m0s',
          },
        },
      },
    ]);
  });

  it('takes the namespace, schedule name, KMS key and an existing bucket', async () => {
    const result = await run([
      ...BASE,
      '--namespace',
      'backup',
      '--schedule-name',
      'velero-udsbackup',
      '--kms-key-id',
      'alias/velero',
      '--bucket',
      'legacy-backups',
      '-o',
      'json',
    ]);
    expect(result.code).toBe(0);
    const [bsl, vsl, schedule] = JSON.parse(result.stdout) as {
      metadata: { name: string; namespace: string };
      spec: Record<string, unknown>;
    }[];
    expect(bsl.spec.objectStorage).toEqual({ bucket: 'legacy-backups' });
    expect(bsl.spec.config).toEqual({ region: 'eu-west-1', kmsKeyId: 'alias/velero' });
    expect(vsl.metadata.namespace).toBe('backup');
    expect(schedule.metadata).toEqual({ name: 'velero-udsbackup', namespace: 'backup' });
  });

  it('accepts YYYYMMDD dates', async () => {
    const result = await run([
      'synth',
      '--cluster',
      'c1',
      '--region',
      'us-east-1',
      '--date',
      '20260115',
    ]);
    expect(result.stdout).toContain('bucket: c1-velero-20260115');
  });

  it('defaults the date to today in UTC and says to pin it', async () => {
    const result = await run(['synth', '--cluster', 'c1', '--region', 'us-east-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('bucket: c1-velero-20260102');
    expect(result.stderr).toContain('Pin it with --date 2026-01-02');
  });

  it('writes one file per object with --out and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velero-iac-synth-'));
    try {
      const out = join(dir, 'manifests');
      const result = await run([...BASE, '--out', out]);
      expect(result.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        'backupstoragelocation-default.yaml',
        'schedule-velero-velero-udsbackup.yaml',
        'volumesnapshotlocation-default.yaml',
      ]);
      expect(result.stdout).toContain(
        `wrote ${join(out, 'schedule-velero-velero-udsbackup.yaml')} (Schedule velero/velero-velero-udsbackup)`,
      );
      const schedule = parseYamlDocuments(
        readFileSync(join(out, 'schedule-velero-velero-udsbackup.yaml'), 'utf8'),
      );
      expect(schedule).toHaveLength(1);
      expect(schedule[0]).toMatchObject({ kind: 'Schedule' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['synth', '--region', 'eu-west-1'], 2, '--cluster required'],
    [['synth', '--cluster', 'c'], 2, '--region required'],
    [
      ['synth', '--cluster', 'Prod_EU', '--region', 'eu-west-1', '--date', '2026-01-15'],
      1,
      'suggested valid cluster name: "prod-eu"',
    ],
    [['synth', '--cluster', 'c1', '--region', 'eu-west', '--date', '2026-01-15'], 1, '--region:'],
    [['synth', '--cluster', 'c1', '--region', 'eu-west-1', '--date', '2026-02-30'], 1, '--date:'],
    [
      [
        'synth',
        '--cluster',
        'c1',
        '--region',
        'eu-west-1',
        '--date',
        '2026-01-15',
        '--bucket',
        'Bad_Bucket',
      ],
      1,
      '--bucket:',
    ],
    [
      [
        'synth',
        '--cluster',
        'c1',
        '--region',
        'eu-west-1',
        '--date',
        '2026-01-15',
        '--schedule-name',
        'x'.repeat(49),
      ],
      1,
      '--schedule-name:',
    ],
    [
      ['synth', '--cluster', 'c1', '--region', 'eu-west-1', '--date', '2026-01-15', '-o', 'toml'],
      2,
      'invalid output format',
    ],
  ])('rejects %j', async (argv, code, text) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(text);
    expect(result.stdout).toBe('');
  });
});

describeWithCrds('synth output conforms to the CRDs', () => {
  it('every manifest', async () => {
    const docs = parseYamlDocuments((await run([...BASE, '--kms-key-id', 'alias/k'])).stdout);
    expect(docs).toHaveLength(3);
    for (const doc of docs) expect(validateAgainstCrd(doc)).toEqual([]);
  });
});
