import { VeleroBackup } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synthOne,
} from './cdk8sTestKit';

describe('VeleroBackup', () => {
  it('synthesizes one Backup with the exact name, the namespace and the spec fields', () => {
    const chart = newChart();
    const backup = new VeleroBackup(chart, 'before-upgrade', {
      name: 'before-upgrade-2026-01-15',
      includedNamespaces: ['gitlab'],
      excludedResources: ['events'],
      ttl: '72h0m0s',
      snapshotVolumes: false,
      defaultVolumesToFsBackup: true,
      labelSelector: { matchLabels: { app: 'gitlab' } },
    });
    const object = synthOne(chart);
    expect(object.kind).toBe('Backup');
    expect(object.metadata).toEqual({ name: 'before-upgrade-2026-01-15', namespace: 'velero' });
    expect(object['spec']).toEqual({
      includedNamespaces: ['gitlab'],
      excludedResources: ['events'],
      ttl: '72h0m0s',
      snapshotVolumes: false,
      defaultVolumesToFsBackup: true,
      labelSelector: { matchLabels: { app: 'gitlab' } },
    });
    expect(object).toEqual(backup.manifest);
    expect(backup.name).toBe('before-upgrade-2026-01-15');
  });

  it('honours a namespace other than the default', () => {
    const chart = newChart();
    new VeleroBackup(chart, 'b', { name: 'b', namespace: 'velero-system' });
    expect(synthOne(chart).metadata.namespace).toBe('velero-system');
  });

  it('throws a VeleroConfigError naming the construct path and the field', () => {
    expectConstructError(
      () => new VeleroBackup(newChart(), 'b', { name: 'b', ttl: '30 days' }),
      'VeleroBackup',
      'test/b',
      'ttl',
    );
  });

  it('rejects a labelSelector together with orLabelSelectors', () => {
    const error = expectConstructError(
      () =>
        new VeleroBackup(newChart(), 'selectors', {
          name: 'b',
          labelSelector: { matchLabels: { a: 'b' } },
          orLabelSelectors: [{ matchLabels: { c: 'd' } }],
        }),
      'VeleroBackup',
      'test/selectors',
      'orLabelSelectors',
    );
    expect(error.issues.length).toBeGreaterThanOrEqual(1);
  });
});

describeConformanceOfSynthesized();
