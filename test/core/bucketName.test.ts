import fc from 'fast-check';
import {
  checkS3BucketName,
  MAX_CLUSTER_NAME_LENGTH,
  VeleroConfigError,
  veleroBucketName,
} from 'velero-iac';
import { parseBucketDate, suggestClusterName } from '../../lib/core/bucketName';

/** Calls `fn`, expecting a VeleroConfigError, and returns it. */
function configError(fn: () => unknown): VeleroConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VeleroConfigError) return error;
    throw error;
  }
  throw new Error('expected a VeleroConfigError, nothing was thrown');
}

/** Every S3 rule for general-purpose bucket names, written independently of the library. */
function followsS3Rules(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !['xn--', 'sthree-', 'amzn-s3-demo-'].some((p) => name.startsWith(p)) &&
    !['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].some((s) => name.endsWith(s))
  );
}

describe('veleroBucketName', () => {
  test('is <cluster>-velero-<YYYYMMDD> for string and Date inputs', () => {
    expect(veleroBucketName('prod-eu', '2026-01-15')).toBe('prod-eu-velero-20260115');
    expect(veleroBucketName('prod-eu', '20260115')).toBe('prod-eu-velero-20260115');
    expect(veleroBucketName('c1', new Date('2024-02-29T23:59:59Z'))).toBe('c1-velero-20240229');
  });

  test('takes the UTC day of a Date, whatever the local offset', () => {
    expect(veleroBucketName('a', new Date('2026-03-01T00:30:00+02:00'))).toBe('a-velero-20260228');
  });

  test('accepts a cluster of exactly the maximum length, giving a 63-character name', () => {
    const cluster = 'a'.repeat(MAX_CLUSTER_NAME_LENGTH);
    // 47 + '-velero-'.length (8) + 'YYYYMMDD'.length (8) = 63.
    expect(MAX_CLUSTER_NAME_LENGTH).toBe(47);
    expect(veleroBucketName(cluster, '2026-01-01')).toHaveLength(63);
  });

  test.each([
    ['uppercase', 'Prod', 'must be lowercase', 'prod'],
    ['underscore', 'prod_eu', 'must not contain "_"', 'prod-eu'],
    ['dot', 'prod.eu', 'must not contain "."', 'prod-eu'],
    ['other characters', 'prod eu!', 'contains characters S3 does not allow', 'prod-eu'],
    ['leading hyphen', '-prod', 'must start with a letter or a digit', 'prod'],
    ['trailing hyphen', 'prod-', 'must not end with "-"', 'prod'],
    ['double hyphen', 'prod--eu', 'must not contain "--"', 'prod-eu'],
    ['xn-- prefix', 'xn--prod', 'must not start with "xn--"', 'xn-prod'],
    ['sthree- prefix', 'sthree-prod', 'must not start with "sthree-"', 'prod'],
    ['amzn-s3-demo- prefix', 'amzn-s3-demo-x', 'must not start with "amzn-s3-demo-"', 'x'],
    ['too long', 'a'.repeat(48), 'must be at most 47 characters', 'a'.repeat(47)],
  ])(
    'rejects a cluster name with %s, suggesting a valid one',
    (_rule, cluster, message, suggestion) => {
      const error = configError(() => veleroBucketName(cluster, '2026-01-15'));
      expect(error.issues.some((i) => i.path === 'cluster' && i.message.includes(message))).toBe(
        true,
      );
      expect(error.message).toContain(`suggested valid cluster name: "${suggestion}"`);
      expect(error.message).toContain(`"${suggestion}-velero-20260115"`);
      expect(veleroBucketName(suggestion, '2026-01-15')).toBe(`${suggestion}-velero-20260115`);
    },
  );

  test('rejects an empty cluster name and suggests an example instead', () => {
    const error = configError(() => veleroBucketName('', '2026-01-15'));
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'cluster',
        message: expect.stringContaining('must not be empty'),
      }),
    ]);
    expect(error.message).toContain('e.g. "prod-eu"');
  });

  test('lists every problem at once (cluster and date)', () => {
    const error = configError(() => veleroBucketName('Prod_EU', '2026-02-30'));
    expect(error.issues.map((i) => i.path)).toEqual(['cluster', 'cluster', 'date']);
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('lowercase'),
      expect.stringContaining('"_"'),
      'is not a real calendar date',
    ]);
    expect(error.message).toContain('suggested valid cluster name: "prod-eu"');
  });

  test.each([
    ['2026-02-30', 'is not a real calendar date'],
    ['2025-02-29', 'is not a real calendar date'],
    ['2026-13-01', 'is not a real calendar date'],
    ['2026-00-10', 'is not a real calendar date'],
    ['20260132', 'is not a real calendar date'],
    ['2026-0115', 'must be written "YYYY-MM-DD" or "YYYYMMDD"'],
    ['26-01-15', 'must be written "YYYY-MM-DD" or "YYYYMMDD"'],
    ['2026-01-15T00:00:00Z', 'must be written "YYYY-MM-DD" or "YYYYMMDD"'],
    [' 2026-01-15', 'must be written "YYYY-MM-DD" or "YYYYMMDD"'],
    ['0999-01-01', 'is not a real calendar date'],
  ])('rejects the date %j', (date, message) => {
    const error = configError(() => veleroBucketName('prod', date));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'date', message })]);
  });

  test('rejects an invalid Date and a non-string, non-Date value', () => {
    expect(configError(() => veleroBucketName('prod', new Date('nope'))).issues[0]?.message).toBe(
      'is an invalid Date',
    );
    const error = configError(() => veleroBucketName('prod', 20260115 as unknown as string));
    expect(error.issues[0]).toMatchObject({ path: 'date', message: 'must be a Date or a string' });
  });

  test('accepts leap days', () => {
    expect(veleroBucketName('x1', '2000-02-29')).toBe('x1-velero-20000229');
    expect(() => veleroBucketName('x1', '1900-02-29')).toThrow(VeleroConfigError);
  });

  test('property: any cluster string gives a valid S3 name ending -velero-YYYYMMDD, or a VeleroConfigError', () => {
    const clusterChars = fc.constantFrom(...'abcxyz019-_.AZ !é'.split(''));
    const cluster = fc.oneof(
      fc.string(),
      fc.string({ unit: clusterChars, maxLength: 60 }),
      fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,50}$/),
    );
    const date = fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(cluster, date, (c, d) => {
        let name: string;
        try {
          name = veleroBucketName(c, d);
        } catch (error) {
          expect(error).toBeInstanceOf(VeleroConfigError);
          rejected++;
          return;
        }
        accepted++;
        expect(followsS3Rules(name)).toBe(true);
        expect(checkS3BucketName(name)).toEqual([]);
        expect(name).toMatch(/-velero-\d{8}$/);
        expect(name.startsWith(`${c}-velero-`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Both branches were exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  test('property: any rejected cluster name gets a suggestion that is itself valid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (c) => {
        const suggestion = suggestClusterName(c);
        if (suggestion !== undefined) {
          expect(followsS3Rules(veleroBucketName(suggestion, '2026-01-15'))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('property: two distinct valid clusters never share a bucket', () => {
    const valid = fc
      .array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('-'));
    const date = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(valid, valid, date, (a, b, d) => {
        fc.pre(a !== b);
        let first: string;
        let second: string;
        try {
          first = veleroBucketName(a, d);
          second = veleroBucketName(b, d);
        } catch (error) {
          expect(error).toBeInstanceOf(VeleroConfigError);
          return;
        }
        expect(first).not.toBe(second);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseBucketDate', () => {
  test('returns the compact date or the issues', () => {
    expect(parseBucketDate('2026-01-15')).toEqual({ ok: true, yyyymmdd: '20260115' });
    expect(parseBucketDate(new Date('2026-12-31T23:00:00Z'))).toEqual({
      ok: true,
      yyyymmdd: '20261231',
    });
    const bad = parseBucketDate('2026-04-31', 'spec.date');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.issues).toEqual([
      expect.objectContaining({ path: 'spec.date', message: 'is not a real calendar date' }),
    ]);
  });
});

describe('checkS3BucketName', () => {
  test.each([
    ['ab', 'must be 3 to 63 characters long'],
    ['a'.repeat(64), 'must be 3 to 63 characters long'],
    ['My-bucket', 'contains characters S3 does not allow'],
    ['-bucket', 'must start and end with a lowercase letter or a digit'],
    ['bucket.', 'must start and end with a lowercase letter or a digit'],
    ['my..bucket', 'must not contain two adjacent periods'],
    ['192.168.5.4', 'must not be formatted as an IP address'],
    ['xn--bucket', 'must not start with "xn--"'],
    ['sthree-bucket', 'must not start with "sthree-"'],
    ['amzn-s3-demo-bucket', 'must not start with "amzn-s3-demo-"'],
    ['bucket-s3alias', 'must not end with "-s3alias"'],
    ['bucket--ol-s3', 'must not end with "--ol-s3"'],
    ['bucket.mrap', 'must not end with ".mrap"'],
    ['bucket--x-s3', 'must not end with "--x-s3"'],
    ['bucket--table-s3', 'must not end with "--table-s3"'],
  ])('rejects %j', (name, message) => {
    const issues = checkS3BucketName(name);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain(message);
  });

  test('accepts names S3 accepts, including dots and "--" in the middle', () => {
    expect(checkS3BucketName('my.bucket-01')).toEqual([]);
    expect(checkS3BucketName('a--b')).toEqual([]);
  });
});
