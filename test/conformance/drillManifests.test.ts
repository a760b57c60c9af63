/**
 * Every object a restore drill emits or creates conforms: the built-in Kubernetes objects to the
 * Kubernetes OpenAPI schema (kubernetes-models, unknown fields rejected), the Restore to Velero's
 * CRD. Covers the objects the script creates at run time too, read back from the script.
 */
import { type RestoreDrillOptions, restoreDrill } from '../../lib/core/drills/restoreDrill';
import { scheduleManifest } from '../../lib/core/manifests/builders';
import { udsDefaultSchedule } from '../../lib/core/manifests/udsDefaultSchedule';
import { scriptObjects } from '../core/drills/scriptObjects';
import { describeWithCrds, expectConformant } from './crdValidator';
import { validateKubernetesObject } from './kubernetesValidator';

const CASES: [string, RestoreDrillOptions][] = [
  ['the default drill of the default schedule', { schedule: udsDefaultSchedule() }],
  [
    "a 'namespace' drill with its own options",
    {
      schedule: scheduleManifest({
        name: 'apps',
        namespace: 'backup',
        schedule: 'CRON_TZ=Europe/Berlin 0 1 * * 0',
        template: { includedNamespaces: ['keycloak', 'gitlab'] },
      }),
      name: 'apps-weekly-drill',
      namespace: 'drills',
      restore: 'namespace',
      namespaces: ['gitlab'],
      scratchPrefix: 'drill-',
      timeZone: 'Europe/Berlin',
      cron: '15 5 * * 0',
      image: 'registry.example.com/mirror/kubectl:1.34.2',
      imagePullSecrets: ['mirror-credentials'],
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      runAsUser: 1000,
      runAsGroup: 1000,
      suspend: true,
      labels: { team: 'platform' },
      annotations: { 'example.com/owner': 'platform' },
    },
  ],
  [
    'a volumes drill with a verification command',
    {
      schedule: udsDefaultSchedule(),
      verifyCommand: 'test -s "$DRILL_VOLUME_PATH/prometheus-db/meta.json"',
      verificationResources: { limits: { memory: '32Mi' } },
    },
  ],
];

describe('restore drill objects against the Kubernetes OpenAPI schema', () => {
  test.each(CASES)('%s: every declared object', (_, options) => {
    const drill = restoreDrill(options);
    expect(drill.manifests.length).toBe(10);
    for (const manifest of drill.manifests) expect(validateKubernetesObject(manifest)).toEqual([]);
  });

  test.each(CASES)('%s: every object the script creates', (_, options) => {
    const objects = scriptObjects(restoreDrill(options).script).filter(
      (o) => (o as { apiVersion: string }).apiVersion !== 'velero.io/v1',
    );
    expect(objects.length).toBeGreaterThanOrEqual(2);
    for (const object of objects) expect(validateKubernetesObject(object)).toEqual([]);
  });

  test('the check catches an unknown field and a wrong type, so it can fail', () => {
    const { cronJob } = restoreDrill({ schedule: udsDefaultSchedule() });
    expect(
      validateKubernetesObject({ ...cronJob, spec: { ...cronJob.spec, timezone: 'UTC' } }),
    ).toEqual(['spec.timezone: unknown field (the API server would drop or reject it)']);
    const typo = {
      ...cronJob,
      spec: {
        ...cronJob.spec,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'x', image: 'y', securityContext: { runAsNonroot: true } }],
              },
            },
          },
        },
      },
    };
    expect(validateKubernetesObject(typo)).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonroot: unknown field (the API server would drop or reject it)',
    ]);
    expect(
      validateKubernetesObject({ ...cronJob, spec: { ...cronJob.spec, suspend: 'no' } })[0],
    ).toMatch(/suspend must be boolean/);
  });
});

describeWithCrds('restore drill Restores against the Velero CRD', () => {
  test.each(CASES)('%s', (_, options) => {
    const drill = restoreDrill(options);
    expectConformant(drill.restoreTemplate);
    const fromScript = scriptObjects(drill.script).filter(
      (o) => (o as { kind: string }).kind === 'Restore',
    );
    expect(fromScript).toHaveLength(1);
    expectConformant(fromScript[0]);
    expect(fromScript[0]).toEqual({
      ...drill.restoreTemplate,
      metadata: { ...drill.restoreTemplate.metadata, name: 'sample-name-20260118063000' },
    });
  });
});
