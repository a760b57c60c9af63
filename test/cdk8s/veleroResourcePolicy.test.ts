import { VeleroResourcePolicy, VeleroSchedule } from 'velero-iac/cdk8s';
import { parse } from 'yaml';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synth,
  synthOne,
} from './cdk8sTestKit';

const volumePolicies = [
  { conditions: { volumeTypes: ['emptyDir', 'configMap'] }, action: { type: 'skip' as const } },
  { conditions: { storageClass: ['gp3'] }, action: { type: 'snapshot' as const } },
];

describe('VeleroResourcePolicy', () => {
  it('synthesizes one ConfigMap holding the policy under its single data key', () => {
    const chart = newChart();
    const policy = new VeleroResourcePolicy(chart, 'policy', {
      name: 'apps-policy',
      volumePolicies,
    });
    const object = synthOne(chart);
    expect(object.apiVersion).toBe('v1');
    expect(object.kind).toBe('ConfigMap');
    expect(object.metadata).toEqual({ name: 'apps-policy', namespace: 'velero' });
    const data = object['data'] as Record<string, string>;
    expect(Object.keys(data)).toEqual(['policy.yaml']);
    expect(parse(data['policy.yaml']!)).toEqual({ version: 'v1', volumePolicies });
    expect(object).toEqual(policy.manifest);
  });

  it('exposes the configmap reference a Schedule template uses', () => {
    const chart = newChart();
    const policy = new VeleroResourcePolicy(chart, 'policy', {
      name: 'apps-policy',
      dataKey: 'volumes.yaml',
      volumePolicies,
    });
    expect(policy.reference).toEqual({ kind: 'configmap', name: 'apps-policy' });
    new VeleroSchedule(chart, 'apps', {
      name: 'apps',
      schedule: '@daily',
      template: { includedNamespaces: ['apps'], resourcePolicy: policy.reference },
    });
    const [configMap, schedule] = synth(chart);
    expect(Object.keys(configMap!['data'] as object)).toEqual(['volumes.yaml']);
    expect(schedule!['spec']).toMatchObject({
      template: { resourcePolicy: { kind: 'configmap', name: 'apps-policy' } },
    });
  });

  it('throws naming the construct path for an unknown action type', () => {
    expectConstructError(
      () =>
        new VeleroResourcePolicy(newChart(), 'policy', {
          name: 'p',
          volumePolicies: [
            { conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'delete' as 'skip' } },
          ],
        }),
      'VeleroResourcePolicy',
      'test/policy',
      'volumePolicies[0].action.type',
    );
  });

  it('throws naming the construct path for a misspelt volume type', () => {
    expectConstructError(
      () =>
        new VeleroResourcePolicy(newChart(), 'typo', {
          name: 'p',
          volumePolicies: [{ conditions: { volumeTypes: ['emptydir'] }, action: { type: 'skip' } }],
        }),
      'VeleroResourcePolicy',
      'test/typo',
      'volumePolicies[0].conditions.volumeTypes[0]',
    );
  });
});

describeConformanceOfSynthesized();
