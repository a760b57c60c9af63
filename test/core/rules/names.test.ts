import fc from 'fast-check';
import {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkVeleroObjectName,
  isDns1123Subdomain,
  MAX_BACKUP_NAME_LENGTH,
  MAX_BACKUP_STORAGE_LOCATION_NAME_LENGTH,
  MAX_DNS1123_SUBDOMAIN_LENGTH,
  MAX_RESTORE_NAME_LENGTH,
  MAX_SCHEDULE_NAME_LENGTH,
  SCHEDULED_BACKUP_SUFFIX_LENGTH,
  suggestDns1123Label,
  suggestDns1123Subdomain,
  VELERO_NAME_LENGTH_LIMITS,
  type VeleroObjectKind,
} from '../../../lib/core/rules/names';

const NAME_PATH = 'metadata.name';

/** A random valid DNS-1123 label part (1-20 characters). */
const labelPart = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/);
/** A random valid DNS-1123 subdomain. */
const subdomain = fc
  .array(labelPart, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join('.'))
  .filter((name) => name.length <= MAX_DNS1123_SUBDOMAIN_LENGTH);

describe('limits', () => {
  it('keeps a scheduled backup name within 63 characters', () => {
    expect(MAX_SCHEDULE_NAME_LENGTH).toBe(48);
    expect(MAX_SCHEDULE_NAME_LENGTH + SCHEDULED_BACKUP_SUFFIX_LENGTH).toBe(63);
    expect(MAX_BACKUP_NAME_LENGTH).toBe(63);
    expect(MAX_RESTORE_NAME_LENGTH).toBe(63);
    expect(MAX_BACKUP_STORAGE_LOCATION_NAME_LENGTH).toBe(63);
    expect(VELERO_NAME_LENGTH_LIMITS.ConfigMap).toBe(253);
    expect(VELERO_NAME_LENGTH_LIMITS.VolumeSnapshotLocation).toBe(253);
  });
});

describe('checkDns1123Subdomain', () => {
  it.each(['a', 'daily', 'velero-velero-udsbackup', 'a.b-c.d9', '0abc', 'a'.repeat(253)])(
    'accepts %j',
    (name) => {
      expect(checkDns1123Subdomain(name, NAME_PATH)).toEqual([]);
    },
  );

  it('reports uppercase and "_" and suggests a lowercase name with "-"', () => {
    const issues = checkDns1123Subdomain('My_Backup', NAME_PATH);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(NAME_PATH);
    expect(issues[0]?.message).toContain('uppercase');
    expect(issues[0]?.message).toContain('"_"');
    expect(issues[0]?.message).toContain('DNS-1123 subdomain');
    expect(issues[0]?.message).toContain('For example "my-backup"');
    expect(issues[0]?.received).toBe('"My_Backup"');
  });

  it('reports bad edges and trims them in the suggestion', () => {
    const [first] = checkDns1123Subdomain('-nightly.', 'spec.name');
    expect(first?.path).toBe('spec.name');
    expect(first?.message).toContain('starts with "-"');
    expect(first?.message).toContain('ends with "."');
    expect(first?.message).toContain('For example "nightly"');
  });

  it('reports empty dot-separated parts and "-" next to "."', () => {
    expect(checkDns1123Subdomain('a..b', NAME_PATH)[0]?.message).toContain('".."');
    expect(checkDns1123Subdomain('a.-b', NAME_PATH)[0]?.message).toContain('"-" next to "."');
  });

  it('reports other characters', () => {
    const [first] = checkDns1123Subdomain('daily backup@1', NAME_PATH);
    expect(first?.message).toContain('" ", "@"');
    expect(first?.message).toContain('For example "daily-backup-1"');
  });

  it('reports an empty name', () => {
    const [first] = checkDns1123Subdomain('', NAME_PATH);
    expect(first?.path).toBe(NAME_PATH);
    expect(first?.message).toContain('empty');
  });

  it('reports a name over 253 characters', () => {
    const issues = checkDns1123Subdomain('a'.repeat(254), NAME_PATH);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('254 characters');
    expect(issues[0]?.message).toContain('253');
  });

  it('reports non-strings', () => {
    const [first] = checkDns1123Subdomain(42, 'spec.storageLocation');
    expect(first?.path).toBe('spec.storageLocation');
    expect(first?.message).toContain('must be a string');
    expect(first?.message).toContain('a number');
  });

  it('never suggests anything for unfixable input', () => {
    const [first] = checkDns1123Subdomain('___', NAME_PATH);
    expect(first?.message).not.toContain('For example');
  });

  it('passes for random valid names', () => {
    fc.assert(
      fc.property(subdomain, (name) => {
        expect(checkDns1123Subdomain(name, NAME_PATH)).toEqual([]);
        expect(isDns1123Subdomain(name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('fails for any string with an uppercase letter or "_"', () => {
    const withBadChar = fc
      .tuple(fc.string(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ_'), fc.string())
      .map(([a, c, b]) => a + c + b);
    fc.assert(
      fc.property(withBadChar, (name) => {
        const issues = checkDns1123Subdomain(name, NAME_PATH);
        expect(issues.length).toBeGreaterThan(0);
        expect(issues.every((i) => i.path === NAME_PATH)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('only ever suggests valid names, and issues exactly when the name is invalid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const suggestion = suggestDns1123Subdomain(name);
        if (suggestion !== undefined) expect(isDns1123Subdomain(suggestion)).toBe(true);
        expect(checkDns1123Subdomain(name, NAME_PATH).length === 0).toBe(isDns1123Subdomain(name));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkDns1123Label', () => {
  it.each(['velero', 'kube-system', 'a1', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(checkDns1123Label(name, 'metadata.namespace')).toEqual([]);
  });

  it('rejects dots and suggests "-" instead', () => {
    const issues = checkDns1123Label('team.a', 'metadata.namespace');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('metadata.namespace');
    expect(issues[0]?.message).toContain('DNS-1123 label');
    expect(issues[0]?.message).toContain('"."');
    expect(issues[0]?.message).toContain('For example "team-a"');
  });

  it('rejects names over 63 characters', () => {
    const issues = checkDns1123Label('a'.repeat(64), 'metadata.namespace');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('64 characters');
    expect(issues[0]?.message).toContain('63');
  });

  it('suggests only valid labels', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const suggestion = suggestDns1123Label(name);
        if (suggestion !== undefined) expect(checkDns1123Label(suggestion, 'x')).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkVeleroObjectName', () => {
  it('accepts a 48-character schedule name and rejects 49 with the reason', () => {
    expect(checkVeleroObjectName('s'.repeat(48), NAME_PATH, 'Schedule')).toEqual([]);
    const issues = checkVeleroObjectName('s'.repeat(49), NAME_PATH, 'Schedule');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(NAME_PATH);
    expect(issues[0]?.message).toContain('Schedule name');
    expect(issues[0]?.message).toContain('at most 48');
    expect(issues[0]?.message).toContain('<schedule>-<YYYYMMDDhhmmss>');
    expect(issues[0]?.message).toContain('63 characters');
  });

  it('says that a schedule name over 63 characters makes every scheduled backup fail', () => {
    const [first] = checkVeleroObjectName('s'.repeat(64), NAME_PATH, 'Schedule');
    expect(first?.message).toContain('velero.io/schedule-name');
    expect(first?.message).toContain('fail');
  });

  it.each<[VeleroObjectKind, string]>([
    ['Backup', 'velero.io/backup-name'],
    ['Restore', 'velero.io/restore-name'],
    ['BackupStorageLocation', 'velero.io/storage-location'],
  ])('limits %s names to 63 characters because of the %s label', (kind, label) => {
    expect(checkVeleroObjectName('b'.repeat(63), NAME_PATH, kind)).toEqual([]);
    const issues = checkVeleroObjectName('b'.repeat(64), NAME_PATH, kind);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain(`${kind} name`);
    expect(issues[0]?.message).toContain('at most 63');
    expect(issues[0]?.message).toContain(label);
  });

  it.each<VeleroObjectKind>(['VolumeSnapshotLocation', 'ConfigMap'])(
    'limits %s names only to 253 characters',
    (kind) => {
      expect(checkVeleroObjectName('c'.repeat(253), NAME_PATH, kind)).toEqual([]);
      const [first] = checkVeleroObjectName('c'.repeat(254), NAME_PATH, kind);
      expect(first?.message).toContain('253');
    },
  );

  it('reports the DNS-1123 format with a suggestion that fits the kind', () => {
    const [first] = checkVeleroObjectName('Daily_Backup', NAME_PATH, 'Schedule');
    expect(first?.message).toContain('Schedule name "Daily_Backup"');
    expect(first?.message).toContain('For example "daily-backup"');
    const long = `${'A'.repeat(50)}`;
    const issues = checkVeleroObjectName(long, NAME_PATH, 'Schedule');
    expect(issues).toHaveLength(2);
    expect(issues[0]?.message).not.toContain('For example');
  });

  it('reports a non-string name', () => {
    const [first] = checkVeleroObjectName(undefined, NAME_PATH, 'Restore');
    expect(first?.path).toBe(NAME_PATH);
    expect(first?.message).toContain('Restore name must be a string');
  });
});

describe('robustness', () => {
  it('never throws on any input', () => {
    const kinds = fc.constantFrom<VeleroObjectKind>(
      'Schedule',
      'Backup',
      'Restore',
      'BackupStorageLocation',
      'VolumeSnapshotLocation',
      'ConfigMap',
    );
    fc.assert(
      fc.property(fc.anything(), kinds, (value, kind) => {
        expect(Array.isArray(checkDns1123Subdomain(value, 'p'))).toBe(true);
        expect(Array.isArray(checkDns1123Label(value, 'p'))).toBe(true);
        expect(Array.isArray(checkVeleroObjectName(value, 'p', kind))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
