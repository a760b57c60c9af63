import { issue, type ValidationIssue } from '../errors';
import { typeName } from '../schema/checkShape';

/** Multipliers of the Kubernetes quantity suffixes (binary SI, decimal SI). */
export const QUANTITY_SUFFIX_MULTIPLIERS: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY_PATTERN =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const QUANTITY_RULE =
  'a Kubernetes quantity: a number with an optional suffix Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E or m, or an exponent such as 1e9';

const CAPACITY_RULE =
  '"<low>,<high>" (inclusive), "<low>," (at least low) or ",<high>" (at most high), each bound a Kubernetes quantity, e.g. "10Gi,100Gi"';

/**
 * Parses a Kubernetes `resource.Quantity` (e.g. `10Gi`, `500M`, `1.5Ti`, `1e9`, `250m`, `1024`)
 * into a plain number (bytes, for storage sizes). Returns `undefined` for anything Kubernetes
 * would reject, including surrounding spaces and values too large for a JavaScript number.
 */
export function parseQuantity(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, numberText = '', suffix, exponent] = match;
  const base = Number(numberText);
  const multiplier =
    exponent !== undefined
      ? 10 ** Number(exponent)
      : (QUANTITY_SUFFIX_MULTIPLIERS[suffix ?? ''] ?? Number.NaN);
  const result = base * multiplier;
  return Number.isFinite(result) ? result : undefined;
}

/** A volume size range as used by a resource-policy `capacity` condition, in bytes. */
export interface CapacityRange {
  /** Smallest matching size in bytes (inclusive); 0 when the low side is empty. */
  readonly min: number;
  /**
   * Largest matching size in bytes (inclusive).
   *
   * @default undefined (no upper bound)
   */
  readonly max?: number;
}

interface CapacityParse {
  readonly range?: CapacityRange;
  readonly problems: string[];
}

function parseCapacity(text: string): CapacityParse {
  const sides = text.split(',');
  if (sides.length !== 2) {
    const single = text.trim();
    const fix =
      parseQuantity(single) === undefined
        ? ''
        : `. Write "${single}," for at least ${single} or ",${single}" for at most ${single}`;
    return {
      problems: [
        sides.length === 1
          ? `has no ","; a single size is not a range${fix}`
          : `has ${sides.length - 1} commas; a range has exactly one`,
      ],
    };
  }
  const problems: string[] = [];
  const bounds = sides.map((side, i) => {
    const trimmed = side.trim();
    const label = i === 0 ? 'low' : 'high';
    if (trimmed === '') return undefined;
    const value = parseQuantity(trimmed);
    if (value === undefined) {
      problems.push(`has a ${label} bound ${JSON.stringify(trimmed)} that is not a valid quantity`);
    } else if (value < 0) {
      problems.push(
        `has a negative ${label} bound ${JSON.stringify(trimmed)}; volume sizes are never negative`,
      );
    }
    return value;
  });
  if (problems.some((p) => p.endsWith('not a valid quantity'))) {
    problems.push(`(a quantity is ${QUANTITY_RULE})`);
  }
  if (problems.length > 0) return { problems };
  const [low = 0, high] = bounds;
  const lowText = (sides[0] ?? '').trim();
  if (high !== undefined && high === 0 && low > 0) {
    return {
      problems: [
        `has a high bound of 0, which Velero reads as "no upper bound"; write "${lowText}," to say at least ${lowText}`,
      ],
    };
  }
  if (high !== undefined && high < low) {
    return {
      problems: [
        `has a low bound ${JSON.stringify(lowText)} greater than its high bound ${JSON.stringify(
          (sides[1] ?? '').trim(),
        )}; swap them`,
      ],
    };
  }
  return { range: high === undefined ? { min: low } : { min: low, max: high }, problems: [] };
}

/**
 * Parses a resource-policy `capacity` string in Velero's format: `"lo,hi"` (inclusive), `",hi"`
 * (0 to hi), `"lo,"` (at least lo) or `","`/`""` (any size). Returns `undefined` when Velero would
 * reject it (see {@link checkCapacityRange} for the reasons).
 */
export function parseCapacityRange(text: string): CapacityRange | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.trim() === '') return { min: 0 };
  return parseCapacity(text).range;
}

/**
 * Checks a resource-policy `conditions.capacity` value: a string `"lo,hi"` of two Kubernetes
 * quantities with lo ≤ hi (inclusive), where an empty low side means 0 and an empty high side
 * means no upper bound. A single size without a comma is rejected, as Velero does.
 */
export function checkCapacityRange(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string') {
    return [
      issue(path, `capacity must be a string such as "10Gi,100Gi", but got ${typeName(value)}.`, {
        received: value,
        allowed: CAPACITY_RULE,
      }),
    ];
  }
  if (value.trim() === '') return [];
  const { problems } = parseCapacity(value);
  if (problems.length === 0) return [];
  return [
    issue(
      path,
      `capacity ${JSON.stringify(value)} ${problems.join('; it also ').replace('; it also (', ' (')}. Use ${CAPACITY_RULE}.`,
      {
        received: value,
        allowed: CAPACITY_RULE,
      },
    ),
  ];
}
