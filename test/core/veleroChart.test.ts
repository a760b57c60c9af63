import {
  DEFAULT_VELERO_RELEASE_NAME,
  VELERO_CHART_NAME,
  VELERO_CHART_REPOSITORY,
  VELERO_CHART_VERSION,
  veleroChartInstallation,
} from 'velero-iac';
import { problemsOf } from '../support/configErrors';

describe('veleroChartInstallation', () => {
  test('the pinned chart, release `velero` in namespace `velero`, never a version range', () => {
    expect(veleroChartInstallation()).toEqual({
      repository: 'https://vmware-tanzu.github.io/helm-charts',
      chart: 'velero',
      version: '12.1.0',
      releaseName: 'velero',
      namespace: 'velero',
    });
    expect(VELERO_CHART_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect([VELERO_CHART_REPOSITORY, VELERO_CHART_NAME, DEFAULT_VELERO_RELEASE_NAME]).toEqual([
      'https://vmware-tanzu.github.io/helm-charts',
      'velero',
      'velero',
    ]);
  });

  test('another release name, namespace and a mirror (https or oci)', () => {
    expect(
      veleroChartInstallation({
        releaseName: 'backup',
        namespace: 'velero-system',
        repository: 'oci://registry.example.com/charts',
      }),
    ).toMatchObject({
      releaseName: 'backup',
      namespace: 'velero-system',
      repository: 'oci://registry.example.com/charts',
      version: '12.1.0',
    });
  });

  test('refuses names Helm or Kubernetes refuse, and a repository that is not a URL', () => {
    expect(
      problemsOf(() =>
        veleroChartInstallation({
          releaseName: 'v'.repeat(54),
          namespace: 'Velero',
          repository: 'charts.example.com',
        }),
      ),
    ).toEqual([
      { path: 'releaseName', message: expect.stringContaining('longer than 53') },
      { path: 'namespace', message: expect.stringContaining('DNS-1123 label') },
      { path: 'repository', message: 'must be a Helm repository URL' },
    ]);
    expect(problemsOf(() => veleroChartInstallation({ releaseName: 'my_release' }))).toEqual([
      { path: 'releaseName', message: expect.stringContaining('"_"') },
    ]);
    expect(problemsOf(() => veleroChartInstallation('velero' as never))).toEqual([
      { path: '', message: 'the options must be an object' },
    ]);
  });
});
