import type { Construct } from 'constructs';
import { type ScheduleManifest, type ScheduleOptions, scheduleManifest } from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroSchedule}: the core's Schedule options (`name`, `schedule`, `template`...). */
export type VeleroScheduleProps = ScheduleOptions;

/**
 * A Velero Schedule (`velero.io/v1`), built and validated by the core's `scheduleManifest`: the
 * cron expression, the name (at most 48 characters), the template's filters and durations are
 * checked at construction.
 *
 * @example
 * new VeleroSchedule(chart, 'daily', {
 *   name: 'daily',
 *   schedule: '0 3 * * *',
 *   template: { includedNamespaces: ['apps'], ttl: '240h0m0s' },
 * });
 */
export class VeleroSchedule extends VeleroManifestConstruct<ScheduleManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the Schedule's options
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroScheduleProps) {
    super(scope, id, 'VeleroSchedule', (chartNamespace) =>
      scheduleManifest(withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace))),
    );
  }
}
