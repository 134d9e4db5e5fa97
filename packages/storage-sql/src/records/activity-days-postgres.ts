import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { CompiledQuery } from 'kysely';
import { cachedDocuments, type DocumentKey, type ReadDocument } from './cached-documents.js';
import { literalLimit } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import { rowsWhere } from './rows-where-cached.js';
import { scopeImpliedByOwners } from './scope-implied-by-owners.js';
import type { StoreContext } from './store-context.js';

/** One of a day's first rows: its key (`cachedDocuments`), day and the day's count. */
interface DayRow extends DocumentKey {
  day: unknown;
  n: unknown;
}

/**
 * PostgreSQL's calendar days in one statement: the window's rows numbered per day (by start time,
 * then id) and counted, and only each day's first `perDay` fetch their version and time. Their
 * documents come from the storage's cache where it holds that version (`cachedDocuments`), the
 * rest from a second statement by id: a repeated week sends and parses no document (pg's parsing
 * of 140 jsonb documents was a third of the client's work), a first one costs a round trip more.
 *
 * Kept whole, not split as SQLite's is: at 1M (a manager of fifty, 2,849 rows in the week) the
 * numbering is ~1 ms of the statement's ~4 ms of server CPU; the index scan and the 140 documents
 * are the rest. One LATERAL a day over the owner/start index (`limit perDay`) descends the index
 * once per owner per day (7 × 51) and cost more (server CPU +20%); arms in start-time order are
 * cheaper only when planned for their values, and planned once (`planOnce`) they take the owner
 * index too (bench/RESULTS.md, issue 15, h-pgweek).
 *
 * What it saves is client CPU: the statement is written around the list's WHERE (`rowsWhere`, by
 * Kysely once per plain shape), so a team's week no longer compiles its filters every call. The
 * scope is dropped when the owner filter already implies it, as on SQLite; a scope it does not
 * imply is compiled each call, its ids (like the filters' lists) one array parameter each, so the
 * text still depends only on the shape and one prepared statement serves every size.
 */
export async function postgresActivityDays(
  ctx: StoreContext,
  spec: RecordSpec<Activity, ActivityFilter>,
  query: ActivityDaysQuery,
  days: ActivityDay[],
): Promise<ActivityDay[]> {
  const { engine } = ctx;
  const { dayStarts, perDay } = query;
  const scope = scopeImpliedByOwners(query.scope, query.where?.ownerId);
  // `in` lists and a scope's ids as array parameters: the text depends on neither's length.
  const rows = rowsWhere(ctx, spec, scope, query.where ?? {}, true);
  const starts = dayStarts.map((at) => engine.encodeInstant(at));
  // The WHERE's own parameters are $1…$n; the statement's follow them.
  let next = rows.parameters.length;
  const placeholder = () => `$${++next}`;
  const tenant = placeholder();
  const first = placeholder();
  const last = placeholder();
  // The day a row falls on: the number of later day starts it is not before.
  const cases = starts
    .slice(1, days.length)
    .map((_, i) => `when "t"."start_at" < ${placeholder()} then ${i}`)
    .join(' ');
  const day = cases === '' ? '0' : `case ${cases} else ${days.length - 1} end`;
  // Checked by `activityDays` (1–500): written into the text, so the statement is one per `perDay`.
  const limit = literalLimit(perDay).compile(ctx.db).sql;
  const text =
    `select "a"."id", "a"."version", "a"."updated_at"::text as "updated", "w"."day", "w"."n" from (select "t"."id", ${day} as "day", ` +
    `row_number() over (partition by ${day} order by "t"."start_at", "t"."id") as "rn", ` +
    `count(*) over (partition by ${day}) as "n" from "${spec.table}" as "t" ` +
    `where (${rows.sql}) and "t"."start_at" >= ${first} and "t"."start_at" < ${last}) as "w" ` +
    `inner join "${spec.table}" as "a" on "a"."tenant_id" = ${tenant} and "a"."id" = "w"."id" ` +
    `where "w"."rn" <= ${limit} order by "w"."day", "w"."rn"`;
  const { rows: found } = await ctx.execute<DayRow>(
    CompiledQuery.raw(text, [
      ...rows.parameters,
      ctx.tenantId,
      starts[0],
      starts[days.length],
      ...starts.slice(1, days.length),
    ]),
    { hot: true, genericPlan: query.planOnce === true },
  );
  const docs = await cachedDocuments<Activity, DayRow>(ctx, spec.table, found, (missing) =>
    documentsById(ctx, spec.table, missing),
  );
  for (const [k, row] of found.entries()) {
    const at = days[engine.decodeInt(row.day)];
    const doc = docs[k];
    if (at === undefined || doc === undefined) continue;
    at.items.push(doc);
    at.more = engine.decodeInt(row.n) - at.items.length;
  }
  return days;
}

/** The documents of rows the cache did not hold, by id (one array parameter: one statement for any number). */
async function documentsById(
  ctx: StoreContext,
  table: string,
  missing: readonly DocumentKey[],
): Promise<ReadDocument[]> {
  const { rows } = await ctx.execute<ReadDocument>(
    CompiledQuery.raw(
      `select "id", "version", "updated_at"::text as "updated", "doc" from "${table}" where "tenant_id" = $1 and "id" = any($2::text[])`,
      [ctx.tenantId, missing.map((row) => row.id)],
    ),
    { hot: true },
  );
  return rows;
}
