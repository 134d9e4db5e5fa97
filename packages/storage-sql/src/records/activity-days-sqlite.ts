import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { CompiledQuery } from 'kysely';
import { filterWhere, literalLimit, tenantRowsWhere } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import { scopeImpliedByOwners } from './scope-implied-by-owners.js';
import { whereFragment } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/**
 * SQLite's calendar days, in two reads instead of one numbered window: each day's count (`group by`
 * the day), then each non-empty day's first `perDay` rows (one arm a day, `order by start_at, id
 * limit perDay`, a range of the owner/start index per owner) joined to their documents by primary
 * key. Numbering every row of a team's week (~2,800 at 1M) cost ~5 ms of the statement's 6; the
 * arms sort only each day's rows and keep `perDay`. The join is a `cross join` from the arms, so the
 * planner cannot drive it from another index (it did: 226 ms).
 *
 * Both statements are written around the list's WHERE (tenant, filters, scope), compiled once per
 * call: the rest of their text depends only on the number of days, the non-empty ones and
 * `perDay`, so SQLite's statement cache prepares each once. Building them in Kysely cost more CPU
 * a call than running them.
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
  const rest = query.where ?? {};
  const rows = whereFragment(ctx, spec.table, (eb) =>
    tenantRowsWhere(
      eb,
      spec,
      scope,
      engine,
      ctx.tenantId,
      eb.and(filterWhere(eb, engine, spec.filters, spec.columns, rest, 't')),
    ),
  );
  const starts = dayStarts.map((at) => engine.encodeInstant(at));
  const first = starts[0];
  const last = starts[days.length];
  // The day a row falls on: the number of later day starts it is not before.
  const cases = starts
    .slice(1, days.length)
    .map((_, i) => `when "t"."start_at" < ? then ${i}`)
    .join(' ');
  const day = cases === '' ? '0' : `case ${cases} else ${days.length - 1} end`;
  const { rows: counts } = await ctx.execute<{ day: unknown; n: unknown }>(
    CompiledQuery.raw(
      `select "day", count(*) as "n" from (select ${day} as "day" from "${spec.table}" as "t" where (${rows.sql}) and "t"."start_at" >= ? and "t"."start_at" < ?) group by "day"`,
      [...starts.slice(1, days.length), ...rows.parameters, first, last],
    ),
    { hot: true },
  );
  const counted: number[] = [];
  for (const row of counts) counted[engine.decodeInt(row.day)] = engine.decodeInt(row.n);
  const filled = days.flatMap((_, i) => ((counted[i] ?? 0) > 0 ? [i] : []));
  if (filled.length === 0) return days;

  // Checked by `activityDays` (1–500): written into the text, as a bound LIMIT re-plans every run.
  const limit = literalLimit(perDay).compile(ctx.db).sql;
  const arm = (i: number) => ({
    sql: `select * from (select "t"."id", "t"."start_at", ${i} as "day" from "${spec.table}" as "t" where (${rows.sql}) and "t"."start_at" >= ? and "t"."start_at" < ? order by "t"."start_at", "t"."id" limit ${limit})`,
    parameters: [...rows.parameters, starts[i], starts[i + 1]],
  });
  for (const batch of withinParameterLimit(filled.map(arm))) {
    const { rows: docs } = await ctx.execute<{ day: unknown; doc: unknown }>(
      CompiledQuery.raw(
        `select "f"."day", "a"."doc" from (${batch.map((a) => a.sql).join(' union all ')}) as "f" cross join "${spec.table}" as "a" on "a"."tenant_id" = ? and "a"."id" = "f"."id" order by "f"."day", "f"."start_at", "f"."id"`,
        [...batch.flatMap((a) => a.parameters), ctx.tenantId],
      ),
      { hot: true },
    );
    for (const row of docs) {
      const i = engine.decodeInt(row.day);
      const at = days[i];
      if (at === undefined) continue;
      at.items.push(engine.decodeJson<Activity>(row.doc));
      at.more = (counted[i] ?? 0) - at.items.length;
    }
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
