import { TZDate } from '@date-fns/tz';
import { addDays, addMonths } from 'date-fns';
import { type CalendarDate, type Instant, toInstant } from '../../kernel/time.js';

/**
 * Wall-clock arithmetic in an IANA time zone. Reminders that say "09:00" mean 09:00 where the
 * salesperson works, on both sides of a DST change, so none of this may be done with fixed
 * 24-hour offsets or with the UTC date of an instant.
 */

/** A wall-clock time of day, `HH:mm` (24-hour). */
export type LocalTime = string;

function parseDate(date: CalendarDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? Number.NaN, m ?? Number.NaN, d ?? Number.NaN];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dateOfLocal(local: Date): CalendarDate {
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The instant at which the clocks in `timeZone` show `time` on `date`. */
export function atLocalTime(date: CalendarDate, time: LocalTime, timeZone: string): Instant {
  const [y, m, d] = parseDate(date);
  const [hh, mm] = time.split(':').map(Number);
  // A time inside a spring-forward gap resolves forward (TZDate's behaviour); 09:00 never falls in one.
  return toInstant(new TZDate(y, m - 1, d, hh ?? 0, mm ?? 0, timeZone).getTime());
}

/** The calendar date the clocks in `timeZone` show at `at` (not the UTC date). */
export function localDateOf(at: Instant, timeZone: string): CalendarDate {
  return dateOfLocal(new TZDate(Date.parse(at), timeZone));
}

/** `HH:mm` on the clocks in `timeZone` at `at`, for messages. */
export function localTimeOf(at: Instant, timeZone: string): LocalTime {
  const local = new TZDate(Date.parse(at), timeZone);
  return `${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** Pure calendar arithmetic on dates; no time zone is involved in "the day before the 10th". */
export function shiftCalendarDate(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `days` calendar days later at the same wall-clock time in `timeZone` (23 or 25 hours across DST). */
export function addLocalDays(at: Instant, days: number, timeZone: string): Instant {
  return toInstant(addDays(new TZDate(Date.parse(at), timeZone), days).getTime());
}

/**
 * The local calendar date `months` months after the local date of `at`, clamped to the end of a
 * shorter month (Jan 31 + 1 month → Feb 28, or Feb 29 in a leap year), as date-fns does.
 */
export function addLocalMonths(at: Instant, months: number, timeZone: string): CalendarDate {
  return dateOfLocal(addMonths(new TZDate(Date.parse(at), timeZone), months));
}
