import * as pulumi from '@pulumi/pulumi';
import { VeleroConfigError } from '../../core/errors';
import {
  VeleroBackupAlerts as TypedVeleroBackupAlerts,
  type VeleroBackupAlertsArgs,
  veleroBackupAlertRules,
} from '../backupAlerts';
import { inputPropertiesError, registryType, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroBackupAlerts`: those of the TypeScript component. */
export interface VeleroBackupAlertsRegistryArgs extends VeleroBackupAlertsArgs {}

/**
 * A PrometheusRule of backup-health alerts for Velero schedules (missed, never-succeeded and
 * failed backups per schedule, unavailable locations, Velero not scraped, restore drills). The
 * cluster needs the Prometheus Operator's CRDs; the Kubernetes provider comes from `providers`.
 */
export class VeleroBackupAlerts extends pulumi.ComponentResource {
  /** The PrometheusRule's name. */
  readonly ruleName: pulumi.Output<string>;
  /** The PrometheusRule's namespace. */
  readonly ruleNamespace: pulumi.Output<string>;
  /** The names of the alerts the rules raise, e.g. `VeleroBackupMissed`. */
  readonly alertNames: pulumi.Output<string[]>;

  /**
   * @param name the component's logical name (also the PrometheusRule resource's)
   * @param args the schedules and the options of the rules
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroBackupAlertsRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    try {
      veleroBackupAlertRules(args);
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      throw inputPropertiesError(error.withSubject(`VeleroBackupAlerts "${name}"`));
    }
    super(registryType('VeleroBackupAlerts'), name, {}, opts);
    const alerts = withInputErrors(() => new TypedVeleroBackupAlerts(name, args, { parent: this }));
    this.ruleName = pulumi.output(alerts.ruleName);
    this.ruleNamespace = pulumi.output(alerts.ruleNamespace);
    this.alertNames = pulumi.output([
      ...new Set(alerts.groups.flatMap((group) => group.rules.map((rule) => rule.alert))),
    ]);
    this.registerOutputs({
      ruleName: this.ruleName,
      ruleNamespace: this.ruleNamespace,
      alertNames: this.alertNames,
    });
  }
}
