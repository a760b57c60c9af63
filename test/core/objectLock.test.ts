import fc from 'fast-check';
import { checkObjectLockRetention } from 'velero-iac';

describe('checkObjectLockRetention', () => {
  test('accepts a governance retention shorter than the shortest TTL', () => {
    expect(
      checkObjectLockRetention({
        retentionDays: 9,
        mode: 'GOVERNANCE',
        shortestBackupTtl: '240h0m0s',
      }),
    ).toEqual([]);
    expect(checkObjectLockRetention({ retentionDays: 1, shortestBackupTtl: '25h' })).toEqual([]);
  });

  test('rejects a retention equal to the shortest TTL, naming the largest allowed value', () => {
    const issues = checkObjectLockRetention(
      { retentionDays: 10, mode: 'GOVERNANCE', shortestBackupTtl: '240h0m0s' },
      'objectLock',
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'objectLock.retentionDays',
        message: expect.stringContaining('must be shorter than the shortest backup TTL (240h0m0s)'),
        received: '10',
        allowed: '1-9 days',
      }),
    ]);
    expect(issues[0]?.message).toContain('Velero cannot delete locked objects');
  });

  test('rejects a retention longer than the TTL', () => {
    expect(checkObjectLockRetention({ retentionDays: 30, shortestBackupTtl: '72h' })).toEqual([
      expect.objectContaining({ path: 'objectLock.retentionDays', allowed: '1-2 days' }),
    ]);
  });

  test('leaves no room when the TTL is a day or less', () => {
    expect(checkObjectLockRetention({ retentionDays: 1, shortestBackupTtl: '24h' })).toEqual([
      expect.objectContaining({
        path: 'objectLock.retentionDays',
        allowed: 'none: a TTL of 24h or less leaves no room for a whole-day retention',
      }),
    ]);
  });

  test('rejects COMPLIANCE unless explicitly allowed, explaining why', () => {
    const issues = checkObjectLockRetention({
      retentionDays: 3,
      mode: 'COMPLIANCE',
      shortestBackupTtl: '720h',
    });
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'objectLock.mode',
        message: expect.stringContaining('COMPLIANCE mode cannot be undone'),
      }),
    ]);
    expect(
      checkObjectLockRetention({
        retentionDays: 3,
        mode: 'COMPLIANCE',
        shortestBackupTtl: '720h',
        allowComplianceMode: true,
      }),
    ).toEqual([]);
  });

  test('rejects an unknown mode, a bad TTL and a non-integer retention, all at once', () => {
    const issues = checkObjectLockRetention({
      retentionDays: 1.5,
      mode: 'governance' as 'GOVERNANCE',
      shortestBackupTtl: '10d',
    });
    expect(issues.map((i) => i.path)).toEqual([
      'objectLock.retentionDays',
      'objectLock.mode',
      'objectLock.shortestBackupTtl',
    ]);
    expect(issues[2]?.message).toContain('there is no "d" unit');
  });

  test('rejects a zero or negative TTL', () => {
    for (const ttl of ['0s', '-1h']) {
      expect(checkObjectLockRetention({ retentionDays: 1, shortestBackupTtl: ttl })).toEqual([
        expect.objectContaining({
          path: 'objectLock.shortestBackupTtl',
          message: expect.stringContaining('must be greater than 0'),
        }),
      ]);
    }
  });

  test('property: accepted exactly when retention (in hours) is below the TTL', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 10_000 }),
        (days, hours) => {
          const issues = checkObjectLockRetention({
            retentionDays: days,
            shortestBackupTtl: `${hours}h`,
          });
          expect(issues.length === 0).toBe(days * 24 < hours);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
