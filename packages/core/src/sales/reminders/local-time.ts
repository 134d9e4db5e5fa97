import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, addMonths } from 'date-fns';
import { type CalendarDate, checkCalendarDate, type Instant, toInstant } from '../../kernel/time.js';

/**
 * Wall-clock arithmetic in an IANA time zone. Reminders that say "09:00" mean 09:00 where the
 * salesperson works, on both sides of a DST change, so none of this may be done with fixed
 * 24-hour offsets or with the UTC date of an instant.
 */

/** A wall-clock time of day, `HH:mm` (24-hour). */
export type LocalTime = string;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Farther than any offset change (the largest is 2 h): no transition this close means one answer. */
const CLEAR_MS = 6 * HOUR_MS;

/** Offsets (minutes, as TZDate uses them) per zone and UTC hour, for hours without a transition. */
const offsetsByHour = new Map<string, Map<number, number>>();

/**
 * The zone's UTC offset at `t`. `tzOffset` formats a date through Intl on every call (about 2 µs,
 * and TZDate arithmetic calls it a dozen times); an hour holds at most one transition, so an hour
 * whose first and last millisecond agree has one offset throughout and is cached.
 */
function offsetAt(timeZone: string, t: number): number {
  let zone = offsetsByHour.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetsByHour.set(timeZone, zone);
  }
  const hour = Math.floor(t / HOUR_MS);
  const known = zone.get(hour);
  if (known !== undefined) return known;
  const first = tzOffset(timeZone, new Date(hour * HOUR_MS));
  if (first !== tzOffset(timeZone, new Date(hour * HOUR_MS + HOUR_MS - 1))) {
    return tzOffset(timeZone, new Date(t));
  }
  if (zone.size >= 100_000) zone.clear();
  zone.set(hour, first);
  return first;
}

/**
 * No offset change within CLEAR_MS of `t`: a wall-clock time there names exactly one instant.
 * Offsets in seconds (local mean time before 1972) are left to TZDate, which rounds them its own way.
 */
function clearOfTransitions(timeZone: string, t: number, offset: number): boolean {
  return (
    Number.isInteger(offset) &&
    offsetAt(timeZone, t - CLEAR_MS) === offset &&
    offsetAt(timeZone, t + CLEAR_MS) === offset
  );
}

/** The wall-clock fields of `t` in the zone, read through a UTC Date. */
function wallClock(t: number, timeZone: string): Date {
  return new Date(t + offsetAt(timeZone, t) * MINUTE_MS);
}

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

function dateOfWall(wall: Date): CalendarDate {
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

// Each function below answers from offsets alone where no transition is near (every day but a
// few a year, and always in zones without DST such as Asia/Shanghai), and otherwise asks TZDate,
// whose gap and overlap rules then decide. A property test holds the two paths equal.

/** The instant at which the clocks in `timeZone` show `time` on `date`. */
export function atLocalTime(date: CalendarDate, time: LocalTime, timeZone: string): Instant {
  const [y, m, d] = parseDate(date);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh ?? 0, mm ?? 0);
  const offset = offsetAt(timeZone, wall - offsetAt(timeZone, wall) * MINUTE_MS);
  const at = wall - offset * MINUTE_MS;
  if (offsetAt(timeZone, at) === offset && clearOfTransitions(timeZone, at, offset)) return toInstant(at);
  // A time inside a spring-forward gap resolves forward (TZDate's behaviour); 09:00 never falls in one.
  return toInstant(new TZDate(y, m - 1, d, hh ?? 0, mm ?? 0, timeZone).getTime());
}

/**
 * The first instant of the local day `date` in `timeZone`: local midnight, or where midnight is
 * skipped by a change of offset, the first instant after the gap. No loop: one resolution by
 * `atLocalTime`, so it returns for every zone and every date, also under offsets with seconds.
 */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Instant {
  return atLocalTime(date, '00:00', timeZone);
}

/** The calendar date the clocks in `timeZone` show at `at` (not the UTC date). */
export function localDateOf(at: Instant, timeZone: string): CalendarDate {
  return dateOfWall(wallClock(Date.parse(at), timeZone));
}

/** `HH:mm` on the clocks in `timeZone` at `at`, for messages. */
export function localTimeOf(at: Instant, timeZone: string): LocalTime {
  const wall = wallClock(Date.parse(at), timeZone);
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** Pure calendar arithmetic on dates; no time zone is involved in "the day before the 10th". */
export function shiftCalendarDate(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parseDate(date);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return checkCalendarDate(
    Number.isNaN(shifted.getTime()) ? String(shifted) : shifted.toISOString().slice(0, 10),
  );
}

/** `days` calendar days later at the same wall-clock time in `timeZone` (23 or 25 hours across DST). */
export function addLocalDays(at: Instant, days: number, timeZone: string): Instant {
  const from = Date.parse(at);
  // Same offset at both ends: the same wall-clock time is exactly whole days of 24 h later.
  const to = from + days * DAY_MS;
  const offset = offsetAt(timeZone, from);
  if (offsetAt(timeZone, to) === offset && clearOfTransitions(timeZone, to, offset)) return toInstant(to);
  return toInstant(addDays(new TZDate(from, timeZone), days).getTime());
}

/**
 * The local calendar date `months` months after the local date of `at`, clamped to the end of a
 * shorter month (Jan 31 + 1 month → Feb 28, or Feb 29 in a leap year), as date-fns does.
 */
export function addLocalMonths(at: Instant, months: number, timeZone: string): CalendarDate {
  return checkCalendarDate(dateOfLocal(addMonths(new TZDate(Date.parse(at), timeZone), months)));
}
