/**
 * Validates PrometheusRule manifests with the Prometheus Operator's schema from
 * `@kubernetes-models/prometheus-operator` (an ES module, run by `validatePrometheusRules.mjs` in its
 * own node process). Returns, per manifest, `null` when valid or the validation message.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export function validatePrometheusRules(manifests: readonly unknown[]): (string | null)[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'validatePrometheusRules.mjs')], {
    input: JSON.stringify(manifests),
    encoding: 'utf8',
    cwd: path.resolve(__dirname, '..', '..', '..'),
  });
  if (run.status !== 0) throw new Error(`schema validation did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as (string | null)[];
}
