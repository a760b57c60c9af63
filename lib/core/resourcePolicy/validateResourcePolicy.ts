import { issue, type ValidationIssue } from '../errors';
import { yaml } from '../lazyYaml';
import { base64String, objectMeta } from '../model/common';
import { joinPath } from '../path';
import { checkVeleroObjectName } from '../rules/names';
import { checkShape, isPlainObject } from '../schema/checkShape';
import { bool, type ObjectField, obj, str, strMap } from '../schema/fieldSchema';
import { checkResourcePolicyForRelease } from '../versions/checkRelease';
import { DEFAULT_VELERO_VERSION, type VeleroVersion } from '../versions/veleroVersion';
import { resourcePolicyDocumentSchema } from './model';

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

const configMapSchema: ObjectField = obj(
  {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta((value, path) => checkVeleroObjectName(value, path, 'ConfigMap')),
    data: strMap(),
    binaryData: { type: 'map', values: base64String() },
    immutable: bool(),
  },
  { required: ['apiVersion', 'kind', 'metadata', 'data'] },
);

/** Checks a ConfigMap data key: `[-._a-zA-Z0-9]+`, at most 253 characters. */
export function checkConfigMapKey(key: unknown, path: string): ValidationIssue[] {
  if (typeof key === 'string' && CONFIG_MAP_KEY.test(key) && key.length <= 253) return [];
  return [
    issue(path, 'is not a valid ConfigMap key', {
      received: key,
      allowed: 'letters, digits, `-`, `_` and `.`, at most 253 characters (e.g. policy.yaml)',
    }),
  ];
}

/**
 * Checks a parsed resource-policy document (`version: v1`, volume policies, filters), including
 * the keys and action types the target Velero release does not know yet.
 */
export function checkResourcePolicyDocument(
  document: unknown,
  path: string,
  veleroVersion: VeleroVersion = DEFAULT_VELERO_VERSION,
): ValidationIssue[] {
  return [
    ...checkShape(document, resourcePolicyDocumentSchema, path),
    ...checkResourcePolicyForRelease(document, path, veleroVersion),
  ];
}

/**
 * Parses and checks the YAML text of a resource policy for a Velero release (default 1.18);
 * YAML errors are issues too.
 */
export function checkResourcePolicyText(
  text: string,
  path: string,
  veleroVersion: VeleroVersion = DEFAULT_VELERO_VERSION,
): ValidationIssue[] {
  let document: unknown;
  try {
    document = yaml().parse(text, { uniqueKeys: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [issue(path, `is not valid YAML: ${reason}`)];
  }
  return checkResourcePolicyDocument(document, path, veleroVersion);
}

/** True when a ConfigMap's data holds something shaped like a Velero resource policy. */
export function looksLikeResourcePolicy(configMap: Record<string, unknown>): boolean {
  if (!isPlainObject(configMap.data)) return false;
  return Object.values(configMap.data).some(
    (text) =>
      typeof text === 'string' &&
      /^\s*version\s*:/m.test(text) &&
      /(volumePolicies|includeExcludePolicy)\s*:/.test(text),
  );
}

/**
 * Every problem of a resource-policy ConfigMap: exactly one data key, whose value is a valid
 * policy document (Velero decodes it strictly and fails the backup on any error).
 */
export function checkResourcePolicyConfigMap(
  manifest: Record<string, unknown>,
  path: string,
  veleroVersion: VeleroVersion = DEFAULT_VELERO_VERSION,
): ValidationIssue[] {
  const out = checkShape(manifest, configMapSchema, path);
  const data = manifest.data;
  if (!isPlainObject(data)) return out;
  const keys = Object.keys(data);
  if (keys.length !== 1) {
    out.push(
      issue(
        joinPath(path, 'data'),
        `a resource-policy ConfigMap must have exactly one data key (found ${keys.length}): Velero cannot tell which one holds the policy`,
        { allowed: 'one key, e.g. policy.yaml' },
      ),
    );
  }
  for (const key of keys) {
    const keyPath = joinPath(joinPath(path, 'data'), key);
    out.push(...checkConfigMapKey(key, keyPath));
    const text = data[key];
    if (typeof text === 'string')
      out.push(...checkResourcePolicyText(text, keyPath, veleroVersion));
  }
  return out;
}
