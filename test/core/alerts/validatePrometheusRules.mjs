// Validates PrometheusRule manifests (a JSON list on stdin) with the Prometheus Operator's own
// schema, as packaged by @kubernetes-models/prometheus-operator (an ES module, so it runs in its
// own node process rather than under jest). Prints a JSON list: per manifest, null when valid or
// the validation message.
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const manifests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const verdicts = manifests.map((manifest) => {
  try {
    new PrometheusRule(manifest).validate();
    return null;
  } catch (error) {
    return String(error instanceof Error ? error.message : error);
  }
});
process.stdout.write(JSON.stringify(verdicts));
