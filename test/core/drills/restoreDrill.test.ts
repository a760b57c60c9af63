/**
 * restoreDrill: the objects a drill declares, field by field, and every way its options are refused.
 */

import {
  DEFAULT_DRILL_IMAGE,
  DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES,
} from '../../../lib/core/drills/drillDefaults';
import { type RestoreDrillOptions, restoreDrill } from '../../../lib/core/drills/restoreDrill';
import { VeleroConfigError } from '../../../lib/core/errors';
import { scheduleManifest } from '../../../lib/core/manifests/builders';
import { udsDefaultSchedule } from '../../../lib/core/manifests/udsDefaultSchedule';
import type { PolicyRule } from '../../../lib/core/types/kubernetes';

const schedule = udsDefaultSchedule();

function issuesOf(options: unknown): { path: string; message: string }[] {
  try {
    restoreDrill(options as RestoreDrillOptions);
  } catch (error) {
    if (error instanceof VeleroConfigError)
      return error.issues.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  throw new Error('expected a VeleroConfigError');
}

describe('restoreDrill: the default drill of the default schedule', () => {
  const drill = restoreDrill({ schedule });

  test("is named after the schedule, runs weekly after its backup, in Velero's namespace", () => {
    expect(drill.name).toBe('velero-velero-udsbackup-drill');
    expect(drill.namespace).toBe('velero');
    expect(drill.cron).toBe('30 6 * * 0');
    expect(drill.timeZone).toBeUndefined();
    expect(drill.scratchNamespaces).toEqual({
      monitoring: 'velero-drill-monitoring',
      tempo: 'velero-drill-tempo',
    });
  });

  test('declares the objects in apply order, the admission policy first', () => {
    expect(
      drill.manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`),
    ).toEqual([
      'ValidatingAdmissionPolicy /velero-iac-drill.velero.velero-velero-udsbackup-drill',
      'ValidatingAdmissionPolicyBinding /velero-iac-drill.velero.velero-velero-udsbackup-drill',
      'ServiceAccount velero/velero-velero-udsbackup-drill',
      'ClusterRole /velero-iac-drill-scratch.velero.velero-velero-udsbackup-drill',
      'ClusterRole /velero-iac-drill.velero.velero-velero-udsbackup-drill',
      'ClusterRoleBinding /velero-iac-drill.velero.velero-velero-udsbackup-drill',
      'Role velero/velero-velero-udsbackup-drill',
      'RoleBinding velero/velero-velero-udsbackup-drill',
      'ConfigMap velero/velero-velero-udsbackup-drill',
      'CronJob velero/velero-velero-udsbackup-drill',
    ]);
  });

  test('the CronJob: its own cron, Forbid, a starting deadline, history limits, a deadline', () => {
    const { spec } = drill.cronJob;
    expect(spec.schedule).toBe('30 6 * * 0');
    expect(spec.concurrencyPolicy).toBe('Forbid');
    expect(spec.startingDeadlineSeconds).toBe(3600);
    expect(spec.successfulJobsHistoryLimit).toBe(3);
    expect(spec.failedJobsHistoryLimit).toBe(3);
    expect(spec.jobTemplate.spec.backoffLimit).toBe(0);
    // 1h + 30m + 15m of timeouts and five minutes more.
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600 + 1800 + 900 + 300);
    const pod = spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe(drill.name);
    expect(pod.terminationGracePeriodSeconds).toBe(900 + 60);
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const [container] = pod.containers;
    expect(container?.image).toBe(DEFAULT_DRILL_IMAGE);
    expect(container?.command).toEqual(['sh', '/drill/drill.sh']);
    expect(container?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container?.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
    expect(drill.configMap.data['drill.sh']).toBe(drill.script);
  });

  test('the Restore: newest backup of the schedule, every namespace mapped, never overwriting', () => {
    expect(drill.restoreTemplate.metadata.labels).toMatchObject({
      'velero-iac.io/drill': drill.name,
      'velero-iac.io/schedule': 'velero-velero-udsbackup',
    });
    expect(drill.restoreTemplate.spec).toEqual({
      scheduleName: 'velero-velero-udsbackup',
      includedNamespaces: ['monitoring', 'tempo'],
      namespaceMapping: { monitoring: 'velero-drill-monitoring', tempo: 'velero-drill-tempo' },
      includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
      itemOperationTimeout: '1h0m0s',
    });
    expect(drill.restoreTemplate.spec).not.toHaveProperty('existingResourcePolicy');
  });

  test('RBAC: no wildcard, nothing on Secrets, namespaces by name', () => {
    const rules: PolicyRule[] = [drill.role, drill.clusterRole, drill.scratchRole].flatMap(
      (r) => r.rules,
    );
    for (const rule of rules) {
      for (const list of [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames ?? []]) {
        expect(list.join(',')).not.toContain('*');
      }
      expect(rule.resources).not.toContain('secrets');
    }
    expect(drill.role.metadata.namespace).toBe('velero');
    expect(drill.role.rules).toEqual([
      { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['create', 'get'] },
    ]);
    expect(drill.clusterRole.rules[0]).toEqual({
      apiGroups: [''],
      resources: ['namespaces'],
      resourceNames: ['velero-drill-monitoring', 'velero-drill-tempo'],
      verbs: ['get', 'delete'],
    });
    expect(drill.clusterRole.rules).toContainEqual({
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['clusterroles'],
      resourceNames: [drill.scratchRole.metadata.name],
      verbs: ['bind'],
    });
    expect(drill.scratchRole.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list', 'delete'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['events'], verbs: ['list'] },
    ]);
    expect(drill.serviceAccount.automountServiceAccountToken).toBe(false);
    expect(drill.admissionPolicyBinding.spec).toEqual({
      policyName: drill.admissionPolicy.metadata.name,
      validationActions: ['Deny'],
    });
  });

  test('the alert target names the drill, its schedule, its cron and its longest run', () => {
    expect(drill.alertTarget).toEqual({
      name: drill.name,
      namespace: 'velero',
      schedule: 'velero-velero-udsbackup',
      cron: '30 6 * * 0',
      maxDurationSeconds: 6600,
    });
  });
});

describe('restoreDrill: options', () => {
  test("restore: 'namespace' restores everything but what would reach out, and isolates it", () => {
    const drill = restoreDrill({ schedule, restore: 'namespace' });
    expect(drill.restoreTemplate.spec.excludedResources).toEqual(
      DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES,
    );
    expect(drill.restoreTemplate.spec.includedResources).toBeUndefined();
    expect(drill.scratchRole.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['events'], verbs: ['list'] },
      { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['create'] },
    ]);
    expect(drill.script).toContain('\nISOLATE_NETWORK=true\n');
  });

  test("the schedule's time zone carries over to the CronJob's timeZone", () => {
    const berlin = scheduleManifest({
      name: 'b',
      schedule: 'CRON_TZ=Europe/Berlin 0 2 * * *',
      template: { includedNamespaces: ['a'] },
    });
    const drill = restoreDrill({ schedule: berlin });
    expect(drill.cronJob.spec).toMatchObject({ schedule: '30 5 * * 0', timeZone: 'Europe/Berlin' });
    expect(drill.alertTarget.timeZone).toBe('Europe/Berlin');
  });

  test('explicit names, namespaces, prefix, image, resources, timeouts and labels', () => {
    const drill = restoreDrill({
      schedule,
      name: 'prom-drill',
      namespace: 'drills',
      namespaces: ['monitoring'],
      scratchPrefix: 'copy-',
      cron: '45 4 * * 6',
      timeZone: 'UTC',
      image: 'registry.example.com/kubectl:1.34.2',
      imagePullSecrets: ['regcred'],
      resources: { limits: { memory: '128Mi' } },
      restoreTimeout: '2h',
      checkTimeout: '10m',
      cleanupTimeout: '5m',
      labels: { team: 'platform' },
    });
    expect(drill.scratchNamespaces).toEqual({ monitoring: 'copy-monitoring' });
    expect(drill.restoreTemplate.metadata.namespace).toBe('velero');
    expect(drill.cronJob.metadata.namespace).toBe('drills');
    expect(drill.role.metadata.namespace).toBe('velero');
    expect(drill.cronJob.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(7200 + 600 + 300 + 300);
    expect(drill.cronJob.spec.jobTemplate.spec.template.spec.imagePullSecrets).toEqual([
      { name: 'regcred' },
    ]);
    expect(drill.cronJob.spec.jobTemplate.spec.template.spec.containers[0]?.resources).toEqual({
      limits: { memory: '128Mi' },
    });
    expect(drill.restoreTemplate.spec.itemOperationTimeout).toBe('2h0m0s');
    expect(drill.cronJob.metadata.labels).toMatchObject({
      team: 'platform',
      'velero-iac.io/drill': 'prom-drill',
    });
    expect(drill.admissionPolicy.spec.matchConditions[0]?.expression).toBe(
      "request.userInfo.username == 'system:serviceaccount:drills:prom-drill'",
    );
  });
});

describe('restoreDrill: refused options', () => {
  test('lists every problem at once', () => {
    expect(
      issuesOf({
        schedule,
        name: 'Bad_Name',
        restore: 'everything',
        restoreTimeout: '2d',
        runAsUser: 0,
        imagePullSecrets: ['ok', 'Not OK'],
        resources: { requests: { cpu: 'lots' } },
        colour: 'blue',
      }).map((i) => i.path),
    ).toEqual(['restore', 'runAsUser', 'colour']);
    expect(
      issuesOf({
        schedule,
        name: 'Bad_Name',
        restoreTimeout: '2d',
        imagePullSecrets: ['ok', 'Not OK'],
        resources: { requests: { cpu: 'lots' } },
      }).map((i) => i.path),
    ).toEqual(['name', 'restoreTimeout', 'imagePullSecrets[1]', 'resources.requests.cpu']);
  });

  test('no schedule, or not a valid Schedule', () => {
    expect(issuesOf({})).toEqual([{ path: 'schedule', message: 'is required' }]);
    expect(issuesOf({ schedule: { kind: 'Backup' } })[0]?.path).toBe('schedule');
    const broken = { ...schedule, spec: { ...schedule.spec, schedule: '0 3 * * 7' } };
    expect(issuesOf({ schedule: broken })[0]?.path).toBe('schedule.spec.schedule');
    expect(issuesOf(undefined)[0]?.message).toMatch(/must be an object/);
  });

  test('a name too long for its Restores', () => {
    const long = scheduleManifest({
      name: 'a'.repeat(44),
      schedule: '0 3 * * *',
      template: { includedNamespaces: ['x'] },
    });
    expect(issuesOf({ schedule: long })).toEqual([
      {
        path: 'name',
        message: expect.stringMatching(/at most 48.*give the drill a shorter `name`/),
      },
    ]);
  });

  test('a drill cron at a minute of the schedule is refused with a fix', () => {
    expect(issuesOf({ schedule, cron: '0 3 * * 0' })).toEqual([
      {
        path: 'cron',
        message: expect.stringContaining(
          'starts the drill at a minute at which schedule "velero-velero-udsbackup" ("0 3 * * *") starts a backup',
        ) as string,
      },
    ]);
    expect(issuesOf({ schedule, cron: '0 3 * * 0' })[0]?.message).toContain(
      'use e.g. "30 3 * * 0"',
    );
    const quarterly = scheduleManifest({
      name: 'q',
      schedule: '*/15 * * * *',
      template: { includedNamespaces: ['x'] },
    });
    expect(issuesOf({ schedule: quarterly, cron: '45 2 * * 0' })[0]?.message).toContain(
      'use e.g. "1 2 * * 0"',
    );
    expect(restoreDrill({ schedule: quarterly, cron: '7 2 * * 0' }).cron).toBe('7 2 * * 0');
  });

  test('Kubernetes CronJob rules: no TZ in the schedule, no @every, a real zone', () => {
    expect(issuesOf({ schedule, cron: 'CRON_TZ=UTC 30 6 * * 0' })[0]?.message).toMatch(
      /put the zone in `timeZone`/,
    );
    expect(issuesOf({ schedule, cron: '@every 168h' })[0]?.message).toMatch(/not "@every"/);
    expect(issuesOf({ schedule, timeZone: 'Local' })[0]?.path).toBe('timeZone');
    expect(issuesOf({ schedule, timeZone: 'europe/berlin' })[0]?.message).toContain(
      'Europe/Berlin',
    );
    expect(issuesOf({ schedule, cron: '0 0 30 2 *' })[0]?.path).toBe('cron');
  });

  test('namespaces: by pattern schedules need them; each must be backed up', () => {
    const everything = scheduleManifest({
      name: 'all',
      schedule: '0 1 * * *',
      template: { excludedNamespaces: ['kube-system'] },
    });
    expect(issuesOf({ schedule: everything })[0]?.message).toMatch(
      /backs up namespaces by pattern \(all namespaces\)/,
    );
    expect(restoreDrill({ schedule: everything, namespaces: ['apps'] }).scratchNamespaces).toEqual({
      apps: 'velero-drill-apps',
    });
    expect(issuesOf({ schedule: everything, namespaces: ['kube-system'] })[0]?.message).toMatch(
      /is not backed up/,
    );
    expect(issuesOf({ schedule, namespaces: ['app-*'] })[0]?.message).toMatch(/not a pattern/);
    expect(issuesOf({ schedule, namespaces: ['tempo', 'tempo'] })[0]?.message).toBe(
      'is listed twice',
    );
  });

  test('scratch namespaces that could be live ones, or too long', () => {
    expect(issuesOf({ schedule, scratchPrefix: '' })[0]?.message).toMatch(
      /would be the live namespaces/,
    );
    const tricky = scheduleManifest({
      name: 't',
      schedule: '0 1 * * *',
      template: { includedNamespaces: ['app', 'x-app'] },
    });
    expect(issuesOf({ schedule: tricky, scratchPrefix: 'x-' })[0]?.message).toMatch(
      /"x-app", a namespace schedule "t" backs up/,
    );
    const velero = scheduleManifest({
      name: 'v',
      schedule: '0 1 * * *',
      template: { includedNamespaces: ['lero'] },
    });
    expect(issuesOf({ schedule: velero, scratchPrefix: 've' })[0]?.message).toMatch(
      /which the drill would delete/,
    );
    expect(issuesOf({ schedule, scratchPrefix: `${'p'.repeat(55)}-` })[0]?.message).toMatch(
      /at most 63: use a shorter scratchPrefix/,
    );
    expect(issuesOf({ schedule, scratchPrefix: 'Drill-' })[0]?.path).toBe('scratchPrefix');
  });

  test('options of the other mode, and reserved labels', () => {
    expect(issuesOf({ schedule, excludedResources: ['secrets'] })[0]?.message).toBe(
      "applies only to restore: 'namespace'",
    );
    expect(issuesOf({ schedule, restore: 'namespace', verifyCommand: 'true' })[0]?.message).toBe(
      "applies only to restore: 'volumes'",
    );
    expect(issuesOf({ schedule, labels: { 'velero-iac.io/drill': 'x' } })[0]?.message).toBe(
      'is set by the drill itself',
    );
    expect(issuesOf({ schedule, restore: 'namespace', excludedResources: ['*'] })[0]?.path).toBe(
      'excludedResources[0]',
    );
  });
});
