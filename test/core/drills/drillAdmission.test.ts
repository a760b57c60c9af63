/**
 * The drill's ValidatingAdmissionPolicy, evaluated with a real CEL implementation (@bufbuild/cel)
 * on the admission requests the drill makes and on the ones it must never be able to make.
 */
import { run } from '@bufbuild/cel';
import { restoreDrill } from '../../../lib/core/drills/restoreDrill';
import { udsDefaultSchedule } from '../../../lib/core/manifests/udsDefaultSchedule';
import { scriptObjects } from './scriptObjects';

const drill = restoreDrill({ schedule: udsDefaultSchedule() });
const D = drill.name;
const R = `${D}-20260118063000`;
const SCRATCH = 'velero-drill-monitoring';
const SA = `system:serviceaccount:velero:${D}`;

/** JSON data as CEL values: objects become maps. */
function cel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cel);
  if (typeof value === 'object' && value !== null) {
    return new Map(Object.entries(value).map(([k, v]) => [k, cel(v)]));
  }
  return value;
}

interface Request {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  resource: string;
  namespace?: string;
  object?: unknown;
  oldObject?: unknown;
}

/** The messages of the validations that deny `request` (none: admitted). */
function denials(request: Request): string[] {
  const bindings = {
    request: cel({
      operation: request.operation,
      resource: { group: '', version: 'v1', resource: request.resource },
      namespace: request.namespace ?? '',
      userInfo: { username: SA },
    }),
    object: request.object === undefined ? null : cel(request.object),
    oldObject: request.oldObject === undefined ? null : cel(request.oldObject),
  };
  return drill.admissionPolicy.spec.validations
    .filter((v) => run(v.expression, bindings as never) !== true)
    .map((v) => v.message);
}

const created = scriptObjects(drill.script) as {
  kind: string;
  metadata: { name: string; namespace?: string };
}[];
const scratchNamespace = created.find((o) => o.kind === 'Namespace');
const scratchBinding = created.find((o) => o.kind === 'RoleBinding');

function volume(
  overrides: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    claimNamespace?: string;
    policy?: string;
  } = {},
) {
  return {
    metadata: {
      name: 'velero-clone-1',
      labels: overrides.labels ?? { 'velero.io/restore-name': R },
      annotations: overrides.annotations ?? { 'velero.io/original-pv-name': 'pvc-1' },
    },
    spec: {
      persistentVolumeReclaimPolicy: overrides.policy ?? 'Retain',
      claimRef: { namespace: overrides.claimNamespace ?? SCRATCH, name: 'prometheus-db' },
    },
  };
}

describe("the drill's admission policy", () => {
  test("applies only to the drill's ServiceAccount", () => {
    const [condition] = drill.admissionPolicy.spec.matchConditions;
    expect(
      run(condition?.expression ?? '', { request: cel({ userInfo: { username: SA } }) } as never),
    ).toBe(true);
    expect(
      run(condition?.expression ?? '', {
        request: cel({ userInfo: { username: 'system:serviceaccount:velero:velero-server' } }),
      } as never),
    ).toBe(false);
  });

  test('admits what the script does: its namespaces, its bindings, its volumes', () => {
    expect(
      denials({ operation: 'CREATE', resource: 'namespaces', object: scratchNamespace }),
    ).toEqual([]);
    expect(
      denials({
        operation: 'CREATE',
        resource: 'rolebindings',
        namespace: SCRATCH,
        object: scratchBinding,
      }),
    ).toEqual([]);
    expect(
      denials({ operation: 'DELETE', resource: 'namespaces', oldObject: scratchNamespace }),
    ).toEqual([]);
    expect(
      denials({
        operation: 'UPDATE',
        resource: 'persistentvolumes',
        oldObject: volume(),
        object: volume({ policy: 'Delete' }),
      }),
    ).toEqual([]);
    expect(
      denials({
        operation: 'DELETE',
        resource: 'persistentvolumes',
        oldObject: volume({ annotations: {} }),
      }),
    ).toEqual([]);
  });

  test('denies namespaces that are not its scratch namespaces, or lack its label', () => {
    const live = { metadata: { name: 'monitoring', labels: { 'velero-iac.io/drill': D } } };
    const unlabelled = { metadata: { name: SCRATCH } };
    const otherDrill = { metadata: { name: SCRATCH, labels: { 'velero-iac.io/drill': 'other' } } };
    expect(denials({ operation: 'CREATE', resource: 'namespaces', object: live })).toHaveLength(1);
    expect(
      denials({ operation: 'CREATE', resource: 'namespaces', object: unlabelled }),
    ).toHaveLength(1);
    expect(denials({ operation: 'DELETE', resource: 'namespaces', oldObject: live })).toHaveLength(
      1,
    );
    expect(
      denials({ operation: 'DELETE', resource: 'namespaces', oldObject: unlabelled }),
    ).toHaveLength(1);
    expect(
      denials({ operation: 'DELETE', resource: 'namespaces', oldObject: otherDrill }),
    ).toHaveLength(1);
    expect(
      denials({
        operation: 'UPDATE',
        resource: 'namespaces',
        oldObject: scratchNamespace,
        object: scratchNamespace,
      }),
    ).toEqual([`restore drill ${D} may not change namespaces`]);
  });

  test('denies bindings outside the scratch namespaces, to other roles or for others', () => {
    const binding = scratchBinding as unknown as {
      roleRef: Record<string, string>;
      subjects: Record<string, string>[];
    };
    expect(
      denials({
        operation: 'CREATE',
        resource: 'rolebindings',
        namespace: 'monitoring',
        object: binding,
      }),
    ).toHaveLength(1);
    expect(
      denials({
        operation: 'CREATE',
        resource: 'rolebindings',
        namespace: SCRATCH,
        object: { ...binding, roleRef: { ...binding.roleRef, name: 'cluster-admin' } },
      }),
    ).toHaveLength(1);
    expect(
      denials({
        operation: 'CREATE',
        resource: 'rolebindings',
        namespace: SCRATCH,
        object: {
          ...binding,
          subjects: [
            ...binding.subjects,
            { kind: 'ServiceAccount', name: 'default', namespace: 'monitoring' },
          ],
        },
      }),
    ).toHaveLength(1);
  });

  test('denies changes to volumes it did not restore into a scratch namespace', () => {
    const update = (old: unknown, policy = 'Delete') =>
      denials({
        operation: 'UPDATE',
        resource: 'persistentvolumes',
        oldObject: old,
        object: { ...(old as object), spec: { persistentVolumeReclaimPolicy: policy } },
      });
    expect(update(volume({ claimNamespace: 'monitoring' }))).toHaveLength(1);
    expect(update(volume({ labels: {} }))).toHaveLength(1);
    expect(
      update(volume({ labels: { 'velero.io/restore-name': 'other-drill-20260118063000' } })),
    ).toHaveLength(1);
    expect(update(volume({ labels: { 'velero.io/restore-name': `${D}-manual` } }))).toHaveLength(1);
    // A volume restored as-is points at a disk the drill did not make: its policy stays.
    expect(update(volume({ annotations: {} }))).toHaveLength(1);
    expect(update(volume(), 'Retain')).toHaveLength(1);
    expect(
      denials({
        operation: 'DELETE',
        resource: 'persistentvolumes',
        oldObject: volume({ claimNamespace: 'monitoring' }),
      }),
    ).toHaveLength(1);
    expect(
      denials({ operation: 'CREATE', resource: 'persistentvolumes', object: volume() }),
    ).toEqual([`restore drill ${D} may not create volumes`]);
  });
});
