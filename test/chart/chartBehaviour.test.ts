/**
 * The velero chart (12.1.0) rendered by a real Helm 3 with values from the core alone (as the
 * AWS CDK front end builds them), and the chart behaviours the library's checks rely on, each
 * shown with the chart itself: what the chart does with values the library refuses.
 */
import {
  backupStorageLocationManifest,
  defaultVeleroSetup,
  resourcePolicyConfigMap,
  resourcePolicyReference,
  scheduleManifest,
  udsDefaultSchedule,
  VELERO_CHART_VELERO_VERSION,
  VELERO_CHART_VERSION,
  VELERO_IMAGE,
  VeleroConfigError,
  type VeleroHelmValues,
  veleroChartInstallation,
  veleroHelmValues,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import { VELERO_CHART_TOP_LEVEL_VALUES } from '../../lib/core/veleroChart';
import { validateAgainstCrd, validateAllAgainstCrd } from '../conformance/crdValidator';
import {
  helmTemplate,
  NEEDS_HELM_CHART,
  type RenderedObject,
  runHelm,
  VELERO_CHART_DIR,
} from '../support/helm';
import { describeIf, needsShared } from '../support/requirements';
import {
  chartDefaults,
  chartMetadata,
  keyOf,
  oneOf,
  semantic,
  templateTopLevelValues,
  unknownValuePaths,
  veleroObjectsOf,
} from './chartSupport';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/velero-prod';

const setup = defaultVeleroSetup({
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
  kmsKeyId: 'alias/velero',
});

function valuesFor(
  chartCreatesObjects: boolean,
  extra: Partial<Parameters<typeof veleroHelmValues>[0]> = {},
) {
  return veleroHelmValues({
    backupStorageLocations: [setup.backupStorageLocation],
    volumeSnapshotLocations: [setup.volumeSnapshotLocation],
    schedules: [setup.schedule],
    chartCreatesObjects,
    roleArn: ROLE_ARN,
    ...extra,
  });
}

function render(values: unknown, releaseName = 'velero'): RenderedObject[] {
  return helmTemplate(values, { releaseName, namespace: 'velero' });
}

function names(objects: readonly RenderedObject[], kind: string): string[] {
  return objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
}

/** Values as plain JSON, to break on purpose as a user hand-writing them might. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function handWritten(values: VeleroHelmValues): { [key: string]: Json } {
  return JSON.parse(JSON.stringify(values)) as { [key: string]: Json };
}

/** Sets `value` at `at` inside hand-written values (every step must exist but the last). */
function setAt(
  values: { [key: string]: Json },
  at: readonly (string | number)[],
  value: Json,
): void {
  let node: Json = values;
  for (const step of at.slice(0, -1)) {
    node = (node as Record<string | number, Json>)[step] as Json;
  }
  (node as Record<string | number, Json>)[at[at.length - 1] as string | number] = value;
}

function serverArgs(objects: readonly RenderedObject[]): string[] {
  const spec = oneOf(objects, 'Deployment', 'velero').spec as {
    template: { spec: { containers: { args: string[] }[] } };
  };
  return spec.template.spec.containers[0]?.args ?? [];
}

describeIf(
  [...NEEDS_HELM_CHART, needsShared('velero-crds')],
  'the velero chart with core values',
  () => {
    test('the pinned chart version, Velero image and top-level value names are the chart’s', () => {
      const chart = chartMetadata();
      expect(chart.version).toBe(VELERO_CHART_VERSION);
      expect(VELERO_IMAGE.tag).toBe(`v${chart.appVersion}`);
      expect(chartDefaults().image).toMatchObject(VELERO_IMAGE);
      const read = new Set([...Object.keys(chartDefaults()), ...templateTopLevelValues()]);
      expect([...VELERO_CHART_TOP_LEVEL_VALUES].sort()).toEqual([...read].sort());
    });

    test.each([false, true])(
      'defaultVeleroSetup + veleroHelmValues (chartCreatesObjects %s): each object once, as built',
      (chartCreatesObjects) => {
        const values = valuesFor(chartCreatesObjects);
        expect(unknownValuePaths(values)).toEqual([]);
        const installation = veleroChartInstallation();
        const rendered = helmTemplate(values, {
          releaseName: installation.releaseName,
          namespace: installation.namespace,
        });
        const velero = veleroObjectsOf(rendered);
        if (!chartCreatesObjects) {
          expect(velero).toEqual([]);
          return;
        }
        expect(velero.map(keyOf).sort()).toEqual(setup.manifests.map((m) => keyOf(m)).sort());
        for (const object of velero) {
          const built = setup.manifests.find((m) => keyOf(m) === keyOf(object));
          expect(semantic(object)).toEqual(semantic(built as never));
        }
        expect(validateAllAgainstCrd(velero)).toEqual([]);
        expect(oneOf(rendered, 'ServiceAccount', 'velero-server').metadata.annotations).toEqual({
          'eks.amazonaws.com/role-arn': ROLE_ARN,
        });
      },
    );

    test('the key check finds keys the chart does not read, outside the free-form maps', () => {
      const values = handWritten(valuesFor(true));
      setAt(values, ['configuration', 'backupStorageLocation', 0, 'backupSyncPerod'], '1m');
      setAt(values, ['schedules', 'velero-udsbackup', 'ttl'], '24h');
      setAt(values, ['serviceAccount', 'server', 'annotation'], {});
      setAt(values, ['nodeAgentt'], {});
      setAt(values, ['configuration', 'backupStorageLocation', 0, 'config', 'anyKey'], 'x');
      expect(unknownValuePaths(values)).toEqual([
        'configuration.backupStorageLocation[].backupSyncPerod',
        'serviceAccount.server.annotation',
        'schedules.*.ttl',
        'nodeAgentt',
      ]);
    });

    test('Helm checks the values against values.schema.json (a wrong type fails the render)', () => {
      const broken = handWritten(valuesFor(false));
      broken.backupsEnabled = 'yes';
      expect(() => render(broken)).toThrow(/backupsEnabled/);
    });

    test('without fullnameOverride the chart names schedules after the release; with it, never', () => {
      const values = valuesFor(true);
      const bare = handWritten(values);
      delete bare.fullnameOverride;
      expect(names(render(bare, 'pulumi-auto-7f3a9c1'), 'Schedule')).toEqual([
        'pulumi-auto-7f3a9c1-velero-velero-udsbackup',
      ]);
      for (const release of ['velero', 'pulumi-auto-7f3a9c1', 'backups']) {
        expect(names(render(values, release), 'Schedule')).toEqual(['velero-velero-udsbackup']);
      }
    });

    test('backupSyncPeriod is rendered; written "0" the chart makes it a number the CRD refuses', () => {
      const location = (backupSyncPeriod: string) =>
        backupStorageLocationManifest({
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: 'prod-eu-velero-20260115' },
          config: { region: 'eu-west-1' },
          backupSyncPeriod,
        });
      const values = veleroHelmValues({
        backupStorageLocations: [location('0s')],
        chartCreatesObjects: true,
      });
      const bsl = oneOf(render(values), 'BackupStorageLocation');
      expect((bsl.spec as { backupSyncPeriod: unknown }).backupSyncPeriod).toBe('0s');
      expect(validateAgainstCrd(bsl)).toEqual([]);

      const zero = handWritten(values);
      setAt(zero, ['configuration', 'backupStorageLocation', 0, 'backupSyncPeriod'], '0');
      const rendered = oneOf(render(zero), 'BackupStorageLocation');
      expect((rendered.spec as { backupSyncPeriod: unknown }).backupSyncPeriod).toBe(0);
      expect(validateAgainstCrd(rendered).join('\n')).toContain('backupSyncPeriod');
      expect(() =>
        veleroHelmValues({ backupStorageLocations: [location('0')], chartCreatesObjects: true }),
      ).toThrow(VeleroConfigError);
    });

    test('a location name YAML reads as a number is renamed by the chart (the library refuses it)', () => {
      const values = handWritten(valuesFor(true));
      setAt(values, ['configuration', 'volumeSnapshotLocation', 0, 'name'], '123');
      const vsl = oneOf(render(values), 'VolumeSnapshotLocation');
      expect(vsl.metadata.name).toBe(123);
      expect(validateAgainstCrd(vsl)).not.toEqual([]);
    });

    test('an empty schedule template is left out by the chart, and the Schedule is then invalid', () => {
      const values = handWritten(valuesFor(true));
      setAt(values, ['schedules', 'velero-udsbackup', 'template'], {});
      const schedule = oneOf(render(values), 'Schedule');
      expect(schedule.spec).not.toHaveProperty('template');
      expect(validateAgainstCrd(schedule).join('\n')).toContain('template');
      expect(() =>
        veleroHelmValues({
          backupStorageLocations: [setup.backupStorageLocation],
          schedules: [scheduleManifest({ name: 'velero-empty', schedule: '@daily', template: {} })],
          chartCreatesObjects: true,
        }),
      ).toThrow(/leaves an empty template out/);
    });

    test('a schedule label the chart sets itself is written twice (invalid YAML)', () => {
      const values = handWritten(valuesFor(true));
      setAt(values, ['schedules', 'velero-udsbackup', 'labels'], {
        'app.kubernetes.io/name': 'mine',
      });
      expect(() => render(values)).toThrow(/Map keys must be unique/);
    });

    test('the CRD upgrade job, on by default, runs `velero install --crds-only --apply` with the server image', () => {
      // Velero added `install --apply` in 1.18, so this chart is installed for 1.18 only.
      expect(VELERO_CHART_VELERO_VERSION).toBe('1.18');
      expect(chartDefaults().upgradeCRDs).toBe(true);
      const values = valuesFor(false, { veleroVersion: '1.15' });
      const job = oneOf(render(values), 'Job', 'velero-upgrade-crds').spec as {
        template: { spec: { containers: { image: string; command: string[]; args: string[] }[] } };
      };
      const container = job.template.spec.containers[0];
      expect(container?.image).toBe(`${values.image.repository}:${values.image.tag}`);
      expect(container?.image).toBe('docker.io/velero/velero:v1.15.2');
      expect([...(container?.command ?? []), ...(container?.args ?? [])]).toEqual([
        '/velero',
        'install',
        '--crds-only',
        '--apply',
      ]);
    });

    test('the node agent runs only with deployNodeAgent, which file-system backup turns on', () => {
      const fs = udsDefaultSchedule({ template: { defaultVolumesToFsBackup: true } });
      const values = veleroHelmValues({
        backupStorageLocations: [setup.backupStorageLocation],
        schedules: [fs],
        chartCreatesObjects: true,
      });
      expect(values.deployNodeAgent).toBe(true);
      expect(names(render(values), 'DaemonSet')).toEqual(['node-agent']);
      const off = handWritten(values);
      off.deployNodeAgent = false;
      expect(names(render(off), 'DaemonSet')).toEqual([]);
    });

    test('snapshot data movement and an fs-backup resource policy deploy the node agent too', () => {
      const policy = resourcePolicyConfigMap({
        name: 'fs-policy',
        volumePolicies: [
          { conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'fs-backup' } },
        ],
      });
      for (const options of [
        {
          schedules: [
            scheduleManifest({
              name: 'velero-move',
              schedule: '@daily',
              template: { snapshotMoveData: true },
            }),
          ],
        },
        {
          schedules: [
            scheduleManifest({
              name: 'velero-policy',
              schedule: '@daily',
              template: { resourcePolicy: resourcePolicyReference('fs-policy') },
            }),
          ],
          resourcePolicies: [policy],
        },
      ]) {
        const values = veleroHelmValues({
          backupStorageLocations: [setup.backupStorageLocation],
          ...options,
        });
        expect(names(render(values), 'DaemonSet')).toEqual(['node-agent']);
      }
    });

    test('extra values reach the chart: resources, node selector, server flags', () => {
      const values = valuesFor(false, {
        volumeSnapshotLocations: [
          volumeSnapshotLocationManifest({
            name: 'default',
            provider: 'aws',
            config: { region: 'eu-west-1' },
          }),
        ],
        extraValues: {
          resources: { requests: { cpu: '500m', memory: '128Mi' } },
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          configuration: { logLevel: 'debug', defaultVolumesToFsBackup: true },
        },
      });
      expect(values.deployNodeAgent).toBe(true);
      const rendered = render(values);
      const pod = (
        oneOf(rendered, 'Deployment', 'velero').spec as {
          template: { spec: { nodeSelector: unknown; containers: { resources: unknown }[] } };
        }
      ).template.spec;
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
      expect(pod.containers[0]?.resources).toEqual({ requests: { cpu: '500m', memory: '128Mi' } });
      expect(serverArgs(rendered)).toEqual(
        expect.arrayContaining(['--log-level=debug', '--default-volumes-to-fs-backup']),
      );
      expect(names(rendered, 'DaemonSet')).toEqual(['node-agent']);
      const lint = runHelm(['lint', VELERO_CHART_DIR, '--namespace', 'velero'], values);
      expect(lint.status).toBe(0);
    });
  },
);
