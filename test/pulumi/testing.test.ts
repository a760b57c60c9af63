/**
 * `velero-iac/pulumi/testing`: the mocks users give `pulumi.runtime.setMocks` answer every
 * resource the library creates with outputs the library accepts, and outputs that are missing or
 * malformed (ordinary mocks, or an override) fail with a `VeleroConfigError` naming the resource
 * and the output, never a `TypeError`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { VeleroBackupPlatform, VeleroBucket, VeleroRestore } from 'velero-iac/pulumi';
import {
  MOCK_ACCOUNT_ID,
  MOCKED_RESOURCE_TYPES,
  mockCallResult,
  mockResourceOutputs,
  type VeleroMocksOptions,
  veleroMocks,
} from 'velero-iac/pulumi/testing';
import { checkReadOutputs, READ_OUTPUTS } from '../../lib/pulumi/resourceOutputs';
import type { BadOutputCase, SeenError } from './fixtures/badOutputsCases';

const REPO = path.resolve(__dirname, '..', '..');
const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE';

/** What one resource got from the mocks. */
interface Created {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly state: Record<string, unknown>;
}

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Runs `program` under `veleroMocks(options)`, recording what each resource got. */
async function underMocks<T>(
  program: () => T,
  options: VeleroMocksOptions = {},
): Promise<{ result: T; created: Created[] }> {
  const mocks = veleroMocks(options);
  const created: Created[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        const answer = await mocks.newResource(args);
        created.push({
          type: args.type,
          name: args.name,
          custom: args.custom === true,
          state: answer.state,
        });
        return answer;
      },
      call: (args) => mocks.call(args),
    },
    'backups',
    'test',
    false,
  );
  const result = program();
  await pulumi.runtime.disconnect();
  return { result, created };
}

/** Every kind of resource the library creates: each option that adds one is on. */
function everything() {
  const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1\nkind: Config\n' });
  const irsa = new VeleroBackupPlatform('prod', {
    cluster: 'prod',
    region: 'eu-west-1',
    trust: 'irsa',
    oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC}`,
    oidcProviderUrl: OIDC,
    kubernetesProvider: provider,
    bucket: { createKmsKey: true },
    installVelero: ({ platformName, namespace, helmValues }, opts) =>
      new k8s.helm.v3.Release(
        `${platformName}-velero`,
        {
          chart: 'velero',
          version: '12.1.0',
          namespace,
          createNamespace: true,
          repositoryOpts: { repo: 'https://vmware-tanzu.github.io/helm-charts' },
          values: helmValues,
        },
        opts,
      ),
  });
  const podIdentity = new VeleroBackupPlatform('staging', {
    cluster: 'staging',
    date: '2026-01-15',
    region: 'eu-west-1',
    trust: 'podIdentity',
    eksClusterName: 'staging',
    kubernetesProvider: provider,
  });
  new VeleroBucket('dr-source', {
    cluster: 'dr',
    date: '2026-01-15',
    region: 'eu-west-1',
    createKmsKey: true,
    eventBridgeNotifications: true,
    accessLogging: { targetBucket: 'dr-access-logs' },
    objectLock: { retentionDays: 7, shortestBackupTtl: '240h0m0s' },
    replication: {
      destinationBucketArn: 'arn:aws:s3:::dr-velero-replica',
      destinationRegion: 'eu-central-1',
      replicaKmsKeyArn: `arn:aws:kms:eu-central-1:${MOCK_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    },
  });
  new VeleroRestore(
    'restore-monitoring',
    { name: 'restore-monitoring', backupName: 'nightly-20260115030000' },
    { provider },
  );
  return { irsa, podIdentity };
}

describe('veleroMocks', () => {
  test('answers every resource the library creates, with outputs the library accepts', async () => {
    const { result, created } = await underMocks(everything);
    const custom = created.filter((c) => c.custom);
    const types = [...new Set(custom.map((c) => c.type))].sort();
    expect(types.filter((t) => !MOCKED_RESOURCE_TYPES.includes(t))).toEqual([]);
    // The run covered every resource whose outputs the library reads.
    expect(Object.keys(READ_OUTPUTS).filter((t) => !types.includes(t))).toEqual([]);
    const rejected = custom
      .map((c) => ({ resource: `${c.type} ${c.name}`, issues: checkReadOutputs(c.type, c.state) }))
      .filter((r) => r.issues.length > 0);
    expect(rejected).toEqual([]);

    expect(await resolved(result.irsa.bucketName)).toBe('prod-velero-20260115');
    const values = await resolved(result.irsa.helmValues);
    expect(values.serviceAccount.server.annotations['eks.amazonaws.com/role-arn']).toBe(
      `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${await resolved(result.irsa.serviceRole.roleName)}`,
    );
    expect(values.configuration.backupStorageLocation[0]?.config.kmsKeyId).toMatch(
      new RegExp(`^arn:aws:kms:eu-west-1:${MOCK_ACCOUNT_ID}:key/[0-9a-f-]{36}$`),
    );
    expect(await resolved(result.podIdentity.bucketName)).toBe('staging-velero-20260115');
  });

  test('gives Kubernetes objects a uid, Helm releases a deployed status, providers an id', async () => {
    const { created } = await underMocks(everything);
    const restore = created.find((c) => c.type === 'kubernetes:velero.io/v1:Restore');
    expect(restore?.state).toMatchObject({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'restore-monitoring', namespace: 'velero', resourceVersion: '1' },
    });
    expect((restore?.state.metadata as { uid?: string } | undefined)?.uid).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    const release = created.find((c) => c.type === 'kubernetes:helm.sh/v3:Release');
    expect(release?.state.status).toMatchObject({
      chart: 'velero',
      version: '12.1.0',
      namespace: 'velero',
      revision: 1,
      status: 'deployed',
    });
  });

  test('the clock, account and region are options', async () => {
    const { result, created } = await underMocks(
      () =>
        new VeleroBackupPlatform('prod', {
          cluster: 'prod',
          region: 'ap-southeast-2',
          trust: 'podIdentity',
          eksClusterName: 'prod',
        }),
      { now: new Date('2027-03-04T05:06:07Z'), accountId: '210987654321' },
    );
    expect(await resolved(result.bucketName)).toBe('prod-velero-20270304');
    expect(await resolved(result.roleArn)).toMatch(/^arn:aws:iam::210987654321:role\//);
    const stamp = created.find((c) => c.type === 'time:index/static:Static');
    expect(stamp?.state).toMatchObject({ rfc3339: '2027-03-04T05:06:07Z', year: 2027, month: 3 });
    expect(mockCallResult('aws:index/getCallerIdentity:getCallerIdentity')).toMatchObject({
      accountId: MOCK_ACCOUNT_ID,
    });
  });

  test('a type it does not know gets its inputs back; components get no id', () => {
    expect(
      mockResourceOutputs({ type: 'acme:index:Widget', name: 'w', inputs: { a: 1 }, custom: true }),
    ).toEqual({ id: 'w-id', state: { a: 1 } });
    expect(
      mockResourceOutputs({ type: 'acme:index:Group', name: 'g', inputs: {}, custom: false }),
    ).toEqual({ id: undefined, state: {} });
  });
});

/** The logical names the fixture's platform `prod` gives the resources whose outputs it reads. */
const RESOURCE_NAMES: Record<string, string> = {
  'time:index/static:Static': 'prod-bucket-created-at',
  'aws:s3/bucket:Bucket': 'prod-bucket',
  'aws:kms/key:Key': 'prod-bucket-key',
  'aws:iam/role:Role': 'prod-role',
};

const READ: [string, string][] = Object.entries(READ_OUTPUTS).flatMap(([type, outputs]) =>
  Object.keys(outputs).map((output): [string, string] => [type, output]),
);

const CASES: BadOutputCase[] = [
  { label: 'ordinary mocks, date not pinned', mocks: 'echo', pinDate: false },
  { label: 'ordinary mocks, date pinned', mocks: 'echo', pinDate: true },
  ...READ.flatMap(([type, output]): BadOutputCase[] => {
    // The time.Static only exists when the date is not pinned.
    const pinDate = type !== 'time:index/static:Static';
    return [
      { label: `${type} ${output} missing`, mocks: 'velero', pinDate, type, output },
      {
        label: `${type} ${output} malformed`,
        mocks: 'velero',
        pinDate,
        type,
        output,
        value: 'not valid!',
      },
    ];
  }),
];

describe('outputs that are missing or malformed', () => {
  let results: Record<string, SeenError[]>;

  beforeAll(() => {
    const child = spawnSync(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        path.join('test', 'pulumi', 'fixtures', 'badOutputs.ts'),
        JSON.stringify(CASES),
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 170_000 },
    );
    if (child.status !== 0) throw new Error(`badOutputs.ts failed:\n${child.stderr}`);
    results = JSON.parse(child.stdout) as Record<string, SeenError[]>;
  }, 180_000);

  /** `subject → output` of every error a case raised. */
  function faults(label: string): string[] {
    const errors = results[label] ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.name).toBe('VeleroConfigError');
      expect(error.message).not.toMatch(
        /TypeError|Cannot read|error serializing|undefined \(reading/,
      );
      expect(error.message).toContain('velero-iac/pulumi/testing');
    }
    return [...new Set(errors.map((e) => `${e.subject} → ${(e.paths ?? []).join(', ')}`))].sort();
  }

  /**
   * Outputs the fixture's platform also passes as inputs: when a mock leaves them out, Pulumi
   * resolves them to the input, which is valid.
   */
  const ALSO_INPUTS = ['aws:s3/bucket:Bucket bucket', 'aws:s3/bucket:Bucket region'];

  test.each(READ)(
    '%s %s: missing or malformed, the error names that resource and output',
    (type, output) => {
      const expected = [`output of ${type} "${RESOURCE_NAMES[type]}" → ${output}`];
      if (ALSO_INPUTS.includes(`${type} ${output}`)) {
        expect(results[`${type} ${output} missing`]).toEqual([]);
      } else {
        expect(faults(`${type} ${output} missing`)).toEqual(expected);
      }
      expect(faults(`${type} ${output} malformed`)).toEqual(expected);
      const malformed = results[`${type} ${output} malformed`]?.[0]?.message ?? '';
      expect(malformed).toContain('received "not valid!"');
    },
  );

  test('ordinary mocks (inputs echoed) name the time.Static and the role instead of crashing', () => {
    expect(faults('ordinary mocks, date not pinned')).toEqual(
      expect.arrayContaining([
        'output of time:index/static:Static "prod-bucket-created-at" → rfc3339',
        'output of aws:iam/role:Role "prod-role" → arn',
      ]),
    );
    expect(faults('ordinary mocks, date pinned')).toEqual(
      expect.arrayContaining(['output of aws:iam/role:Role "prod-role" → arn']),
    );
  });

  test('every output the library reads is covered', () => {
    expect(READ.length).toBeGreaterThanOrEqual(7);
    for (const type of Object.keys(READ_OUTPUTS)) expect(RESOURCE_NAMES[type]).toBeDefined();
  });
});
