/**
 * Conformance of built-in Kubernetes objects (the restore drill's CronJob, RBAC, admission policy,
 * ConfigMap, and the namespaces, pods and policies its script creates) against the Kubernetes
 * OpenAPI schema, with `kubernetes-models`:
 * - each model's `validate()` checks types, required fields, enums and formats (the generated
 *   OpenAPI validators);
 * - the Kubernetes schema leaves objects open, but the API server drops or rejects unknown fields,
 *   so every field is also looked up in the model's TypeScript definition (read with the
 *   TypeScript compiler), and a field the definition does not have is an error.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

interface ModelEntry {
  /** Module path inside `kubernetes-models`. */
  readonly module: string;
  /** The interface name. */
  readonly type: string;
}

const MODELS: Readonly<Record<string, ModelEntry>> = {
  'v1/ServiceAccount': { module: 'v1/ServiceAccount', type: 'IServiceAccount' },
  'v1/ConfigMap': { module: 'v1/ConfigMap', type: 'IConfigMap' },
  'v1/Namespace': { module: 'v1/Namespace', type: 'INamespace' },
  'v1/Pod': { module: 'v1/Pod', type: 'IPod' },
  'batch/v1/CronJob': { module: 'batch/v1/CronJob', type: 'ICronJob' },
  'rbac.authorization.k8s.io/v1/Role': {
    module: 'rbac.authorization.k8s.io/v1/Role',
    type: 'IRole',
  },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    module: 'rbac.authorization.k8s.io/v1/ClusterRole',
    type: 'IClusterRole',
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    module: 'rbac.authorization.k8s.io/v1/RoleBinding',
    type: 'IRoleBinding',
  },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    module: 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    type: 'IClusterRoleBinding',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    module: 'networking.k8s.io/v1/NetworkPolicy',
    type: 'INetworkPolicy',
  },
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': {
    module: 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy',
    type: 'IValidatingAdmissionPolicy',
  },
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': {
    module: 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding',
    type: 'IValidatingAdmissionPolicyBinding',
  },
};

interface TypeIndex {
  readonly checker: ts.TypeChecker;
  readonly types: ReadonlyMap<string, ts.Type>;
}

let index: TypeIndex | undefined;

/** The model interfaces, read once with the TypeScript compiler. */
function typeIndex(): TypeIndex {
  if (index !== undefined) return index;
  const file = path.join(__dirname, '__kubernetes_models__.ts');
  const source = Object.entries(MODELS)
    .map(
      ([, entry], i) =>
        `import type { ${entry.type} as T${i} } from 'kubernetes-models/${entry.module}';\nexport type M${i} = T${i};`,
    )
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  if (sourceFile === undefined) throw new Error('kubernetes-models types: no source file');
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  const exports = moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol);
  const types = new Map<string, ts.Type>();
  Object.keys(MODELS).forEach((key, i) => {
    const symbol = exports.find((s) => s.name === `M${i}`);
    if (symbol === undefined) throw new Error(`kubernetes-models types: ${key} not found`);
    types.set(key, checker.getDeclaredTypeOfSymbol(symbol));
  });
  index = { checker, types };
  return index;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The unknown fields of `value` under `type`, as `path: message`. */
function unknownFields(value: unknown, type: ts.Type, at: string, out: string[]): void {
  const { checker } = typeIndex();
  const t = checker.getNonNullableType(type);
  const members = t.isUnion() ? t.types : [t];
  if (Array.isArray(value)) {
    const element = members
      .map((m) => checker.getIndexTypeOfType(m, ts.IndexKind.Number))
      .find((e) => e !== undefined);
    if (element === undefined) return;
    value.forEach((item, i) => {
      unknownFields(item, element, `${at}[${i}]`, out);
    });
    return;
  }
  if (!isRecord(value)) return;
  const objects = members.filter((m) => (m.flags & ts.TypeFlags.Object) !== 0);
  if (objects.length === 0) return;
  for (const [key, item] of Object.entries(value)) {
    const where = at === '' ? key : `${at}.${key}`;
    const property = objects.map((m) => checker.getPropertyOfType(m, key)).find((p) => p);
    if (property !== undefined) {
      unknownFields(item, checker.getTypeOfSymbol(property), where, out);
      continue;
    }
    const mapValue = objects
      .map((m) => checker.getIndexTypeOfType(m, ts.IndexKind.String))
      .find((e) => e !== undefined);
    if (mapValue !== undefined) unknownFields(item, mapValue, where, out);
    else out.push(`${where}: unknown field (the API server would drop or reject it)`);
  }
}

/** The model classes, loaded by key. */
function modelClass(key: string): new (data: unknown) => { validate(): void } {
  const entry = MODELS[key];
  if (entry === undefined) throw new Error(`no kubernetes-models entry for ${key}`);
  const mod = require(`kubernetes-models/${entry.module}`) as Record<string, unknown>;
  const name = entry.type.slice(1);
  return mod[name] as new (
    data: unknown,
  ) => { validate(): void };
}

/**
 * Every problem of a built-in Kubernetes object against the Kubernetes OpenAPI schema
 * (`kubernetes-models`), unknown fields included; `[]` when it conforms.
 */
export function validateKubernetesObject(object: unknown): string[] {
  if (!isRecord(object)) return ['not an object'];
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  if (MODELS[key] === undefined) return [`${key}: no Kubernetes model known to the test`];
  const problems: string[] = [];
  try {
    new (modelClass(key))(object).validate();
  } catch (error) {
    problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const type = typeIndex().types.get(key);
  if (type !== undefined) unknownFields(object, type, '', problems);
  return problems;
}

/**
 * Every problem of any object the library emits: Velero objects and ConfigMaps with
 * `validateVelero` (the CRD harness, `crdValidator.ts`), other built-in objects against the
 * Kubernetes schema. Lines are prefixed with
 * the object's index, kind and name.
 */
export function validateAllManifests(
  objects: readonly unknown[],
  validateVelero: (object: unknown) => string[],
): string[] {
  return objects.flatMap((object, i) => {
    const record = isRecord(object) ? object : {};
    const meta = isRecord(record.metadata) ? record.metadata : {};
    const label = `[${i}] ${String(record.kind)} ${String(meta.name)}`;
    const problems =
      String(record.apiVersion).startsWith('velero.io/') || record.kind === 'ConfigMap'
        ? validateVelero(object)
        : validateKubernetesObject(object);
    return problems.map((line) => `${label}: ${line}`);
  });
}
