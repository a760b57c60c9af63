import type { ValidationIssue } from '../errors';

/** A semantic check run on a field once its shape is right; returns the problems found. */
export type FieldCheck = (value: unknown, path: string) => ValidationIssue[];

interface FieldBase {
  /** `null` is accepted (the CRD marks the field `nullable`). */
  readonly nullable?: boolean;
  /** Semantic checks run when the shape is right. */
  readonly checks?: readonly FieldCheck[];
}

/** A string field, optionally limited to an enumeration. */
export interface StringField extends FieldBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
}

/** A boolean field. */
export interface BooleanField extends FieldBase {
  readonly type: 'boolean';
}

/** An integer field. */
export interface IntegerField extends FieldBase {
  readonly type: 'integer';
  readonly minimum?: number;
}

/** A list. */
export interface ArrayField extends FieldBase {
  readonly type: 'array';
  readonly items: FieldSchema;
  readonly minItems?: number;
}

/** A map with arbitrary keys (`additionalProperties`). */
export interface MapField extends FieldBase {
  readonly type: 'map';
  readonly values: FieldSchema;
}

/** An object with known fields; any other key is an error. */
export interface ObjectField extends FieldBase {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
}

/** Anything (Kubernetes `x-kubernetes-preserve-unknown-fields`, or parts Kubernetes checks itself). */
export interface OpenField extends FieldBase {
  readonly type: 'open';
}

/** The model of one field of a Velero resource, mirroring the CRD's OpenAPI schema. */
export type FieldSchema =
  | StringField
  | BooleanField
  | IntegerField
  | ArrayField
  | MapField
  | ObjectField
  | OpenField;

type Extras = Omit<FieldBase, never>;

/** A string field. */
export const str = (extras: Extras & { enum?: readonly string[] } = {}): StringField => ({
  type: 'string',
  ...extras,
});
/** A boolean field. */
export const bool = (extras: Extras = {}): BooleanField => ({ type: 'boolean', ...extras });
/** An integer field. */
export const int = (extras: Extras & { minimum?: number } = {}): IntegerField => ({
  type: 'integer',
  ...extras,
});
/** A list field. */
export const list = (
  items: FieldSchema,
  extras: Extras & { minItems?: number } = {},
): ArrayField => ({
  type: 'array',
  items,
  ...extras,
});
/** A list of strings. */
export const strList = (extras: Extras = {}): ArrayField => list(str(), extras);
/** A map of string to string. */
export const strMap = (extras: Extras = {}): MapField => ({
  type: 'map',
  values: str(),
  ...extras,
});
/** An object with known fields. */
export const obj = (
  properties: Record<string, FieldSchema>,
  extras: Extras & { required?: readonly string[] } = {},
): ObjectField => ({ type: 'object', properties, ...extras });
/** A field whose content is not modelled. */
export const open = (extras: Extras = {}): OpenField => ({ type: 'open', ...extras });

/** Adds semantic checks to a field. */
export function withChecks<F extends FieldSchema>(field: F, ...checks: FieldCheck[]): F {
  return { ...field, checks: [...(field.checks ?? []), ...checks] };
}
