import type { Construct } from 'constructs';
import {
  type ConfigMapReference,
  type ResourcePolicyConfigMap,
  type ResourcePolicyOptions,
  resourcePolicyConfigMap,
  resourcePolicyReference,
} from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroResourcePolicy}: the core's resource-policy options. */
export type VeleroResourcePolicyProps = ResourcePolicyOptions;

/**
 * A ConfigMap holding a Velero resource policy (`version: v1`), built and validated by the core's
 * `resourcePolicyConfigMap`. Put {@link VeleroResourcePolicy.reference} into a Backup's or a
 * Schedule template's `resourcePolicy`.
 *
 * @example
 * const policy = new VeleroResourcePolicy(chart, 'policy', {
 *   name: 'skip-scratch-volumes',
 *   volumePolicies: [{ conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'skip' } }],
 * });
 * new VeleroSchedule(chart, 'apps', {
 *   name: 'apps',
 *   schedule: '@daily',
 *   template: { includedNamespaces: ['apps'], resourcePolicy: policy.reference },
 * });
 */
export class VeleroResourcePolicy extends VeleroManifestConstruct<ResourcePolicyConfigMap> {
  /** The reference a Backup or Schedule template needs: `{ kind: 'configmap', name }`. */
  readonly reference: ConfigMapReference;

  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the policy's options
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroResourcePolicyProps) {
    super(scope, id, 'VeleroResourcePolicy', (chartNamespace) =>
      resourcePolicyConfigMap(
        withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace)),
      ),
    );
    this.reference = resourcePolicyReference(this.manifest);
  }
}
