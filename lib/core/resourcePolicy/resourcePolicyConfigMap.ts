import { issue, type ValidationIssue, VeleroConfigError } from '../errors';
import { yaml } from '../lazyYaml';
import { optionPath, subjectOf } from '../manifests/buildVeleroManifest';
import { pruneEmpty, setOwn } from '../manifests/prune';
import { checkShape, isPlainObject, suggestField } from '../schema/checkShape';
import { type ConfigMapReference, DEFAULT_VELERO_NAMESPACE } from '../types/meta';
import type {
  ResourcePolicyConfigMap,
  ResourcePolicyDocument,
  ResourcePolicyOptions,
} from '../types/resourcePolicy';
import { checkResourcePolicyForRelease } from '../versions/checkRelease';
import { checkVeleroVersion, targetVeleroVersion } from '../versions/veleroVersion';
import { RESOURCE_POLICY_VERSION, resourcePolicyDocumentSchema } from './model';
import { checkConfigMapKey, checkResourcePolicyConfigMap } from './validateResourcePolicy';

/** The data key the policy is stored under unless another is given. */
export const DEFAULT_RESOURCE_POLICY_KEY = 'policy.yaml';

const OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'dataKey',
  'volumePolicies',
  'includeExcludePolicy',
  'veleroVersion',
];

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) setOwn(out, key, withoutUndefined(item));
  }
  return out;
}

/**
 * A ConfigMap holding a Velero resource policy (`version: v1`): ordered volume policies (skip,
 * snapshot, fs-backup or custom per volume) and/or include/exclude filters. Reference it from a
 * Backup or a Schedule's template with {@link resourcePolicyReference}. Keys and action types
 * the target release (`veleroVersion`, default 1.18) cannot decode are errors.
 *
 * @throws VeleroConfigError listing every problem (action types, capacity ranges, volume types...).
 */
export function resourcePolicyConfigMap(options: ResourcePolicyOptions): ResourcePolicyConfigMap {
  const subject = `resource policy ${subjectOf('ConfigMap', isPlainObject(options) ? options.name : undefined)}`;
  if (!isPlainObject(options)) {
    throw new VeleroConfigError(subject, [
      issue('', 'the options must be an object', { received: options }),
    ]);
  }
  const problems: ValidationIssue[] = [];
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      const suggestion = suggestField(key, OPTION_KEYS);
      problems.push(
        issue(
          key,
          `unknown option \`${key}\`${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''}`,
          {
            allowed: OPTION_KEYS.join(', '),
          },
        ),
      );
    }
  }
  const dataKey = options.dataKey ?? DEFAULT_RESOURCE_POLICY_KEY;
  problems.push(...checkConfigMapKey(dataKey, 'dataKey'));
  const document = withoutUndefined({
    version: RESOURCE_POLICY_VERSION,
    volumePolicies: options.volumePolicies,
    includeExcludePolicy: options.includeExcludePolicy,
  }) as Record<string, unknown>;
  const hasVolumePolicies = Array.isArray(document.volumePolicies)
    ? document.volumePolicies.length > 0
    : document.volumePolicies !== undefined;
  if (!hasVolumePolicies && document.includeExcludePolicy === undefined) {
    problems.push(
      issue(
        'volumePolicies',
        'a resource policy needs `volumePolicies` or `includeExcludePolicy` (or both)',
      ),
    );
  }
  problems.push(
    ...checkShape(document, resourcePolicyDocumentSchema, '').filter((i) => i.path !== 'version'),
  );
  problems.push(...checkVeleroVersion(options.veleroVersion));
  problems.push(
    ...checkResourcePolicyForRelease(document, '', targetVeleroVersion(options.veleroVersion)),
  );
  const metadata = pruneEmpty({
    name: options.name,
    namespace: options.namespace ?? DEFAULT_VELERO_NAMESPACE,
    labels: options.labels,
    annotations: options.annotations,
  });
  const manifest = {
    apiVersion: 'v1' as const,
    kind: 'ConfigMap' as const,
    metadata: (metadata ?? {}) as ResourcePolicyConfigMap['metadata'],
    data: {} as Record<string, string>,
  };
  if (problems.length === 0) {
    setOwn(
      manifest.data,
      dataKey as string,
      yaml().stringify(document as unknown as ResourcePolicyDocument),
    );
  }
  problems.push(
    ...checkResourcePolicyConfigMap(manifest, '')
      .filter((i) => !i.path.startsWith('data'))
      .map((i) => ({ ...i, path: optionPath(i.path) })),
  );
  if (problems.length > 0) throw new VeleroConfigError(subject, problems);
  return manifest;
}

/**
 * The reference a Backup's (or a Schedule template's) `resourcePolicy` needs for a policy
 * ConfigMap or its name: `{ kind: 'configmap', name }`.
 */
export function resourcePolicyReference(
  policy: ResourcePolicyConfigMap | string,
): ConfigMapReference {
  const name = typeof policy === 'string' ? policy : policy.metadata.name;
  return { kind: 'configmap', name };
}
