import * as k8s from '@pulumi/kubernetes';
import { VeleroBackupPlatform } from 'velero-iac/pulumi';
import { MOCK_ACCOUNT_ID, runProgram } from './harness';

const CLUSTERS = Array.from({ length: 50 }, (_, i) => `eks-${String(i).padStart(2, '0')}`);

function irsaFor(cluster: string) {
  const issuer = `oidc.eks.eu-west-1.amazonaws.com/id/${cluster.toUpperCase().replace('-', '')}`;
  return {
    oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${issuer}`,
    oidcProviderUrl: issuer,
  };
}

describe('a fleet of 50 clusters in one program', () => {
  let run: Awaited<ReturnType<typeof fleetRun>>;

  function fleetRun() {
    return runProgram(() =>
      CLUSTERS.map((cluster) => {
        const provider = new k8s.Provider(`${cluster}-k8s`, { kubeconfig: `cluster: ${cluster}` });
        return new VeleroBackupPlatform(cluster, {
          cluster,
          date: '2026-01-15',
          region: 'eu-west-1',
          ...irsaFor(cluster),
          kubernetesProvider: provider,
        });
      }),
    );
  }

  beforeAll(async () => {
    run = await fleetRun();
  });

  test('50 distinct buckets, named after their clusters', () => {
    const names = run.ofType('aws:s3/bucket:Bucket').map((b) => b.inputs.bucket);
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
    expect([...names].sort()).toEqual(CLUSTERS.map((c) => `${c}-velero-20260115`).sort());
  });

  test('50 distinct roles, each limited to its own bucket', () => {
    const roles = run.ofType('aws:iam/role:Role');
    expect(roles).toHaveLength(50);
    expect(new Set(roles.map((r) => r.outputs.arn)).size).toBe(50);
    const policies = run.ofType('aws:iam/rolePolicy:RolePolicy');
    expect(policies).toHaveLength(50);
    for (const cluster of CLUSTERS) {
      const own = policies.filter((p) =>
        String(p.inputs.policy).includes(`arn:aws:s3:::${cluster}-velero-20260115`),
      );
      expect(own).toHaveLength(1);
    }
  });

  test('50 sets of Velero objects, each through its own cluster provider and pointing at its own bucket', () => {
    for (const kind of ['BackupStorageLocation', 'VolumeSnapshotLocation', 'Schedule']) {
      expect(run.ofType(`kubernetes:velero.io/v1:${kind}`)).toHaveLength(50);
    }
    const providers = new Map(
      run
        .ofType('pulumi:providers:kubernetes')
        .map((p) => [p.name.replace(/-k8s$/, ''), `${p.urn}::${p.id}`]),
    );
    for (const bsl of run.ofType('kubernetes:velero.io/v1:BackupStorageLocation')) {
      const cluster = bsl.name.replace(/-backup-storage-location$/, '');
      expect(bsl.options.provider).toBe(providers.get(cluster));
      expect((bsl.inputs.spec as { objectStorage: { bucket: string } }).objectStorage.bucket).toBe(
        `${cluster}-velero-20260115`,
      );
    }
    for (const object of run.resources.filter((r) =>
      r.type.startsWith('kubernetes:velero.io/v1:'),
    )) {
      const cluster = object.name.slice(0, 'eks-00'.length);
      expect(object.options.provider).toBe(providers.get(cluster));
    }
  });

  test('no URN collision', () => {
    const urns = run.resources.map((r) => r.urn);
    expect(new Set(urns).size).toBe(urns.length);
    // Every platform registers the same number of resources.
    const perCluster = CLUSTERS.map(
      (c) => run.resources.filter((r) => r.name.startsWith(`${c}-`) || r.name === c).length,
    );
    expect(new Set(perCluster).size).toBe(1);
  });
});
