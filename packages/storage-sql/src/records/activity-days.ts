import {
  type Activity,
  type ActivityDay,
  type ActivityDaysQuery,
  type ActivityFilter,
  type Instant,
  ValidationError,
} from '@gongfu/core';
import { type RawBuilder, sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { sqliteActivityDays } from './activity-days-sqlite.js';
import { filterWhere, literalLimit, tenantRowsWhere } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import {
  FILTERS_MARK,
  filtersMark,
  type SlotOf,
  slotStatement,
  spliceFragment,
  whereFragment,
} from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/** A month view's 31 days: the most a calendar asks for at once. */
const MAX_DAYS = 31;

interface DayRow {
  doc: unknown;
  day: unknown;
  n: unknown;
}

/**
 * Each day's first `perDay` visible activities and the count of all of them. On PostgreSQL in one
 * statement: the rows of the whole window are numbered per day inside the database (by start time, then id) and
 * only the first `perDay` of each day fetch their documents, so a team's week of hundreds of rows
 * sends and decodes a screenful. The window's WHERE is the list's (filters AND scope, exactly), so
 * a day's count holds only rows the reader may see.
 *
 * PostgreSQL: the scope's ids are two array parameters and the statement's text depends only on the
 * kind of scope, the shape of the filters, the number of days and `perDay`, so it is prepared once
 * and (with `planOnce`) planned once. SQLite reads the days its own way (`sqliteActivityDays`).
 */
export async function activityDays(
  ctx: StoreContext,
  spec: RecordSpec<Activity, ActivityFilter>,
  query: ActivityDaysQuery,
): Promise<ActivityDay[]> {
  const { dayStarts, perDay, scope } = query;
  checkDays(dayStarts, perDay);
  const days = dayStarts.length - 1;
  const empty = Array.from({ length: days }, (): ActivityDay => ({ items: [], more: 0 }));
  if (scope.kind === 'none') return empty;
  const { engine } = ctx;
  if (engine.name !== 'postgres') return sqliteActivityDays(ctx, spec, query, empty);
  const where: ActivityFilter = {
    ...query.where,
    startAt: { from: dayStarts[0], to: dayStarts[days] },
  };
  const filters = (eb: AnyExpressionBuilder) =>
    eb.and(filterWhere(eb, engine, spec.filters, spec.columns, where, 't', true));
  const scoped = scope.kind === 'scoped' ? scope : null;
  const values: Record<string, unknown> = {
    tenant: ctx.tenantId,
    owners: scoped === null ? [] : [...scoped.ownerIds],
    members: scoped === null ? [] : [...scoped.memberIds],
  };
  dayStarts.forEach((at, i) => {
    values[`day${i}`] = engine.encodeInstant(at);
  });

  const build = (slot: SlotOf) => {
    const tenant = slot<string>('tenant');
    const bound = scoped !== null ? { ownerIds: slot('owners'), memberIds: slot('members') } : undefined;
    const day = dayOf(
      Array.from({ length: days - 1 }, (_, i) => slot(`day${i + 1}`)),
      days,
    );
    const ranked = ctx.db
      .selectFrom(`${spec.table} as t`)
      .select([
        't.id',
        day.as('day'),
        sql`row_number() over (partition by ${day} order by t.start_at, t.id)`.as('rn'),
        sql`count(*) over (partition by ${day})`.as('n'),
      ])
      .where((eb) => tenantRowsWhere(eb, spec, scope, engine, tenant, filtersMark(), bound));
    return ctx.db
      .selectFrom(ranked.as('w'))
      .innerJoin(`${spec.table} as a`, (join) =>
        join.on('a.tenant_id', '=', tenant).onRef('a.id', '=', 'w.id'),
      )
      .select(['a.doc', 'w.day', 'w.n'])
      .where('w.rn', '<=', literalLimit(perDay))
      .orderBy('w.day')
      .orderBy('w.rn');
  };

  const { rows } = await ctx.execute<DayRow>(
    spliceFragment(
      slotStatement(
        ctx,
        `${spec.table}:days:${scoped === null ? scope.kind : scoped.minAccess}:${
          scoped === null ? '' : `${scoped.ownerIds.length > 0}:${scoped.memberIds.length > 0}`
        }:${days}:${perDay}`,
        values,
        (slot) => build(slot),
      ),
      FILTERS_MARK,
      whereFragment(ctx, spec.table, filters),
    ),
    { hot: true, genericPlan: query.planOnce === true },
  );

  for (const row of rows as DayRow[]) {
    const at = empty[engine.decodeInt(row.day)];
    if (at === undefined) continue;
    at.items.push(engine.decodeJson<Activity>(row.doc));
    at.more = engine.decodeInt(row.n) - at.items.length;
  }
  return empty;
}

/** The day a row's start falls on: the number of day starts after the first that it is not before. */
function dayOf(starts: readonly unknown[], days: number): RawBuilder<number> {
  if (starts.length === 0) return sql<number>`0`;
  const cases = starts.map((at, i) => sql`when t.start_at < ${at} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(days - 1)} end`;
}

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
