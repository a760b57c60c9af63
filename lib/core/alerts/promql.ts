/** The small part of PromQL the alert rules write: selectors with exact label matchers. */

/** Prometheus's label-name rule (`model.LabelNameRE`, legacy validation). */
export const PROMETHEUS_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL string literal: double-quoted, with `\`, `"` and line breaks escaped. */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/** Exact label matchers, in order; a pair whose value is `undefined` is left out. */
export type LabelMatchers = readonly (readonly [string, string | undefined])[];

/** `metric{a="x",b="y"}`: a selector with exact matchers (`metric` alone when there are none). */
export function selector(metric: string, matchers: LabelMatchers): string {
  const parts = matchers
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${promqlString(value)}`);
  return parts.length === 0 ? metric : `${metric}{${parts.join(',')}}`;
}
