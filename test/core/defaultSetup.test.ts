import fc from 'fast-check';
import {
  DEFAULT_LOCATION_NAME,
  defaultVeleroSetup,
  VeleroConfigError,
  validateManifest,
} from 'velero-iac';

describe('defaultVeleroSetup', () => {
  it('builds the locations and the default schedule for one cluster', () => {
    const setup = defaultVeleroSetup({
      cluster: 'prod-eu',
      date: '2026-01-15',
      region: 'eu-west-1',
    });
    expect(setup.bucketName).toBe('prod-eu-velero-20260115');
    expect(setup.backupStorageLocation).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: DEFAULT_LOCATION_NAME, namespace: 'velero' },
      spec: {
        provider: 'aws',
        objectStorage: { bucket: 'prod-eu-velero-20260115' },
        config: { region: 'eu-west-1' },
        default: true,
      },
    });
    expect(setup.volumeSnapshotLocation.spec).toEqual({
      provider: 'aws',
      config: { region: 'eu-west-1' },
    });
    expect(setup.schedule.metadata.name).toBe('velero-velero-udsbackup');
    expect(setup.manifests).toEqual([
      setup.backupStorageLocation,
      setup.volumeSnapshotLocation,
      setup.schedule,
    ]);
  });

  it('reads a Date in UTC, and uses a given bucket and KMS key', () => {
    const setup = defaultVeleroSetup({
      cluster: 'c1',
      date: new Date(Date.UTC(2026, 0, 15, 23, 30)),
      region: 'us-gov-west-1',
      bucket: 'existing-bucket',
      kmsKeyId: 'arn:aws:kms:us-gov-west-1:111122223333:key/abc',
      namespace: 'backup',
      scheduleName: 'velero-udsbackup',
    });
    expect(setup.bucketName).toBe('existing-bucket');
    expect(setup.backupStorageLocation.spec.config).toEqual({
      region: 'us-gov-west-1',
      kmsKeyId: 'arn:aws:kms:us-gov-west-1:111122223333:key/abc',
    });
    expect(setup.schedule.metadata).toEqual({ name: 'velero-udsbackup', namespace: 'backup' });
    expect(
      defaultVeleroSetup({
        cluster: 'c1',
        date: new Date(Date.UTC(2026, 0, 15, 23, 30)),
        region: 'eu-west-1',
      }).bucketName,
    ).toBe('c1-velero-20260115');
  });

  it('lists every problem at once and suggests a valid cluster name', () => {
    let caught: unknown;
    try {
      defaultVeleroSetup({
        cluster: 'Prod_EU',
        date: '2026-02-30',
        region: 'Europe',
        namespace: 'Velero',
        kmsKeyId: ' ',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VeleroConfigError);
    const error = caught as VeleroConfigError;
    expect(new Set(error.issues.map((i) => i.path))).toEqual(
      new Set(['namespace', 'region', 'kmsKeyId', 'cluster', 'date']),
    );
    expect(error.subject).toContain('"prod-eu"');
  });

  it('maps the schedule name to its option', () => {
    expect(() =>
      defaultVeleroSetup({
        cluster: 'c',
        date: '2026-01-15',
        region: 'eu-west-1',
        scheduleName: 'x'.repeat(49),
      }),
    ).toThrow(/scheduleName/);
  });

  it('either builds valid manifests or throws VeleroConfigError', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.oneof(fc.constant('2026-01-15'), fc.string({ maxLength: 10 })),
        fc.oneof(fc.constantFrom('eu-west-1', 'us-east-2'), fc.string({ maxLength: 12 })),
        (cluster, date, region) => {
          try {
            const setup = defaultVeleroSetup({ cluster, date, region });
            for (const manifest of setup.manifests) expect(validateManifest(manifest)).toEqual([]);
          } catch (error) {
            expect(error).toBeInstanceOf(VeleroConfigError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
