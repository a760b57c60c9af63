/**
 * Shared helpers of the cdk8s tests: a fresh chart, a synth that records every object for the
 * conformance check, and an assertion for construct errors.
 */
import { Chart, Testing } from 'cdk8s';
import { VeleroConfigError } from 'velero-iac';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { validateAllManifests } from '../conformance/kubernetesValidator';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import { testApp } from '../support/cdk8sApp';

/** A synthesized Kubernetes object, as `Testing.synth` returns it. */
export type SynthesizedObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

/** Every object synthesized through {@link synth} in the current test file. */
export const synthesizedObjects: SynthesizedObject[] = [];

/** A chart with id `test` in a fresh test app (construct paths start with `test/`). */
export function newChart(): Chart {
  return new Chart(testApp(), 'test');
}

/** `Testing.synth(chart)`, recording the objects for {@link describeConformanceOfSynthesized}. */
export function synth(chart: Chart): SynthesizedObject[] {
  const objects = Testing.synth(chart) as SynthesizedObject[];
  synthesizedObjects.push(...objects);
  return objects;
}

/** Synthesizes a chart that must hold exactly one object, and returns it. */
export function synthOne(chart: Chart): SynthesizedObject {
  const objects = synth(chart);
  expect(objects).toHaveLength(1);
  return objects[0]!;
}

/**
 * Declares, last in a test file, the check that every object the file synthesized conforms to its
 * Velero CRD (or ConfigMap) schema. Skipped with a warning when the CRDs are absent.
 */
export function describeConformanceOfSynthesized(): void {
  describeWithCrds('CRD conformance of every synthesized object', () => {
    it('validates every object synthesized above against its CRD schema', () => {
      expect(synthesizedObjects.length).toBeGreaterThan(0);
      // PrometheusRules are neither Velero nor built-in Kubernetes kinds: the Prometheus
      // Operator's schema checks them.
      const isRule = (o: SynthesizedObject) => o.kind === 'PrometheusRule';
      const others = synthesizedObjects.filter((o) => !isRule(o));
      expect(validateAllManifests(others, validateAgainstCrd)).toEqual([]);
      const rules = synthesizedObjects.filter(isRule);
      expect(validatePrometheusRules(rules)).toEqual(rules.map(() => null));
    });
  });
}

/**
 * Runs `build`, expects a {@link VeleroConfigError} whose subject names the construct class and
 * path, with an issue at `field`, and returns it.
 */
export function expectConstructError(
  build: () => unknown,
  construct: string,
  path: string,
  field: string,
): VeleroConfigError {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(VeleroConfigError);
  const error = caught as VeleroConfigError;
  const where = `${construct} at ${JSON.stringify(path)}`;
  expect(error.subject.startsWith(where)).toBe(true);
  expect(error.message).toContain(where);
  expect(error.issues.map((i) => i.path)).toContain(field);
  expect(error.message).toContain(`${field}: `);
  return error;
}
