/**
 * The parts of a Pulumi package schema the registry tests read, and a compact rendering of a
 * property's type (`string`, `VeleroRoleTrust`, `ScheduleOptions[]`, `map<string>`, `Any`).
 */

/** A property of a resource or an object type. */
export interface SchemaProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: SchemaProperty;
  readonly additionalProperties?: SchemaProperty;
  readonly plain?: boolean;
  readonly description?: string;
}

/** A component (`resources[token]`). */
export interface SchemaResource {
  readonly isComponent?: boolean;
  readonly description?: string;
  readonly inputProperties: Readonly<Record<string, SchemaProperty>>;
  readonly requiredInputs?: readonly string[];
  readonly properties: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
}

/** An object or enum type (`types[token]`). */
export interface SchemaType {
  readonly type: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
  readonly enum?: readonly { readonly name: string; readonly value: string | number }[];
}

/** A package schema. */
export interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly resources: Readonly<Record<string, SchemaResource>>;
  readonly types: Readonly<Record<string, SchemaType>>;
}

const LOCAL_TYPE = /^#\/types\/[^:]+:index:(.+)$/;

/** The type of a property, compactly: a local type by its name, `Any` for `pulumi.json#/Any`. */
export function typeOf(property: SchemaProperty): string {
  if (property.$ref !== undefined) {
    if (property.$ref === 'pulumi.json#/Any') return 'Any';
    return LOCAL_TYPE.exec(property.$ref)?.[1] ?? property.$ref;
  }
  if (property.type === 'array' && property.items !== undefined)
    return `${typeOf(property.items)}[]`;
  if (property.type === 'object' && property.additionalProperties !== undefined) {
    return `map<${typeOf(property.additionalProperties)}>`;
  }
  return property.type ?? '?';
}
