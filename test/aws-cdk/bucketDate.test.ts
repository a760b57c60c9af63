/**
 * The bucket's date in a CDK app: explicit or pinned in the context, never read from the clock.
 * A CDK app is synthesized again for every deployment, so two synths on different days must give
 * the same bucket name (a new name replaces the bucket).
 */
import { VeleroConfigError } from 'velero-iac';
import { BUCKET_DATES_CONTEXT_KEY, VeleroBucket } from 'velero-iac/aws-cdk';
import { newStack, templateOf } from './cdkTestKit';

const DAY_A = new Date('2026-01-15T10:20:30Z');
const DAY_B = new Date('2027-07-04T08:00:00Z');

afterEach(() => {
  jest.useRealTimers();
});

function synthOn(now: Date, context: Record<string, unknown>, date?: string): unknown {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const { stack } = newStack({ context });
  new VeleroBucket(stack, 'Bucket', { cluster: 'prod', ...(date === undefined ? {} : { date }) });
  return templateOf(stack).toJSON();
}

test('two synths on different clocks with the date pinned in the context are identical', () => {
  const context = { [BUCKET_DATES_CONTEXT_KEY]: { prod: '2026-01-15', staging: '2025-03-01' } };
  const first = synthOn(DAY_A, context);
  const later = synthOn(DAY_B, context);
  expect(later).toEqual(first);
  expect(JSON.stringify(first)).toContain('"BucketName":"prod-velero-20260115"');
});

test('two synths on different clocks with an explicit date are identical', () => {
  expect(synthOn(DAY_B, {}, '20240229')).toEqual(synthOn(DAY_A, {}, '20240229'));
});

test('an explicit date wins over the context', () => {
  const template = synthOn(
    DAY_A,
    { [BUCKET_DATES_CONTEXT_KEY]: { prod: '2026-01-15' } },
    '2025-12-31',
  );
  expect(JSON.stringify(template)).toContain('prod-velero-20251231');
});

test('without a date the synth fails, on any clock, naming both ways to pin it', () => {
  for (const now of [DAY_A, DAY_B]) {
    let error: unknown;
    try {
      synthOn(now, { [BUCKET_DATES_CONTEXT_KEY]: { staging: '2025-03-01' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    const issues = (error as VeleroConfigError).issues;
    expect(issues.map((i) => i.path)).toEqual(['date']);
    expect(issues[0]?.message).toContain(`"${BUCKET_DATES_CONTEXT_KEY}": { "prod": "YYYY-MM-DD" }`);
  }
});

test('a bad context entry is reported at its context path, with the other problems', () => {
  let error: unknown;
  try {
    jest.useFakeTimers({ now: DAY_A, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { stack } = newStack({ context: { [BUCKET_DATES_CONTEXT_KEY]: { prod: '2026-02-30' } } });
    new VeleroBucket(stack, 'Bucket', { cluster: 'prod', forceDestroy: true });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(VeleroConfigError);
  expect((error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
    'forceDestroy',
    `context["${BUCKET_DATES_CONTEXT_KEY}"].prod`,
  ]);
});
