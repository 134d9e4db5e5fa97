import {
  atLocalTime,
  type CalendarDate,
  calendarDateSchema,
  fieldIssue,
  type Instant,
  message,
  parseInput,
  shiftCalendarDate,
  timeZoneSchema,
  ValidationError,
} from '@gongfu/core';
import { sayReport } from './report-messages.js';

/** A period as people say it: from one local day to another, both inclusive. */
export interface Period {
  from?: CalendarDate;
  to?: CalendarDate;
}

/** The period checked: real dates, `to` not before `from`. */
export function parsePeriod(period: Period): { from: CalendarDate | null; to: CalendarDate | null } {
  const from = period.from === undefined ? null : parseInput(calendarDateSchema, period.from);
  const to = period.to === undefined ? null : parseInput(calendarDateSchema, period.to);
  if (from !== null && to !== null && from > to) {
    throw new ValidationError([fieldIssue('to', sayReport('report.invalid.toBeforeFrom', { from }))]);
  }
  return { from, to };
}

/** Inclusive local dates → the storage's half-open date range ([from, day after to)). */
export function dateRange(period: { from: CalendarDate | null; to: CalendarDate | null }) {
  return {
    ...(period.from ? { from: period.from } : {}),
    ...(period.to ? { to: shiftCalendarDate(period.to, 1) } : {}),
  };
}

/**
 * Inclusive local dates → the instants [from, to) they cover in `timeZone`: local midnight to the
 * local midnight after `to`, so a deal closed at 00:30 in Shanghai counts on that Shanghai day.
 */
export function instantRange(
  period: { from: CalendarDate | null; to: CalendarDate | null },
  timeZone: string,
): { from?: Instant; to?: Instant } {
  return {
    ...(period.from ? { from: atLocalTime(period.from, '00:00', timeZone) } : {}),
    ...(period.to ? { to: atLocalTime(shiftCalendarDate(period.to, 1), '00:00', timeZone) } : {}),
  };
}

export function parseTimeZone(timeZone: string | undefined, fallback: string): string {
  return timeZone === undefined ? fallback : parseInput(timeZoneSchema, timeZone);
}

/** Exactly one of the allowed values, or a ValidationError naming the field and the choices. */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  // The same sentence as a schema's enum check: one key for every "one of these" in the SDK.
  throw new ValidationError([fieldIssue(field, message('input.oneOf', { values: allowed.join(', ') }))]);
}
