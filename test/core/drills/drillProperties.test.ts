/**
 * Properties of restore drills for arbitrary schedules and options: a drill is built or refused
 * with a VeleroConfigError (nothing else escapes); a built drill maps every namespace it restores
 * to a scratch namespace that is none of the schedule's namespaces, and its RBAC, admission
 * policy and script name exactly those scratch namespaces; its default cron never starts with a
 * backup of the schedule.
 */
import fc from 'fast-check';
import { restoreDrill } from '../../../lib/core/drills/restoreDrill';
import { VeleroConfigError } from '../../../lib/core/errors';
import { scheduleManifest } from '../../../lib/core/manifests/builders';
import { shellQuote } from '../../../lib/core/restorePlan';
import { parseCron } from '../../../lib/core/rules/cron';
import { isDns1123Label } from '../../../lib/core/rules/names';
import { cronExpression, dnsLabel, junk } from '../arbitraries';

/** Namespaces that often collide with one another once prefixed. */
const namespace = fc.oneof(
  dnsLabel,
  fc.constantFrom(
    'monitoring',
    'tempo',
    'velero',
    'default',
    'drill-monitoring',
    'velero-drill-tempo',
    'x-app',
    'app',
  ),
);
const prefix = fc.oneof(
  fc.constantFrom(
    'velero-drill-',
    'drill-',
    'x-',
    'velero-drill-velero-',
    '',
    'Drill-',
    've',
    '-x',
    'a'.repeat(60),
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  junk,
);

const input = fc.record({
  included: fc.uniqueArray(namespace, { minLength: 1, maxLength: 4 }),
  excluded: fc.option(fc.uniqueArray(namespace, { maxLength: 2 }), { nil: undefined }),
  pattern: fc.boolean(),
  cron: cronExpression,
  prefix: fc.option(prefix, { nil: undefined }),
  namespaces: fc.option(fc.oneof(fc.uniqueArray(namespace, { minLength: 1, maxLength: 3 }), junk), {
    nil: undefined,
  }),
  restore: fc.option(fc.constantFrom('volumes', 'namespace'), { nil: undefined }),
});

describe('restore drill properties', () => {
  test('every restored namespace is mapped, to a scratch namespace that is not a live one', () => {
    fc.assert(
      fc.property(input, (i) => {
        const included = i.pattern ? [...i.included, 'app-*'] : i.included;
        const excluded = (i.excluded ?? []).filter((ns) => !included.includes(ns));
        const schedule = scheduleManifest({
          name: 'prop',
          schedule: i.cron,
          template: {
            includedNamespaces: included,
            ...(excluded.length > 0 ? { excludedNamespaces: excluded } : {}),
          },
        });
        let drill: ReturnType<typeof restoreDrill>;
        try {
          drill = restoreDrill({
            schedule,
            ...(i.prefix === undefined ? {} : { scratchPrefix: i.prefix as string }),
            ...(i.namespaces === undefined ? {} : { namespaces: i.namespaces as string[] }),
            ...(i.restore === undefined ? {} : { restore: i.restore }),
          });
        } catch (error) {
          if (error instanceof VeleroConfigError) {
            expect(error.issues.length).toBeGreaterThan(0);
            return;
          }
          throw error;
        }
        const spec = drill.restoreTemplate.spec;
        const sources = spec.includedNamespaces ?? [];
        const mapping = spec.namespaceMapping ?? {};
        expect(sources.length).toBeGreaterThan(0);
        expect(Object.keys(mapping).sort()).toEqual([...sources].sort());
        const scratch = sources.map((source) => mapping[source] ?? '');
        const live = new Set([...sources, ...included, 'velero', 'default', 'kube-system']);
        for (const name of scratch) {
          expect(isDns1123Label(name)).toBe(true);
          expect(live.has(name)).toBe(false);
        }
        expect(new Set(scratch).size).toBe(scratch.length);
        expect(drill.clusterRole.rules[0]?.resourceNames).toEqual(scratch);
        expect(drill.script).toContain(`\nSCRATCH_NAMESPACES=${shellQuote(scratch.join(' '))}\n`);
        for (const name of scratch)
          expect(drill.admissionPolicy.spec.validations[0]?.expression).toContain(`'${name}'`);
        expect(spec).not.toHaveProperty('existingResourcePolicy');
      }),
      { numRuns: 300 },
    );
  });

  test("the default cron never starts at a minute of a weekly pattern schedule's backups", () => {
    const minutes = fc.uniqueArray(fc.integer({ min: 0, max: 59 }), {
      minLength: 1,
      maxLength: 59,
    });
    const hours = fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 6 });
    const days = fc.option(
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(minutes, hours, days, (m, h, d) => {
        const cron = `${m.join(',')} ${h.join(',')} * * ${d === undefined ? '*' : d.join(',')}`;
        const schedule = scheduleManifest({
          name: 'weekly',
          schedule: cron,
          template: { includedNamespaces: ['a'] },
        });
        const drill = restoreDrill({ schedule });
        const fires = (expr: string) => {
          const parsed = parseCron(expr);
          if (!parsed.ok || parsed.cron.kind === 'every') throw new Error(expr);
          const f = parsed.cron.fields;
          return (t: Date) =>
            f.minute.values.includes(t.getUTCMinutes()) &&
            f.hour.values.includes(t.getUTCHours()) &&
            f.dayOfWeek.values.includes(t.getUTCDay());
        };
        const backup = fires(cron);
        const run = fires(drill.cron);
        // Both repeat every week: one week, minute by minute, covers every case.
        const start = Date.UTC(2026, 0, 4);
        let drillRuns = 0;
        for (let minute = 0; minute < 7 * 24 * 60; minute++) {
          const t = new Date(start + minute * 60_000);
          if (run(t)) {
            drillRuns++;
            expect(backup(t)).toBe(false);
          }
        }
        expect(drillRuns).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});
