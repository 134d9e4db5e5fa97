import {
  type Activity,
  type ActivityDay,
  type ActivityDaysQuery,
  type ActivityFilter,
  type Instant,
  ValidationError,
} from '@gongfu/core';
import { postgresActivityDays } from './activity-days-postgres.js';
import { sqliteActivityDays } from './activity-days-sqlite.js';
import { RowChangedWhileRead } from './cached-documents.js';
import type { RecordSpec } from './record-spec.js';
import type { StoreContext } from './store-context.js';

/** A month view's 31 days: the most a calendar asks for at once. */
const MAX_DAYS = 31;

/**
 * Each day's first `perDay` visible activities and the count of all of them: only the first
 * `perDay` of each day fetch their documents, so a team's week of hundreds of rows sends and
 * decodes a screenful. The window's WHERE is the list's (filters AND scope, exactly), so a day's
 * count holds only rows the reader may see. Each engine reads the days its own way
 * (`postgresActivityDays`, `sqliteActivityDays`); the days are checked here.
 */
export async function activityDays(
  ctx: StoreContext,
  spec: RecordSpec<Activity, ActivityFilter>,
  query: ActivityDaysQuery,
): Promise<ActivityDay[]> {
  const { dayStarts, perDay, scope } = query;
  checkDays(dayStarts, perDay);
  if (scope.kind === 'none') return emptyDays(dayStarts.length - 1);
  const read = ctx.engine.name === 'postgres' ? postgresActivityDays : sqliteActivityDays;
  // A row that changed between reading its key and its document (outside a snapshot, which a
  // read transaction always is) sends the whole read back to the start, a few times at most.
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(ctx, spec, query, emptyDays(dayStarts.length - 1));
    } catch (error) {
      if (!(error instanceof RowChangedWhileRead) || attempt >= 3) throw error;
    }
  }
}

const emptyDays = (days: number) => Array.from({ length: days }, (): ActivityDay => ({ items: [], more: 0 }));

/**
 * Days as the calendar asks for them: 1–31, each starting no earlier than the one before; 1–500 per
 * day. A day may be empty (its start equals the next one's): a zone that skipped a date (Pacific/Apia
 * has no 2011-12-30) still shows the date, with nothing on it, and `dayOf` gives it no rows.
 */
function checkDays(dayStarts: readonly Instant[], perDay: number): void {
  const ordered = dayStarts.every((at, i) => i === 0 || Date.parse(dayStarts[i - 1] ?? '') <= Date.parse(at));
  if (dayStarts.length < 2 || dayStarts.length > MAX_DAYS + 1 || !ordered)
    throw new ValidationError([
      { field: 'dayStarts', message: `2 to ${MAX_DAYS + 1} instants, none before the one before` },
    ]);
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 500)
    throw new ValidationError([{ field: 'perDay', message: 'perDay must be an integer from 1 to 500' }]);
}
