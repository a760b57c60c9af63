/**
 * The Velero release a configuration targets: how a release is written, the images pinned per
 * release, the cron dialect, and the per-release rules that the CRDs cannot show (resource-policy
 * keys and actions, AWS plugin config keys), for every builder and checker that takes
 * `veleroVersion`. The CRD-derived field table is checked in `test/conformance/versionFields`.
 */
import {
  AWS_PLUGIN_CONFIG_ADDITIONS,
  awsPluginImageFor,
  backupFromSchedule,
  backupStorageLocationManifest,
  checkResourcePolicyText,
  checkVeleroVersion,
  DEFAULT_VELERO_VERSION,
  defaultVeleroSetup,
  isVeleroVersion,
  isVeleroVersionAtLeast,
  parseVeleroVersion,
  RESOURCE_POLICY_ADDITIONS,
  resourcePolicyConfigMap,
  restoreDrill,
  restorePlan,
  scheduleManifest,
  udsDefaultSchedule,
  VELERO_AWS_PLUGIN_IMAGE,
  VELERO_CHART_VELERO_VERSION,
  VELERO_RELEASES,
  VELERO_VERSIONS,
  type VeleroVersion,
  validateManifest,
  veleroChartInstallation,
  veleroHelmValues,
  veleroImageFor,
} from 'velero-iac';
import { VELERO_IMAGE } from '../../lib/core/veleroChart';
import { issuesOf } from '../support/issuesOf';

describe('releases', () => {
  test('1.12 to 1.18, oldest first, 1.18 by default', () => {
    expect(VELERO_VERSIONS).toEqual(['1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18']);
    expect(DEFAULT_VELERO_VERSION).toBe('1.18');
    expect(isVeleroVersionAtLeast('1.13', '1.13')).toBe(true);
    expect(isVeleroVersionAtLeast('1.12', '1.13')).toBe(false);
    expect(isVeleroVersionAtLeast('1.18', '1.12')).toBe(true);
  });

  test.each([
    ['1.15', '1.15'],
    ['v1.15', '1.15'],
    ['1.15.2', '1.15'],
    [' v1.12.4 ', '1.12'],
    ['1.11', undefined],
    ['1.19', undefined],
    ['2.0', undefined],
    ['1.15.x', undefined],
    ['latest', undefined],
    ['', undefined],
  ])('parseVeleroVersion(%j) is %j', (text, expected) => {
    expect(parseVeleroVersion(text)).toBe(expected);
  });

  test('checkVeleroVersion: the option takes the minor release only, and says how to write it', () => {
    expect(checkVeleroVersion(undefined)).toEqual([]);
    for (const version of VELERO_VERSIONS) expect(checkVeleroVersion(version)).toEqual([]);
    expect(checkVeleroVersion('v1.15.2')).toEqual([
      expect.objectContaining({
        path: 'veleroVersion',
        message: expect.stringContaining("write the minor release, '1.15'"),
      }),
    ]);
    expect(checkVeleroVersion(1.15)[0]?.message).toContain('not supported');
    expect(checkVeleroVersion('1.11', 'x')[0]).toEqual(
      expect.objectContaining({ path: 'x', allowed: expect.stringContaining("'1.12'") }),
    );
    expect(isVeleroVersion('1.18')).toBe(true);
    expect(isVeleroVersion('1.18.1')).toBe(false);
  });

  test('pinned images: the newest patch of each release and the AWS plugin paired with it', () => {
    expect(
      Object.fromEntries(
        VELERO_VERSIONS.map((v) => [
          v,
          [VELERO_RELEASES[v].veleroImage.tag, VELERO_RELEASES[v].awsPluginImage.tag],
        ]),
      ),
    ).toEqual({
      '1.12': ['v1.12.4', 'v1.8.2'],
      '1.13': ['v1.13.2', 'v1.9.2'],
      '1.14': ['v1.14.1', 'v1.10.1'],
      '1.15': ['v1.15.2', 'v1.11.1'],
      '1.16': ['v1.16.2', 'v1.12.2'],
      '1.17': ['v1.17.2', 'v1.13.2'],
      '1.18': ['v1.18.1', 'v1.14.2'],
    });
    for (const v of VELERO_VERSIONS) {
      expect(VELERO_RELEASES[v].version).toBe(v);
      expect(VELERO_RELEASES[v].veleroImage.tag.startsWith(`v${v}.`)).toBe(true);
    }
    // The chart pins the same Velero image as the 1.18 release, and the chart values' plugin
    // default is the one paired with 1.18.
    expect(veleroImageFor()).toEqual(VELERO_IMAGE);
    expect(awsPluginImageFor()).toBe('velero/velero-plugin-for-aws:v1.14.2');
    expect(VELERO_AWS_PLUGIN_IMAGE).toBe(awsPluginImageFor('1.18'));
    expect(awsPluginImageFor('1.12')).toBe('velero/velero-plugin-for-aws:v1.8.2');
  });

  test('cron dialect: robfig/cron v1.1.0 up to 1.14, v3.0.1 from 1.15', () => {
    expect(VELERO_VERSIONS.map((v) => VELERO_RELEASES[v].cronDialect)).toEqual([
      'v1.1.0',
      'v1.1.0',
      'v1.1.0',
      'v3.0.1',
      'v3.0.1',
      'v3.0.1',
      'v3.0.1',
    ]);
    for (const version of VELERO_VERSIONS) {
      const withZone = () =>
        scheduleManifest({
          name: 'berlin',
          schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *',
          template: {},
          veleroVersion: version,
        });
      const issues = issuesOf(withZone);
      expect({ version, refused: issues.length > 0 }).toEqual({
        version,
        refused: !isVeleroVersionAtLeast(version, '1.15'),
      });
      if (issues.length > 0) expect(issues[0]?.path).toBe('schedule');
    }
  });
});

describe('validateManifest({ veleroVersion })', () => {
  const schedule = {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'daily', namespace: 'velero' },
    spec: { schedule: '0 3 * * *', template: {}, skipImmediately: true },
  };

  test('reports fields the release lacks at their manifest path', () => {
    expect(validateManifest(schedule)).toEqual([]);
    expect(validateManifest(schedule, { veleroVersion: '1.13' })).toEqual([]);
    expect(validateManifest(schedule, { veleroVersion: '1.12' })).toEqual([
      expect.objectContaining({
        path: 'spec.skipImmediately',
        received: 'true',
        allowed: 'Velero 1.13 or later',
      }),
    ]);
  });

  test('an invalid release is an issue at veleroVersion, the rest is checked against 1.18', () => {
    const issues = validateManifest(
      { ...schedule, spec: { ...schedule.spec, template: { tll: '1h' } } },
      { veleroVersion: '1.0' as VeleroVersion },
    );
    expect(issues.map((i) => i.path)).toEqual(['veleroVersion', 'spec.template.tll']);
  });

  test('builders report an invalid release with every other problem', () => {
    const issues = issuesOf(() =>
      scheduleManifest({
        name: 'daily',
        schedule: 'never',
        template: {},
        veleroVersion: '1.9' as VeleroVersion,
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['veleroVersion', 'schedule']);
  });

  test('veleroVersion never reaches the spec', () => {
    const built = scheduleManifest({
      name: 'daily',
      schedule: '0 3 * * *',
      template: {},
      veleroVersion: '1.15',
    });
    expect(built.spec).toEqual({ schedule: '0 3 * * *', template: {} });
    expect(JSON.stringify(built)).not.toContain('veleroVersion');
  });
});

/** A document using one resource-policy addition, as YAML text and as builder options. */
function policyUsing(path: string, value: string | undefined): Record<string, unknown> {
  const condition: Record<string, unknown> = { storageClass: ['gp3'] };
  const action: Record<string, unknown> = { type: value ?? 'skip' };
  if (path.endsWith('conditions.volumeTypes')) condition.volumeTypes = ['nfs'];
  if (path.endsWith('conditions.pvcLabels')) condition.pvcLabels = { env: 'prod' };
  if (path.endsWith('conditions.pvcPhase')) condition.pvcPhase = ['Bound'];
  if (path.endsWith('csi.volumeAttributes')) {
    condition.csi = { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } };
  }
  if (path === 'includeExcludePolicy') {
    return { includeExcludePolicy: { excludedNamespaceScopedResources: ['secrets'] } };
  }
  return { volumePolicies: [{ conditions: condition, action }] };
}

describe('resource policies: keys and actions per release', () => {
  test.each(
    RESOURCE_POLICY_ADDITIONS.map(
      (a) => [`${a.path}${a.value ? ` = ${a.value}` : ''}`, a] as const,
    ),
  )('%s', (_label, addition) => {
    const document = policyUsing(addition.path, addition.value);
    const concrete = addition.path.replace(/\[\]/g, '[0]');
    for (const version of VELERO_VERSIONS) {
      const issues = issuesOf(() =>
        resourcePolicyConfigMap({ name: 'policy', ...document, veleroVersion: version }),
      );
      const supported = isVeleroVersionAtLeast(version, addition.since);
      expect({ version, issues: issues.map((i) => i.path) }).toEqual({
        version,
        issues: supported ? [] : [concrete],
      });
      if (!supported) {
        expect(issues[0]?.message).toContain(`added in Velero ${addition.since}`);
        expect(issues[0]?.message).toContain(`Velero ${version} rejects the policy`);
      }
      // The same document as hand-written YAML (lint), and inside a ConfigMap (validateManifest).
      const text = JSON.stringify({ version: 'v1', ...document });
      expect(checkResourcePolicyText(text, 'policy', version).map((i) => i.path)).toEqual(
        supported ? [] : [`policy.${concrete}`],
      );
      const configMap = resourcePolicyConfigMap({ name: 'policy', ...document });
      expect(validateManifest(configMap, { veleroVersion: version }).length).toBe(
        supported ? 0 : 1,
      );
    }
  });
});

describe('AWS plugin config keys of the plugin paired with each release', () => {
  test.each(AWS_PLUGIN_CONFIG_ADDITIONS.map((a) => [a.key, a] as const))('%s', (key, addition) => {
    const value = key === 'checksumAlgorithm' ? 'CRC32' : key === 'tagging' ? 'a=b' : 'sse-c/key';
    for (const version of VELERO_VERSIONS) {
      const options = {
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: 'b' },
        config: { region: 'eu-west-1', [key]: value },
        veleroVersion: version,
      };
      const issues = issuesOf(() => backupStorageLocationManifest(options));
      const supported = isVeleroVersionAtLeast(version, addition.since);
      expect({ version, issues: issues.map((i) => i.path) }).toEqual({
        version,
        issues: supported ? [] : [`config.${key}`],
      });
      if (!supported) {
        expect(issues[0]?.message).toContain(
          `needs velero-plugin-for-aws ${addition.plugin} (Velero ${addition.since})`,
        );
        expect(issues[0]?.message).toContain(VELERO_RELEASES[version].awsPluginImage.tag);
      }
      // Other providers' plugins have their own keys: not checked against the AWS plugin.
      expect(
        issuesOf(() => backupStorageLocationManifest({ ...options, provider: 'example.com/s3' })),
      ).toEqual([]);
    }
  });
});

describe('every builder and checker passes the release on', () => {
  test('udsDefaultSchedule', () => {
    expect(
      issuesOf(() => udsDefaultSchedule({ skipImmediately: true, veleroVersion: '1.12' })),
    ).toEqual([expect.objectContaining({ path: 'skipImmediately' })]);
  });

  test('backupFromSchedule checks the schedule and the Backup against the release', () => {
    const schedule = scheduleManifest({
      name: 'daily',
      schedule: '0 3 * * *',
      template: { uploaderConfig: { parallelFilesUpload: 2 } },
    });
    const at = new Date(Date.UTC(2026, 0, 15));
    expect(backupFromSchedule(schedule, { at, veleroVersion: '1.13' }).spec).toEqual({
      uploaderConfig: { parallelFilesUpload: 2 },
    });
    const issues = issuesOf(() => backupFromSchedule(schedule, { at, veleroVersion: '1.12' }));
    expect(issues.map((i) => i.path)).toEqual(['spec.template.uploaderConfig']);
  });

  test('defaultVeleroSetup builds every object for the release and checks it once', () => {
    const options = { cluster: 'prod', date: '2026-01-15', region: 'eu-west-1' };
    const setup = defaultVeleroSetup({ ...options, veleroVersion: '1.12' });
    expect(setup.manifests.map((m) => m.kind)).toEqual([
      'BackupStorageLocation',
      'VolumeSnapshotLocation',
      'Schedule',
    ]);
    expect(issuesOf(() => defaultVeleroSetup({ ...options, veleroVersion: '1' as never }))).toEqual(
      [expect.objectContaining({ path: 'veleroVersion' })],
    );
  });

  test('restorePlan: a Restore from a schedule carries backupName "" for 1.12 and 1.13', () => {
    const options = { namespace: 'monitoring', release: 'prometheus', scheduleName: 'daily' };
    for (const version of VELERO_VERSIONS) {
      const plan = restorePlan({ ...options, veleroVersion: version });
      expect({ version, backupName: plan.restore.spec.backupName }).toEqual({
        version,
        backupName: isVeleroVersionAtLeast(version, '1.14') ? undefined : '',
      });
    }
    expect(issuesOf(() => restorePlan({ ...options, veleroVersion: '0.9' as never }))).toEqual([
      expect.objectContaining({ path: 'veleroVersion' }),
    ]);
  });

  test('veleroHelmValues: the plugin of the release, and the manifests checked against it', () => {
    const bsl = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b' },
      config: { region: 'eu-west-1', checksumAlgorithm: '' },
    });
    const values = veleroHelmValues({ backupStorageLocations: [bsl], veleroVersion: '1.13' });
    expect(values.initContainers[0]?.image).toBe('velero/velero-plugin-for-aws:v1.9.2');
    expect(
      issuesOf(() => veleroHelmValues({ backupStorageLocations: [bsl], veleroVersion: '1.12' })),
    ).toEqual([
      expect.objectContaining({ path: 'backupStorageLocations[0].spec.config.checksumAlgorithm' }),
    ]);
    expect(
      issuesOf(() =>
        veleroHelmValues({ backupStorageLocations: [bsl], veleroVersion: '2' as never }),
      ),
    ).toEqual([expect.objectContaining({ path: 'veleroVersion' })]);
  });
});

describe('restore drills target the release', () => {
  const schedule = udsDefaultSchedule();

  test('the Restore of each run carries backupName "" beside scheduleName for 1.12 and 1.13', () => {
    for (const version of VELERO_VERSIONS) {
      const drill = restoreDrill({ schedule, veleroVersion: version });
      const { backupName, scheduleName } = drill.restoreTemplate.spec;
      expect({ version, backupName, scheduleName }).toEqual({
        version,
        backupName: isVeleroVersionAtLeast(version, '1.14') ? undefined : '',
        scheduleName: schedule.metadata.name,
      });
      // The script creates exactly that Restore.
      expect(drill.script).toContain(JSON.stringify(drill.restoreTemplate.spec));
    }
  });

  test('the schedule is checked against the release: its fields and its cron dialect', () => {
    const skipping = udsDefaultSchedule({ skipImmediately: true });
    expect(issuesOf(() => restoreDrill({ schedule: skipping, veleroVersion: '1.12' }))).toEqual([
      expect.objectContaining({
        path: 'schedule.spec.skipImmediately',
        message: expect.stringContaining('1.13'),
      }),
    ]);
    expect(restoreDrill({ schedule: skipping, veleroVersion: '1.13' }).schedule).toBe(
      skipping.metadata.name,
    );
    const zoned = udsDefaultSchedule({ schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *' });
    expect(
      issuesOf(() => restoreDrill({ schedule: zoned, veleroVersion: '1.14' })).map((i) => i.path),
    ).toEqual(['schedule.spec.schedule']);
    expect(restoreDrill({ schedule: zoned, veleroVersion: '1.15' }).timeZone).toBe('Europe/Berlin');
  });

  test('an invalid release is reported with every other problem', () => {
    expect(
      issuesOf(() =>
        restoreDrill({ schedule, veleroVersion: 'v1.15' as never, restore: 'all' as never }),
      ).map((i) => i.path),
    ).toEqual(['restore', 'veleroVersion']);
  });
});

describe('chart values and the chart installation target the release', () => {
  const bsl = backupStorageLocationManifest({
    name: 'default',
    provider: 'aws',
    objectStorage: { bucket: 'b' },
    config: { region: 'eu-west-1' },
  });

  test('the values pin the Velero image and the AWS plugin of the release', () => {
    for (const version of VELERO_VERSIONS) {
      const values = veleroHelmValues({ backupStorageLocations: [bsl], veleroVersion: version });
      expect({ version, image: values.image, plugin: values.initContainers[0]?.image }).toEqual({
        version,
        image: { ...veleroImageFor(version) },
        plugin: awsPluginImageFor(version),
      });
    }
  });

  test('an image of another release than the target is refused; mirrors and custom tags are not', () => {
    const issues = issuesOf(() =>
      veleroHelmValues({
        backupStorageLocations: [bsl],
        veleroVersion: '1.15',
        veleroImage: { repository: 'docker.io/velero/velero', tag: 'v1.18.1' },
        awsPluginImage: 'velero/velero-plugin-for-aws:v1.14.2',
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['awsPluginImage', 'veleroImage.tag']);
    expect(issues[0]?.message).toContain('pairs with Velero 1.18');
    expect(issues[0]?.allowed).toBe('velero/velero-plugin-for-aws:v1.11.1');
    expect(issues[1]?.message).toContain("set `veleroVersion: '1.18'`");
    expect(
      issuesOf(() =>
        veleroHelmValues({
          backupStorageLocations: [bsl],
          veleroImage: { repository: 'docker.io/velero/velero', tag: 'v1.11.0' },
        }),
      )[0]?.message,
    ).toContain('not a release the library can target');
    const mirrored = veleroHelmValues({
      backupStorageLocations: [bsl],
      veleroVersion: '1.15',
      veleroImage: { repository: 'registry.example.com/velero/velero', tag: 'v1.15.1' },
      awsPluginImage: 'registry.example.com:5000/velero/velero-plugin-for-aws:v1.11.0',
    });
    expect(mirrored.image.tag).toBe('v1.15.1');
    for (const tag of ['latest', 'prod-2026-01', 'v1.15']) {
      expect(
        issuesOf(() =>
          veleroHelmValues({
            backupStorageLocations: [bsl],
            veleroImage: { repository: 'registry.example.com/velero', tag },
            awsPluginImage: `registry.example.com/velero-plugin-for-aws:${tag}`,
          }),
        ),
      ).toEqual([]);
    }
  });

  test('the pinned chart is installed for Velero 1.18 only, with the reason', () => {
    expect(VELERO_CHART_VELERO_VERSION).toBe('1.18');
    expect(veleroChartInstallation({ veleroVersion: '1.18' }).version).toBe('12.1.0');
    for (const version of VELERO_VERSIONS.filter((v) => v !== '1.18')) {
      const issues = issuesOf(() => veleroChartInstallation({ veleroVersion: version }));
      expect(issues).toEqual([
        expect.objectContaining({
          path: 'veleroVersion',
          message: expect.stringContaining('--apply'),
        }),
      ]);
    }
    expect(
      issuesOf(() => veleroChartInstallation({ veleroVersion: '1.9' as never })).map((i) => i.path),
    ).toEqual(['veleroVersion']);
  });
});
