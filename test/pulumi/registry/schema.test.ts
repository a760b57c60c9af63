/**
 * The schema of velero-iac's Pulumi package, as the component provider infers it from the
 * components' TypeScript types when `pulumi package add` asks for it: built like
 * `componentProviderHost` builds the provider (same options, the plugin directory `provider/`),
 * then `getSchema()`. Checks every component, every input (type, optionality, whether it takes
 * outputs), every output, the descriptions and the enums, and that `provider/schema.json` is the
 * current schema.
 */
import * as fs from 'node:fs';
import { VELERO_VERSIONS } from 'velero-iac';
import { VELERO_IAC_COMPONENTS } from 'velero-iac/pulumi/registry';
import { registryProvider, SCHEMA_FILE } from '../../../scripts/registryProvider';
import { EXPECTED_INPUTS, EXPECTED_OUTPUTS } from './expectedSchema';
import { type PackageSchema, type SchemaProperty, typeOf } from './schemaTypes';

let raw: string;
let schema: PackageSchema;

beforeAll(async () => {
  raw = await registryProvider().getSchema();
  schema = JSON.parse(raw) as PackageSchema;
}, 120_000);

/** The inputs of a component as `[input ]<type>[?]`. */
function inputSignatures(token: string): Record<string, string> {
  const resource = schema.resources[token];
  if (resource === undefined) throw new Error(`no resource ${token}`);
  const required = new Set(resource.requiredInputs ?? []);
  return Object.fromEntries(
    Object.entries(resource.inputProperties).map(([key, property]) => [
      key,
      `${property.plain === true ? '' : 'input '}${typeOf(property)}${required.has(key) ? '' : '?'}`,
    ]),
  );
}

/** The outputs of a component as `<type>[?]`. */
function outputSignatures(token: string): Record<string, string> {
  const resource = schema.resources[token];
  if (resource === undefined) throw new Error(`no resource ${token}`);
  const required = new Set(resource.required ?? []);
  return Object.fromEntries(
    Object.entries(resource.properties).map(([key, property]) => [
      key,
      `${typeOf(property)}${required.has(key) ? '' : '?'}`,
    ]),
  );
}

/** Every property of the schema (components' inputs and outputs, object types), by path. */
function everyProperty(): [string, SchemaProperty][] {
  const all: [string, SchemaProperty][] = [];
  for (const [token, resource] of Object.entries(schema.resources)) {
    for (const [key, p] of Object.entries(resource.inputProperties))
      all.push([`${token} input ${key}`, p]);
    for (const [key, p] of Object.entries(resource.properties))
      all.push([`${token} output ${key}`, p]);
  }
  for (const [token, type] of Object.entries(schema.types)) {
    for (const [key, p] of Object.entries(type.properties ?? {})) all.push([`${token}.${key}`, p]);
  }
  return all;
}

describe('the Pulumi package schema', () => {
  test('names the package velero-iac at the package version', () => {
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(schema.name).toBe('velero-iac');
    expect(schema.version).toBe(manifest.version);
    expect(schema.description).toMatch(/Pulumi package/);
  });

  test('has exactly the components of VELERO_IAC_COMPONENTS, as velero-iac:index:<class>', () => {
    const tokens = VELERO_IAC_COMPONENTS.map((component) => `velero-iac:index:${component.name}`);
    expect(Object.keys(schema.resources).sort()).toEqual([...tokens].sort());
    expect(Object.keys(EXPECTED_INPUTS).sort()).toEqual(
      VELERO_IAC_COMPONENTS.map((c) => c.name).sort(),
    );
    for (const resource of Object.values(schema.resources)) {
      expect(resource.isComponent).toBe(true);
      expect(resource.description?.length ?? 0).toBeGreaterThan(40);
    }
  });

  test.each(Object.keys(EXPECTED_INPUTS))(
    '%s: every input with its type and optionality',
    (name) => {
      expect(inputSignatures(`velero-iac:index:${name}`)).toEqual(EXPECTED_INPUTS[name]);
    },
  );

  test.each(Object.keys(EXPECTED_OUTPUTS))('%s: every output with its type', (name) => {
    expect(outputSignatures(`velero-iac:index:${name}`)).toEqual(EXPECTED_OUTPUTS[name]);
  });

  test('describes every input, output and type property (from the doc comments)', () => {
    const undocumented = everyProperty()
      .filter(([, property]) => (property.description ?? '').trim().length < 10)
      .map(([where]) => where);
    expect(undocumented).toEqual([]);
    const platform = schema.resources['velero-iac:index:VeleroBackupPlatform'];
    expect(platform?.inputProperties.date?.description).toContain('`YYYY-MM-DD` or `YYYYMMDD`');
    expect(platform?.properties.roleArn?.description).toBe(
      'The ARN of the IAM role Velero runs as.',
    );
    expect(platform?.properties.helmValues?.description).toContain('velero` chart');
  });

  test('is typed all through: Any only for chart values and Kubernetes containers', () => {
    const untyped = everyProperty()
      .filter(([, property]) => JSON.stringify(property).includes('pulumi.json#/Any'))
      .map(([where]) => where);
    expect(untyped.sort()).toEqual([
      'velero-iac:index:InitRestoreHook.initContainers',
      'velero-iac:index:VeleroBackupPlatform input extraHelmValues',
      'velero-iac:index:VeleroBackupPlatform output helmValues',
    ]);
  });

  test('turns the literal types into enums: releases, trust, access mode, drill mode, ...', () => {
    const values = (name: string): (string | number)[] =>
      (schema.types[`velero-iac:index:${name}`]?.enum ?? []).map((member) => member.value);
    expect(values('VeleroVersion')).toEqual([...VELERO_VERSIONS]);
    expect(values('VeleroRoleTrust')).toEqual(['irsa', 'podIdentity']);
    expect(values('BackupStorageAccessMode')).toEqual(['ReadOnly', 'ReadWrite']);
    expect(values('RestoreDrillMode')).toEqual(['volumes', 'namespace']);
    expect(values('ObjectLockMode')).toEqual(['GOVERNANCE', 'COMPLIANCE']);
    expect(values('LabelSelectorOperator')).toEqual(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    expect(values('ExistingResourcePolicy')).toEqual(['none', 'update']);
    expect(values('HookErrorMode')).toEqual(['Continue', 'Fail']);
  });

  test('provider/schema.json is the current schema (else run `npm run schema` and review it)', () => {
    const rendered = `${JSON.stringify(JSON.parse(raw), null, 2)}\n`;
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(rendered);
  });
});
