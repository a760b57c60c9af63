/**
 * The core's field model (`lib/core/model`) must describe exactly the fields of the upstream Velero
 * CRDs: the same property names at every object node, the same required lists, compatible types and
 * the same `nullable` flags. `validateManifest` reports unknown and misspelt fields from this model
 * without the CRDs, so any drift here means it would accept a field the API server prunes, or
 * reject one Velero reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  MODELLED_VELERO_KINDS,
  type ModelledVeleroKind,
  specSchemaOf,
} from '../../lib/core/model/kinds';
import type { FieldSchema } from '../../lib/core/schema/fieldSchema';
import { CRD_DIR, describeWithCrds } from './crdValidator';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `openAPIV3Schema.properties.spec` of the (first served) version of each CRD, by kind. */
function loadSpecSchemas(): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const file of readdirSync(CRD_DIR).filter((f) => /\.ya?ml$/.test(f))) {
    const crd: unknown = parse(readFileSync(path.join(CRD_DIR, file), 'utf8'));
    if (!isNode(crd) || crd['kind'] !== 'CustomResourceDefinition' || !isNode(crd['spec']))
      continue;
    const names = crd['spec']['names'];
    const versions = crd['spec']['versions'];
    if (!isNode(names) || typeof names['kind'] !== 'string' || !Array.isArray(versions)) continue;
    const version: unknown = versions.find((v) => isNode(v) && v['served'] !== false);
    if (!isNode(version) || !isNode(version['schema'])) continue;
    const root = version['schema']['openAPIV3Schema'];
    if (!isNode(root) || !isNode(root['properties'])) continue;
    const spec = root['properties']['spec'];
    if (isNode(spec)) out.set(names['kind'], spec);
  }
  return out;
}

/**
 * The field-model type a CRD node corresponds to. An object with
 * `x-kubernetes-preserve-unknown-fields` and no properties (Restore `initContainers` items) still
 * has to be an object, so it corresponds to a map of open values, not to `open`.
 */
type CrdShape = FieldSchema['type'] | 'map of any values' | `unsupported ${string}`;

function crdShape(node: Node): CrdShape {
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const type = node['type'];
  if (type === undefined) return 'open';
  if (type === 'object') {
    if (isNode(node['properties'])) return preserve ? 'map of any values' : 'object';
    if (isNode(node['additionalProperties'])) return 'map';
    return preserve ? 'map of any values' : 'unsupported object without properties';
  }
  if (type === 'string' || type === 'boolean' || type === 'integer' || type === 'array') {
    return type;
  }
  return `unsupported type ${String(type)}`;
}

function modelShape(model: FieldSchema): CrdShape {
  if (model.type === 'map' && model.values.type === 'open') return 'map of any values';
  return model.type;
}

/** One difference between the model and the CRD, with the path where it was found. */
interface Drift {
  readonly path: string;
  readonly problem: string;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

/** Walks the model and the CRD side by side and lists every difference. */
function compare(model: FieldSchema, crd: Node, at: string): Drift[] {
  const out: Drift[] = [];
  const shape = crdShape(crd);
  if (shape !== modelShape(model)) {
    out.push({ path: at, problem: `type: model ${modelShape(model)}, CRD ${shape}` });
    return out;
  }
  const crdNullable = crd['nullable'] === true;
  if ((model.nullable ?? false) !== crdNullable) {
    out.push({
      path: at,
      problem: `nullable: model ${String(model.nullable ?? false)}, CRD ${String(crdNullable)}`,
    });
  }
  switch (model.type) {
    case 'string': {
      const crdEnum = Array.isArray(crd['enum']) ? crd['enum'].map(String) : undefined;
      if (crdEnum !== undefined) {
        const modelEnum = model.enum === undefined ? undefined : sorted(model.enum);
        if (modelEnum === undefined || modelEnum.join('|') !== sorted(crdEnum).join('|')) {
          out.push({
            path: at,
            problem: `enum: model ${modelEnum?.join('|') ?? '(none)'}, CRD ${sorted(crdEnum).join('|')}`,
          });
        }
      }
      break;
    }
    case 'array': {
      const crdMin = typeof crd['minItems'] === 'number' ? crd['minItems'] : undefined;
      if (crdMin !== undefined && model.minItems !== crdMin) {
        out.push({
          path: at,
          problem: `minItems: model ${String(model.minItems)}, CRD ${crdMin}`,
        });
      }
      const items = crd['items'];
      if (!isNode(items)) out.push({ path: at, problem: 'CRD array without items' });
      else out.push(...compare(model.items, items, `${at}[]`));
      break;
    }
    case 'map': {
      const values = crd['additionalProperties'];
      if (isNode(values)) out.push(...compare(model.values, values, `${at}{}`));
      break;
    }
    case 'object': {
      const crdProps = isNode(crd['properties']) ? crd['properties'] : {};
      const modelNames = Object.keys(model.properties);
      const crdNames = Object.keys(crdProps);
      for (const name of crdNames) {
        if (!modelNames.includes(name)) {
          out.push({ path: `${at}.${name}`, problem: 'in the CRD, missing from the model' });
        }
      }
      for (const name of modelNames) {
        if (!crdNames.includes(name)) {
          out.push({ path: `${at}.${name}`, problem: 'in the model, not in the CRD' });
        }
      }
      const crdRequired = Array.isArray(crd['required']) ? crd['required'].map(String) : [];
      const modelRequired = [...(model.required ?? [])];
      if (sorted(crdRequired).join(',') !== sorted(modelRequired).join(',')) {
        out.push({
          path: at,
          problem: `required: model [${sorted(modelRequired).join(', ')}], CRD [${sorted(crdRequired).join(', ')}]`,
        });
      }
      for (const name of modelNames) {
        const child = crdProps[name];
        const field = model.properties[name];
        if (isNode(child) && field !== undefined) {
          out.push(...compare(field, child, `${at}.${name}`));
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * Strings the CRD constrains with a `format` (e.g. `byte` = base64): the model has no `format`
 * keyword, so it must carry a semantic check for them, or `validateManifest` accepts what the API
 * server rejects.
 */
function formatsWithoutCheck(model: FieldSchema, crd: Node, at: string): string[] {
  const out: string[] = [];
  if (model.type === 'string' && typeof crd['format'] === 'string') {
    if ((model.checks ?? []).length === 0) out.push(`${at} (format ${crd['format']})`);
  }
  if (model.type === 'array' && isNode(crd['items'])) {
    out.push(...formatsWithoutCheck(model.items, crd['items'], `${at}[]`));
  }
  if (model.type === 'map' && isNode(crd['additionalProperties'])) {
    out.push(...formatsWithoutCheck(model.values, crd['additionalProperties'], `${at}{}`));
  }
  if (model.type === 'object' && isNode(crd['properties'])) {
    const props = crd['properties'];
    for (const [name, field] of Object.entries(model.properties)) {
      const child = props[name];
      if (isNode(child)) out.push(...formatsWithoutCheck(field, child, `${at}.${name}`));
    }
  }
  return out;
}

describeWithCrds('the core field model matches the Velero CRDs', () => {
  let crdSpecs = new Map<string, Node>();
  beforeAll(() => {
    crdSpecs = loadSpecSchemas();
  });

  test('every modelled kind has a CRD', () => {
    for (const kind of MODELLED_VELERO_KINDS) expect(crdSpecs.has(kind)).toBe(true);
  });

  test.each(MODELLED_VELERO_KINDS.map((k) => [k]))(
    '%s: property names, required lists, types and nullable agree at every node',
    (kind: ModelledVeleroKind) => {
      const crd = crdSpecs.get(kind);
      expect(crd).toBeDefined();
      const drift = compare(specSchemaOf(kind), crd as Node, 'spec');
      expect(drift).toEqual([]);
    },
  );

  test('the comparison itself detects drift (a model with a misspelt and a missing field)', () => {
    const crd = crdSpecs.get('VolumeSnapshotLocation') as Node;
    const model = specSchemaOf('VolumeSnapshotLocation');
    const { config: _config, ...withoutConfig } = model.properties;
    const drifted: FieldSchema = {
      ...model,
      properties: { ...withoutConfig, confg: { type: 'string' } },
    };
    expect(compare(drifted, crd, 'spec')).toEqual(
      expect.arrayContaining([
        { path: 'spec.config', problem: 'in the CRD, missing from the model' },
        { path: 'spec.confg', problem: 'in the model, not in the CRD' },
      ]),
    );
    const nullableDrift: FieldSchema = { ...model, nullable: true };
    expect(compare(nullableDrift, crd, 'spec')).toEqual([
      { path: 'spec', problem: 'nullable: model true, CRD false' },
    ]);
  });

  test('strings the CRD constrains with a format carry a check in the model', () => {
    const missing = MODELLED_VELERO_KINDS.flatMap((kind) =>
      formatsWithoutCheck(specSchemaOf(kind), crdSpecs.get(kind) as Node, `${kind} spec`),
    );
    expect(missing).toEqual([]);
  });
});
