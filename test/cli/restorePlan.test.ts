/**
 * `velero-iac restore plan`: golden output for both ways, the Restore it embeds (non-destructive,
 * valid for the core and the CRD), and its errors. Set UPDATE_GOLDEN=1 to rewrite the golden files
 * after an intended change, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { validateManifest } from 'velero-iac';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { parseYamlDocuments, run } from './runCliForTest';

const GOLDEN = 'test/cli/fixtures/restore-plan';

const DEFAULT_WAY = [
  'restore',
  'plan',
  '--namespace',
  'monitoring',
  '--release',
  'prometheus',
  '--backup',
  'velero-velero-udsbackup-20260101030000',
];
const HARD_WAY = [
  'restore',
  'plan',
  '--namespace',
  'tempo',
  '--release',
  'tempo',
  '--flux-namespace',
  'tempo',
  '--schedule',
  'velero-velero-udsbackup',
  '--keep-existing-pv',
  '--pvc',
  'tempo-data-0',
  '--selector',
  'app.kubernetes.io/name=tempo',
];

function expectGolden(file: string, actual: string): void {
  const path = `${GOLDEN}/${file}`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(existsSync(path)).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The here-document of the restore step, parsed. */
function embeddedRestore(stdout: string): Record<string, unknown> {
  const match = /<<'EOF'\n([\s\S]*?)\nEOF\n/.exec(stdout);
  if (match === null) throw new Error('no here-document in the plan');
  return parseYamlDocuments(match[1])[0] as Record<string, unknown>;
}

describe('velero-iac restore plan', () => {
  it('prints the default way (delete, then restore) as in the golden file', async () => {
    const result = await run(DEFAULT_WAY);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expectGolden('default-way.txt', result.stdout);
  });

  it('prints the hard way (--keep-existing-pv) as in the golden file', async () => {
    const result = await run(HARD_WAY);
    expect(result.code).toBe(0);
    expectGolden('keep-existing-pv.txt', result.stdout);
  });

  it('orders the default steps as the operations guide does', async () => {
    const titles = (await run(DEFAULT_WAY)).stdout.match(/^# \d+\. .*$/gm) ?? [];
    expect(titles).toEqual([
      '# 1. Suspend the HelmRelease so Flux does not change the workload during the restore',
      '# 2. Note the volumes and their PersistentVolumes',
      '# 3. Delete the workload',
      '# 4. Delete the PersistentVolumeClaims and PersistentVolumes',
      '# 5. Verify they are gone',
      '# 6. Restore the volumes with Velero',
      '# 7. Verify the new PersistentVolumeClaims are Bound',
      '# 8. Resume the HelmRelease',
    ]);
  });

  it('orders the hard way: note, restore, delete PVC and old PV, remove claimRef, delete pods, verify', async () => {
    const stdout = (await run(HARD_WAY)).stdout;
    const order = [
      'persistentVolumeReclaimPolicy":"Retain"',
      "kubectl create -f - <<'EOF'",
      'kubectl delete pvc tempo-data-0 -n tempo --wait=false',
      'kubectl delete pv $PVS --wait=false',
      `--type json -p '[{"op":"remove","path":"/spec/claimRef"}]'`,
      'kubectl delete pod -n tempo -l app.kubernetes.io/name=tempo',
      'kubectl get pv -l velero.io/restore-name=velero-velero-udsbackup-20260102030405 -o custom-columns',
      'flux resume helmrelease tempo -n tempo',
    ].map((text) => stdout.indexOf(text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(stdout).not.toContain('kubectl delete statefulset');
  });

  it('embeds a non-destructive Restore that the core and the CRD accept', async () => {
    for (const argv of [DEFAULT_WAY, HARD_WAY]) {
      const restore = embeddedRestore((await run(argv)).stdout);
      expect(validateManifest(restore)).toEqual([]);
      expect(restore.spec).not.toHaveProperty('existingResourcePolicy');
    }
    const restore = embeddedRestore((await run(DEFAULT_WAY)).stdout);
    expect(restore).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: {
        name: 'velero-velero-udsbackup-20260101030000-20260102030405',
        namespace: 'velero',
      },
      spec: {
        backupName: 'velero-velero-udsbackup-20260101030000',
        includedNamespaces: ['monitoring'],
        includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
      },
    });
  });

  it('-o yaml prints only the Restore; -o json the steps and the Restore', async () => {
    const yaml = await run([...DEFAULT_WAY, '--name', 'restore-prometheus', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    const docs = parseYamlDocuments(yaml.stdout);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ kind: 'Restore', metadata: { name: 'restore-prometheus' } });
    const json = JSON.parse((await run([...HARD_WAY, '-o', 'json'])).stdout) as {
      steps: { title: string; commands: string[] }[];
      restore: { spec: Record<string, unknown> };
    };
    expect(json.steps).toHaveLength(8);
    expect(json.restore.spec.scheduleName).toBe('velero-velero-udsbackup');
  });

  it('restores everything in the namespace with --include-resources ""', async () => {
    const restore = parseYamlDocuments(
      (await run([...DEFAULT_WAY, '--include-resources', '', '-o', 'yaml'])).stdout,
    )[0];
    expect((restore as { spec: Record<string, unknown> }).spec).toEqual({
      backupName: 'velero-velero-udsbackup-20260101030000',
      includedNamespaces: ['monitoring'],
    });
  });

  it('names workloads and PVCs when given', async () => {
    const stdout = (
      await run([
        ...DEFAULT_WAY,
        '--workload',
        'statefulset/prometheus-db',
        '--workload',
        'deployment/operator',
        '--pvc',
        'a',
        '--pvc',
        'b',
      ])
    ).stdout;
    expect(stdout).toContain(
      'kubectl delete -n monitoring statefulset/prometheus-db deployment/operator\n',
    );
    expect(stdout).toContain('kubectl delete pvc a b -n monitoring --wait=true\n');
    expect(stdout).toContain(
      'PVS=$(kubectl get pvc a b -n monitoring -o custom-columns=PV:.spec.volumeName --no-headers)\n',
    );
  });

  it('quotes selectors for the shell', async () => {
    const stdout = (await run([...DEFAULT_WAY, '--selector', 'app in (prometheus),!legacy']))
      .stdout;
    expect(stdout).toContain(
      "kubectl delete statefulset,deployment -n monitoring -l 'app in (prometheus),!legacy'\n",
    );
  });

  it.each([
    [['restore', 'plan', '--release', 'p', '--backup', 'b'], 2, '--namespace required'],
    [['restore', 'plan', '--namespace', 'm', '--backup', 'b'], 2, '--release required'],
    [
      ['restore', 'plan', '--namespace', 'm', '--release', 'p'],
      2,
      'exactly one of --backup and --schedule',
    ],
    [
      ['restore', 'plan', '--namespace', 'm', '--release', 'p', '--backup', 'b', '--schedule', 's'],
      2,
      'exactly one of --backup and --schedule',
    ],
    [
      ['restore', 'plan', '--namespace', 'Mon', '--release', 'p', '--backup', 'b'],
      1,
      '--namespace:',
    ],
    [
      [
        'restore',
        'plan',
        '--namespace',
        'm',
        '--release',
        'p',
        '--backup',
        'b',
        '--selector',
        'a in (b',
      ],
      1,
      '--selector',
    ],
    [
      [
        'restore',
        'plan',
        '--namespace',
        'm',
        '--release',
        'p',
        '--backup',
        'b',
        '--workload',
        'prometheus',
      ],
      1,
      '--workload',
    ],
    [
      ['restore', 'plan', '--namespace', 'm', '--release', 'p', '--backup', 'b'.repeat(60)],
      1,
      '--name',
    ],
    [
      ['restore', 'plan', '--namespace', 'm', '--release', 'p', '--backup', 'b', '-o', 'table'],
      2,
      'invalid output format',
    ],
  ])('rejects %j', async (argv, code, text) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(text);
  });
});

describeWithCrds("the restore plan's Restore conforms to its CRD", () => {
  it.each([[DEFAULT_WAY], [HARD_WAY]])('%j', async (argv) => {
    const restore = parseYamlDocuments((await run([...argv, '-o', 'yaml'])).stdout)[0];
    expect(validateAgainstCrd(restore)).toEqual([]);
  });
});
