import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { CompiledQuery, sql } from 'kysely';
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

  const rest = query.where ?? {};
  // One day's arm, compiled once: its parameters are the day, the filters and scope, then the day's
  // two bounds, so every other day reuses its text with those three swapped (building and compiling
  // seven arms in Kysely cost more CPU than running them).
  const arm = (i: number) =>
    ctx.db
      .selectFrom(`${spec.table} as t`)
      .select(['t.id', 't.start_at', sql.val(i).as('day')])
      .where((eb) =>
        tenantRowsWhere(
          eb,
          spec,
          scope,
          engine,
          ctx.tenantId,
          eb.and(filterWhere(eb, engine, spec.filters, spec.columns, rest, 't')),
        ),
      )
      .where('t.start_at', '>=', engine.encodeInstant(dayStarts[i] as string))
      .where('t.start_at', '<', engine.encodeInstant(dayStarts[i + 1] as string))
      .orderBy('t.start_at')
      .orderBy('t.id')
      .limit(literalLimit(perDay))
      .compile();
  const template = arm(filled[0] as number);
  const { sql: text, parameters } = template;
  const n = parameters.length;
  const reusable =
    parameters[0] === filled[0] &&
    parameters[n - 2] === engine.encodeInstant(dayStarts[filled[0] as number] as string) &&
    parameters[n - 1] === engine.encodeInstant(dayStarts[(filled[0] as number) + 1] as string);
  const arms = filled.map((i) =>
    reusable
      ? {
          sql: text,
          parameters: [
            i,
            ...parameters.slice(1, n - 2),
            engine.encodeInstant(dayStarts[i] as string),
            engine.encodeInstant(dayStarts[i + 1] as string),
          ],
        }
      : arm(i),
  );
  const firsts: { id: string; day: unknown }[] = [];
  for (const batch of withinParameterLimit(arms)) {
    const union = batch.map((a) => `select * from (${a.sql})`).join(' union all ');
    const { rows } = await ctx.execute<{ id: string; day: unknown }>(
      CompiledQuery.raw(
        `${union} order by "day", "start_at", "id"`,
        batch.flatMap((a) => a.parameters),
      ),
      { hot: true },
    );
    firsts.push(...rows);
  }

  const ids = firsts.map((r) => r.id);
  const { rows: docs } = await ctx.execute<{ id: string; doc: unknown }>(
    CompiledQuery.raw(
      `select "id", "doc" from "${spec.table}" where "tenant_id" = ? and "id" in (${ids.map(() => '?').join(', ')})`,
      [ctx.tenantId, ...ids],
    ),
    { hot: true },
  );
  const byId = new Map(docs.map((r) => [r.id, r.doc]));
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

/** Below SQLite's 32,766 parameters a statement: a month of arms each naming a wide scope's ids can pass it. */
const MAX_PARAMETERS = 30_000;

/** Consecutive days' arms in as few statements as the parameter limit allows (one arm at least). */
function withinParameterLimit<A extends { parameters: readonly unknown[] }>(arms: readonly A[]): A[][] {
  const batches: A[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const arm of arms) {
    if (size + arm.parameters.length > MAX_PARAMETERS) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]?.push(arm);
    size += arm.parameters.length;
  }
  return batches;
}
