import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addWeeks,
  eachDayOfInterval,
  format,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from 'date-fns';
import { type CalendarDate, type Instant, toInstant } from '../../kernel/time.js';
import { localDateOf } from '../reminders/local-time.js';
import type { Activity } from './activity.js';

export type CalendarView = 'day' | 'week' | 'month';

/** The instants [from, to) a local day, week or month covers, in the zone it was asked in. */
export interface CalendarRange {
  from: Instant;
  to: Instant;
  timeZone: string;
}

export interface CalendarDay {
  /** The local date, `YYYY-MM-DD`. */
  date: CalendarDate;
  /** Sorted by start time. */
  activities: Activity[];
}

export interface Calendar {
  range: CalendarRange;
  /** Every local day of the range, in order, including empty ones. */
  days: CalendarDay[];
}

/**
 * The local day, week (Monday first) or month containing `date`, as UTC instants. All arithmetic
 * runs on wall-clock dates in `timeZone` (TZDate), never on fixed 24-hour offsets, so a day across
 * a DST change is 23 or 25 hours long and a month ends where the local clocks say it does.
 */
export function calendarRange(
  view: CalendarView,
  date: CalendarDate,
  timeZone: string,
): CalendarRange & { dates: CalendarDate[] } {
  const [y, m, d] = date.split('-').map(Number);
  // Noon is never inside a DST gap, so the anchor always lands on the asked-for local date.
  const anchor = new TZDate(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN, 12, 0, timeZone);
  let start: TZDate;
  let end: TZDate;
  switch (view) {
    case 'day':
      start = startOfDay(anchor);
      end = addDays(start, 1);
      break;
    case 'week':
      start = startOfWeek(anchor, { weekStartsOn: 1 });
      end = addWeeks(start, 1);
      break;
    case 'month':
      start = startOfMonth(anchor);
      end = addMonths(start, 1);
      break;
  }
  // `start`/`end` are local midnights (or the first instant of the day where midnight is skipped).
  // The interval is inclusive, so it stops at the last day's start, not at the next period's.
  const dates = eachDayOfInterval({ start, end: addDays(end, -1) }).map(
    (day) => format(day, 'yyyy-MM-dd') as CalendarDate,
  );
  return { from: toInstant(start.getTime()), to: toInstant(end.getTime()), timeZone, dates };
}

/** Place each activity on the local day it starts; every day of the range appears, empty or not. */
export function layoutCalendar(
  range: CalendarRange & { dates: readonly CalendarDate[] },
  activities: readonly Activity[],
): Calendar {
  const byDate = new Map<CalendarDate, Activity[]>(range.dates.map((date) => [date, []]));
  const sorted = [...activities].sort((a, b) =>
    a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : a.id < b.id ? -1 : 1,
  );
  for (const activity of sorted) byDate.get(localDateOf(activity.startAt, range.timeZone))?.push(activity);
  return {
    range: { from: range.from, to: range.to, timeZone: range.timeZone },
    days: range.dates.map((date) => ({ date, activities: byDate.get(date) ?? [] })),
  };
}
