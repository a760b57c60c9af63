import type { Construct } from 'constructs';
import {
  type ScheduleManifest,
  type UdsDefaultScheduleOptions,
  udsDefaultSchedule,
} from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link UdsDefaultSchedule}: the core's default-schedule options, each overriding a default. */
export type UdsDefaultScheduleProps = UdsDefaultScheduleOptions;

/**
 * The default schedule, from the core's `udsDefaultSchedule`: `velero-velero-udsbackup`, daily at
 * `0 3 * * *`, the `monitoring` and `tempo` namespaces with volume snapshots, kept `240h0m0s`,
 * `useOwnerReferencesInBackup: false`. Every field can be overridden; template fields are merged
 * over the default template one by one.
 *
 * @example
 * new UdsDefaultSchedule(chart, 'default');
 * new UdsDefaultSchedule(chart, 'other-release', { name: 'velero-udsbackup' });
 */
export class UdsDefaultSchedule extends VeleroManifestConstruct<ScheduleManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props overrides of the default schedule (default `{}`: the default schedule as is)
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: UdsDefaultScheduleProps = {}) {
    super(scope, id, 'UdsDefaultSchedule', (chartNamespace) =>
      udsDefaultSchedule(withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace))),
    );
  }
}
