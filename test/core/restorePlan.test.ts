import fc from 'fast-check';
import { restorePlan, VeleroConfigError, validateManifest } from 'velero-iac';

const AT = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

describe('restorePlan', () => {
  it('gives the default way with a non-destructive Restore of the volumes', () => {
    const plan = restorePlan({
      namespace: 'monitoring',
      release: 'prometheus',
      backupName: 'daily-20260101030000',
      at: AT,
    });
    expect(plan.steps.map((s) => s.title)).toEqual([
      'Suspend the HelmRelease so Flux does not change the workload during the restore',
      'Note the volumes and their PersistentVolumes',
      'Delete the workload',
      'Delete the PersistentVolumeClaims and PersistentVolumes',
      'Verify they are gone',
      'Restore the volumes with Velero',
      'Verify the new PersistentVolumeClaims are Bound',
      'Resume the HelmRelease',
    ]);
    expect(plan.steps[0].commands[0]).toBe('flux suspend helmrelease prometheus -n flux-system');
    expect(plan.steps[7].commands[0]).toBe('flux resume helmrelease prometheus -n flux-system');
    expect(plan.restore).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'daily-20260101030000-20260102030405', namespace: 'velero' },
      spec: {
        backupName: 'daily-20260101030000',
        includedNamespaces: ['monitoring'],
        includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
      },
    });
    expect(validateManifest(plan.restore)).toEqual([]);
  });

  it('gives the hard way with --keep-existing-pv', () => {
    const plan = restorePlan({
      namespace: 'tempo',
      release: 'tempo',
      scheduleName: 'velero-velero-udsbackup',
      keepExistingPv: true,
      restoreName: 'tempo-restore',
      fluxNamespace: 'tempo',
      veleroNamespace: 'backup',
    });
    const all = plan.steps.flatMap((s) => s.commands).join('\n');
    expect(all).toContain(
      `kubectl patch "$pv" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]'`,
    );
    expect(all).toContain('kubectl delete pod -n tempo -l app.kubernetes.io/instance=tempo');
    expect(all).not.toContain('kubectl delete statefulset');
    expect(plan.restore.metadata).toEqual({ name: 'tempo-restore', namespace: 'backup' });
    expect(plan.restore.spec.scheduleName).toBe('velero-velero-udsbackup');
    expect(plan.title).toContain('the hard way');
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      restorePlan({
        namespace: 'Monitoring',
        release: 'Prom_etheus',
        backupName: 'b',
        scheduleName: 's',
        selector: 'a in (',
        pvcs: ['Bad_PVC'],
        workloads: ['nokind'],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VeleroConfigError);
    expect((caught as VeleroConfigError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'namespace',
        'release',
        'backupName',
        'selector',
        'pvcs[0]',
        'workloads[0]',
      ]),
    );
  });

  it('reports a Restore name that is too long under restoreName', () => {
    expect(() =>
      restorePlan({ namespace: 'm', release: 'p', backupName: 'b'.repeat(60), at: AT }),
    ).toThrow(/restoreName/);
  });

  it('always yields a Restore the core accepts, or throws VeleroConfigError', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$/);
    fc.assert(
      fc.property(
        name,
        name,
        name,
        fc.boolean(),
        fc.boolean(),
        (namespace, release, source, fromSchedule, hard) => {
          try {
            const plan = restorePlan({
              namespace,
              release,
              ...(fromSchedule ? { scheduleName: source } : { backupName: source }),
              keepExistingPv: hard,
              at: AT,
            });
            expect(validateManifest(plan.restore)).toEqual([]);
            expect(plan.restore.spec.existingResourcePolicy).toBeUndefined();
            expect(plan.steps.every((s) => s.commands.length > 0)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(VeleroConfigError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
