/**
 * Benchmark: `velero-iac lint` on one file of 10,000 Velero documents, against only parsing the
 * same text with the same YAML library (`parseAllDocuments` + `toJS`, i.e. getting the data), in
 * one process run. Reports the ratio of the medians of 7 rotated rounds (goal: at most 2x), never
 * absolute times; a second line gives the ratio against `parseAllDocuments` alone.
 *
 * Run: npx tsx bench/cli/lint.ts
 */
import { parseAllDocuments } from 'yaml';
import { lintSource } from '../../lib/cli/lint/lintSource';

const DOCUMENTS = 10_000;
const ROUNDS = 7;
const GOAL = 2;

/** A realistic mix of Schedules, Backups and Restores (every 50th with a problem). */
function corpus(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const typo = i % 50 === 0 ? 'tll' : 'ttl';
    switch (i % 3) {
      case 0:
        docs.push(`apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: daily-${i}
  namespace: velero
  labels:
    app.kubernetes.io/name: velero
    team: platform-${i % 7}
spec:
  schedule: "${i % 60} 3 * * *"
  useOwnerReferencesInBackup: false
  template:
    includedNamespaces:
    - monitoring
    - tempo
    excludedResources:
    - events
    labelSelector:
      matchLabels:
        backup: "true"
      matchExpressions:
      - key: tier
        operator: In
        values: [db, cache]
    snapshotVolumes: true
    ${typo}: 240h0m0s
    storageLocation: default
`);
        break;
      case 1:
        docs.push(`apiVersion: velero.io/v1
kind: Backup
metadata:
  name: adhoc-${i}
  namespace: velero
spec:
  includedNamespaces: [apps-${i % 11}]
  includeClusterResources: true
  ${typo}: 72h
  csiSnapshotTimeout: 10m
  orderedResources:
    pods: apps/a,apps/b
  hooks:
    resources:
    - name: freeze
      includedNamespaces: [apps]
      pre:
      - exec:
          container: db
          command: [/bin/sh, -c, "fsfreeze --freeze /data"]
          onError: Fail
          timeout: 30s
`);
        break;
      default:
        docs.push(`apiVersion: velero.io/v1
kind: Restore
metadata:
  name: restore-${i}
  namespace: velero
spec:
  backupName: adhoc-${i - 1}
  includedNamespaces: [apps]
  namespaceMapping:
    apps: apps-restored
  restorePVs: true
  itemOperationTimeout: 4h
`);
    }
  }
  return docs.join('---\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const text = corpus(DOCUMENTS);
  let checked = 0;
  const parseOnly = (): void => {
    for (const doc of parseAllDocuments(text)) doc.toJS();
  };
  const parseTreeOnly = (): void => {
    parseAllDocuments(text);
  };
  const lint = (): void => {
    checked = lintSource('bench.yaml', text).veleroObjects;
  };
  // Warm up both paths (JIT, the core's lazy tables).
  parseOnly();
  parseTreeOnly();
  lint();
  const parseTimes: number[] = [];
  const treeTimes: number[] = [];
  const lintTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no side always runs on a warmer (or fuller) heap.
    const order = [
      () => parseTimes.push(time(parseOnly)),
      () => treeTimes.push(time(parseTreeOnly)),
      () => lintTimes.push(time(lint)),
    ];
    for (let i = 0; i < order.length; i++) order[(round + i) % order.length]();
  }
  if (checked !== DOCUMENTS)
    throw new Error(`lint checked ${checked} objects, expected ${DOCUMENTS}`);
  const ratio = median(lintTimes) / median(parseTimes);
  const verdict = ratio <= GOAL ? '' : ' MISSED';
  console.log(`lint ${DOCUMENTS} docs: ratio ${ratio.toFixed(1)}x (goal <= ${GOAL}x)${verdict}`);
  // For reference: against building the YAML syntax trees alone, without turning them into data.
  const treeRatio = median(lintTimes) / median(treeTimes);
  console.log(`  (against parseAllDocuments without toJS: ${treeRatio.toFixed(1)}x)`);
}

main();
