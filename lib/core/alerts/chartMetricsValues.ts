/**
 * The vmware-tanzu `velero` chart's `metrics` values that deliver the backup-health alerts: the
 * chart's ServiceMonitor (so Prometheus scrapes Velero) and its PrometheusRule with the generated
 * rules. With `autodetect`, Helm renders both only when the cluster serves
 * `monitoring.coreos.com/v1`: the Prometheus Operator's API, checked by Helm at install time
 * (`.Capabilities.APIVersions`).
 */

import type { PrometheusAlertingRule, PrometheusRuleGroup } from './types';
import { copyRule } from './veleroAlertRules';

/** The chart's `metrics` values for the alerts. */
export interface VeleroChartMetricsValues {
  /** The metrics Service (port 8085 `http-monitoring`). */
  enabled: true;
  /** The chart's ServiceMonitor, scraping the metrics Service. */
  serviceMonitor: {
    /** Render it. */
    enabled: true;
    /** Only when the cluster serves `monitoring.coreos.com/v1`. */
    autodetect: boolean;
    /** Labels a Prometheus selects ServiceMonitors by. */
    additionalLabels?: Record<string, string>;
  };
  /** The chart's PrometheusRule: one group named after the chart, with these rules. */
  prometheusRule: {
    /** Render it. */
    enabled: true;
    /** Only when the cluster serves `monitoring.coreos.com/v1`. */
    autodetect: boolean;
    /** The namespace of the PrometheusRule. */
    namespace?: string;
    /** Labels a Prometheus selects rules by. */
    additionalLabels?: Record<string, string>;
    /** The rules. */
    spec: PrometheusAlertingRule[];
  };
}

/** Options of {@link veleroChartMetricsValues}. */
export interface VeleroChartMetricsOptions {
  /**
   * Let Helm check that the cluster serves the Prometheus Operator's API before rendering the
   * ServiceMonitor and the PrometheusRule. Turn off where Helm cannot ask the cluster
   * (`helm template`, Argo CD) and the operator is known to be there.
   * @default true
   */
  readonly autodetect?: boolean;
  /**
   * Labels for the ServiceMonitor and the PrometheusRule (kube-prometheus-stack selects by
   * `release: <its release name>`).
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The namespace of the PrometheusRule.
   * @default the chart's namespace (Velero's)
   */
  readonly namespace?: string;
}

/**
 * The chart's `metrics` values that scrape Velero and load `groups` as its PrometheusRule (the
 * chart puts every rule into one group of its own name).
 */
export function veleroChartMetricsValues(
  groups: readonly PrometheusRuleGroup[],
  options: VeleroChartMetricsOptions = {},
): VeleroChartMetricsValues {
  const autodetect = options.autodetect ?? true;
  const labels = options.labels === undefined ? {} : { additionalLabels: { ...options.labels } };
  return {
    enabled: true,
    serviceMonitor: { enabled: true, autodetect, ...labels },
    prometheusRule: {
      enabled: true,
      autodetect,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...labels,
      spec: groups.flatMap((group) => group.rules.map(copyRule)),
    },
  };
}
