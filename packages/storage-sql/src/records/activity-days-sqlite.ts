import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { filterWhere, literalLimit, tenantRowsWhere } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import { scopeImpliedByOwners } from './scope-implied-by-owners.js';
import type { StoreContext } from './store-context.js';

/**
 * SQLite's calendar days, in three short reads instead of one numbered window: each day's count
 * (`group by` the day), each non-empty day's first `perDay` ids (one arm a day, `order by start_at,
 * id limit perDay`, a range of the owner/start index per owner), then those rows' documents by
 * primary key. Numbering every row of a team's week (~2,800 at 1M) cost ~5 ms of the statement's 6;
 * the arms sort only each day's rows and keep `perDay`. The documents are a statement of their own
 * so the planner cannot drive the join from another index (it did: 226 ms).
 *
 * The scope is dropped when the owner filter already implies it (a team's calendar under its
 * manager): its OR names columns the calendar index does not hold, so each row sought its table row.
 */
export async function sqliteActivityDays(
  ctx: StoreContext,
  spec: RecordSpec<Activity, ActivityFilter>,
  query: ActivityDaysQuery,
  days: ActivityDay[],
): Promise<ActivityDay[]> {
  const { engine } = ctx;
  const { dayStarts, perDay } = query;
  const scope = scopeImpliedByOwners(query.scope, query.where?.ownerId);
  const rowsOf = (eb: AnyExpressionBuilder, from: string, to: string) =>
    tenantRowsWhere(
      eb,
      spec,
      scope,
      engine,
      ctx.tenantId,
      eb.and(
        filterWhere(eb, engine, spec.filters, spec.columns, { ...query.where, startAt: { from, to } }, 't'),
      ),
    );
  const first = dayStarts[0] as string;
  const last = dayStarts[days.length] as string;
  const cases = dayStarts
    .slice(1, days.length)
    .map((at, i) => sql`when t.start_at < ${engine.encodeInstant(at)} then ${sql.lit(i)}`);
  const day =
    cases.length === 0 ? sql`0` : sql`case ${sql.join(cases, sql` `)} else ${sql.lit(days.length - 1)} end`;
  const counts = await ctx.db
    .selectFrom(
      ctx.db
        .selectFrom(`${spec.table} as t`)
        .select(day.as('day'))
        .where((eb) => rowsOf(eb, first, last))
        .as('w'),
    )
    .select(['w.day', sql`count(*)`.as('n')])
    .groupBy('w.day')
    .execute();
  const counted: number[] = [];
  for (const row of counts as { day: unknown; n: unknown }[])
    counted[engine.decodeInt(row.day)] = engine.decodeInt(row.n);
  const filled = days.flatMap((_, i) => ((counted[i] ?? 0) > 0 ? [i] : []));
  if (filled.length === 0) return days;

  const arm = (i: number) =>
    ctx.db
      .selectFrom(
        ctx.db
          .selectFrom(`${spec.table} as t`)
          .select(['t.id', 't.start_at', sql.lit(i).as('day')])
          .where((eb) => rowsOf(eb, dayStarts[i] as string, dayStarts[i + 1] as string))
          .orderBy('t.start_at')
          .orderBy('t.id')
          .limit(literalLimit(perDay))
          .as(`d${i}`),
      )
      .selectAll();
  const [head, ...rest] = filled.map(arm);
  const firsts = (await rest
    .reduce((all, next) => all.unionAll(next), head as (typeof rest)[number])
    .orderBy('day')
    .orderBy('start_at')
    .orderBy('id')
    .execute()) as {
    id: string;
    day: unknown;
  }[];

  const docs = await ctx.db
    .selectFrom(spec.table)
    .select(['id', 'doc'])
    .where('tenant_id', '=', ctx.tenantId)
    .where(
      'id',
      'in',
      firsts.map((r) => r.id),
    )
    .execute();
  const byId = new Map((docs as { id: string; doc: unknown }[]).map((r) => [r.id, r.doc]));
  for (const row of firsts) {
    const i = engine.decodeInt(row.day);
    const at = days[i];
    const doc = byId.get(row.id);
    if (at === undefined || doc === undefined) continue;
    at.items.push(engine.decodeJson<Activity>(doc));
    at.more = (counted[i] ?? 0) - at.items.length;
  }
  return days;
}
