import { ApiObject, Chart } from 'cdk8s';
import fc from 'fast-check';
import { VeleroSchedule } from 'velero-iac/cdk8s';
import { testApp } from '../support/cdk8sApp';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synth,
  synthOne,
} from './cdk8sTestKit';

const daily = {
  name: 'daily',
  schedule: '0 3 * * *',
  template: { includedNamespaces: ['apps'], ttl: '240h0m0s' },
};

describe('VeleroSchedule', () => {
  it('synthesizes one Schedule with the exact name, the default namespace and the spec', () => {
    const chart = newChart();
    new VeleroSchedule(chart, 'daily', daily);
    const object = synthOne(chart);
    expect(object.apiVersion).toBe('velero.io/v1');
    expect(object.kind).toBe('Schedule');
    expect(object.metadata).toEqual({ name: 'daily', namespace: 'velero' });
    expect(object['spec']).toEqual({
      schedule: '0 3 * * *',
      template: { includedNamespaces: ['apps'], ttl: '240h0m0s' },
    });
  });

  it('renders exactly the core manifest and exposes it with the name and the ApiObject', () => {
    const chart = newChart();
    const schedule = new VeleroSchedule(chart, 'daily', {
      ...daily,
      namespace: 'backups',
      labels: { team: 'platform' },
      annotations: { 'example.com/owner': 'sre' },
      paused: true,
    });
    expect(schedule.name).toBe('daily');
    expect(schedule.namespace).toBe('backups');
    expect(schedule.node.children).toHaveLength(1);
    expect(schedule.apiObject).toBeInstanceOf(ApiObject);
    expect(ApiObject.of(schedule)).toBe(schedule.apiObject);
    expect(schedule.apiObject.name).toBe('daily');
    expect(synthOne(chart)).toEqual(schedule.manifest);
    expect(schedule.manifest.metadata.namespace).toBe('backups');
    expect(schedule.manifest.spec.paused).toBe(true);
  });

  it('freezes the manifest so it cannot drift from what was validated', () => {
    const schedule = new VeleroSchedule(newChart(), 'daily', daily);
    expect(Object.isFrozen(schedule.manifest.spec.template)).toBe(true);
    expect(() => {
      (schedule.manifest.spec as { schedule: string }).schedule = 'not a cron';
    }).toThrow(TypeError);
  });

  it("never freezes the caller's props", () => {
    const props = { ...daily, template: { ...daily.template, includedNamespaces: ['apps'] } };
    new VeleroSchedule(newChart(), 'daily', props);
    expect(Object.isFrozen(props)).toBe(false);
    expect(Object.isFrozen(props.template)).toBe(false);
    expect(Object.isFrozen(props.template.includedNamespaces)).toBe(false);
  });

  it("keeps chart-level labels and takes the chart's namespace, like any cdk8s ApiObject", () => {
    const chart = new Chart(testApp(), 'labelled', {
      labels: { 'app.kubernetes.io/part-of': 'backups' },
      namespace: 'elsewhere',
    });
    new VeleroSchedule(chart, 'daily', { ...daily, labels: { team: 'platform' } });
    const object = synthOne(chart);
    expect(object.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'backups',
      team: 'platform',
    });
    expect(object.metadata.namespace).toBe('elsewhere');
  });

  it('uses every valid name verbatim, with no cdk8s hash suffix', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(label, (name) => {
        const chart = newChart();
        new VeleroSchedule(chart, 'schedule', { ...daily, name });
        expect(synth(chart).map((o) => o.metadata.name)).toEqual([name]);
      }),
      { numRuns: 50 },
    );
  });

  it('throws a VeleroConfigError naming the construct path and the field', () => {
    const chart = newChart();
    const error = expectConstructError(
      () => new VeleroSchedule(chart, 'nightly', { ...daily, template: { ttl: '10d' } }),
      'VeleroSchedule',
      'test/nightly',
      'template.ttl',
    );
    expect(error.subject).toContain('Schedule "daily"');
  });

  it('lists every problem at once (cron, name length, namespace filter)', () => {
    const chart = newChart();
    const error = expectConstructError(
      () =>
        new VeleroSchedule(chart, 'bad', {
          name: 'x'.repeat(49),
          schedule: '0 3 * *',
          template: { excludedNamespaces: ['*'] },
        }),
      'VeleroSchedule',
      'test/bad',
      'schedule',
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('name');
    expect(paths).toContain('template.excludedNamespaces[0]');
  });

  it('leaves the tree untouched when the props are invalid, so the id can be reused', () => {
    const chart = newChart();
    expect(() => new VeleroSchedule(chart, 'daily', { ...daily, schedule: 'daily' })).toThrow();
    expect(chart.node.tryFindChild('daily')).toBeUndefined();
    new VeleroSchedule(chart, 'daily', daily);
    expect(synth(chart)).toHaveLength(1);
  });
});

describeConformanceOfSynthesized();
