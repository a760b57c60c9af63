import type { VeleroTargetOptions } from '../versions/veleroVersion';

/** The API group and version of every Velero custom resource. */
export const VELERO_API_VERSION = 'velero.io/v1';

/** The namespace Velero's server runs in by default; its custom resources must live there. */
export const DEFAULT_VELERO_NAMESPACE = 'velero';

/** The metadata every manifest this library emits carries. */
export interface ObjectMeta {
  /** The object's name, exactly as given (Velero looks resources up by name). */
  name: string;
  /** The namespace; Velero only reads its resources from its own namespace. */
  namespace: string;
  /** Labels, when any were given. */
  labels?: Record<string, string>;
  /** Annotations, when any were given. */
  annotations?: Record<string, string>;
}

/** Options every builder takes: the object's metadata and the Velero release it targets. */
export interface VeleroObjectOptions extends VeleroTargetOptions {
  /**
   * The object's name: a DNS-1123 subdomain (lowercase letters, digits, `-` and `.`). Schedules are
   * limited to 48 characters and Backups, Restores and storage locations to 63 (Velero uses these
   * names as label values).
   */
  name: string;
  /**
   * The namespace Velero's server runs in. Velero only reads Schedules, Backups, Restores,
   * locations and resource-policy ConfigMaps from there.
   * @default 'velero' (for a cdk8s construct: the chart's namespace, else 'velero')
   */
  namespace?: string;
  /**
   * Labels on the object itself (Kubernetes label syntax).
   * @default no labels
   */
  labels?: Record<string, string>;
  /**
   * Annotations on the object itself.
   * @default no annotations
   */
  annotations?: Record<string, string>;
}

/** A manifest of a Velero custom resource. */
export interface VeleroManifest<Kind extends string, Spec> {
  /** Always `velero.io/v1`. */
  apiVersion: typeof VELERO_API_VERSION;
  /** The Velero kind. */
  kind: Kind;
  /** Name, namespace, labels and annotations. */
  metadata: ObjectMeta;
  /** The spec, holding only the fields that were set. */
  spec: Spec;
}

/** A reference to a Secret key (Kubernetes `SecretKeySelector`). */
export interface SecretKeySelector {
  /** The Secret's name, in Velero's namespace. */
  name: string;
  /** The key in the Secret whose value is used. */
  key: string;
  /**
   * Whether the Secret or its key may be missing.
   * @default false
   */
  optional?: boolean;
}

/** A reference to a ConfigMap by kind and name (Kubernetes `TypedLocalObjectReference`). */
export interface ConfigMapReference {
  /**
   * The API group; empty for core objects.
   * @default omitted (core group)
   */
  apiGroup?: string;
  /** Must be `configmap` (case-insensitive): Velero silently ignores any other kind. */
  kind: string;
  /** The ConfigMap's name, in Velero's namespace. */
  name: string;
}
