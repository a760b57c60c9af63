/**
 * The Pulumi YAML example (`examples/pulumi-yaml/Pulumi.yaml`) against the package: its
 * `packages:` entry is the plugin directory, every `velero-iac:index:*` resource's properties
 * conform to the component's inputs in `provider/schema.json` (types, enums, required fields, no
 * unknown field), every output it reads is a declared output, and the platform it declares
 * constructs under mocks (config interpolations replaced by sample values).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { PROVIDER_DIR, registryProvider, SCHEMA_FILE } from '../../../scripts/registryProvider';
import { runProgram } from '../harness';
import { inputsJsonSchema } from './jsonSchemaOfPackage';
import type { PackageSchema } from './schemaTypes';

const exampleDir = path.resolve(__dirname, '..', '..', '..', 'examples', 'pulumi-yaml');

interface YamlResource {
  readonly type: string;
  readonly properties?: Record<string, unknown>;
  readonly options?: Record<string, unknown>;
}

interface YamlProgram {
  readonly runtime: string;
  readonly packages?: Record<string, string>;
  readonly config?: Record<string, unknown>;
  readonly resources: Record<string, YamlResource>;
  readonly outputs?: Record<string, string>;
}

let program: YamlProgram;
let schema: PackageSchema;

beforeAll(() => {
  program = parse(fs.readFileSync(path.join(exampleDir, 'Pulumi.yaml'), 'utf8')) as YamlProgram;
  schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as PackageSchema;
});

/** A Pulumi YAML interpolation, `${path}`. */
function yamlReference(path: string): string {
  return `\${${path}}`;
}

/** The example's resources of the package. */
function packageResources(): [string, YamlResource][] {
  return Object.entries(program.resources).filter(([, r]) => r.type.startsWith('velero-iac:'));
}

/** The properties with every `${config}` replaced by a sample value, as the engine would send. */
function resolvedProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const samples: Record<string, string> = {
    oidcProviderArn:
      'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
    oidcProviderUrl: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
  };
  return JSON.parse(
    JSON.stringify(properties).replace(/"\$\{([A-Za-z]+)\}"/g, (_, name: string) => {
      const sample = samples[name];
      if (sample === undefined) throw new Error(`no sample for \${${name}}`);
      return JSON.stringify(sample);
    }),
  ) as Record<string, unknown>;
}

describe('examples/pulumi-yaml', () => {
  test('is a YAML program using the plugin directory as the velero-iac package', () => {
    expect(program.runtime).toBe('yaml');
    const source = program.packages?.['velero-iac'];
    expect(source).toBeDefined();
    expect(path.resolve(exampleDir, String(source))).toBe(PROVIDER_DIR);
    expect(fs.existsSync(path.join(PROVIDER_DIR, 'PulumiPlugin.yaml'))).toBe(true);
    expect(packageResources().map(([, r]) => r.type)).toEqual([
      'velero-iac:index:VeleroBackupPlatform',
    ]);
  });

  test('every package resource conforms to its component’s inputs in the schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [name, resource] of packageResources()) {
      const validate = ajv.compile(inputsJsonSchema(schema, resource.type));
      const valid = validate(resource.properties ?? {});
      expect({ name, errors: valid ? [] : validate.errors }).toEqual({ name, errors: [] });
    }
  });

  test('the check refuses what Pulumi would: an unknown field, a wrong enum value, a missing field', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(inputsJsonSchema(schema, 'velero-iac:index:VeleroBackupPlatform'));
    const base = program.resources.backups?.properties ?? {};
    expect(validate({ ...base, trsut: 'irsa' })).toBe(false);
    expect(validate({ ...base, trust: 'kiam' })).toBe(false);
    expect(validate({ ...base, veleroVersion: '1.11' })).toBe(false);
    const { region: _region, ...withoutRegion } = base;
    expect(validate(withoutRegion)).toBe(false);
    // A plain input takes no interpolation of another resource's output; an input does.
    expect(validate({ ...base, bucket: yamlReference('other.bucket') })).toBe(false);
    expect(validate({ ...base, oidcProviderArn: yamlReference('other.arn') })).toBe(true);
  });

  test('every output it reads is a declared output of the component', () => {
    const resources = program.resources;
    for (const expression of Object.values(program.outputs ?? {})) {
      const match = /^\$\{([A-Za-z]+)\.([A-Za-z]+)\}$/.exec(expression);
      expect(match).not.toBeNull();
      const [, resourceName = '', output = ''] = match ?? [];
      const token = resources[resourceName]?.type ?? '';
      expect(Object.keys(schema.resources[token]?.properties ?? {})).toContain(output);
    }
  });

  test('its platform constructs through the provider, the chart installed with the values', async () => {
    const provider = registryProvider();
    await provider.getSchema();
    const [name, resource] = packageResources()[0] ?? ['', { type: '' }];
    const run = await runProgram(() =>
      provider.construct(
        name,
        resource.type,
        resolvedProperties(resource.properties ?? {}) as pulumi.Inputs,
        {},
      ),
    );
    expect(run.one('kubernetes:helm.sh/v3:Release').inputs).toMatchObject({
      chart: 'velero',
      namespace: 'velero',
    });
    expect(run.ofType('kubernetes:velero.io/v1:Schedule')).toHaveLength(2);
    expect(run.ofType('kubernetes:batch/v1:CronJob')).toHaveLength(1);
  }, 120_000);
});
