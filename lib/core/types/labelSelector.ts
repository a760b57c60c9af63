/** The operators of a {@link LabelSelectorRequirement}. */
export const LabelSelectorOperator = {
  /** The label's value is one of `values`. */
  In: 'In',
  /** The label's value is none of `values` (or the label is absent). */
  NotIn: 'NotIn',
  /** The label is present, whatever its value. */
  Exists: 'Exists',
  /** The label is absent. */
  DoesNotExist: 'DoesNotExist',
} as const;

/** The operators of a {@link LabelSelectorRequirement}. */
export type LabelSelectorOperator =
  (typeof LabelSelectorOperator)[keyof typeof LabelSelectorOperator];

/** One `matchExpressions` entry of a Kubernetes `metav1.LabelSelector`. */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to, e.g. `app.kubernetes.io/name`. */
  key: string;
  /**
   * How the label's value is compared: `In`/`NotIn` a set of `values`, or whether the key
   * `Exists`/`DoesNotExist` at all.
   */
  operator: LabelSelectorOperator;
  /**
   * The values for `In` and `NotIn` (at least one); must be empty or absent for `Exists` and
   * `DoesNotExist`.
   *
   * @default undefined (no values)
   */
  values?: string[];
}

/**
 * A Kubernetes `metav1.LabelSelector`, as used by Velero's `labelSelector`, `orLabelSelectors` and
 * hook `labelSelector` fields. All conditions are ANDed; an empty selector matches every object.
 */
export interface LabelSelector {
  /**
   * Labels an object must carry with exactly these values.
   *
   * @default undefined (no label equality condition)
   */
  matchLabels?: Record<string, string>;
  /**
   * Further set-based conditions, all of which must hold.
   *
   * @default undefined (no set-based condition)
   */
  matchExpressions?: LabelSelectorRequirement[];
}
