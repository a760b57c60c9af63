import type { ScheduleOptions } from 'velero-iac';

/**
 * `count` distinct, realistic schedules for the benchmarks: one per team, each with its own
 * namespaces, cron minute and hour, labels and a label selector.
 */
export function teamSchedules(count: number): ScheduleOptions[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => ({
    name: `team-${String(i).padStart(width, '0')}-daily`,
    labels: { 'app.kubernetes.io/managed-by': 'velero-iac', team: `team-${i % 37}` },
    schedule: `${i % 60} ${i % 24} * * *`,
    useOwnerReferencesInBackup: false,
    template: {
      includedNamespaces: [`team-${i}`, `team-${i}-data`],
      excludedResources: ['events', 'events.events.k8s.io'],
      ttl: '720h0m0s',
      snapshotVolumes: true,
      storageLocation: 'default',
      labelSelector: { matchExpressions: [{ key: 'backup', operator: 'NotIn', values: ['skip'] }] },
    },
  }));
}
