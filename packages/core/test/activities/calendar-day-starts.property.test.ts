import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarRange, dayStartsOf, localDateOf } from '../../src/index.js';

// DST zones both ways, a half-hour zone, one without DST, and one east of the date line.
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Shanghai', 'Pacific/Auckland'];

const viewArb = fc.record({
  view: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
  date: fc
    .date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  timeZone: fc.constantFrom(...ZONES),
  /** Where in the range an instant falls, as a fraction of it. */
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

/**
 * The store counts a calendar's days by the instants they start at (`dayStarts`), while a reader
 * knows a day by its local date: every instant of the range must fall on the day whose local
 * date it has, across DST changes (23- and 25-hour days) and month ends.
 */
describe('calendar day starts', () => {
  it('place every instant of the range on the day of its local date', () => {
    fc.assert(
      fc.property(viewArb, ({ view, date, timeZone, at }) => {
        const range = calendarRange(view, date, timeZone);
        const starts = dayStartsOf(range);
        expect(starts).toHaveLength(range.dates.length + 1);
        expect(starts[0]).toBe(range.from);
        expect(starts.at(-1)).toBe(range.to);
        const from = Date.parse(range.from);
        const instant = new Date(from + Math.floor(at * (Date.parse(range.to) - from))).toISOString();
        const day = starts.findIndex(
          (s, i) => i + 1 < starts.length && s <= instant && instant < (starts[i + 1] ?? ''),
        );
        expect(range.dates[day]).toBe(localDateOf(instant, timeZone));
      }),
      { numRuns: 400 },
    );
  });

  it('give a 23-hour day on the spring change in New York', () => {
    const range = calendarRange('week', '2026-03-08', 'America/New_York');
    const starts = dayStartsOf(range).map(Date.parse);
    const hours = starts.slice(1).map((s, i) => (s - (starts[i] ?? 0)) / 3_600_000);
    expect(hours).toEqual([24, 24, 24, 24, 24, 24, 23]);
  });
});
