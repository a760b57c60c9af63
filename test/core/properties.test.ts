/**
 * Property tests for the whole core (DESIGN §7): any input to a builder either yields a manifest
 * that passes the CRD conformance check and `validateManifest`, or throws a `VeleroConfigError`
 * listing its issues; nothing else escapes. `validateManifest` never throws, agrees with the CRDs
 * on what it accepts, and names every unknown field.
 */
import fc from 'fast-check';
import {
  backupFromSchedule,
  backupManifest,
  backupStorageLocationManifest,
  checkS3BucketName,
  resourcePolicyConfigMap,
  restoreManifest,
  type ScheduleManifest,
  scheduleManifest,
  udsDefaultSchedule,
  VeleroConfigError,
  validateManifest,
  veleroBucketName,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import { parse, stringify } from 'yaml';
import { isModelledVeleroKind, manifestSchemaOf } from '../../lib/core/model/kinds';
import { joinPath } from '../../lib/core/path';
import { resourcePolicyDocumentSchema } from '../../lib/core/resourcePolicy/model';
import type { FieldSchema, ObjectField } from '../../lib/core/schema/fieldSchema';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import {
  annotations as annotationsArb,
  BACKUP_OPTION_KEYS,
  BSL_OPTION_KEYS,
  backupOptions,
  backupStorageLocationOptions,
  badClusterName,
  bucketDate,
  builderInput,
  clusterName,
  junk,
  junkNotNullish,
  type LooseRecord,
  labels,
  objectName,
  pick,
  RESOURCE_POLICY_OPTION_KEYS,
  RESTORE_OPTION_KEYS,
  resourcePolicyOptions,
  restoreOptions,
  SCHEDULE_OPTION_KEYS,
  scheduleOptions,
  udsDefaultScheduleOptions,
  VSL_OPTION_KEYS,
  volumeSnapshotLocationOptions,
} from './arbitraries';

/** Runs per property; the brief asks for at least 1000 per builder. */
const RUNS = 1000;

/** How often each branch was taken. */
interface Outcome {
  runs: number;
  built: number;
  rejected: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for plain JSON data: null, booleans, strings, finite numbers, dense arrays, plain objects. */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonValue(value[i])) return false;
    }
    return true;
  }
  if (isRecord(value)) {
    // A plain object of any realm (jest runs tests in a vm context; structuredClone returns
    // objects of the host realm).
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
    if (Object.prototype.toString.call(value) !== '[object Object]') return false;
    return Object.values(value).every(isJsonValue);
  }
  return false;
}

/** Fails unless `error` is a VeleroConfigError with a non-empty list of `{path, message}` issues. */
function expectConfigError(error: unknown): asserts error is VeleroConfigError {
  if (!(error instanceof VeleroConfigError)) {
    throw new Error(
      `expected a VeleroConfigError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }
  expect(error.issues.length).toBeGreaterThan(0);
  for (const item of error.issues) {
    expect(typeof item.path).toBe('string');
    expect(typeof item.message).toBe('string');
    expect(item.message.length).toBeGreaterThan(0);
  }
}

/** True when `value` holds an invalid Date somewhere (jest never finds two of them equal). */
function holdsInvalidDate(value: unknown, depth = 0): boolean {
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((item) => holdsInvalidDate(item, depth + 1));
}

/**
 * A deep copy to detect mutation of the input, or `undefined` when the value cannot be cloned or
 * compared.
 */
function snapshot(value: unknown): { value: unknown } | undefined {
  if (holdsInvalidDate(value)) return undefined;
  try {
    return { value: structuredClone(value) };
  } catch {
    return undefined;
  }
}

/**
 * Runs `build` on RUNS generated inputs: each either returns a manifest that conforms to its CRD,
 * passes validateManifest, is plain JSON and satisfies `also`, or throws a VeleroConfigError. The
 * input is never modified.
 */
function checkBuilder<T>(
  input: fc.Arbitrary<T>,
  build: (value: T) => unknown,
  also: (result: unknown, value: T) => void = () => undefined,
): Outcome {
  const outcome: Outcome = { runs: 0, built: 0, rejected: 0 };
  fc.assert(
    fc.property(input, (value) => {
      outcome.runs++;
      const before = snapshot(value);
      let result: unknown;
      try {
        result = build(value);
      } catch (error) {
        expectConfigError(error);
        outcome.rejected++;
        if (before !== undefined) expect(value).toEqual(before.value);
        return;
      }
      outcome.built++;
      expect(validateAgainstCrd(result)).toEqual([]);
      expect(validateManifest(result)).toEqual([]);
      expect(isJsonValue(result)).toBe(true);
      if (before !== undefined) expect(value).toEqual(before.value);
      also(result, value);
    }),
    { numRuns: RUNS },
  );
  return outcome;
}

/** Both branches must be exercised: at least 10% of the runs built and 10% were rejected. */
function expectBothBranches(outcome: Outcome): void {
  expect(outcome.runs).toBeGreaterThanOrEqual(RUNS);
  expect(outcome.built / outcome.runs).toBeGreaterThanOrEqual(0.1);
  expect(outcome.rejected / outcome.runs).toBeGreaterThanOrEqual(0.1);
}

/** The builder's result when it builds, else `undefined`. */
function tryBuild<T>(build: (options: never) => T, options: unknown): T | undefined {
  try {
    return build(options as never);
  } catch {
    return undefined;
  }
}

/** A hand-written Schedule manifest from flat options, without the builder's checks. */
function rawScheduleManifest(options: LooseRecord): Record<string, unknown> {
  const { name, namespace, labels: l, annotations: a, ...spec } = options;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name, namespace, labels: l, annotations: a },
    spec,
  };
}

describeWithCrds('builders: valid manifest or VeleroConfigError, nothing else', () => {
  test('scheduleManifest', () => {
    const outcome = checkBuilder(builderInput(scheduleOptions, SCHEDULE_OPTION_KEYS), (o) =>
      scheduleManifest(o as never),
    );
    expectBothBranches(outcome);
  });

  test('backupManifest', () => {
    const outcome = checkBuilder(builderInput(backupOptions, BACKUP_OPTION_KEYS), (o) =>
      backupManifest(o as never),
    );
    expectBothBranches(outcome);
  });

  test('restoreManifest', () => {
    const outcome = checkBuilder(builderInput(restoreOptions, RESTORE_OPTION_KEYS), (o) =>
      restoreManifest(o as never),
    );
    expectBothBranches(outcome);
  });

  test('backupStorageLocationManifest', () => {
    const outcome = checkBuilder(builderInput(backupStorageLocationOptions, BSL_OPTION_KEYS), (o) =>
      backupStorageLocationManifest(o as never),
    );
    expectBothBranches(outcome);
  });

  test('volumeSnapshotLocationManifest', () => {
    const outcome = checkBuilder(
      builderInput(volumeSnapshotLocationOptions, VSL_OPTION_KEYS),
      (o) => volumeSnapshotLocationManifest(o as never),
    );
    expectBothBranches(outcome);
  });

  test('resourcePolicyConfigMap (and the stored YAML is the policy, unchanged)', () => {
    const outcome = checkBuilder(
      builderInput(resourcePolicyOptions, RESOURCE_POLICY_OPTION_KEYS),
      (o) => resourcePolicyConfigMap(o as never),
      (result, input) => {
        const options = input as LooseRecord;
        const data = (result as { data: Record<string, string> }).data;
        const key = typeof options['dataKey'] === 'string' ? options['dataKey'] : 'policy.yaml';
        expect(Object.keys(data)).toEqual([key]);
        const expected: Record<string, unknown> = { version: 'v1' };
        if (options['volumePolicies'] !== undefined)
          expected['volumePolicies'] = options['volumePolicies'];
        if (options['includeExcludePolicy'] !== undefined) {
          expected['includeExcludePolicy'] = options['includeExcludePolicy'];
        }
        expect(parse(data[key] ?? '')).toEqual(expected);
      },
    );
    expectBothBranches(outcome);
  });

  test('backupFromSchedule', () => {
    const schedules = fc.oneof(
      {
        arbitrary: scheduleOptions('valid').map(
          (o) => tryBuild(scheduleManifest, o) ?? rawScheduleManifest(o),
        ),
        weight: 5,
      },
      {
        arbitrary: scheduleOptions('mixed').map(
          (o) => tryBuild(scheduleManifest, o) ?? rawScheduleManifest(o),
        ),
        weight: 4,
      },
      { arbitrary: scheduleOptions('mixed').map(rawScheduleManifest), weight: 2 },
      {
        arbitrary: backupOptions('valid').map((o) => tryBuild(backupManifest, o) ?? o),
        weight: 1,
      },
      { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    );
    const options = pick(
      'mixed',
      fc.record(
        {
          name: objectName('mixed'),
          at: pick(
            'mixed',
            fc.date({
              min: new Date('1970-01-01T00:00:00Z'),
              max: new Date('2200-01-01T00:00:00Z'),
            }),
            fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)), junkNotNullish),
          ),
          labels: labels('mixed'),
          annotations: annotationsArb('mixed'),
        },
        { requiredKeys: [] },
      ),
      fc.oneof(fc.constant(undefined), junk),
      12,
    );
    const outcome = checkBuilder(
      fc.tuple(schedules, options),
      ([schedule, opts]) => backupFromSchedule(schedule as ScheduleManifest, opts as never),
      (result, [schedule, opts]) => {
        const backup = result as {
          metadata: { labels: Record<string, string>; namespace: string };
        };
        const source = schedule as ScheduleManifest;
        const extra = isRecord(opts) && isRecord(opts['labels']) ? opts['labels'] : {};
        expect(backup.metadata.labels['velero.io/schedule-name']).toBe(
          extra['velero.io/schedule-name'] ?? source.metadata.name,
        );
        expect(backup.metadata.namespace).toBe(source.metadata.namespace ?? 'velero');
      },
    );
    expectBothBranches(outcome);
  });

  test('udsDefaultSchedule', () => {
    const outcome = checkBuilder(
      udsDefaultScheduleOptions('mixed'),
      (o) => udsDefaultSchedule(o as never),
      (result, input) => {
        const schedule = result as ScheduleManifest;
        const options = isRecord(input) ? input : {};
        expect(schedule.metadata.name).toBe(options['name'] ?? 'velero-velero-udsbackup');
        expect(schedule.spec.schedule).toBe(options['schedule'] ?? '0 3 * * *');
      },
    );
    expectBothBranches(outcome);
  });
});

describe('veleroBucketName', () => {
  test('a valid S3 name <cluster>-velero-<YYYYMMDD> that keeps the cluster, or a VeleroConfigError', () => {
    const outcome: Outcome = { runs: 0, built: 0, rejected: 0 };
    const cluster = fc.oneof(
      { arbitrary: clusterName, weight: 6 },
      { arbitrary: badClusterName, weight: 3 },
      { arbitrary: fc.oneof(junk, fc.bigInt()), weight: 1 },
    );
    fc.assert(
      fc.property(cluster, bucketDate, (c, d) => {
        outcome.runs++;
        let name: string;
        try {
          name = veleroBucketName(c as string, d as string);
        } catch (error) {
          expectConfigError(error);
          outcome.rejected++;
          return;
        }
        outcome.built++;
        expect(typeof name).toBe('string');
        expect(name).toMatch(/^.+-velero-\d{8}$/);
        // Never rewritten: the cluster part is exactly the cluster given.
        expect(name.slice(0, -'-velero-YYYYMMDD'.length)).toBe(c);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(checkS3BucketName(name)).toEqual([]);
        // Independently of the core's own S3 check: lowercase letters, digits and single dashes.
        expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        if (typeof d === 'string') expect(name.slice(-8)).toBe(d.replace(/-/g, ''));
        if (d instanceof Date) {
          expect(name.slice(-8)).toBe(d.toISOString().slice(0, 10).replace(/-/g, ''));
        }
      }),
      { numRuns: RUNS },
    );
    expectBothBranches(outcome);
  });
});

// ------------------------------------------------------------------------------------------------
// validateManifest

/** A node of a manifest reached by following the field model. */
interface ModelNode {
  /** Path as validateManifest reports it, e.g. `spec.template.hooks.resources[0]`. */
  readonly path: string;
  /** The value at the path. */
  readonly value: unknown;
  /** The model of the value. */
  readonly schema: FieldSchema;
  /** The object or array holding the value, and its key there (absent for the root). */
  readonly parent?: { container: Record<string, unknown> | unknown[]; key: string | number };
}

/** Every node of `value` that the model describes (open fields are not entered). */
function modelNodes(
  value: unknown,
  schema: FieldSchema,
  path: string,
  out: ModelNode[] = [],
): ModelNode[] {
  out.push({ path, value, schema });
  const visit = (
    container: Record<string, unknown> | unknown[],
    key: string | number,
    child: unknown,
    childSchema: FieldSchema,
  ) => {
    const start = out.length;
    modelNodes(child, childSchema, joinPath(path, key), out);
    const first = out[start];
    if (first !== undefined) out[start] = { ...first, parent: { container, key } };
  };
  if (schema.type === 'object' && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const field = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (field !== undefined) visit(value, key, child, field);
    }
  } else if (schema.type === 'array' && Array.isArray(value)) {
    value.forEach((child, index) => {
      visit(value, index, child, schema.items);
    });
  } else if (schema.type === 'map' && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) visit(value, key, child, schema.values);
  }
  return out;
}

/** Valid manifests of every modelled kind, as the builders produce them. */
const validVeleroManifest: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    scheduleOptions('valid').map((o) => tryBuild(scheduleManifest, o)),
    backupOptions('valid').map((o) => tryBuild(backupManifest, o)),
    restoreOptions('valid').map((o) => tryBuild(restoreManifest, o)),
    backupStorageLocationOptions('valid').map((o) => tryBuild(backupStorageLocationManifest, o)),
    volumeSnapshotLocationOptions('valid').map((o) => tryBuild(volumeSnapshotLocationManifest, o)),
  )
  .filter((m): m is NonNullable<typeof m> => m !== undefined)
  .map((m) => m as unknown as Record<string, unknown>);

/** Keys that are not fields anywhere: random text, typos' shapes and Object.prototype names. */
const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'tll',
    'Schedule',
  ),
);

function setOwnKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** All the options fc.anything has, to throw every kind of JavaScript value at the validator. */
const anythingAtAll = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

function expectIssueList(issues: unknown): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const item of issues as unknown[]) {
    expect(isRecord(item)).toBe(true);
    const { path, message } = item as { path: unknown; message: unknown };
    expect(typeof path).toBe('string');
    expect(typeof message).toBe('string');
  }
}

describe('validateManifest never throws', () => {
  test('on any JavaScript value', () => {
    fc.assert(
      fc.property(anythingAtAll, (value) => {
        expectIssueList(validateManifest(value));
      }),
      { numRuns: RUNS },
    );
  });

  test('on manifest-shaped objects of every kind with arbitrary content', () => {
    const shaped = fc.record(
      {
        apiVersion: fc.oneof(fc.constantFrom('velero.io/v1', 'v1', 'velero.io/v2'), anythingAtAll),
        kind: fc.oneof(
          fc.constantFrom(
            'Schedule',
            'Backup',
            'Restore',
            'BackupStorageLocation',
            'VolumeSnapshotLocation',
            'ConfigMap',
            'DeleteBackupRequest',
            'Schedul',
          ),
          anythingAtAll,
        ),
        metadata: fc.oneof(
          fc.record({ name: objectName('mixed'), labels: labels('mixed') }),
          anythingAtAll,
        ),
        spec: anythingAtAll,
        data: fc.oneof(
          fc.dictionary(
            fc.string({ maxLength: 8 }),
            fc.oneof(fc.string(), fc.constant('version: v1\nvolumePolicies: [{}]\n')),
          ),
          anythingAtAll,
        ),
      },
      { requiredKeys: ['apiVersion', 'kind'] },
    );
    fc.assert(
      fc.property(shaped, (value) => {
        expectIssueList(validateManifest(value));
      }),
      { numRuns: RUNS },
    );
  });
});

describeWithCrds('validateManifest agrees with the CRDs', () => {
  test('a builder-made manifest with any node replaced: accepted by validateManifest => CRD-conformant', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        validVeleroManifest,
        fc.nat(),
        fc.oneof(junk, fc.anything({ maxDepth: 2 })),
        (manifest, index, replacement) => {
          const copy = structuredClone(manifest);
          const kind = copy['kind'];
          if (!isModelledVeleroKind(kind)) throw new Error(`unexpected kind ${String(kind)}`);
          const nodes = modelNodes(copy, manifestSchemaOf(kind), '').filter(
            (n) => n.parent !== undefined,
          );
          const node = nodes[index % nodes.length];
          if (node?.parent === undefined) return;
          runs++;
          const { container, key } = node.parent;
          if (Array.isArray(container)) container[key as number] = replacement;
          else setOwnKey(container, key as string, replacement);
          const issues = validateManifest(copy);
          expectIssueList(issues);
          if (issues.length === 0) {
            accepted++;
            expect(validateAgainstCrd(copy)).toEqual([]);
          }
        },
      ),
      { numRuns: RUNS },
    );
    // Both outcomes happen: some replacements are still valid, most are not.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(runs);
  });

  test('any unknown key added to any object in spec is reported at its exact path', () => {
    fc.assert(
      fc.property(
        validVeleroManifest,
        fc.nat(),
        unknownKey,
        fc.anything({ maxDepth: 1 }),
        (manifest, index, key, value) => {
          const copy = structuredClone(manifest);
          const kind = copy['kind'];
          if (!isModelledVeleroKind(kind)) throw new Error(`unexpected kind ${String(kind)}`);
          const objects = modelNodes(copy, manifestSchemaOf(kind), '').filter(
            (n): n is ModelNode & { schema: ObjectField } =>
              n.schema.type === 'object' &&
              isRecord(n.value) &&
              (n.path === 'spec' || n.path.startsWith('spec.') || n.path.startsWith('spec[')),
          );
          const node = objects[index % objects.length];
          if (node === undefined) throw new Error('a manifest without spec');
          fc.pre(!Object.hasOwn(node.schema.properties, key));
          setOwnKey(node.value as Record<string, unknown>, key, value);
          const expectedPath = joinPath(node.path, key);
          const issues = validateManifest(copy);
          const found = issues.find((i) => i.path === expectedPath);
          expect(found).toBeDefined();
          expect(found?.message).toContain(`\`${key}\``);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('any unknown key added to any object of a resource policy is reported at its exact path', () => {
    const policies = resourcePolicyOptions('valid')
      .map((o) => tryBuild(resourcePolicyConfigMap, o))
      .filter((m): m is NonNullable<typeof m> => m !== undefined);
    fc.assert(
      fc.property(
        policies,
        fc.nat(),
        unknownKey,
        fc.jsonValue({ maxDepth: 1 }),
        (configMap, index, key, value) => {
          const [dataKey, text] = Object.entries(configMap.data)[0] ?? ['', ''];
          const document: unknown = parse(text);
          const base = joinPath(joinPath('', 'data'), dataKey);
          const objects = modelNodes(document, resourcePolicyDocumentSchema, base).filter(
            (n): n is ModelNode & { schema: ObjectField } =>
              n.schema.type === 'object' && isRecord(n.value),
          );
          const node = objects[index % objects.length];
          if (node === undefined) throw new Error('a policy without a document');
          fc.pre(!Object.hasOwn(node.schema.properties, key));
          setOwnKey(node.value as Record<string, unknown>, key, value);
          const edited = { ...configMap, data: { [dataKey]: stringify(document) } };
          const expectedPath = joinPath(node.path, key);
          const found = validateManifest(edited).find((i) => i.path === expectedPath);
          expect(found).toBeDefined();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** Regressions: bugs these properties found in lib/core, each pinned by its shrunk input. */
describeWithCrds('regressions found by the properties', () => {
  /** Passes when `build` returns a conformant, valid manifest or throws a VeleroConfigError. */
  function expectManifestOrConfigError(build: () => unknown): void {
    let result: unknown;
    try {
      result = build();
    } catch (error) {
      expectConfigError(error);
      return;
    }
    expect(validateAgainstCrd(result)).toEqual([]);
    expect(validateManifest(result)).toEqual([]);
  }

  // lib/core/bucketName.ts veleroBucketName: the error subject is built with
  // JSON.stringify(cluster), which throws "TypeError: Do not know how to serialize a BigInt".
  test('veleroBucketName(10n, date) throws a VeleroConfigError, not a TypeError', () => {
    expect(() => veleroBucketName(10n as never, '2026-01-01')).toThrow(VeleroConfigError);
  });

  // lib/core/manifests/backupFromSchedule.ts: the default `options = {}` only covers undefined;
  // `null` reaches `options.name` and throws "TypeError: Cannot read properties of null".
  test('backupFromSchedule(schedule, null) throws a VeleroConfigError or builds', () => {
    const schedule = scheduleManifest({ name: 'daily', schedule: '@daily', template: {} });
    expectManifestOrConfigError(() => backupFromSchedule(schedule, null as never));
  });

  // lib/core/model/locations.ts: objectStorage.caCert is not checked as base64 (CRD format: byte),
  // so the builder returns a manifest the API server rejects.
  test('backupStorageLocationManifest with a caCert that is not base64', () => {
    expectManifestOrConfigError(() =>
      backupStorageLocationManifest({
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: 'b', caCert: '-----BEGIN CERTIFICATE-----' },
      }),
    );
  });

  // lib/core/model/restore.ts: initContainers items are open(); the CRD requires objects.
  test('restoreManifest with an init container that is not an object', () => {
    expectManifestOrConfigError(() =>
      restoreManifest({
        name: 'r',
        backupName: 'b',
        hooks: {
          resources: [
            { name: 'h', postHooks: [{ init: { initContainers: ['busybox' as never] } }] },
          ],
        },
      }),
    );
  });

  // lib/core/resourcePolicy/model.ts: action.parameters is open(). A Symbol or a function in it
  // makes yaml's stringify throw a plain Error ("Tag not resolved for Symbol value") out of
  // resourcePolicyConfigMap.
  test('resourcePolicyConfigMap with a function in action.parameters', () => {
    expectManifestOrConfigError(() =>
      resourcePolicyConfigMap({
        name: 'p',
        volumePolicies: [
          { conditions: {}, action: { type: 'custom', parameters: { hook: () => 1 } } },
        ],
      }),
    );
  });

  // Same field: Velero decodes parameters strictly into map[string]interface{}, so a scalar or a
  // list fails every backup using the policy; the builder accepts them.
  test('resourcePolicyConfigMap with action.parameters that is not a map', () => {
    expect(() =>
      resourcePolicyConfigMap({
        name: 'p',
        volumePolicies: [{ conditions: {}, action: { type: 'custom', parameters: 5 as never } }],
      }),
    ).toThrow(VeleroConfigError);
  });

  // lib/core/manifests/udsDefaultSchedule.ts: a `template` (or whole options value) that is not an
  // object is silently ignored (definedOnly over Object.entries of a number), and the default
  // schedule is returned as if nothing was asked.
  test('udsDefaultSchedule({ template: 5 }) is rejected, not ignored', () => {
    expect(() => udsDefaultSchedule({ template: 5 as never })).toThrow(VeleroConfigError);
  });
});
