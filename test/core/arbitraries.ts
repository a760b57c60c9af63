/**
 * fast-check generators for the core's builders. Each generator comes in two modes: `valid`
 * (values Velero accepts, so most inputs build) and `mixed` (mostly valid values, with wrong
 * types, bad formats, rule violations and misspelt keys mixed in, so both the "builds" and the
 * "throws VeleroConfigError" branches are exercised).
 */
import fc from 'fast-check';

/** `valid`: only values Velero accepts; `mixed`: valid values with invalid ones mixed in. */
export type Mode = 'valid' | 'mixed';

/** A plain record of generated option values. */
export type LooseRecord = Record<string, unknown>;

/** Values of the wrong type or shape for almost any field (including `null` and `undefined`). */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    1.5,
    Number.NaN,
    true,
    false,
    '',
    ' ',
    'x',
    [],
    {},
    [null],
    [1],
    { a: 1 },
  ),
  fc.anything({ maxDepth: 2 }),
);

/** Like {@link junk}, but never `null` or `undefined`. */
export const junkNotNullish: fc.Arbitrary<unknown> = junk.filter(
  (v) => v !== null && v !== undefined,
);

/**
 * `valid` in `valid` mode; in `mixed` mode `valid` with weight `validWeight` against `invalid`
 * with weight 1.
 */
export function pick<T, U>(
  mode: Mode,
  valid: fc.Arbitrary<T>,
  invalid: fc.Arbitrary<U>,
  validWeight = 9,
): fc.Arbitrary<T | U> {
  if (mode === 'valid') return valid;
  return fc.oneof(
    { arbitrary: valid, weight: validWeight },
    { arbitrary: invalid, weight: 1 },
  ) as fc.Arbitrary<T | U>;
}

/** Merges generated partial records into one options object. */
function merge(...parts: readonly LooseRecord[]): LooseRecord {
  return Object.assign({}, ...parts) as LooseRecord;
}

// ------------------------------------------------------------------------------------------------
// Names, labels, selectors

const dnsLabelPart = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/);

/** A DNS-1123 label (namespace names): at most 16 characters here. */
export const dnsLabel: fc.Arbitrary<string> = dnsLabelPart;

/** A DNS-1123 subdomain of at most 33 characters (valid for every kind, Schedules included). */
export const dnsSubdomain: fc.Arbitrary<string> = fc
  .tuple(dnsLabelPart, fc.option(dnsLabelPart, { nil: undefined }))
  .map(([a, b]) => (b === undefined ? a : `${a}.${b}`));

/** Strings Kubernetes or Velero reject as object names. */
export const badName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'Nightly',
    'a_b',
    '-a',
    'a-',
    'a..b',
    '.a',
    'a b',
    'über',
    's'.repeat(49),
    'b'.repeat(64),
    'z'.repeat(254),
  ),
  fc.string({ maxLength: 8 }),
);

/** An object name (`metadata.name` or a reference to one). */
export function objectName(mode: Mode): fc.Arbitrary<unknown> {
  return pick(mode, dnsSubdomain, fc.oneof(badName, junkNotNullish));
}

/** A `metadata.namespace`: unset (defaults to `velero`) or a DNS-1123 label. */
export function namespaceOption(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.constantFrom<string | undefined>(undefined, 'velero', 'backup-system'),
    fc.oneof(fc.constantFrom('Velero', 'a.b', 'a_b', '-x', 'n'.repeat(64)), junkNotNullish),
  );
}

/** A valid label or annotation key, with or without a prefix. */
export const labelKey: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,10}[a-zA-Z0-9])?$/),
  fc.constantFrom('app.kubernetes.io/name', 'example.com/team', 'velero.io/custom'),
);

/** Keys Kubernetes rejects as label keys. */
export const badLabelKey: fc.Arbitrary<string> = fc.constantFrom(
  '',
  'a b',
  '/x',
  'a/b/c',
  '-x',
  'x-',
  'Example.com/x',
  'x/',
  'k'.repeat(64),
  'ünicode',
);

/** A valid label value (possibly empty). */
export const labelValue: fc.Arbitrary<string> = fc.stringMatching(
  /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/,
);

/** Values Kubernetes rejects as label values. */
export const badLabelValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  'a b',
  '-x',
  'x-',
  'v'.repeat(64),
  'ü',
  'a/b',
  5,
  true,
  null,
);

/** A label map. */
export function labels(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.dictionary(
      pick(mode, labelKey, badLabelKey, 19),
      pick(mode, labelValue, badLabelValue, 19),
      {
        maxKeys: 3,
      },
    ),
    junkNotNullish,
    19,
  );
}

/** An annotation map (values are free text). */
export function annotations(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.dictionary(
      pick(mode, labelKey, badLabelKey, 19),
      pick(mode, fc.string({ maxLength: 20 }), junkNotNullish, 19),
      { maxKeys: 3 },
    ),
    junkNotNullish,
    19,
  );
}

/** A Kubernetes `LabelSelector`. */
export function labelSelector(mode: Mode): fc.Arbitrary<unknown> {
  const requirement = fc.oneof(
    fc.record({
      key: labelKey,
      operator: fc.constantFrom('In', 'NotIn'),
      values: fc.array(labelValue, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ key: labelKey, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  );
  const badRequirement = fc.record(
    {
      key: pick('mixed', labelKey, fc.oneof(badLabelKey, junk)),
      operator: fc.constantFrom<unknown>(
        'In',
        'NotIn',
        'Exists',
        'DoesNotExist',
        'in',
        'Equals',
        '',
        5,
      ),
      values: fc.oneof(fc.array(pick('mixed', labelValue, badLabelValue)), junk),
      extra: junk,
    },
    { requiredKeys: [] },
  );
  return pick(
    mode,
    fc.record(
      {
        matchLabels: labels(mode),
        matchExpressions: fc.array(pick(mode, requirement, badRequirement), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    junkNotNullish,
    19,
  );
}

/** `{}`, `{labelSelector}` or `{orLabelSelectors}`; in `mixed` mode sometimes both (invalid). */
export function selectors(mode: Mode): fc.Arbitrary<LooseRecord> {
  const one = fc.oneof(
    fc.constant({}),
    fc.record({ labelSelector: labelSelector(mode) }),
    fc.record({
      orLabelSelectors: pick(
        mode,
        fc.array(labelSelector(mode), { minLength: 1, maxLength: 3 }),
        junkNotNullish,
        19,
      ),
    }),
  );
  if (mode === 'valid') return one;
  return fc.oneof(
    { arbitrary: one, weight: 12 },
    {
      arbitrary: fc.record({
        labelSelector: labelSelector('valid'),
        orLabelSelectors: fc.array(labelSelector('valid'), { minLength: 1, maxLength: 2 }),
      }),
      weight: 1,
    },
  );
}

// ------------------------------------------------------------------------------------------------
// Durations, cron, booleans

/** Go durations Velero accepts. */
export const goDuration: fc.Arbitrary<string> = fc.constantFrom(
  '720h0m0s',
  '90m',
  '4h',
  '10m',
  '30s',
  '0',
  '0s',
  '1h30m',
  '1.5h',
  '300ms',
  '2h45m30.5s',
  '1us',
  '1µs',
);

/** Strings that are not Go durations (`30d` is the classic). */
export const badGoDuration: fc.Arbitrary<string> = fc.constantFrom(
  '30d',
  '1 h',
  'h',
  '1.5',
  '10x',
  '',
  ' 1h',
  '1h ',
  '7 days',
  'P1D',
  '1H',
);

/** A duration field. */
export function duration(mode: Mode): fc.Arbitrary<unknown> {
  return pick(mode, goDuration, fc.oneof(badGoDuration, junkNotNullish), 12);
}

/** Schedules Velero's cron parser accepts. */
export const cronExpression: fc.Arbitrary<string> = fc.constantFrom(
  '0 3 * * *',
  '@daily',
  '@every 6h',
  '@hourly',
  'CRON_TZ=Europe/Berlin 30 1 * * mon-fri',
  'TZ=UTC 0 */4 * * *',
  '*/15 * * * *',
  '0 0 1 jan,jul *',
  '5 4 * * sun',
  '0 22 * * 1-5',
  '0 0 ? * *',
);

/** Schedules Velero's cron parser rejects (or that never run). */
export const badCronExpression: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0 3 * * 7',
    '* * * * * *',
    '0 0 3 * * *',
    'TZ=Mars/Base 0 3 * * *',
    'CRON_TZ=europe/berlin 0 3 * * *',
    'every day',
    '',
    '61 * * * *',
    '0 24 * * *',
    '@every 1d',
    '0 0 31 2 *',
    'L * * * *',
  ),
  fc.string({ maxLength: 12 }),
);

/** An optional boolean field. */
export function bool(mode: Mode): fc.Arbitrary<unknown> {
  return pick(mode, fc.boolean(), junkNotNullish, 19);
}

// ------------------------------------------------------------------------------------------------
// Filters

const validIncludedNamespaces = fc.oneof(
  fc.uniqueArray(
    fc.constantFrom('apps', 'db', 'monitoring', 'tempo', 'team-*', 'db-?', 'ns[0-9]', ''),
    {
      maxLength: 3,
    },
  ),
  fc.constant(['*']),
);
const validExcludedNamespaces = fc.uniqueArray(
  fc.constantFrom('kube-system', 'apps-canary', 'scratch', 'test-*'),
  { maxLength: 2 },
);
/** Namespace entries Velero rejects (glob syntax, names, `*` in excludes). */
export const badNamespacePattern: fc.Arbitrary<string> = fc.constantFrom(
  'a|b',
  '**',
  '[',
  'Apps',
  'a_b',
  '{a,b}',
  'x'.repeat(64),
  '[]',
  'a]',
  '!a',
  'a(b)',
);

/** `includedNamespaces`/`excludedNamespaces`. */
export function namespaceFilters(mode: Mode): fc.Arbitrary<LooseRecord> {
  const badList = fc.oneof(
    fc.array(fc.oneof(fc.constantFrom('apps', '*', 'kube-system'), badNamespacePattern), {
      minLength: 1,
      maxLength: 3,
    }),
    junkNotNullish,
  );
  return fc.record(
    {
      includedNamespaces: pick(mode, validIncludedNamespaces, badList, 12),
      excludedNamespaces: pick(mode, validExcludedNamespaces, badList, 12),
    },
    { requiredKeys: [] },
  );
}

const oldIncluded = fc.oneof(
  fc.uniqueArray(
    fc.constantFrom(
      'pods',
      'deployments.apps',
      'configmaps',
      'persistentvolumeclaims',
      'persistentvolumes',
      'services',
    ),
    { maxLength: 3 },
  ),
  fc.constant(['*']),
);
const oldExcluded = fc.uniqueArray(fc.constantFrom('secrets', 'events', 'jobs.batch'), {
  maxLength: 2,
});
const badResourceList = fc.oneof(
  fc.constantFrom<unknown>(['*', 'pods'], ['*'], ['pods', 'secrets'], [5], [null]),
  junkNotNullish,
);

/** Old-style resource filters. */
export function oldStyleFilters(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc.record(
    {
      includedResources: pick(mode, oldIncluded, badResourceList, 12),
      excludedResources: pick(mode, oldExcluded, badResourceList, 12),
      includeClusterResources: bool(mode),
    },
    { requiredKeys: [] },
  );
}

function scopedPair(
  mode: Mode,
  includes: readonly string[],
  excludes: readonly string[],
  scope: 'Cluster' | 'Namespace',
): fc.Arbitrary<LooseRecord> {
  const inc = `included${scope}ScopedResources`;
  const exc = `excluded${scope}ScopedResources`;
  const valid = fc.oneof(
    fc.record(
      {
        [inc]: fc.oneof(
          fc.uniqueArray(fc.constantFrom(...includes), { maxLength: 2 }),
          fc.constant(['*']),
        ),
        [exc]: fc.uniqueArray(fc.constantFrom(...excludes), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    fc.constant({ [exc]: ['*'] }),
  );
  const invalid = fc.oneof(
    fc.constant({ [inc]: ['*', includes[0]] }),
    fc.constant({ [exc]: ['*', excludes[0]] }),
    fc.constant({ [inc]: [includes[0]], [exc]: ['*'] }),
    fc.constant({ [inc]: [includes[0]], [exc]: [includes[0]] }),
    fc.record({ [inc]: junkNotNullish }),
  );
  return pick(mode, valid, invalid, 12);
}

/** New-style (scoped) resource filters. */
export function newStyleFilters(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc
    .tuple(
      scopedPair(
        mode,
        ['persistentvolumes', 'storageclasses.storage.k8s.io', 'clusterroles'],
        ['customresourcedefinitions', 'namespaces'],
        'Cluster',
      ),
      scopedPair(
        mode,
        ['pods', 'deployments', 'services'],
        ['secrets', 'configmaps', 'events'],
        'Namespace',
      ),
    )
    .map(([a, b]) => merge(a, b));
}

/** Old-style, new-style or no resource filters; in `mixed` mode sometimes both styles. */
export function resourceFilters(mode: Mode): fc.Arbitrary<LooseRecord> {
  const arbitraries = [
    { arbitrary: oldStyleFilters(mode), weight: 4 },
    { arbitrary: newStyleFilters(mode), weight: 4 },
    { arbitrary: fc.constant({}), weight: 2 },
  ];
  if (mode === 'mixed') {
    arbitraries.push({
      arbitrary: fc.tuple(oldStyleFilters('valid'), newStyleFilters('valid')).map(([a, b]) =>
        merge({ includeClusterResources: true }, a, b, {
          excludedNamespaceScopedResources: ['secrets'],
        }),
      ),
      weight: 1,
    });
  }
  return fc.oneof(...arbitraries);
}

// ------------------------------------------------------------------------------------------------
// Backup spec and hooks

/** A `TypedLocalObjectReference` to a ConfigMap. */
export function configMapReference(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.record(
      {
        apiGroup: fc.constant(''),
        kind: fc.constantFrom('configmap', 'ConfigMap', 'CONFIGMAP'),
        name: dnsSubdomain,
      },
      { requiredKeys: ['kind', 'name'] },
    ),
    fc.oneof(
      fc.record({ kind: fc.constantFrom('Secret', 'cm', ''), name: dnsSubdomain }),
      fc.record({ kind: fc.constant('configmap') }),
      fc.record({ name: dnsSubdomain }),
      fc.record({ kind: fc.constant('configmap'), name: badName }),
      junkNotNullish,
    ),
    12,
  );
}

const command = fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 });
const badCommand = fc.oneof(fc.constantFrom<unknown>([], 'echo hi', [1], undefined), junk);
const onError = (mode: Mode) =>
  pick(
    mode,
    fc.constantFrom('Continue', 'Fail'),
    fc.constantFrom<unknown>('continue', 'Ignore', 1, ''),
  );

function execHook(mode: Mode): fc.Arbitrary<unknown> {
  return fc.record(
    {
      container: pick(mode, dnsLabel, junkNotNullish, 19),
      command: pick(mode, command, badCommand, 12),
      onError: onError(mode),
      timeout: duration(mode),
    },
    { requiredKeys: ['command'] },
  );
}

function stringList(mode: Mode, values: readonly string[]): fc.Arbitrary<unknown> {
  return pick(mode, fc.array(fc.constantFrom(...values), { maxLength: 2 }), junkNotNullish, 19);
}

/** One `hooks.resources[]` entry of a Backup. */
export function backupHookSpec(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.record(
      {
        name: pick(
          mode,
          fc.string({ minLength: 1, maxLength: 10 }),
          fc.constantFrom<unknown>(undefined, null, 5),
        ),
        includedNamespaces: stringList(mode, ['db', 'apps']),
        excludedNamespaces: stringList(mode, ['db-test']),
        includedResources: stringList(mode, ['pods']),
        excludedResources: stringList(mode, ['deployments.apps']),
        labelSelector: labelSelector(mode),
        pre: fc.array(fc.record({ exec: execHook(mode) }), { maxLength: 2 }),
        post: fc.array(fc.record({ exec: execHook(mode) }), { maxLength: 2 }),
      },
      { requiredKeys: ['name'] },
    ),
    junkNotNullish,
    19,
  );
}

const uploaderParallelism = (mode: Mode) =>
  pick(mode, fc.nat({ max: 64 }), fc.constantFrom<unknown>(-1, 1.5, '4', Number.NaN, 2 ** 60));

/** Every `BackupSpec` field (also a Schedule's template), with consistent filters and selectors. */
export function backupSpec(mode: Mode): fc.Arbitrary<LooseRecord> {
  const common = fc.record(
    {
      metadata: pick(
        mode,
        fc.record({ labels: labels(mode) }, { requiredKeys: [] }),
        junkNotNullish,
        19,
      ),
      snapshotVolumes: bool(mode),
      ttl: duration(mode),
      storageLocation: pick(
        mode,
        fc.oneof(dnsSubdomain, fc.constant('')),
        fc.oneof(badName, junkNotNullish),
        19,
      ),
      volumeSnapshotLocations: pick(
        mode,
        fc.array(dnsSubdomain, { maxLength: 2 }),
        fc.oneof(fc.array(fc.oneof(badName, junk), { minLength: 1, maxLength: 2 }), junkNotNullish),
        19,
      ),
      defaultVolumesToFsBackup: bool(mode),
      defaultVolumesToRestic: bool(mode),
      orderedResources: pick(
        mode,
        fc.dictionary(
          fc.constantFrom('pods', 'persistentvolumes', 'deployments.apps'),
          fc.constantFrom('ns/a,ns/b', 'pv-1', ''),
          { maxKeys: 2 },
        ),
        junkNotNullish,
        19,
      ),
      csiSnapshotTimeout: duration(mode),
      itemOperationTimeout: duration(mode),
      resourcePolicy: configMapReference(mode),
      snapshotMoveData: bool(mode),
      datamover: pick(mode, fc.constantFrom('', 'velero', 'example.com/mover'), junkNotNullish, 19),
      uploaderConfig: pick(
        mode,
        fc.record({ parallelFilesUpload: uploaderParallelism(mode) }, { requiredKeys: [] }),
        junkNotNullish,
        19,
      ),
      volumeGroupSnapshotLabelKey: pick(
        mode,
        fc.oneof(labelKey, fc.constant('')),
        junkNotNullish,
        19,
      ),
      hooks: pick(
        mode,
        fc.record(
          { resources: fc.array(backupHookSpec(mode), { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
        junkNotNullish,
        19,
      ),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(common, namespaceFilters(mode), resourceFilters(mode), selectors(mode))
    .map((parts) => merge(...parts));
}

/** The metadata options every builder takes (`name` is sometimes missing in `mixed` mode). */
export function metadataOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc.record(
    {
      name: pick(mode, objectName(mode), fc.constant(undefined), 19),
      namespace: namespaceOption(mode),
      labels: labels(mode),
      annotations: annotations(mode),
    },
    { requiredKeys: ['name'] },
  );
}

/** Adds one misspelt or unknown key (with any value) to generated options. */
export function withUnknownKey(
  options: fc.Arbitrary<LooseRecord>,
  known: readonly string[],
): fc.Arbitrary<LooseRecord> {
  const typo = fc
    .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom('drop', 'swap', 'upper', 'plural'))
    .map(([key, n, how]) => {
      const i = n % key.length;
      if (how === 'drop') return key.slice(0, i) + key.slice(i + 1);
      if (how === 'swap' && i + 1 < key.length)
        return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
      if (how === 'upper') return key.toUpperCase();
      return `${key}s`;
    });
  const key = fc
    .oneof(
      typo,
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.constantFrom('constructor', 'toString', 'spec', 'kind'),
    )
    .filter((k) => !known.includes(k));
  return fc.tuple(options, key, fc.anything({ maxDepth: 1 })).map(([o, k, v]) => {
    const out = merge(o);
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return out;
  });
}

/**
 * Input for a builder: options generated in `valid` mode, options generated in `mixed` mode,
 * mixed options with an unknown key, and any value at all.
 */
export function builderInput(
  optionsOf: (mode: Mode) => fc.Arbitrary<LooseRecord>,
  known: readonly string[],
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: optionsOf('valid'), weight: 6 },
    { arbitrary: optionsOf('mixed'), weight: 10 },
    { arbitrary: withUnknownKey(optionsOf('mixed'), known), weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 2 },
  );
}

// ------------------------------------------------------------------------------------------------
// Per-builder options

/** The option keys of `backupManifest` (metadata plus BackupSpec). */
export const BACKUP_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'metadata',
  'includedNamespaces',
  'excludedNamespaces',
  'includedResources',
  'excludedResources',
  'includeClusterResources',
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
  'labelSelector',
  'orLabelSelectors',
  'snapshotVolumes',
  'ttl',
  'storageLocation',
  'volumeSnapshotLocations',
  'defaultVolumesToFsBackup',
  'defaultVolumesToRestic',
  'orderedResources',
  'csiSnapshotTimeout',
  'itemOperationTimeout',
  'resourcePolicy',
  'snapshotMoveData',
  'datamover',
  'uploaderConfig',
  'volumeGroupSnapshotLabelKey',
  'hooks',
];

/** Options for `backupManifest`. */
export function backupOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc.tuple(metadataOptions(mode), backupSpec(mode)).map(([m, s]) => merge(s, m));
}

/** The option keys of `scheduleManifest`. */
export const SCHEDULE_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'schedule',
  'template',
  'useOwnerReferencesInBackup',
  'paused',
  'skipImmediately',
];

/** The Schedule spec options (without metadata). */
export function scheduleSpecOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc.record(
    {
      schedule: pick(mode, cronExpression, fc.oneof(badCronExpression, junk), 12),
      template: pick(mode, backupSpec(mode), junk, 19),
      useOwnerReferencesInBackup: bool(mode),
      paused: bool(mode),
      skipImmediately: bool(mode),
    },
    { requiredKeys: ['schedule', 'template'] },
  );
}

/** Options for `scheduleManifest`. */
export function scheduleOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  return fc.tuple(metadataOptions(mode), scheduleSpecOptions(mode)).map(([m, s]) => merge(s, m));
}

/** The option keys of `restoreManifest`. */
export const RESTORE_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'backupName',
  'scheduleName',
  'includedNamespaces',
  'excludedNamespaces',
  'includedResources',
  'excludedResources',
  'includeClusterResources',
  'namespaceMapping',
  'labelSelector',
  'orLabelSelectors',
  'restorePVs',
  'restoreStatus',
  'preserveNodePorts',
  'existingResourcePolicy',
  'itemOperationTimeout',
  'resourceModifier',
  'uploaderConfig',
  'hooks',
];

/** An init container: any object (Kubernetes checks containers itself). */
const initContainer = fc.record(
  {
    name: dnsLabel,
    image: fc.constantFrom('busybox:1.36', 'alpine'),
    command: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
    env: fc.array(
      fc.record({ name: fc.constantFrom('A', 'B'), value: fc.string({ maxLength: 4 }) }),
      {
        maxLength: 1,
      },
    ),
  },
  { requiredKeys: ['name'] },
);

function restoreHookSpec(mode: Mode): fc.Arbitrary<unknown> {
  const exec = fc.record(
    {
      container: pick(mode, dnsLabel, junkNotNullish, 19),
      command: pick(mode, command, badCommand, 12),
      onError: onError(mode),
      execTimeout: duration(mode),
      waitTimeout: duration(mode),
      waitForReady: bool(mode),
    },
    { requiredKeys: ['command'] },
  );
  const init = fc.record(
    {
      initContainers: pick(
        mode,
        fc.array(initContainer, { maxLength: 2 }),
        fc.constantFrom<unknown>(5, 'busybox', {}, true, ['busybox'], [5]),
        19,
      ),
      timeout: duration(mode),
    },
    { requiredKeys: [] },
  );
  const postHook = fc.oneof(fc.record({ exec }), fc.record({ init }), fc.record({ exec, init }));
  return pick(
    mode,
    fc.record(
      {
        name: pick(
          mode,
          fc.string({ minLength: 1, maxLength: 10 }),
          fc.constantFrom<unknown>(undefined, null, 5),
        ),
        includedNamespaces: stringList(mode, ['apps']),
        excludedNamespaces: stringList(mode, ['other']),
        includedResources: stringList(mode, ['pods']),
        excludedResources: stringList(mode, ['jobs.batch']),
        labelSelector: labelSelector(mode),
        postHooks: fc.array(pick(mode, postHook, junkNotNullish, 19), { maxLength: 2 }),
      },
      { requiredKeys: ['name'] },
    ),
    junkNotNullish,
    19,
  );
}

/** Options for `restoreManifest`. */
export function restoreOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  const sources: { arbitrary: fc.Arbitrary<LooseRecord>; weight: number }[] = [
    { arbitrary: fc.record({ backupName: pick(mode, dnsSubdomain, badName, 19) }), weight: 8 },
    { arbitrary: fc.record({ scheduleName: pick(mode, dnsSubdomain, badName, 19) }), weight: 8 },
  ];
  if (mode === 'mixed') {
    sources.push({ arbitrary: fc.constant({}), weight: 1 });
    sources.push({
      arbitrary: fc.record({ backupName: dnsSubdomain, scheduleName: dnsSubdomain }),
      weight: 1,
    });
  }
  const nonRestorable = fc.array(
    fc.constantFrom(
      'nodes',
      'events',
      'node',
      'backups.velero.io',
      'restores',
      'csinodes.storage.k8s.io',
    ),
    { minLength: 1, maxLength: 2 },
  );
  const fields = fc.record(
    {
      includedResources: pick(mode, oldIncluded, fc.oneof(nonRestorable, badResourceList), 12),
      excludedResources: pick(mode, oldExcluded, badResourceList, 12),
      includeClusterResources: bool(mode),
      namespaceMapping: pick(
        mode,
        fc.dictionary(dnsLabel, dnsLabel, { maxKeys: 2 }),
        fc.dictionary(
          fc.constantFrom('Apps', 'a.b', 'ok'),
          fc.constantFrom<unknown>('Bad_Target', 'fine', 5),
          {
            minKeys: 1,
            maxKeys: 2,
          },
        ),
        12,
      ),
      restorePVs: bool(mode),
      restoreStatus: pick(
        mode,
        fc.record(
          { includedResources: oldIncluded, excludedResources: oldExcluded },
          { requiredKeys: [] },
        ),
        fc.oneof(
          fc.constant({ includedResources: ['pods'], excludedResources: ['pods'] }),
          junkNotNullish,
        ),
        12,
      ),
      preserveNodePorts: bool(mode),
      existingResourcePolicy: pick(
        mode,
        fc.constantFrom('none', 'update', ''),
        fc.constantFrom<unknown>('overwrite', 'Update', 'None', 5),
        12,
      ),
      itemOperationTimeout: duration(mode),
      resourceModifier: configMapReference(mode),
      uploaderConfig: pick(
        mode,
        fc.record(
          { writeSparseFiles: bool(mode), parallelFilesDownload: uploaderParallelism(mode) },
          { requiredKeys: [] },
        ),
        junkNotNullish,
        19,
      ),
      hooks: pick(
        mode,
        fc.record(
          { resources: fc.array(restoreHookSpec(mode), { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
        junkNotNullish,
        19,
      ),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(
      metadataOptions(mode),
      fc.oneof(...sources),
      fields,
      namespaceFilters(mode),
      selectors(mode),
    )
    .map(([m, ...rest]) => merge(...rest, m));
}

/** The option keys of `backupStorageLocationManifest`. */
export const BSL_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'provider',
  'objectStorage',
  'config',
  'credential',
  'default',
  'accessMode',
  'backupSyncPeriod',
  'validationFrequency',
];

/** A `SecretKeySelector`. */
export function secretKeySelector(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.record(
      {
        name: fc.oneof(dnsSubdomain, fc.constant('')),
        key: fc.constantFrom('cloud', 'aws', 'ca.crt'),
        optional: fc.boolean(),
      },
      { requiredKeys: ['key'] },
    ),
    fc.oneof(
      fc.record({ name: dnsSubdomain }),
      fc.record({ name: badName, key: fc.constant('k') }),
      junkNotNullish,
    ),
    12,
  );
}

const awsEncryption = fc.oneof(
  fc.constant({}),
  fc.record({
    kmsKeyId: fc.constantFrom('alias/velero', 'arn:aws:kms:eu-west-1:123456789012:key/abc'),
  }),
  fc.record({ customerKeyEncryptionFile: fc.constant('/credentials/sse-c.key') }),
  fc.record({ customerKeyEncryptionSecret: fc.constant('sse-c/key') }),
);

const awsBslConfig = fc
  .tuple(
    fc.record(
      {
        region: fc.constantFrom('eu-west-1', 'us-east-1'),
        s3ForcePathStyle: fc.constantFrom('true', 'false'),
        s3Url: fc.constant('https://minio.example.com'),
        publicUrl: fc.constant('https://public.example.com'),
        serverSideEncryption: fc.constantFrom('', 'AES256', 'aws:kms'),
        signatureVersion: fc.constantFrom('1', '4'),
        profile: fc.constantFrom('default', 'backup'),
        insecureSkipTLSVerify: fc.constantFrom('true', 'false'),
        enableSharedConfig: fc.constantFrom('true', 'false'),
        tagging: fc.constant('a=b&c=d'),
        checksumAlgorithm: fc.constantFrom('', 'CRC32', 'CRC32C', 'SHA1', 'SHA256'),
      },
      { requiredKeys: [] },
    ),
    awsEncryption,
  )
  .map(([a, b]) => merge(a, b));

const badAwsBslConfig = fc.oneof(
  fc.constantFrom<unknown>(
    { regoin: 'eu-west-1' },
    { bucket: 'x' },
    { s3ForcePathStyle: 'yes' },
    { kmsKeyId: 'k', customerKeyEncryptionSecret: 's/k' },
    { checksumAlgorithm: 'MD5' },
    { signatureVersion: '2' },
    { serverSideEncryption: 'aws:kms:dsse' },
    { region: 5 },
  ),
  junkNotNullish,
);

/** Options for `backupStorageLocationManifest`. */
export function backupStorageLocationOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  const bucket = pick(
    mode,
    fc.oneof(
      dnsSubdomain,
      dnsSubdomain.map((b) => `/${b}/`),
    ),
    fc.oneof(fc.constantFrom('a/b', '', '/', 'x/y/z'), junkNotNullish),
    12,
  );
  const ca = fc.oneof(
    fc.constant({}),
    fc.record({
      caCert: pick(
        mode,
        fc.base64String({ maxLength: 40 }),
        fc.oneof(junk, fc.constant('not base64!')),
        19,
      ),
    }),
    fc.record({ caCertRef: secretKeySelector(mode) }),
  );
  const caBoth = fc.record({
    caCert: fc.base64String({ maxLength: 8 }),
    caCertRef: secretKeySelector('valid'),
  });
  const objectStorage = fc
    .tuple(
      fc.record(
        {
          bucket,
          prefix: pick(mode, fc.constantFrom('cluster-a', 'a/b', '/x/'), junkNotNullish, 19),
        },
        {
          requiredKeys: ['bucket'],
        },
      ),
      mode === 'valid'
        ? ca
        : fc.oneof({ arbitrary: ca, weight: 12 }, { arbitrary: caBoth, weight: 1 }),
    )
    .map(([a, b]) => merge(a, b));
  const providerAndConfig = fc.oneof(
    fc.record(
      {
        provider: fc.constantFrom('aws', 'velero.io/aws'),
        config: pick(mode, awsBslConfig, badAwsBslConfig, 12),
      },
      { requiredKeys: ['provider'] },
    ),
    fc.record(
      {
        provider: pick(
          mode,
          fc.constantFrom('velero.io/gcp', 'example.com/store'),
          fc.oneof(fc.constant(''), junk),
          12,
        ),
        config: pick(
          mode,
          fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
          junkNotNullish,
          12,
        ),
      },
      { requiredKeys: ['provider'] },
    ),
  );
  const rest = fc.record(
    {
      objectStorage: pick(mode, objectStorage, junk, 19),
      credential: secretKeySelector(mode),
      default: bool(mode),
      accessMode: pick(
        mode,
        fc.constantFrom('ReadOnly', 'ReadWrite'),
        fc.constantFrom<unknown>('readonly', 'RW', 1),
      ),
      backupSyncPeriod: duration(mode),
      validationFrequency: duration(mode),
    },
    { requiredKeys: ['objectStorage'] },
  );
  return fc
    .tuple(metadataOptions(mode), providerAndConfig, rest)
    .map(([m, ...parts]) => merge(...parts, m));
}

/** The option keys of `volumeSnapshotLocationManifest`. */
export const VSL_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'provider',
  'config',
  'credential',
];

/** Options for `volumeSnapshotLocationManifest`. */
export function volumeSnapshotLocationOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  const awsConfig = fc.record(
    {
      region: fc.constantFrom('eu-west-1', 'us-east-1'),
      profile: fc.constantFrom('default', 'backup'),
      enableSharedConfig: fc.constantFrom('true', 'false'),
    },
    { requiredKeys: ['region'] },
  );
  const badAwsConfig = fc.oneof(
    fc.constantFrom<unknown>(
      {},
      { region: '' },
      { profile: 'x' },
      { region: 'eu-west-1', s3Url: 'x' },
      { region: 'x', credentialsFile: '/f' },
    ),
    junkNotNullish,
  );
  const providerAndConfig = fc.oneof(
    fc.record({
      provider: fc.constantFrom('aws', 'velero.io/aws'),
      config: pick(mode, awsConfig, badAwsConfig, 12),
    }),
    fc.record(
      {
        provider: pick(
          mode,
          fc.constantFrom('example.com/snapshotter', 'velero.io/azure'),
          fc.oneof(fc.constant(''), junk),
          12,
        ),
        config: pick(
          mode,
          fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
          junkNotNullish,
          12,
        ),
      },
      { requiredKeys: ['provider'] },
    ),
  );
  return fc
    .tuple(
      metadataOptions(mode),
      providerAndConfig,
      fc.record({ credential: secretKeySelector(mode) }, { requiredKeys: [] }),
    )
    .map(([m, ...parts]) => merge(...parts, m));
}

/** The option keys of `resourcePolicyConfigMap`. */
export const RESOURCE_POLICY_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'dataKey',
  'volumePolicies',
  'includeExcludePolicy',
];

const volumeTypes = [
  'emptyDir',
  'configMap',
  'hostPath',
  'csi',
  'nfs',
  'secret',
  'awsElasticBlockStore',
];

function volumePolicy(mode: Mode): fc.Arbitrary<unknown> {
  const csi = pick(
    mode,
    fc.oneof(
      fc.constant({}),
      fc.record({ driver: fc.constant('ebs.csi.aws.com') }),
      fc.record({
        driver: fc.constant('ebs.csi.aws.com'),
        volumeAttributes: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), {
          maxKeys: 2,
        }),
      }),
    ),
    fc.oneof(fc.constant({ volumeAttributes: { type: 'gp3' } }), junkNotNullish),
    12,
  );
  const conditions = fc.record(
    {
      capacity: pick(
        mode,
        fc.constantFrom('10Gi,100Gi', ',5Gi', '5Gi,', '', ',', '1Ti,2Ti', '100Mi,1Gi', '1.5Gi,2G'),
        fc.constantFrom<unknown>('100Gi', '10Gi,1Gi', 'abc,', '5Gi,0', 5, '1Gi,2Gi,3Gi', '-1Gi,'),
        12,
      ),
      storageClass: pick(
        mode,
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 2 }),
        junkNotNullish,
        19,
      ),
      csi,
      nfs: pick(
        mode,
        fc.record(
          { server: fc.constant('10.0.0.1'), path: fc.constant('/export') },
          { requiredKeys: [] },
        ),
        junkNotNullish,
        19,
      ),
      volumeTypes: fc.array(
        pick(
          mode,
          fc.constantFrom(...volumeTypes),
          fc.constantFrom<unknown>('configmap', 'persistentVolumeClaim', 'EmptyDir', 5),
        ),
        { maxLength: 2 },
      ),
      pvcLabels: labels(mode),
      pvcPhase: fc.array(
        pick(
          mode,
          fc.constantFrom('Pending', 'Bound', 'Lost'),
          fc.constantFrom<unknown>('bound', 'Released'),
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  );
  const action = fc.record(
    {
      type: pick(
        mode,
        fc.constantFrom('skip', 'snapshot', 'fs-backup', 'custom'),
        fc.constantFrom<unknown>('delete', 'Skip', 'fsbackup', '', undefined),
        12,
      ),
      parameters: pick(
        mode,
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
        fc.constantFrom<unknown>(5, 'x', ['a'], { f: () => 1 }, { s: Symbol('s') }),
        19,
      ),
    },
    { requiredKeys: ['type'] },
  );
  return pick(
    mode,
    fc.record({ conditions, action }),
    fc.oneof(fc.record({ action }), fc.record({ conditions }), junk),
    19,
  );
}

function includeExcludePolicy(mode: Mode): fc.Arbitrary<unknown> {
  return pick(
    mode,
    fc.record(
      {
        includedClusterScopedResources: fc.uniqueArray(
          fc.constantFrom('persistentvolumes', 'storageclasses'),
          { maxLength: 2 },
        ),
        excludedClusterScopedResources: fc.uniqueArray(fc.constantFrom('clusterroles'), {
          maxLength: 1,
        }),
        includedNamespaceScopedResources: fc.uniqueArray(fc.constantFrom('pods', 'deployments'), {
          maxLength: 2,
        }),
        excludedNamespaceScopedResources: fc.uniqueArray(fc.constantFrom('configmaps', 'secrets'), {
          maxLength: 2,
        }),
      },
      { requiredKeys: [] },
    ),
    fc.oneof(
      fc.constantFrom<unknown>(
        { includedClusterScopedResources: ['*'] },
        { includedNamespaceScopedResources: ['pods'], excludedNamespaceScopedResources: ['pods'] },
        { includedResources: ['pods'] },
      ),
      junkNotNullish,
    ),
    12,
  );
}

/** Options for `resourcePolicyConfigMap`. */
export function resourcePolicyOptions(mode: Mode): fc.Arbitrary<LooseRecord> {
  const body = fc
    .record(
      {
        dataKey: pick(
          mode,
          fc.constantFrom('policy.yaml', 'velero-policy', 'a_b.c'),
          fc.constantFrom<unknown>('a/b', '', 'x y', 'k'.repeat(254), 5),
          12,
        ),
        volumePolicies: pick(
          mode,
          fc.array(volumePolicy(mode), { minLength: 1, maxLength: 2 }),
          junk,
          12,
        ),
        includeExcludePolicy: includeExcludePolicy(mode),
      },
      { requiredKeys: [] },
    )
    .map((b) =>
      mode === 'valid' &&
      b['volumePolicies'] === undefined &&
      b['includeExcludePolicy'] === undefined
        ? merge(b, { includeExcludePolicy: { excludedNamespaceScopedResources: ['events'] } })
        : b,
    );
  return fc.tuple(metadataOptions(mode), body).map(([m, b]) => merge(b, m));
}

/** Options for `udsDefaultSchedule`: any subset of the Schedule options, each overriding the default. */
export function udsDefaultScheduleOptions(mode: Mode): fc.Arbitrary<unknown> {
  const options = fc.record(
    {
      name: objectName(mode),
      namespace: namespaceOption(mode),
      labels: labels(mode),
      annotations: annotations(mode),
      schedule: pick(mode, cronExpression, fc.oneof(badCronExpression, junk), 12),
      template: pick(
        mode,
        fc.record(
          {
            ttl: duration(mode),
            includedNamespaces: pick(
              mode,
              validIncludedNamespaces,
              fc.constantFrom<unknown>(['a|b'], 'apps'),
              12,
            ),
            snapshotVolumes: bool(mode),
            storageLocation: pick(mode, dnsSubdomain, badName, 19),
            excludedResources: pick(mode, oldExcluded, badResourceList, 19),
          },
          { requiredKeys: [] },
        ),
        junkNotNullish,
        19,
      ),
      useOwnerReferencesInBackup: bool(mode),
      paused: bool(mode),
    },
    { requiredKeys: [] },
  );
  if (mode === 'valid') return options;
  return fc.oneof(
    { arbitrary: options, weight: 12 },
    { arbitrary: fc.constantFrom<unknown>(undefined, null), weight: 1 },
    { arbitrary: withUnknownKey(options, SCHEDULE_OPTION_KEYS), weight: 1 },
  );
}

/** A valid DNS-1123-ish cluster name for a bucket (lowercase letters, digits and single `-`). */
export const clusterName: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('-'));

/** Cluster names the bucket naming rules reject. */
export const badClusterName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'Prod',
    'a_b',
    '',
    'a.b',
    '-a',
    'a-',
    'a--b',
    'xn--a',
    'sthree-x',
    'x'.repeat(48),
    'é',
    'prod eu',
  ),
  fc.string({ maxLength: 10 }),
);

/** A bucket date: a `Date` or a `YYYY-MM-DD`/`YYYYMMDD` string, sometimes invalid. */
export const bucketDate: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    weight: 4,
  },
  {
    arbitrary: fc
      .date({
        min: new Date('1000-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .chain((d) =>
        fc.constantFrom(
          d.toISOString().slice(0, 10),
          d.toISOString().slice(0, 10).replace(/-/g, ''),
        ),
      ),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom<unknown>(
      '2026-02-30',
      '2026-13-01',
      '20260230',
      '2026/01/01',
      '26-01-01',
      '',
      '2026-0101',
      '2023-02-29',
      new Date(Number.NaN),
      new Date('0999-12-31T00:00:00Z'),
    ),
    weight: 1,
  },
  { arbitrary: junk, weight: 1 },
);
