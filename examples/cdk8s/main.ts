/**
 * The cdk8s main program (`npm run synth`, `npx cdk8s synth`): synthesizes one cluster's Velero
 * resources to YAML in `dist/manifests/` (or `$CDK8S_OUTDIR`) and prints every file and resource written.
 * No cluster, no cloud, no network.
 *
 * Inputs (all optional, for trying other values): `VELERO_CLUSTER`, `VELERO_BUCKET_DATE`,
 * `VELERO_REGION`, `VELERO_BACKUP_AT` (an ISO instant). An invalid value prints the
 * `VeleroConfigError` and exits with status 1 before anything is written.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Names } from 'cdk8s';
import { VeleroConfigError } from 'velero-iac';
import { parseAllDocuments } from 'yaml';
import {
  ClusterBackupsChart,
  type ClusterBackupsProps,
  EXAMPLE_CLUSTER,
} from './clusterBackupsChart';

/** The example's props, with the `VELERO_*` environment variables taking precedence. */
function propsFromEnv(env: NodeJS.ProcessEnv): ClusterBackupsProps {
  return {
    cluster: env['VELERO_CLUSTER'] ?? EXAMPLE_CLUSTER.cluster,
    bucketDate: env['VELERO_BUCKET_DATE'] ?? EXAMPLE_CLUSTER.bucketDate,
    region: env['VELERO_REGION'] ?? EXAMPLE_CLUSTER.region,
    onDemandBackupAt:
      env['VELERO_BACKUP_AT'] !== undefined
        ? new Date(env['VELERO_BACKUP_AT'])
        : EXAMPLE_CLUSTER.onDemandBackupAt,
  };
}

/** Builds the app (validating every construct), writes it, and prints what was written. */
function main(): void {
  // cdk8s synth sets $CDK8S_OUTDIR (cdk8s.yaml: dist/manifests). Not plain dist/: the cdk8s CLI empties
  // its output folder first, and dist/ also holds the compiled library.
  const app = new App({ outdir: process.env['CDK8S_OUTDIR'] ?? 'dist/manifests' });
  const props = propsFromEnv(process.env);
  new ClusterBackupsChart(app, `velero-${props.cluster}`, props);
  app.synth();
  for (const written of app.charts) {
    const file = path.join(app.outdir, `${Names.toDnsLabel(written)}${app.outputFileExtension}`);
    console.log(`wrote ${file}`);
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const kind = doc.get('kind');
      const namespace = doc.getIn(['metadata', 'namespace']);
      const name = doc.getIn(['metadata', 'name']);
      // Cluster-scoped objects (the restore drill's RBAC and admission policy) have no namespace.
      const where = namespace === undefined ? '' : `${String(namespace)}/`;
      console.log(`  ${String(kind)} ${where}${String(name)}`);
    }
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof VeleroConfigError)) throw error;
  console.error(error.message);
  console.error('Nothing was written.');
  process.exitCode = 1;
}
