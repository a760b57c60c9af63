/**
 * A JSON Schema (draft-07, for ajv) of one component's inputs in a Pulumi package schema, so that
 * a program's `properties:` can be checked against the package: Pulumi types become JSON Schema
 * types, object types `definitions` (no unknown properties), enums their values. An input that
 * takes outputs (not `plain`) may also be a Pulumi YAML interpolation, `${...}`.
 */
import type { PackageSchema, SchemaProperty, SchemaType } from './schemaTypes';

type JsonSchema = Record<string, unknown>;

const INTERPOLATION: JsonSchema = { type: 'string', pattern: '^\\$\\{[^}]+\\}$' };
const LOCAL_TYPE = /^#\/types\/[^:]+:index:(.+)$/;

function propertySchema(property: SchemaProperty): JsonSchema {
  let schema: JsonSchema;
  if (property.$ref === 'pulumi.json#/Any') schema = {};
  else if (property.$ref !== undefined) {
    const token = LOCAL_TYPE.exec(property.$ref)?.[1];
    if (token === undefined) throw new Error(`unsupported $ref ${property.$ref}`);
    schema = { $ref: `#/definitions/${token}` };
  } else if (property.type === 'array' && property.items !== undefined) {
    schema = { type: 'array', items: propertySchema(property.items) };
  } else if (property.type === 'object' && property.additionalProperties !== undefined) {
    schema = {
      type: 'object',
      additionalProperties: propertySchema(property.additionalProperties),
    };
  } else if (property.type === 'integer' || property.type === 'number') {
    schema = { type: property.type };
  } else {
    schema = { type: property.type };
  }
  return property.plain === true ? schema : { anyOf: [schema, INTERPOLATION] };
}

function objectSchema(
  properties: Readonly<Record<string, SchemaProperty>>,
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [key, propertySchema(property)]),
    ),
    required: [...required],
    additionalProperties: false,
  };
}

function typeSchema(type: SchemaType): JsonSchema {
  if (type.enum !== undefined) return { enum: type.enum.map((member) => member.value) };
  return objectSchema(type.properties ?? {}, type.required);
}

/**
 * The JSON Schema of a component's inputs.
 *
 * @param schema the package schema
 * @param token the component's type token
 */
export function inputsJsonSchema(schema: PackageSchema, token: string): JsonSchema {
  const resource = schema.resources[token];
  if (resource === undefined) throw new Error(`the package has no component ${token}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...objectSchema(resource.inputProperties, resource.requiredInputs),
    definitions: Object.fromEntries(
      Object.entries(schema.types).map(([token, type]) => [
        token.slice(token.lastIndexOf(':') + 1),
        typeSchema(type),
      ]),
    ),
  };
}
