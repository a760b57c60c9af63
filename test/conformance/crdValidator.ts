/**
 * Conformance harness: validates manifests against the upstream Velero CRD schemas.
 *
 * The CRDs are read at test time from `../shared/velero-crds`; they are data
 * and are never copied into the project. Each version's `openAPIV3Schema` is converted to a JSON
 * Schema that ajv 8 compiles in strict mode: `nullable` becomes a `null` type, every object with
 * `properties` is closed (the API server would silently prune unknown fields), and objects marked
 * `x-kubernetes-preserve-unknown-fields` stay open. `metadata` gets a real ObjectMeta check, and core
 * `v1` ConfigMaps (Velero resource policies) have a built-in schema.
 *
 * Every function takes the Velero release to validate against (default 1.18): the top-level CRDs
 * are 1.18's, older releases' user-facing CRDs are under `versions/v1.X.Y/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { VeleroVersion } from 'velero-iac';
import { parseAllDocuments } from 'yaml';
import { describeIf, needsShared, type Requirement, sharedPath } from '../support/requirements';

/** A JSON Schema node as handed to ajv. */
export type JsonSchema = { [keyword: string]: unknown };

/** One served CRD version, converted to JSON Schema. */
export interface CrdSchema {
  /** `group/version`, e.g. `velero.io/v1`. */
  readonly apiVersion: string;
  /** The resource kind, e.g. `Schedule`. */
  readonly kind: string;
  /** Base name of the CRD file the schema came from. */
  readonly file: string;
  /** The converted JSON Schema (root of the resource, metadata replaced by the ObjectMeta check). */
  readonly schema: JsonSchema;
}

/** Absolute path of the directory holding the upstream Velero CRD YAML files: `../shared/velero-crds`. */
export const CRD_DIR: string = sharedPath('velero-crds');

/** The CRD YAML files in `dir` (sorted), or `[]` when the directory does not exist. */
function crdFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

/** The release whose CRDs are at the top level of {@link CRD_DIR} (`SOURCE.md`: v1.18.1). */
export const TOP_LEVEL_CRD_RELEASE: VeleroVersion = '1.18';

/** The folder of older releases' CRDs, one `v1.X.Y` folder per release. */
export const CRD_VERSIONS_DIR: string = path.join(CRD_DIR, 'versions');

/**
 * The folder holding the CRDs of `version`: the top level for 1.18, else the one
 * `versions/v<version>.<patch>/` folder. Throws when that release's folder is missing or ambiguous.
 */
export function crdDirFor(version: VeleroVersion): string {
  if (version === TOP_LEVEL_CRD_RELEASE) return CRD_DIR;
  const prefix = `v${version}.`;
  const matches = existsSync(CRD_VERSIONS_DIR)
    ? readdirSync(CRD_VERSIONS_DIR).filter(
        (entry) => entry.startsWith(prefix) && /^\d+$/.test(entry.slice(prefix.length)),
      )
    : [];
  if (matches.length !== 1) {
    throw new Error(
      `expected exactly one folder ${prefix}<patch> in ${CRD_VERSIONS_DIR} for Velero ${version}, found ${matches.length}`,
    );
  }
  return path.join(CRD_VERSIONS_DIR, matches[0] as string);
}

/** Whether the CRD directory exists and holds at least one YAML file. */
export function crdsAvailable(): boolean {
  return crdFiles(CRD_DIR).length > 0;
}

/** The Velero CRDs in `../shared`, as a suite requirement. */
export const NEEDS_CRDS: Requirement = needsShared('velero-crds');

/**
 * `describe` when the Velero CRDs are present; otherwise skipped (the run says so once, in one
 * line; see `test/support/requirements.ts`).
 */
export function describeWithCrds(name: string, fn: () => void): void {
  describeIf([NEEDS_CRDS], name, fn);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts one Kubernetes structural-schema node (`openAPIV3Schema`) into JSON Schema for ajv:
 * `nullable: true` adds `null` to `type` (and `enum`); objects with `properties` are closed unless
 * they carry `x-kubernetes-preserve-unknown-fields`; `x-kubernetes-int-or-string` becomes
 * `integer|string`; all other `x-kubernetes-*` keywords are dropped.
 */
export function openApiToJsonSchema(node: unknown): JsonSchema {
  if (!isRecord(node)) return {};
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword.startsWith('x-kubernetes-') || keyword === 'nullable') continue;
    if (keyword === 'properties' && isRecord(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, openApiToJsonSchema(child)]),
      );
    } else if (
      (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') &&
      isRecord(value)
    ) {
      out[keyword] = openApiToJsonSchema(value);
    } else if (
      (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') &&
      Array.isArray(value)
    ) {
      out[keyword] = value.map(openApiToJsonSchema);
    } else {
      out[keyword] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) out['type'] = ['integer', 'string'];
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (
    isRecord(node['properties']) &&
    node['additionalProperties'] === undefined &&
    !preserveUnknown
  ) {
    out['additionalProperties'] = false;
  }
  if (node['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    else if (Array.isArray(out['type']) && !out['type'].includes('null')) {
      out['type'] = [...out['type'], 'null'];
    }
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) {
      out['enum'] = [...out['enum'], null];
    }
  }
  return out;
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
/** Label/annotation key: optional DNS-subdomain prefix (≤253) and `/`, then a name of ≤63 chars. */
const QUALIFIED_KEY = `^((?=[^/]{1,253}/)${DNS1123_SUBDOMAIN}/)?(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`;
/** Label value: empty, or ≤63 chars of alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

const LOOSE_OBJECT: JsonSchema = { type: 'object' };
const TIMESTAMP: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

/**
 * Kubernetes ObjectMeta as it may appear in a manifest: `name` required (DNS-1123 subdomain),
 * `namespace` a DNS-1123 label, labels and annotations string maps with valid keys (label values
 * valid too); server-managed fields are allowed but only shallowly typed; unknown keys rejected.
 */
export const OBJECT_META_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 253, pattern: `^${DNS1123_SUBDOMAIN}$` },
    generateName: { type: 'string' },
    namespace: { type: 'string', minLength: 1, maxLength: 63, pattern: `^${DNS1123_LABEL}$` },
    labels: {
      type: 'object',
      propertyNames: { pattern: QUALIFIED_KEY },
      additionalProperties: { type: 'string', maxLength: 63, pattern: LABEL_VALUE },
    },
    annotations: {
      type: 'object',
      propertyNames: { pattern: QUALIFIED_KEY },
      additionalProperties: { type: 'string' },
    },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    selfLink: { type: 'string' },
    creationTimestamp: TIMESTAMP,
    deletionTimestamp: TIMESTAMP,
    deletionGracePeriodSeconds: { type: 'integer' },
    ownerReferences: { type: 'array', items: LOOSE_OBJECT },
    finalizers: { type: 'array', items: { type: 'string' } },
    managedFields: { type: 'array', items: LOOSE_OBJECT },
  },
};

/** Core `v1` ConfigMap (Velero resource policies are ConfigMaps). */
export const CONFIG_MAP_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'v1' },
    kind: { const: 'ConfigMap' },
    metadata: OBJECT_META_SCHEMA,
    data: {
      type: 'object',
      propertyNames: { maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' },
      additionalProperties: { type: 'string' },
    },
    binaryData: {
      type: 'object',
      propertyNames: { maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' },
      additionalProperties: { type: 'string', format: 'byte' },
    },
    immutable: { type: 'boolean' },
  },
};

/** Puts the ObjectMeta check in place of the CRD's open `metadata` and pins `apiVersion`/`kind`. */
function withResourceEnvelope(root: JsonSchema, apiVersion: string, kind: string): JsonSchema {
  const properties = isRecord(root['properties']) ? root['properties'] : {};
  const required = Array.isArray(root['required']) ? root['required'] : [];
  return {
    ...root,
    properties: {
      ...properties,
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: OBJECT_META_SCHEMA,
    },
    required: [...new Set([...required, 'apiVersion', 'kind', 'metadata'])],
  };
}

/**
 * Reads every CRD in `dir` and converts each served version's `openAPIV3Schema`; `[]` when `dir`
 * does not exist. Throws on unparsable YAML or a CRD without names/versions/schema.
 *
 * @param dir - directory of CRD YAML files. @default CRD_DIR
 */
export function loadCrdSchemas(dir: string = CRD_DIR): CrdSchema[] {
  const schemas: CrdSchema[] = [];
  for (const file of crdFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const [firstError] = doc.errors;
      if (firstError) throw new Error(`${file}: not valid YAML: ${firstError.message}`);
      const crd: unknown = doc.toJS();
      if (!isRecord(crd) || crd['kind'] !== 'CustomResourceDefinition') continue;
      const spec = crd['spec'];
      if (!isRecord(spec) || !isRecord(spec['names']) || !Array.isArray(spec['versions'])) {
        throw new Error(`${file}: CRD has no spec.names or spec.versions`);
      }
      const group = spec['group'];
      const kind = spec['names']['kind'];
      if (typeof group !== 'string' || typeof kind !== 'string') {
        throw new Error(`${file}: CRD has no spec.group or spec.names.kind`);
      }
      for (const version of spec['versions']) {
        if (!isRecord(version) || version['served'] === false) continue;
        const openApi = isRecord(version['schema'])
          ? version['schema']['openAPIV3Schema']
          : undefined;
        if (!isRecord(openApi) || typeof version['name'] !== 'string') {
          throw new Error(`${file}: version has no name or schema.openAPIV3Schema`);
        }
        const apiVersion = `${group}/${version['name']}`;
        schemas.push({
          apiVersion,
          kind,
          file,
          schema: withResourceEnvelope(openApiToJsonSchema(openApi), apiVersion, kind),
        });
      }
    }
  }
  return schemas;
}

/** A strict ajv 8 instance with the formats the CRDs use. */
export function createStrictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv, ['date-time', 'byte', 'int32', 'int64']);
  return ajv;
}

function schemaKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

interface Registry {
  readonly ajv: Ajv;
  readonly schemas: Map<string, JsonSchema>;
  readonly compiled: Map<string, ValidateFunction>;
}

const registries = new Map<VeleroVersion, Registry>();

function getRegistry(version: VeleroVersion): Registry {
  const cached = registries.get(version);
  if (cached) return cached;
  const schemas = new Map<string, JsonSchema>();
  for (const crd of loadCrdSchemas(crdDirFor(version))) {
    schemas.set(schemaKey(crd.apiVersion, crd.kind), crd.schema);
  }
  schemas.set(schemaKey('v1', 'ConfigMap'), CONFIG_MAP_SCHEMA);
  const registry = { ajv: createStrictAjv(), schemas, compiled: new Map() };
  registries.set(version, registry);
  return registry;
}

/**
 * Every `apiVersion` + `kind` the validator knows for a release, as `"<apiVersion> <kind>"`,
 * sorted.
 */
export function knownKinds(version: VeleroVersion = TOP_LEVEL_CRD_RELEASE): string[] {
  return [...getRegistry(version).schemas.keys()].map((key) => key.replace('|', ' ')).sort();
}

/**
 * The compiled (and cached) validator for `apiVersion` + `kind`, or `undefined` when unknown.
 * Throws if the schema does not compile under strict ajv.
 */
export function validatorFor(
  apiVersion: string,
  kind: string,
  version: VeleroVersion = TOP_LEVEL_CRD_RELEASE,
): ValidateFunction | undefined {
  const reg = getRegistry(version);
  const key = schemaKey(apiVersion, kind);
  const cached = reg.compiled.get(key);
  if (cached) return cached;
  const schema = reg.schemas.get(key);
  if (!schema) return undefined;
  const compiled = reg.ajv.compile(schema);
  reg.compiled.set(key, compiled);
  return compiled;
}

/** The value at a JSON pointer (`/spec/template/ttl`) inside `root`, or `undefined`. */
function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Keywords whose message is clearer with the offending value shown. */
const SHOW_RECEIVED = new Set([
  'type',
  'pattern',
  'format',
  'maxLength',
  'minLength',
  'enum',
  'const',
]);

/**
 * One ajv error as `"<instancePath>: <message>"`, naming the offending property, the allowed values
 * and the received value where that helps.
 */
function formatError(error: ErrorObject, manifest: unknown): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  let message = error.message ?? `failed ${error.keyword}`;
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'additionalProperties') {
    message += ` (${String(params['additionalProperty'])})`;
  } else if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    message += ` (${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')})`;
  } else if (error.keyword === 'const') {
    message += ` (${JSON.stringify(params['allowedValue'])})`;
  } else if (error.keyword === 'propertyNames') {
    message += ` (${String(params['propertyName'])})`;
  }
  if (error.propertyName !== undefined) {
    message = `key ${JSON.stringify(error.propertyName)} ${message}`;
  } else if (SHOW_RECEIVED.has(error.keyword)) {
    message += `, received ${JSON.stringify(valueAt(manifest, error.instancePath)) ?? 'undefined'}`;
  }
  return `${where}: ${message}`;
}

/**
 * Validates one manifest against the schema chosen by its `apiVersion` + `kind` (the Velero CRDs,
 * or the built-in ConfigMap schema). Returns `[]` when it conforms, else readable problem lines
 * `"<instancePath>: <message>"`. Unknown or missing `apiVersion`/`kind` is a problem line, not a throw.
 *
 * @param version - the Velero release whose CRDs to use. @default '1.18'
 */
export function validateAgainstCrd(
  manifest: unknown,
  version: VeleroVersion = TOP_LEVEL_CRD_RELEASE,
): string[] {
  if (!isRecord(manifest)) {
    return [
      `(root): a manifest must be an object, received ${JSON.stringify(manifest) ?? 'undefined'}`,
    ];
  }
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return ['(root): apiVersion and kind must be strings'];
  }
  const validate = validatorFor(apiVersion, kind, version);
  if (!validate) {
    return [
      `(root): no schema for apiVersion "${apiVersion}" kind "${kind}"; known: ${knownKinds(version).join(', ')} (the CRDs of Velero ${version})`,
    ];
  }
  if ((validate as (data: unknown) => boolean)(manifest)) return [];
  return (validate.errors ?? []).map((error) => formatError(error, manifest));
}

/** A short label for a manifest in failure messages, e.g. `Schedule velero/daily`. */
function describeManifest(manifest: unknown): string {
  if (!isRecord(manifest)) return 'manifest';
  const meta = isRecord(manifest['metadata']) ? manifest['metadata'] : {};
  const ns = typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : '';
  return `${String(manifest['kind'])} ${ns}${String(meta['name'])}`;
}

/** Throws (failing the test) with every problem line when `manifest` does not conform. */
export function expectConformant(
  manifest: unknown,
  version: VeleroVersion = TOP_LEVEL_CRD_RELEASE,
): void {
  const problems = validateAgainstCrd(manifest, version);
  if (problems.length > 0) {
    throw new Error(
      `${describeManifest(manifest)} does not conform to its Velero ${version} CRD schema:\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * Validates a list of manifests (e.g. cdk8s synth output); problem lines are prefixed with the
 * manifest's index and `Kind namespace/name`. Returns `[]` when all conform.
 */
export function validateAllAgainstCrd(
  manifests: readonly unknown[],
  version: VeleroVersion = TOP_LEVEL_CRD_RELEASE,
): string[] {
  return manifests.flatMap((manifest, index) =>
    validateAgainstCrd(manifest, version).map(
      (line) => `[${index}] ${describeManifest(manifest)} ${line}`,
    ),
  );
}

/** Throws (failing the test) with every problem line when any manifest in the list does not conform. */
export function expectAllConformant(
  manifests: readonly unknown[],
  version: VeleroVersion = TOP_LEVEL_CRD_RELEASE,
): void {
  const problems = validateAllAgainstCrd(manifests, version);
  if (problems.length > 0) {
    throw new Error(`manifests do not conform to their CRD schemas:\n  ${problems.join('\n  ')}`);
  }
}

declare global {
  namespace jest {
    interface Matchers<R> {
      /**
       * Passes when the manifest conforms to its Velero CRD (or ConfigMap) schema of `version`
       * (default 1.18).
       */
      toConformToVeleroCrd(version?: VeleroVersion): R;
    }
  }
}

if (typeof expect !== 'undefined') {
  expect.extend({
    toConformToVeleroCrd(received: unknown, version: VeleroVersion = TOP_LEVEL_CRD_RELEASE) {
      const problems = validateAgainstCrd(received, version);
      const label = describeManifest(received);
      return problems.length === 0
        ? { pass: true, message: () => `expected ${label} not to conform to its CRD schema` }
        : {
            pass: false,
            message: () =>
              `expected ${label} to conform to its CRD schema:\n  ${problems.join('\n  ')}`,
          };
    },
  });
}
