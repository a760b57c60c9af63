import * as pulumi from '@pulumi/pulumi';
import { restoreManifest } from '../../core/manifests/builders';
import type { VeleroObjectOptions } from '../../core/types/meta';
import type { RestoreSpec } from '../../core/types/restore';
import { checkVeleroManifestArgs } from '../customResource';
import { VeleroRestore as TypedVeleroRestore, type VeleroRestoreArgs } from '../restore';
import { registryType, throwIfInputIssues, withInputErrors } from './registryComponent';

/**
 * Arguments of the package's `VeleroRestore`: the object's metadata and Velero's `RestoreSpec`. Exactly
 * one of `backupName` and `scheduleName` (checked when the component is constructed).
 */
export interface VeleroRestoreRegistryArgs extends VeleroObjectOptions, RestoreSpec {}

/**
 * A Velero Restore (`velero.io/v1`) from a Backup or from a Schedule's newest Completed backup,
 * checked by the core before anything is registered (exactly one source, restorable resources
 * only). Velero runs it once, when it is created.
 */
export class VeleroRestore extends pulumi.ComponentResource {
  /** The Restore's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The Restore's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the Restore
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroRestoreRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    throwIfInputIssues(
      `VeleroRestore "${name}"`,
      checkVeleroManifestArgs(restoreManifest, args).issues,
    );
    super(registryType('VeleroRestore'), name, {}, opts);
    const typed = withInputErrors(
      () => new TypedVeleroRestore(name, args as VeleroRestoreArgs, { parent: this }),
    );
    this.name = typed.name;
    this.namespace = typed.namespace;
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
