/**
 * The objects a drill script creates, read back from its here-documents: each `cat <<JSON` body
 * with its positional parameters filled in and the here-document escapes undone, then parsed.
 */

/** Sample values of the script's run-time names. */
export const SAMPLE_SCRIPT_VALUES = {
  namespace: 'velero-drill-monitoring',
  name: 'sample-name-20260118063000',
  claim: 'prometheus-db',
};

/** The positional parameters of each manifest function. */
const PARAMETERS: Record<string, (keyof typeof SAMPLE_SCRIPT_VALUES)[]> = {
  restore_manifest: ['name'],
  verification_pod_manifest: ['namespace', 'name', 'claim'],
};

/** The JSON objects the script's manifest functions print, in the order they appear. */
export function scriptObjects(script: string): unknown[] {
  const out: unknown[] = [];
  const pattern = /(\w+)\(\) \{\n {2}cat <<JSON\n([\s\S]*?)\nJSON\n/g;
  for (const match of script.matchAll(pattern)) {
    const parameters = PARAMETERS[match[1] ?? ''] ?? ['namespace'];
    const body = (match[2] ?? '')
      .replace(/\$\{([1-3])\}/g, (_, n: string) => {
        const key = parameters[Number(n) - 1];
        return key === undefined ? '' : SAMPLE_SCRIPT_VALUES[key];
      })
      .replace(/\\([\\$`])/g, '$1');
    out.push(JSON.parse(body));
  }
  return out;
}
