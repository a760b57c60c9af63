/**
 * Two objects of the same kind, namespace and name in one app: the cluster would keep one, so synth
 * refuses them with a VeleroConfigError naming both construct paths, before anything is written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { VeleroConfigError } from 'velero-iac';
import { UdsDefaultSchedule, VeleroBackup, VeleroSchedule } from 'velero-iac/cdk8s';

// `new App()` rather than `Testing.app()`: Testing.app makes a temp folder per app, and these
// tests never write (Testing.synth renders in memory).

/** Runs `synth` and returns the VeleroConfigError it throws (fails when it throws none). */
function synthError(synth: () => unknown): VeleroConfigError {
  let caught: unknown;
  try {
    synth();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(VeleroConfigError);
  return caught as VeleroConfigError;
}

describe('objects with the same kind, namespace and name', () => {
  it('refuses two UdsDefaultSchedules in one app at synth, naming both construct paths', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new UdsDefaultSchedule(a, 'default');
    new UdsDefaultSchedule(b, 'default');
    const error = synthError(() => Testing.synth(a));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('metadata.name');
    expect(error.message).toContain(
      'Schedule "velero/velero-velero-udsbackup" is declared 2 times',
    );
    expect(error.message).toContain('UdsDefaultSchedule at "a/default"');
    expect(error.message).toContain('UdsDefaultSchedule at "b/default"');
  });

  it('refuses them in app.synth() before writing any file', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'velero-iac-unique-'));
    try {
      const app = new App({ outdir });
      const chart = new Chart(app, 'c');
      new VeleroBackup(chart, 'one', { name: 'before-upgrade' });
      new VeleroBackup(chart, 'two', { name: 'before-upgrade', includedNamespaces: ['apps'] });
      const error = synthError(() => app.synth());
      expect(error.message).toContain('VeleroBackup at "c/one"');
      expect(error.message).toContain('VeleroBackup at "c/two"');
      expect(existsSync(outdir) ? readdirSync(outdir) : []).toEqual([]);
      expect(() => app.synthYaml()).toThrow(VeleroConfigError);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('lists every duplicated object at once', () => {
    const chart = new Chart(new App(), 'c');
    for (const id of ['d1', 'd2', 'd3']) new UdsDefaultSchedule(chart, id);
    new VeleroBackup(chart, 'b1', { name: 'b' });
    new VeleroBackup(chart, 'b2', { name: 'b' });
    const error = synthError(() => Testing.synth(chart));
    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]!.message).toContain('is declared 3 times');
    expect(error.issues[1]!.message).toMatch(/^Backup "velero\/b" is declared 2 times/);
  });

  it('also catches a plain ApiObject that collides with a velero-iac construct', () => {
    const chart = new Chart(new App(), 'c');
    new VeleroSchedule(chart, 'daily', { name: 'daily', schedule: '@daily', template: {} });
    new ApiObject(chart, 'hand-written', {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'daily', namespace: 'velero' },
    });
    const error = synthError(() => Testing.synth(chart));
    expect(error.message).toContain('VeleroSchedule at "c/daily"');
    expect(error.message).toContain('ApiObject at "c/hand-written"');
  });

  it('accepts the same name in another namespace, another kind, or another app', () => {
    const chart = new Chart(new App(), 'c');
    new UdsDefaultSchedule(chart, 'default');
    new UdsDefaultSchedule(chart, 'elsewhere', { namespace: 'velero-dr' });
    new VeleroBackup(chart, 'backup', { name: 'velero-velero-udsbackup' });
    expect(Testing.synth(chart)).toHaveLength(3);
    const other = new Chart(new App(), 'c');
    new UdsDefaultSchedule(other, 'default');
    expect(Testing.synth(other)).toHaveLength(1);
  });

  it('leaves duplicates among objects that are not velero-iac constructs to cdk8s', () => {
    const chart = new Chart(new App(), 'c');
    new UdsDefaultSchedule(chart, 'default');
    for (const id of ['cm1', 'cm2']) {
      new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same' } });
    }
    expect(Testing.synth(chart)).toHaveLength(3);
  });
});
