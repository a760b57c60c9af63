/**
 * A Restore has exactly one source. In TypeScript, two sources or none do not compile: every
 * `@ts-expect-error` line below must be a type error, or `npm run typecheck` fails. At run time
 * (JavaScript callers) the same props give a VeleroConfigError, which the tests assert.
 */
import { App, Chart } from 'cdk8s';
import { type RestoreOptions, restoreManifest, VeleroConfigError } from 'velero-iac';
import { VeleroBackup, VeleroRestore, type VeleroRestoreProps } from 'velero-iac/cdk8s';

// `new App()` rather than `Testing.app()`: Testing.app makes a temp folder per app, and these
// tests never write (Testing.synth renders in memory).

describe('the core RestoreOptions type', () => {
  it('compiles with exactly one of backupName and scheduleName', () => {
    const fromBackup: RestoreOptions = { name: 'r', backupName: 'b' };
    const fromSchedule: RestoreOptions = { name: 'r', scheduleName: 's', restorePVs: false };
    expect(restoreManifest(fromBackup).spec).toEqual({ backupName: 'b' });
    expect(restoreManifest(fromSchedule).spec).toEqual({ scheduleName: 's', restorePVs: false });
  });

  it('does not compile with both, or with neither; at run time both are refused', () => {
    // @ts-expect-error both sources
    const both: RestoreOptions = { name: 'r', backupName: 'b', scheduleName: 's' };
    // @ts-expect-error no source
    const neither: RestoreOptions = { name: 'r' };
    expect(() => restoreManifest(both)).toThrow(VeleroConfigError);
    expect(() => restoreManifest(neither)).toThrow(VeleroConfigError);
  });
});

describe('the cdk8s VeleroRestoreProps type', () => {
  const chart = new Chart(new App(), 'types');
  const backup = new VeleroBackup(chart, 'backup', { name: 'before-upgrade' });

  it('compiles with exactly one of backupName, scheduleName and source', () => {
    const props: VeleroRestoreProps[] = [
      { name: 'r1', backupName: 'b' },
      { name: 'r2', scheduleName: 's' },
      { name: 'r3', source: backup, includedNamespaces: ['apps'] },
    ];
    expect(props.map((p, i) => new VeleroRestore(chart, `ok${i}`, p).manifest.spec)).toEqual([
      { backupName: 'b' },
      { scheduleName: 's' },
      { backupName: 'before-upgrade', includedNamespaces: ['apps'] },
    ]);
  });

  it('does not compile with two sources, or with none; at run time each is refused', () => {
    const bad: unknown[] = [];
    // @ts-expect-error backupName and scheduleName
    bad.push({ name: 'x', backupName: 'b', scheduleName: 's' } satisfies VeleroRestoreProps);
    // @ts-expect-error source and backupName
    bad.push({ name: 'x', source: backup, backupName: 'b' } satisfies VeleroRestoreProps);
    // @ts-expect-error source and scheduleName
    bad.push({ name: 'x', source: backup, scheduleName: 's' } satisfies VeleroRestoreProps);
    // @ts-expect-error no source
    bad.push({ name: 'x' } satisfies VeleroRestoreProps);
    expect(bad).toHaveLength(4);
    bad.forEach((props, i) => {
      expect(() => new VeleroRestore(chart, `bad${i}`, props as VeleroRestoreProps)).toThrow(
        VeleroConfigError,
      );
    });
  });
});
