import { z } from 'zod';

/**
 * One canonical encoding for instants everywhere: a UTC ISO-8601 string with milliseconds
 * (`2026-03-02T01:15:00.000Z`). Fixed width, so text order equals time order on SQLite, and
 * PostgreSQL stores it as `timestamptz`. Inputs may carry any offset; they are normalised here.
 */
export type Instant = string & { readonly __instant?: never };

/** A calendar date without time (`2026-06-30`), e.g. a required delivery date. */
export type CalendarDate = string & { readonly __calendarDate?: never };

const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toInstant(value: Date | string | number): Instant {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(value)}`);
  return date.toISOString();
}

export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Accepts an ISO string with an explicit offset (or `Z`), or a Date; yields the canonical UTC form. */
export const instantSchema = z
  .union([z.string(), z.date()])
  .refine(
    (v) =>
      v instanceof Date ? !Number.isNaN(v.getTime()) : OFFSET_ISO.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: 'expected an ISO-8601 instant with a time zone offset, e.g. 2026-03-02T09:15:00+08:00',
    },
  )
  .transform((v): Instant => toInstant(v));

export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' })
  .transform((v): CalendarDate => v);

const MS_PER_DAY = 86_400_000;

export function addMs(at: Instant, ms: number): Instant {
  return toInstant(Date.parse(at) + ms);
}

export function addDays(at: Instant, days: number): Instant {
  return addMs(at, days * MS_PER_DAY);
}

export function daysBetween(from: Instant, to: Instant): number {
  return (Date.parse(to) - Date.parse(from)) / MS_PER_DAY;
}

/** Whole days between two calendar dates (b − a). */
export function calendarDaysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return a >= b ? a : b;
}
