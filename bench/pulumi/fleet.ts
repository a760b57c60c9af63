/**
 * Benchmark: a fleet of `VeleroBackupPlatform`s (one per cluster, each with its own Kubernetes
 * provider) registered under Pulumi mocks. The time per cluster must stay flat as the fleet grows:
 * reports the ratio of the per-cluster time with 50 clusters to the per-cluster time with 5
 * (median over rounds, both sizes measured in the same process run).
 *
 * Run: `npx tsx bench/pulumi/fleet.ts`.
 */
import * as k8s from '@pulumi/kubernetes';
import { VeleroBackupPlatform } from 'velero-iac/pulumi';
import { collectGarbage, median, timeProgram } from './mockRuntime';

const SMALL = 5;
const LARGE = 50;
const WARMUP_ROUNDS = 2;
const ROUNDS = 9;

function fleet(size: number): () => void {
  return () => {
    for (let i = 0; i < size; i++) {
      const cluster = `eks-${String(i).padStart(2, '0')}`;
      const issuer = `oidc.eks.eu-west-1.amazonaws.com/id/CLUSTER${i}`;
      new VeleroBackupPlatform(cluster, {
        cluster,
        date: '2026-01-15',
        region: 'eu-west-1',
        oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${issuer}`,
        oidcProviderUrl: issuer,
        kubernetesProvider: new k8s.Provider(`${cluster}-k8s`, {
          kubeconfig: `cluster: ${cluster}`,
        }),
        extraSchedules: [
          {
            name: 'apps-hourly',
            schedule: '@hourly',
            template: { includedNamespaces: ['apps'], ttl: '48h' },
          },
        ],
      });
    }
  };
}

async function main(): Promise<void> {
  const ratios: number[] = [];
  const small: number[] = [];
  const large: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    collectGarbage();
    const smallMs = await timeProgram(fleet(SMALL));
    collectGarbage();
    const largeMs = await timeProgram(fleet(LARGE));
    if (round >= WARMUP_ROUNDS) {
      const perSmall = smallMs / SMALL;
      const perLarge = largeMs / LARGE;
      ratios.push(perLarge / perSmall);
      small.push(perSmall);
      large.push(perLarge);
    }
  }
  console.log(
    `pulumi fleet per-cluster time ${LARGE} vs ${SMALL} clusters: ratio ${median(ratios).toFixed(2)}x (goal: flat, 1.00x)` +
      ` [median of ${ROUNDS} rounds; ratio of medians ${(median(large) / median(small)).toFixed(2)}x]`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
