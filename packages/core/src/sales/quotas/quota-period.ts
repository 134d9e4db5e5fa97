import { z } from 'zod';
import { zodMessage } from '../../kernel/input-messages.js';
import type { CalendarDate } from '../../kernel/time.js';
import { sayQuota } from './quota-messages.js';

/**
 * A selling period a quota is set for: a year (`2026`), a quarter (`2026-Q1`) or a month
 * (`2026-03`). Calendar periods in the tenant's own calendar; fiscal years that start in another
 * month are expressed as their quarters or months.
 */
export type QuotaPeriod = string & { readonly __quotaPeriod?: never };

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export const quotaPeriodSchema = z
  .string()
  .regex(PERIOD, zodMessage(sayQuota('quota.invalid.period')))
  .refine(
    (p) => {
      const year = Number(p.slice(0, 4));
      return year >= 1970 && year < 2200;
    },
    zodMessage(sayQuota('quota.invalid.periodYear')),
  )
  .transform((p) => p as QuotaPeriod);

/** The days a period covers: `from` inclusive, `to` exclusive (the first day after it). */
export interface PeriodRange {
  from: CalendarDate;
  to: CalendarDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): CalendarDate =>
  month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`;

export function periodRange(period: QuotaPeriod): PeriodRange {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`not a quota period: ${period}`);
  const year = Number(match[1]);
  if (match[2]) {
    const firstMonth = (Number(match[2]) - 1) * 3 + 1;
    return { from: firstOfMonth(year, firstMonth), to: firstOfMonth(year, firstMonth + 3) };
  }
  if (match[3]) {
    const month = Number(match[3]);
    return { from: firstOfMonth(year, month), to: firstOfMonth(year, month + 1) };
  }
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** Whether a calendar day (or the date part of an instant) falls inside the period. */
export function periodContains(period: QuotaPeriod, day: string): boolean {
  const { from, to } = periodRange(period);
  const date = day.slice(0, 10);
  return date >= from && date < to;
}
