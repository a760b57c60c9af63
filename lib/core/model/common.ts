import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { checkGoDuration, GO_DURATION_ALLOWED } from '../rules/duration';
import { checkAnnotations, checkLabelKey, checkLabels, checkLabelValue } from '../rules/labels';
import { checkDns1123Label, checkDns1123Subdomain } from '../rules/names';
import { isPlainObject } from '../schema/checkShape';
import {
  bool,
  type FieldCheck,
  type FieldSchema,
  int,
  list,
  obj,
  open,
  str,
  strList,
  strMap,
  withChecks,
} from '../schema/fieldSchema';

/** The strings of a list whose items are strings; anything else is skipped (reported by shape). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** True when a value is set: not undefined, not null. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** True when a list value holds at least one item. */
export function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A base64 string (`format: byte` in the CRD), such as a CA bundle. */
export const base64String = (): FieldSchema =>
  withChecks(str(), (value, path) =>
    typeof value === 'string' && !BASE64.test(value)
      ? [
          issue(path, 'must be base64-encoded', {
            received: value,
            allowed: 'standard base64 (A-Z a-z 0-9 + /, = padding)',
          }),
        ]
      : [],
  );

/** An object with any keys (Kubernetes `type: object` with `x-kubernetes-preserve-unknown-fields`). */
export const anyObject = (): FieldSchema => ({ type: 'map', values: open() });

const goDurationCheck: FieldCheck = (value, path) => {
  const problem = checkGoDuration(value);
  return problem === undefined
    ? []
    : [issue(path, problem, { received: value, allowed: GO_DURATION_ALLOWED })];
};

/** A Go duration string field (`720h0m0s`, `90m`). */
export const duration = (extras: { nullable?: boolean } = {}): FieldSchema =>
  withChecks(str(extras), goDurationCheck);

/** A Kubernetes label map. */
export const labelMap = (): FieldSchema => withChecks(strMap(), checkLabels);

/** A Kubernetes object name (DNS-1123 subdomain) held in a string field. */
export const objectNameRef = (extras: { nullable?: boolean } = {}): FieldSchema =>
  withChecks(str(extras), (value, path) =>
    value === '' ? [] : checkDns1123Subdomain(value, path),
  );

const requirementCheck: FieldCheck = (value, path) => {
  if (!isPlainObject(value)) return [];
  const out: ValidationIssue[] = [];
  if (typeof value.key === 'string') out.push(...checkLabelKey(value.key, joinPath(path, 'key')));
  const values = stringsOf(value.values);
  values.forEach((v, i) => {
    out.push(...checkLabelValue(v, joinPath(joinPath(path, 'values'), i)));
  });
  const operator = value.operator;
  const valuesUsable = value.values === undefined || Array.isArray(value.values);
  if ((operator === 'In' || operator === 'NotIn') && valuesUsable && values.length === 0) {
    out.push(
      issue(joinPath(path, 'values'), `operator ${operator} needs at least one value`, {
        allowed: 'a non-empty list of label values',
      }),
    );
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && hasItems(value.values)) {
    out.push(
      issue(joinPath(path, 'values'), `operator ${operator} takes no values; remove \`values\``, {
        received: value.values,
      }),
    );
  }
  return out;
};

/** A Kubernetes `LabelSelector`. */
export const labelSelector = (extras: { nullable?: boolean } = {}): FieldSchema =>
  obj(
    {
      matchLabels: labelMap(),
      matchExpressions: list(
        withChecks(
          obj(
            {
              key: str(),
              operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
              values: strList(),
            },
            { required: ['key', 'operator'] },
          ),
          requirementCheck,
        ),
      ),
    },
    extras,
  );

/** A Kubernetes `SecretKeySelector`. */
export const secretKeySelector = (): FieldSchema =>
  obj({ key: str(), name: objectNameRef(), optional: bool() }, { required: ['key'] });

/** A `TypedLocalObjectReference` that Velero only honours with `kind: configmap`. */
export const configMapReference = (extras: { nullable?: boolean } = {}): FieldSchema =>
  withChecks(
    obj(
      { apiGroup: str(), kind: str(), name: objectNameRef() },
      { required: ['kind', 'name'], ...extras },
    ),
    (value, path) => {
      if (!isPlainObject(value) || typeof value.kind !== 'string') return [];
      if (value.kind.toLowerCase() === 'configmap') return [];
      return [
        issue(
          joinPath(path, 'kind'),
          'Velero only reads ConfigMaps here and silently ignores any other kind; use `configmap`',
          { received: value.kind, allowed: 'configmap' },
        ),
      ];
    },
  );

/** The metadata of a Velero object: name and namespace checked, other ObjectMeta fields allowed. */
export function objectMeta(nameCheck: FieldCheck): FieldSchema {
  return obj(
    {
      name: withChecks(str(), nameCheck),
      namespace: withChecks(str(), checkDns1123Label),
      labels: labelMap(),
      annotations: withChecks(strMap(), checkAnnotations),
      generateName: str(),
      uid: str(),
      resourceVersion: str(),
      generation: int(),
      creationTimestamp: str({ nullable: true }),
      deletionTimestamp: str({ nullable: true }),
      deletionGracePeriodSeconds: int(),
      ownerReferences: list(anyObject()),
      finalizers: strList(),
      managedFields: list(anyObject()),
      selfLink: str(),
    },
    { required: ['name'] },
  );
}
