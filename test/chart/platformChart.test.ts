/**
 * The vmware-tanzu `velero` chart (12.1.0, `../shared/charts/velero`) rendered by a real Helm 3
 * with the values `VeleroBackupPlatform` builds and installs through `installVeleroChart()`, for
 * three set-ups, each once with the platform creating the Velero objects and once with the chart
 * creating them. What the chart renders must be what the library builds.
 */
import * as k8s from '@pulumi/kubernetes';
import {
  VELERO_AWS_PLUGIN_IMAGE,
  VELERO_CHART_NAME,
  VELERO_CHART_REPOSITORY,
  VELERO_CHART_VERSION,
  VELERO_IMAGE,
  type VeleroHelmValues,
} from 'velero-iac';
import {
  installVeleroChart,
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
} from 'velero-iac/pulumi';
import { validateAllAgainstCrd } from '../conformance/crdValidator';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import {
  type CapturedResource,
  MOCK_ACCOUNT_ID,
  type ProgramRun,
  runProgram,
} from '../pulumi/harness';
import {
  helmTemplate,
  NEEDS_HELM_CHART,
  type RenderedObject,
  runHelm,
  VELERO_CHART_DIR,
} from '../support/helm';
import { describeIf, needsShared } from '../support/requirements';
import { keyOf, oneOf, semantic, unknownValuePaths, veleroObjectsOf } from './chartSupport';

const OIDC_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
const BASE: VeleroBackupPlatformArgs = {
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
};

interface Scenario {
  /** The platform's arguments (the mode is added per run). */
  readonly args: Partial<VeleroBackupPlatformArgs>;
  /** Whether the role comes through IRSA (else EKS Pod Identity). */
  readonly irsa: boolean;
  /** Whether a VolumeSnapshotLocation exists. */
  readonly snapshots: boolean;
  /** Whether the node agent must run. */
  readonly nodeAgent: boolean;
}

const SCENARIOS: Record<string, Scenario> = {
  'IRSA + KMS': {
    irsa: true,
    snapshots: true,
    nodeAgent: false,
    args: {
      trust: 'irsa',
      oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC_ISSUER}`,
      oidcProviderUrl: `https://${OIDC_ISSUER}`,
      bucket: { createKmsKey: true },
      backupStorageLocation: {
        prefix: 'prod-eu',
        backupSyncPeriod: '30m',
        validationFrequency: '5m',
        annotations: { 'example.com/owner': 'platform' },
      },
      extraSchedules: [
        {
          name: 'velero-weekly-cluster',
          schedule: '0 4 * * 0',
          labels: { tier: 'gold' },
          annotations: { 'example.com/runbook': 'https://example.com/velero' },
          useOwnerReferencesInBackup: true,
          template: {
            includedClusterScopedResources: ['*'],
            excludedNamespaces: ['kube-system'],
            ttl: '720h0m0s',
            uploaderConfig: { parallelFilesUpload: 4 },
            labelSelector: { matchLabels: { 'backup.example.com/tier': '0' } },
          },
        },
      ],
    },
  },
  'Pod Identity': {
    irsa: false,
    snapshots: true,
    nodeAgent: false,
    args: {
      trust: 'podIdentity',
      eksClusterName: 'prod-eu',
      namespace: 'velero-system',
      serviceAccount: 'velero',
      defaultSchedule: { paused: true, skipImmediately: true },
    },
  },
  'no volume snapshots + file-system backup': {
    irsa: true,
    snapshots: false,
    nodeAgent: true,
    args: {
      trust: 'irsa',
      oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC_ISSUER}`,
      oidcProviderUrl: `https://${OIDC_ISSUER}`,
      volumeSnapshotLocation: false,
      defaultSchedule: { template: { defaultVolumesToFsBackup: true, snapshotVolumes: false } },
    },
  },
};

const VELERO_TYPE = 'kubernetes:velero.io/v1:';

interface PlatformInstall {
  readonly run: ProgramRun<VeleroBackupPlatform>;
  readonly release: CapturedResource;
  readonly values: VeleroHelmValues;
  /** The Velero objects the platform registered itself, as manifests. */
  readonly objects: Record<string, unknown>[];
}

async function install(scenario: Scenario, chartCreatesObjects: boolean): Promise<PlatformInstall> {
  const run = await runProgram(() => {
    const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
    return new VeleroBackupPlatform('prod', {
      ...BASE,
      ...scenario.args,
      chartCreatesObjects,
      kubernetesProvider: provider,
      installVelero: installVeleroChart(),
    });
  });
  const release = run.one('kubernetes:helm.sh/v3:Release');
  const objects = run.resources
    .filter((r) => r.type.startsWith(VELERO_TYPE))
    .map(({ inputs: { apiVersion, kind, metadata, spec } }) => ({
      apiVersion,
      kind,
      metadata,
      spec,
    }));
  return { run, release, values: release.inputs.values as VeleroHelmValues, objects };
}

function render(installation: PlatformInstall, releaseName?: string): RenderedObject[] {
  return helmTemplate(installation.values, {
    releaseName: releaseName ?? String(installation.release.inputs.name),
    namespace: String(installation.release.inputs.namespace),
  });
}

describeIf(
  [...NEEDS_HELM_CHART, needsShared('velero-crds')],
  'the velero chart rendered by Helm with the platform values',
  () => {
    describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
      // What the library builds: the platform creating every Velero object itself.
      let library: PlatformInstall;
      let libraryRendered: RenderedObject[];
      let chart: PlatformInstall;
      let chartRendered: RenderedObject[];
      const namespace = scenario.args.namespace ?? 'velero';
      const serviceAccount = scenario.args.serviceAccount ?? 'velero-server';

      beforeAll(async () => {
        library = await install(scenario, false);
        chart = await install(scenario, true);
        libraryRendered = render(library);
        chartRendered = render(chart);
      });

      test('the chart is installed pinned, under an explicit release name, in the namespace', () => {
        for (const { release } of [library, chart]) {
          expect(release.inputs).toMatchObject({
            name: 'velero',
            chart: VELERO_CHART_NAME,
            version: VELERO_CHART_VERSION,
            repositoryOpts: { repo: VELERO_CHART_REPOSITORY },
            namespace,
            createNamespace: true,
          });
        }
        expect(VELERO_CHART_VERSION).toBe('12.1.0');
      });

      test("the alerts: rendered exactly where the cluster serves the Prometheus Operator's API, with the platform's rules", () => {
        const kinds = (objects: readonly RenderedObject[]) =>
          objects
            .map((o) => o.kind)
            .filter((k) => k === 'ServiceMonitor' || k === 'PrometheusRule');
        expect(kinds(libraryRendered)).toEqual([]);
        const withOperator = helmTemplate(library.values, {
          releaseName: 'velero',
          namespace,
          apiVersions: ['monitoring.coreos.com/v1'],
        });
        expect(kinds(withOperator).sort()).toEqual(['PrometheusRule', 'ServiceMonitor']);
        const rule = oneOf(withOperator, 'PrometheusRule');
        const groups = library.run.result!.alertRuleGroups;
        expect((rule['spec'] as { groups: { rules: unknown[] }[] }).groups[0]!.rules).toEqual(
          groups.flatMap((g) => g.rules),
        );
        expect(validatePrometheusRules([rule])).toEqual([null]);
        // The job label the rules match is the one the chart's ServiceMonitor scrapes: the
        // operator names the job after the Service its selector picks.
        const monitor = oneOf(withOperator, 'ServiceMonitor');
        const selector = (monitor['spec'] as { selector: { matchLabels: Record<string, string> } })
          .selector.matchLabels;
        const services = withOperator.filter(
          (o) =>
            o.kind === 'Service' &&
            Object.entries(selector).every(([key, value]) => o.metadata.labels?.[key] === value),
        );
        expect(services.map((o) => o.metadata.name)).toEqual(['velero']);
        const jobs = new Set(
          groups.flatMap((g) =>
            g.rules.flatMap((r) => [...r.expr.matchAll(/\bjob="([^"]*)"/g)].map((m) => m[1])),
          ),
        );
        // Velero's metrics under the Service's job; the drills' CronJobs under kube-state-metrics.
        expect([...jobs].sort()).toEqual(['kube-state-metrics', 'velero']);
      });

      test('every key of the values is one the chart reads', () => {
        expect(unknownValuePaths(library.values)).toEqual([]);
        expect(unknownValuePaths(chart.values)).toEqual([]);
      });

      test('every Velero object exists exactly once across the chart and the library', () => {
        const expected = library.objects.map((o) => keyOf(o as never)).sort();
        expect(expected).toEqual(
          expect.arrayContaining([
            `BackupStorageLocation ${namespace}/default`,
            ...(scenario.snapshots ? [`VolumeSnapshotLocation ${namespace}/default`] : []),
            `Schedule ${namespace}/velero-velero-udsbackup`,
          ]),
        );
        // The platform creates them: the chart renders none.
        expect(veleroObjectsOf(libraryRendered)).toEqual([]);
        // The chart creates them: the platform registers none.
        expect(chart.objects).toEqual([]);
        for (const [rendered, own] of [
          [libraryRendered, library.objects],
          [chartRendered, chart.objects],
        ] as const) {
          const all = [...veleroObjectsOf(rendered), ...own].map((o) => keyOf(o as never)).sort();
          expect(all).toEqual(expected);
          expect(new Set(all).size).toBe(all.length);
        }
      });

      test('the chart renders each Velero object as the library builds it', () => {
        const built = new Map(library.objects.map((o) => [keyOf(o as never), semantic(o)]));
        const rendered = veleroObjectsOf(chartRendered);
        expect(rendered.length).toBe(built.size);
        for (const object of rendered) {
          expect(semantic(object)).toEqual(built.get(keyOf(object)));
        }
        // The fields the issue names, spelled out.
        const bsl = oneOf(rendered, 'BackupStorageLocation');
        const builtBsl = library.objects.find((o) => o.kind === 'BackupStorageLocation') as {
          spec: Record<string, unknown>;
        };
        expect(bsl.spec).toMatchObject({
          provider: 'aws',
          default: true,
          objectStorage: builtBsl.spec.objectStorage as object,
          config: builtBsl.spec.config as object,
        });
        if (scenario.args.bucket?.createKmsKey === true) {
          expect((bsl.spec as { config: { kmsKeyId: string } }).config.kmsKeyId).toBe(
            chart.run.one('aws:kms/key:Key').outputs.arn,
          );
        }
        if (scenario.args.backupStorageLocation?.backupSyncPeriod !== undefined) {
          expect(bsl.spec).toMatchObject({ backupSyncPeriod: '30m', validationFrequency: '5m' });
        }
        expect(rendered.filter((o) => o.kind === 'VolumeSnapshotLocation')).toHaveLength(
          scenario.snapshots ? 1 : 0,
        );
      });

      test('rendered Velero objects conform to the Velero CRDs', () => {
        expect(validateAllAgainstCrd(veleroObjectsOf(chartRendered))).toEqual([]);
      });

      test('the service account is the one the IAM role trusts, annotated only for IRSA', () => {
        for (const [rendered, run] of [
          [libraryRendered, library.run],
          [chartRendered, chart.run],
        ] as const) {
          const account = oneOf(rendered, 'ServiceAccount', serviceAccount);
          expect(account.metadata).toMatchObject({ name: serviceAccount, namespace });
          const role = run.one('aws:iam/role:Role');
          if (scenario.irsa) {
            expect(account.metadata.annotations).toEqual({
              'eks.amazonaws.com/role-arn': role.outputs.arn,
            });
            expect(String(role.inputs.assumeRolePolicy)).toContain(
              `system:serviceaccount:${namespace}:${serviceAccount}`,
            );
          } else {
            expect(account.metadata.annotations).toBeUndefined();
            const association = run.one('aws:eks/podIdentityAssociation:PodIdentityAssociation');
            expect(association.inputs).toMatchObject({ namespace, serviceAccount });
          }
        }
      });

      test('the Velero server: pinned image, the AWS plugin init container, no credentials Secret', () => {
        for (const [rendered, values] of [
          [libraryRendered, library.values],
          [chartRendered, chart.values],
        ] as const) {
          const pod = (
            oneOf(rendered, 'Deployment', 'velero').spec as { template: { spec: PodSpec } }
          ).template.spec;
          expect(pod.serviceAccountName).toBe(serviceAccount);
          expect(pod.initContainers).toEqual(values.initContainers);
          expect(pod.initContainers).toEqual([
            {
              name: 'velero-plugin-for-aws',
              image: 'velero/velero-plugin-for-aws:v1.14.2',
              imagePullPolicy: 'IfNotPresent',
              volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
            },
          ]);
          expect(VELERO_AWS_PLUGIN_IMAGE).toBe('velero/velero-plugin-for-aws:v1.14.2');
          const [server] = pod.containers;
          expect(server?.image).toBe(`${VELERO_IMAGE.repository}:${VELERO_IMAGE.tag}`);
          expect(server?.image).toBe('docker.io/velero/velero:v1.18.1');
          expectNoCredentials(pod);
          expect(rendered.filter((o) => o.kind === 'Secret')).toEqual([]);
        }
      });

      test(`the node agent is ${scenario.nodeAgent ? 'deployed' : 'not deployed'}`, () => {
        for (const [rendered, values] of [
          [libraryRendered, library.values],
          [chartRendered, chart.values],
        ] as const) {
          expect(values.deployNodeAgent).toBe(scenario.nodeAgent);
          const agents = rendered.filter((o) => o.kind === 'DaemonSet');
          expect(agents.map((o) => o.metadata.name)).toEqual(
            scenario.nodeAgent ? ['node-agent'] : [],
          );
          for (const agent of agents) {
            const pod = (agent.spec as { template: { spec: PodSpec } }).template.spec;
            expect(pod.serviceAccountName).toBe(serviceAccount);
            expect(pod.containers[0]?.image).toBe('docker.io/velero/velero:v1.18.1');
            expectNoCredentials(pod);
          }
        }
      });

      test('no object name depends on the Helm release name', () => {
        const names = (objects: readonly RenderedObject[]) => objects.map(keyOf).sort();
        const other = render(chart, 'pulumi-auto-7f3a9c1');
        expect(names(other)).toEqual(names(chartRendered));
        expect(names(render(library, 'pulumi-auto-7f3a9c1'))).toEqual(names(libraryRendered));
      });

      test('helm lint accepts the values', () => {
        for (const values of [library.values, chart.values]) {
          const lint = runHelm(['lint', VELERO_CHART_DIR, '--namespace', namespace], values);
          expect({ status: lint.status, stderr: lint.stderr }).toEqual({ status: 0, stderr: '' });
          expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
        }
      });
    });
  },
);

interface Container {
  name: string;
  image?: string;
  env?: { name: string }[];
  volumeMounts?: { name: string }[];
}

interface PodSpec {
  serviceAccountName?: string;
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string }[];
}

function expectNoCredentials(pod: PodSpec): void {
  expect((pod.volumes ?? []).map((v) => v.name)).not.toContain('cloud-credentials');
  for (const container of pod.containers) {
    expect((container.env ?? []).map((e) => e.name)).not.toContain('AWS_SHARED_CREDENTIALS_FILE');
  }
}
