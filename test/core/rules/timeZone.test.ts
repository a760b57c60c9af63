import fc from 'fast-check';
import { checkCron } from '../../../lib/core/rules/cron';
import {
  explainNonIanaTimeZone,
  GO_LOCAL_TIME_ZONE,
  isIanaTimeZone,
  suggestIanaTimeZone,
} from '../../../lib/core/rules/timeZone';

describe('names Go loads that are no IANA zone (refused as policy)', () => {
  // Go's LoadLocation opens <zoneinfo dir>/<name> (time/zoneinfo.go, zoneinfo_unix.go), so on a
  // server with Debian's tzdata it also loads these; the differential test checks that it does.
  it.each([
    ['posix/Europe/Berlin', /posix\/ copy.*only IANA zone names.*write "Europe\/Berlin"/],
    ['right/UTC', /right\/ copy.*leap seconds.*27 seconds late.*write "UTC"/],
    ['right/America/New_York', /write "America\/New_York"/],
    ['Europe//Berlin', /as a file path.*loads "Europe\/Berlin".*only IANA zone names/],
    ['Europe/./Berlin', /as a file path.*write "Europe\/Berlin"/],
    ['./Europe/Berlin', /as a file path.*write "Europe\/Berlin"/],
    ['US//Eastern', /write "US\/Eastern"/],
    ['posixrules', /zoneinfo file "posixrules".*no IANA zone name/],
    ['localtime', /zoneinfo file "localtime"/],
    ['Factory', /zoneinfo file "Factory"/],
  ])('explains why %j is refused', (name, message) => {
    expect(isIanaTimeZone(name)).toBe(false);
    expect(explainNonIanaTimeZone(name)).toMatch(message);
    expect(checkCron(`CRON_TZ=${name} 0 3 * * *`)).toMatch(message);
  });

  it.each(['Europe/Berlin', 'Mars/Olympus', 'Europe/Berlin/', 'posix/Mars', 'europe/berlin', ''])(
    'has nothing to explain for %j (a zone, or a name Go rejects too)',
    (name) => {
      expect(explainNonIanaTimeZone(name)).toBeUndefined();
    },
  );
});

describe('isIanaTimeZone (Go time.LoadLocation)', () => {
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'America/Argentina/Buenos_Aires',
    'America/Indiana/Indianapolis',
    'Africa/Dar_es_Salaam',
    'America/Port-au-Prince',
    'Antarctica/DumontDUrville',
    'US/Eastern',
    'US/Pacific',
    'Asia/Calcutta',
    'Asia/Kolkata',
    'Europe/Kiev',
    'Europe/Kyiv',
    'Etc/UTC',
    'Etc/GMT+5',
    'Etc/GMT-14',
    'UTC',
    'GMT',
    'EST',
    'EST5EDT',
    'NZ-CHAT',
    'Zulu',
    'Local',
  ])('accepts %j', (name) => {
    expect(isIanaTimeZone(name)).toBe(true);
  });

  it.each([
    ['europe/berlin', 'Go is case-sensitive'],
    ['EUROPE/BERLIN', 'Go is case-sensitive'],
    ['us/eastern', 'aliases are case-sensitive too'],
    ['utc', 'only UTC'],
    ['local', 'only Local'],
    ['Mars/Olympus', 'no such zone'],
    ['PST', 'an ICU abbreviation, not an IANA name'],
    ['IST', 'an ICU abbreviation, not an IANA name'],
    ['SystemV/AST4', 'an ICU-only name'],
    ['', 'empty (Go reads it as UTC; the cron rules handle that)'],
    ['Europe', 'a directory, not a zone'],
    ['Europe/', 'a directory, not a zone'],
    ['Europe/Berlin ', 'trailing space'],
    ['../etc/passwd', 'Go refuses ".."'],
    ['/usr/share/zoneinfo/UTC', 'Go refuses absolute paths'],
    ['Factory', 'not a real zone (documented difference)'],
  ])('rejects %j (%s)', (name) => {
    expect(isIanaTimeZone(name)).toBe(false);
  });

  it('accepts every zone Intl lists, under its exact spelling only', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    for (const zone of zones) {
      expect(isIanaTimeZone(zone)).toBe(true);
      const shouted = zone.toUpperCase();
      if (shouted !== zone) expect(isIanaTimeZone(shouted)).toBe(false);
    }
  });

  it('calls the server zone Local, as Go does', () => {
    expect(GO_LOCAL_TIME_ZONE).toBe('Local');
  });

  it('never throws and is always case-sensitive', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...Intl.supportedValuesOf('timeZone'))),
        (name) => {
          const accepted = isIanaTimeZone(name);
          expect(typeof accepted).toBe('boolean');
          const lower = name.toLowerCase();
          if (accepted && lower !== name) {
            expect(isIanaTimeZone(lower)).toBe(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('suggestIanaTimeZone', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['us/eastern', 'US/Eastern'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['utc', 'UTC'],
    ['local', 'Local'],
    ['PST', 'America/Los_Angeles'],
  ])('suggests %j for %j', (name, suggestion) => {
    expect(suggestIanaTimeZone(name)).toBe(suggestion);
  });

  it.each(['Europe/Berlin', 'Mars/Olympus', '', 'not a zone'])(
    'suggests nothing for %j',
    (name) => {
      expect(suggestIanaTimeZone(name)).toBeUndefined();
    },
  );
});
