import {
  type CalendarDate,
  checkCalendarDate,
  EARLIEST_DATE,
  EARLIEST_INSTANT,
  type Instant,
  LATEST_DATE,
  LATEST_INSTANT,
} from '../../kernel/time.js';
import { shiftCalendarDate, startOfLocalDay } from '../reminders/local-time.js';
import type { Activity } from './activity.js';

export type CalendarView = 'day' | 'week' | 'month';

/** The instants [from, to) a local day, week or month covers, in the zone it was asked in. */
export interface CalendarRange {
  from: Instant;
  to: Instant;
  timeZone: string;
}

/** An activity on a calendar, with the record it is about named for the calendar's reader. */
export interface CalendarEntry extends Activity {
  /**
   * The lead, deal, customer, contact, order number or case summary it is about, when the reader
   * may open that record; otherwise its kind and id only ("an order you cannot open (ord_7)").
   * Null for a task about nothing.
   */
  regardingLabel: string | null;
}

export interface CalendarDay {
  /** The local date, `YYYY-MM-DD`. */
  date: CalendarDate;
  /** The day's first `perDay` activities, by start time (then id). */
  activities: CalendarEntry[];
  /**
   * How many more of the day's activities the reader may see beyond those listed (0 when all are):
   * list them with `activities.list` and the day's window.
   */
  more: number;
}

export interface Calendar {
  range: CalendarRange;
  /** Every local day of the range, in order, including empty ones. */
  days: CalendarDay[];
}

/** The longest view (a month) has 31 days: the bound every calendar loop is built on. */
export const MAX_CALENDAR_DAYS = 31;

/**
 * Activities listed per day when the caller does not say: a week of a team of fifty held ~80 a day
 * at 100k records (~390 at 1M), far more than a day's column shows, and each listed one is read and
 * labelled; the rest are counted (`CalendarDay.more`).
 */
export const DEFAULT_CALENDAR_PER_DAY = 20;

/** The first local date of the view containing `date`, and how many days the view has. */
function viewDates(view: CalendarView, date: CalendarDate): { first: CalendarDate; length: number } {
  const [y = Number.NaN, m = Number.NaN, d = Number.NaN] = date.split('-').map(Number);
  switch (view) {
    case 'day':
      return { first: date, length: 1 };
    case 'week': {
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
      return { first: shiftCalendarDate(date, -((weekday + 6) % 7)), length: 7 };
    }
    case 'month':
      return {
        first: `${date.slice(0, 7)}-01`,
        length: new Date(Date.UTC(y, m, 0)).getUTCDate(),
      };
  }
}

/**
 * The local day, week (Monday first) or month containing `date`, as UTC instants. The days are
 * listed by pure calendar arithmetic (one UTC calendar day per step, so the loop always advances and
 * runs at most MAX_CALENDAR_DAYS times); only the two boundaries are zone arithmetic: the instant
 * local midnight starts each end day in `timeZone` (the first instant of the day where midnight is
 * skipped), so a day across a DST change is 23 or 25 hours long and a month ends where the local
 * clocks say it does. Every day of the view must lie inside the accepted date range.
 */
export function calendarRange(
  view: CalendarView,
  date: CalendarDate,
  timeZone: string,
): CalendarRange & { dates: CalendarDate[] } {
  const { first, length } = viewDates(view, date);
  const dates: CalendarDate[] = [];
  for (let i = 0; i < Math.min(length, MAX_CALENDAR_DAYS); i++) {
    dates.push(checkCalendarDate(shiftCalendarDate(first, i), 'date'));
  }
  const last = dates[dates.length - 1] ?? first;
  return {
    // Local midnight of 1970-01-01 east of Greenwich is before the range; no activity is earlier.
    from: first === EARLIEST_DATE ? EARLIEST_INSTANT : startOfLocalDay(first, timeZone),
    // The day after the last one is past the range only for the view ending 2199-12-31.
    to: last === LATEST_DATE ? LATEST_INSTANT : startOfLocalDay(shiftCalendarDate(last, 1), timeZone),
    timeZone,
    dates,
  };
}

/**
 * The instant each day of the range starts at, then the end of the last day: day i is
 * [dayStarts[i], dayStarts[i + 1]), the local day `dates[i]` in the range's zone (the same local
 * midnights `calendarRange` bounds the range with).
 */
export function dayStartsOf(range: CalendarRange & { dates: readonly CalendarDate[] }): Instant[] {
  return [range.from, ...range.dates.slice(1).map((date) => startOfLocalDay(date, range.timeZone)), range.to];
}

/** The days of the range with each day's listed activities (already in order) and the count of the rest. */
export function layoutCalendar(
  range: CalendarRange & { dates: readonly CalendarDate[] },
  days: readonly { items: readonly CalendarEntry[]; more: number }[],
): Calendar {
  return {
    range: { from: range.from, to: range.to, timeZone: range.timeZone },
    days: range.dates.map((date, i) => ({
      date,
      activities: [...(days[i]?.items ?? [])],
      more: days[i]?.more ?? 0,
    })),
  };
}
