import { z } from 'zod';
import { fieldIssue, ValidationError } from './errors.js';
import { sayInput, zodMessage } from './input-messages.js';
import { isoInstant } from './iso-instant.js';

/**
 * One canonical encoding for instants everywhere: a UTC ISO-8601 string with milliseconds
 * (`2026-03-02T01:15:00.000Z`). Fixed width, so text order equals time order on SQLite, and
 * PostgreSQL stores it as `timestamptz`. Inputs may carry any offset; they are normalised here.
 */
export type Instant = string & { readonly __instant?: never };

/** A calendar date without time (`2026-06-30`), e.g. a required delivery date. */
export type CalendarDate = string & { readonly __calendarDate?: never };

/**
 * The accepted range of the domain (docs/input.md): every instant and calendar date the SDK accepts,
 * derives (reminder due times, warranty ends, calendar days) or stores lies in 1970-01-01 …
 * 2199-12-31. Four-digit years keep text order equal to time order; 1970 is older than any record a
 * sales team keeps, and it avoids the local-mean-time offsets (with seconds) of the 19th century on
 * which zone arithmetic is fragile. Anything outside is a ValidationError, never stored.
 */
export const EARLIEST_DATE: CalendarDate = '1970-01-01';
export const LATEST_DATE: CalendarDate = '2199-12-31';
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1) - 1;
/** The first and last instants of the accepted range. */
export const EARLIEST_INSTANT: Instant = new Date(EARLIEST_MS).toISOString();
export const LATEST_INSTANT: Instant = new Date(LATEST_MS).toISOString();

/** The bounds every instant and date keeps, as the parameters of the messages that name them. */
const RANGE = { earliest: EARLIEST_DATE, latest: LATEST_DATE } as const;

/** True for a millisecond timestamp inside the accepted range. */
export function isInstantInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/** True for a real calendar date inside the accepted range. */
export function isDateInRange(date: string): boolean {
  return isCalendarDate(date) && date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** A value derived by the SDK (a due time, a warranty end) left the range: the input that led there is refused. */
function outOfRange(field: string, value: unknown): ValidationError {
  return new ValidationError([
    fieldIssue(field, sayInput('input.outOfRange', { value: String(value), ...RANGE })),
  ]);
}

// Each field has exactly its calendar width; the offset is at most ±14:00 (the widest in use).
const OFFSET_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The canonical form of an instant the SDK computed. Out of the accepted range (or not a time at
 * all) is a ValidationError on `field`: a derived date may never be stored outside it.
 */
export function toInstant(value: Date | string | number, field = 'instant'): Instant {
  const date = value instanceof Date ? value : new Date(value);
  if (!isInstantInRange(date.getTime())) throw outOfRange(field, value);
  return isoInstant(date.getTime());
}

/** A derived calendar date inside the accepted range, or a ValidationError on `field`. */
export function checkCalendarDate(date: string, field = 'date'): CalendarDate {
  if (!isDateInRange(date)) throw outOfRange(field, date);
  return date;
}

export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO instant whose every field is real: no 2026-02-30, no T24:00, no offset beyond ±14:00. */
function isWellFormedInstant(v: string): boolean {
  const m = OFFSET_ISO.exec(v);
  if (!m) return false;
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) || hh > 23 || mm > 59 || ss > 59) return false;
  if (m[7] !== undefined && (Number(m[8]) * 60 + Number(m[9]) > 14 * 60 || Number(m[9]) > 59)) return false;
  return true;
}

/** Accepts an ISO string with an explicit offset (or `Z`), or a Date; yields the canonical UTC form. */
export const instantSchema = z
  .union([z.string(), z.date()])
  .superRefine((v, ctx) => {
    if (typeof v === 'string' && !isWellFormedInstant(v)) {
      ctx.addIssue({ code: 'custom', ...zodMessage(sayInput('input.instant')) });
    } else if (!isInstantInRange(v instanceof Date ? v.getTime() : Date.parse(v))) {
      ctx.addIssue({ code: 'custom', ...zodMessage(sayInput('input.instantOutOfRange', RANGE)) });
    }
  })
  .transform((v): Instant => toInstant(v));

export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { ...zodMessage(sayInput('input.calendarDate')), abort: true })
  .refine((v) => v >= EARLIEST_DATE && v <= LATEST_DATE, zodMessage(sayInput('input.dateOutOfRange', RANGE)))
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
