import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays, atLocalTime, localDateOf, localTimeOf } from '../../src/sales/reminders/local-time.js';

/**
 * The wall-clock functions answer from cached offsets away from transitions and ask TZDate near
 * them. The oracle here is TZDate alone (the functions as they were written before the fast path):
 * every answer must be the same, in zones with and without DST, with half-hour and 45-minute
 * offsets, southern-hemisphere DST, a 30-minute DST (Lord Howe), negative DST (Dublin) and an
 * offset in seconds before 1972 (Monrovia).
 */
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Africa/Monrovia',
  'America/St_Johns',
  'UTC',
] as const;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const oracle = {
  addLocalDays: (at: string, days: number, tz: string) =>
    new Date(addDays(new TZDate(Date.parse(at), tz), days).getTime()).toISOString(),
  atLocalTime: (date: string, time: string, tz: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    return new Date(new TZDate(y, m - 1, d, hh, mm, tz).getTime()).toISOString();
  },
  localDateOf: (at: string, tz: string) => {
    const l = new TZDate(Date.parse(at), tz);
    return `${pad(l.getFullYear(), 4)}-${pad(l.getMonth() + 1)}-${pad(l.getDate())}`;
  },
  localTimeOf: (at: string, tz: string) => {
    const l = new TZDate(Date.parse(at), tz);
    return `${pad(l.getHours())}:${pad(l.getMinutes())}`;
  },
};

const zone = fc.constantFrom(...ZONES);
// 1972–2100 (addLocalDays moves up to 400 days, staying inside the accepted range from 1970), and one in three instants within a day of a 2026 transition somewhere.
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.integer({ min: Date.UTC(2026, 2, 7), max: Date.UTC(2026, 3, 6) }),
  fc.integer({ min: Date.UTC(2026, 8, 26), max: Date.UTC(2026, 10, 3) }),
);
const iso = instant.map((t) => new Date(t).toISOString());
const date = instant.map((t) => new Date(t).toISOString().slice(0, 10));
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);

describe('wall-clock arithmetic: cached offsets agree with TZDate', () => {
  it('addLocalDays', () => {
    fc.assert(
      fc.property(iso, fc.integer({ min: -400, max: 400 }), zone, (at, days, tz) => {
        expect(addLocalDays(at, days, tz)).toBe(oracle.addLocalDays(at, days, tz));
      }),
      { numRuns: 3000 },
    );
  });

  it('atLocalTime, including times inside spring-forward gaps and autumn overlaps', () => {
    fc.assert(
      fc.property(date, time, zone, (d, t, tz) => {
        expect(atLocalTime(d, t, tz)).toBe(oracle.atLocalTime(d, t, tz));
      }),
      { numRuns: 3000 },
    );
  });

  it('localDateOf and localTimeOf', () => {
    fc.assert(
      fc.property(iso, zone, (at, tz) => {
        expect([localDateOf(at, tz), localTimeOf(at, tz)]).toEqual([
          oracle.localDateOf(at, tz),
          oracle.localTimeOf(at, tz),
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('the known DST edges of 2026 in New York and Lord Howe', () => {
    const cases: [string, string, string][] = [
      ['2026-03-08', '02:30', 'America/New_York'], // inside the gap
      ['2026-11-01', '01:30', 'America/New_York'], // inside the overlap
      ['2026-04-05', '01:45', 'Australia/Lord_Howe'],
      ['2026-10-04', '02:15', 'Australia/Lord_Howe'],
    ];
    for (const [d, t, tz] of cases) expect(atLocalTime(d, t, tz)).toBe(oracle.atLocalTime(d, t, tz));
    expect(addLocalDays('2026-03-07T14:00:00.000Z', 2, 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
  });
});
