import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { type ObjectMeta, VeleroConfigError } from '../core/index';
import { checkUniqueObjectsAtSynth } from './uniqueObjects';

/** The shape every manifest built by the core has: what one {@link ApiObject} needs. */
export interface KubernetesManifest {
  /** The API group and version, e.g. `velero.io/v1` or `v1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `Schedule`. */
  readonly kind: string;
  /** Name, namespace, labels and annotations. */
  readonly metadata: ObjectMeta;
}

/** The construct id of the single {@link ApiObject} child, so `ApiObject.of(construct)` finds it. */
export const MANIFEST_CHILD_ID = 'Resource';

/**
 * The path a construct will have once added to `scope` under `id`: what `node.path` returns, known
 * before the construct exists.
 */
function futureConstructPath(scope: Construct, id: string): string {
  const parent = scope.node.path;
  return parent === '' ? id : `${parent}/${id}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Options with the chart's namespace filled in where the construct's own `namespace` prop is not
 * set (absent, `undefined` or `null`): what each construct passes to its core builder, so that the
 * namespace is the prop, else the chart's (`new Chart(app, id, { namespace })`), else `velero`.
 *
 * @param options the construct's props
 * @param chartNamespace the enclosing chart's namespace, `undefined` when it has none
 */
export function inChartNamespace<T extends { readonly namespace?: string | null }>(
  options: T,
  chartNamespace: string | undefined,
): T {
  if (
    chartNamespace === undefined ||
    (options.namespace !== undefined && options.namespace !== null)
  )
    return options;
  return { ...options, namespace: chartNamespace };
}

/**
 * Base of every velero-iac construct: builds its manifest with a core function and adds exactly one
 * {@link ApiObject} child (id `Resource`) whose content is that manifest, with `metadata.name`
 * exactly the name given (cdk8s adds no hash suffix). Chart-level labels are merged into the
 * object's labels as for any cdk8s `ApiObject`.
 *
 * The namespace is the construct's `namespace` prop, else the enclosing chart's namespace
 * (`new Chart(app, id, { namespace: 'backup-system' })`), else `velero`; the manifest always
 * names it.
 *
 * The manifest is built before the construct joins the tree, so an invalid configuration leaves
 * the tree untouched. A {@link VeleroConfigError} from the core is re-thrown with the construct
 * path in its subject, e.g. `VeleroSchedule at "app/daily" (Schedule "daily")`. At synth, two
 * objects of the same kind, namespace and name anywhere in the app are refused with a
 * {@link VeleroConfigError} naming both construct paths (the cluster would keep only one).
 */
export abstract class VeleroManifestConstruct<M extends KubernetesManifest> extends Construct {
  /** The manifest built by the core (frozen): exactly what the `ApiObject` child renders. */
  readonly manifest: M;
  /** The object's `metadata.name`, exactly as given. */
  readonly name: string;
  /** The object's `metadata.namespace`. */
  readonly namespace: string;
  /** The cdk8s `ApiObject` child holding the manifest (escape hatch: `addJsonPatch`). */
  readonly apiObject: ApiObject;

  /**
   * @param scope the parent construct
   * @param id the construct id
   * @param constructName the class name shown in error messages, e.g. `VeleroSchedule`
   * @param build calls the core and returns the manifest, given the enclosing chart's namespace
   *   (`undefined` when the chart has none) to use when the props name none; may throw
   *   {@link VeleroConfigError}
   * @throws VeleroConfigError naming the construct path and every invalid field
   */
  protected constructor(
    scope: Construct,
    id: string,
    constructName: string,
    build: (chartNamespace: string | undefined) => M,
  ) {
    const path = futureConstructPath(scope, id);
    const chartNamespace = Chart.of(scope).namespace;
    let manifest: M;
    try {
      manifest = deepFreeze(build(chartNamespace));
    } catch (error) {
      if (error instanceof VeleroConfigError) {
        throw error.withSubject(`${constructName} at ${JSON.stringify(path)} (${error.subject})`);
      }
      throw error;
    }
    super(scope, id);
    this.manifest = manifest;
    this.name = manifest.metadata.name;
    this.namespace = manifest.metadata.namespace;
    this.apiObject = new ApiObject(this, MANIFEST_CHILD_ID, { ...manifest });
    checkUniqueObjectsAtSynth(this, this.apiObject, constructName);
  }
}
