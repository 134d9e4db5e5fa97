import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';

/** The zone's UTC offset (as Intl prints it) at `ms`. */
const formats = new Map<string, Intl.DateTimeFormat>();
function offsetName(zone: string, ms: number): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, format);
  }
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * Dates near the zone's first offset changes after 1970 (found by a half-yearly scan, then narrowed
 * to the day), plus the two ends of the accepted range: where zone arithmetic has failed before.
 */
function riskyDates(zone: string): string[] {
  const dates = new Set(['1970-01-01', '2199-12-31']);
  let previous = offsetName(zone, Date.UTC(1970, 0, 1));
  for (let half = 1; half < 2 * 60 && dates.size < 3; half++) {
    const at = Date.UTC(1970 + Math.floor(half / 2), (half % 2) * 6, 1);
    const now = offsetName(zone, at);
    if (now !== previous) {
      let lo = at - 184 * 86_400_000;
      let hi = at;
      while (hi - lo > 86_400_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetName(zone, mid) === previous) lo = mid;
        else hi = mid;
      }
      dates.add(new Date(hi).toISOString().slice(0, 10));
      previous = now;
    }
  }
  return [...dates];
}

/** Issue 18 finding 1: the calendar returns for every zone Intl knows, at its offset changes. */
export function registerCalendarZoneCases(world: () => Promise<ServiceWorld>): void {
  it('1. the calendar of every IANA zone returns each local day once, around its offset changes', async () => {
    const w = await world();
    let calls = 0;
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      for (const date of riskyDates(timeZone)) {
        // Weeks that reach past either end of the range are refused (a case of their own).
        const edge = date === '2199-12-31' || date === '1970-01-01';
        for (const view of edge ? (['day'] as const) : (['day', 'week', 'month'] as const)) {
          const cal = await w.crm.activities.calendar(w.org.repA, { view, date, timeZone });
          calls++;
          const days = cal.days.map((d) => d.date);
          expect(new Set(days).size, `${timeZone} ${view} ${date}`).toBe(days.length);
          expect(days, `${timeZone} ${view} ${date}`).toContain(date);
          expect(days.length).toBeLessThanOrEqual(31);
          // A day the zone skipped (Pacific/Fakaofo has no 2011-12-30) is empty: from = to.
          expect(cal.range.from <= cal.range.to, `${timeZone} ${view} ${date}`).toBe(true);
          if (view !== 'day') expect(cal.range.from < cal.range.to).toBe(true);
        }
      }
    }
    expect(calls).toBeGreaterThan(800);
  }, 120_000);
}
