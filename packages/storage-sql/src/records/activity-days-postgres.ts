import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { CompiledQuery } from 'kysely';
import { daysByStartText, walkDaysByStart } from './activity-days-by-start.js';
import { cachedDocuments, type DocumentKey, type ReadDocument } from './cached-documents.js';
import { literalLimit } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import { rowsWhere } from './rows-where-cached.js';
import { scopeImpliedByOwners } from './scope-implied-by-owners.js';
import type { StoreContext } from './store-context.js';

/** One of a day's first rows: its key (`cachedDocuments`), its document unless known, day and the day's count. */
interface DayRow extends DocumentKey {
  doc: unknown;
  day: unknown;
  n: unknown;
}

/**
 * PostgreSQL's calendar days in one statement: the window's rows numbered per day (by start time,
 * then id) and counted, and only each day's first `perDay` fetch their documents — or only their
 * version and time when the same read last time returned that version (the storage's
 * `DocumentCache` remembers each read's keys and holds the decoded documents): a week read again
 * sends and parses no document (pg's parsing of 140 jsonb documents was a third of the client's
 * work, their output a part of the server's), and a first read or an edited row costs nothing
 * more than before: still one statement.
 *
 * Kept whole, not split as SQLite's is: one LATERAL a day over the owner/start index descends it
 * once per owner per day and cost more; arms in start-time order are cheaper only when planned for
 * their values, and planned once (`planOnce`) they take the owner index too (bench/RESULTS.md,
 * issue 15, h-pgweek). What the server spends is the scan and the numbering (a manager of fifty at
 * 1M: 2,849 entries for 140 rows), so the statement is written for both (h-pgweek5, server CPU
 * 6.4 → 4.1 ms):
 * - the day is `width_bucket` over the inner day starts (one array parameter: a binary search, and
 *   one text for any number of days) instead of a CASE of one comparison per day;
 * - one window gives both the number and the day's count (`rows between unbounded preceding and
 *   unbounded following` is the whole day for `count`; `row_number` ignores the frame): one sort
 *   and one WindowAgg, where a second window over the same partition added another;
 * - the day and start time are selected before the id, so the sorted tuples hold the fixed-width
 *   keys first: comparing them no longer walks past the variable-width id (`nocachegetattr` was
 *   9% of the statement's server samples);
 * - the statuses are tested on each index entry, not used as an index condition: PostgreSQL 15's
 *   btree starts one descent per combination of array elements (51 owners × 2 statuses = 102,
 *   each reading the owner's whole week, as the status comes after the start time in the calendar
 *   index), so every entry was read twice. `is true` keeps the planner from making it an index
 *   condition; the test is the `in` filter's own (`= any`, an empty list keeps nothing).
 *
 * A team whose days hold many rows for its share of the tenant (`walkDaysByStart`, by what the same
 * read counted last time: a manager of 51 of 200 people at 1M) is read the other way
 * (`daysByStartText`): each day walked in start order until its first rows, the counts by a hash
 * aggregate, no sort, no window and no primary-key lookups (h-pgweek7: the statement's server CPU
 * at 1M 3.2 → 1.75 ms). Fewer rows, or a small team, keep the numbering.
 *
 * What it saves on the client: the statement is written around the list's WHERE (`rowsWhere`, by
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
  const { status, ...others } = query.where ?? {};
  // `in` lists and a scope's ids as array parameters: the text depends on neither's length.
  const rows = rowsWhere(ctx, spec, scope, others, true);
  const starts = dayStarts.map((at) => engine.encodeInstant(at));
  // The WHERE's own parameters are $1…$n; the statement's follow them.
  let next = rows.parameters.length;
  const placeholder = () => `$${++next}`;
  const statusTest = status === undefined ? undefined : `"t"."status" = any(${placeholder()}::text[])`;
  const tenant = placeholder();
  const first = placeholder();
  const last = placeholder();
  // The day boundaries: the inner starts (numbered) or every start and the end (walked).
  const boundaries = placeholder();
  const { documents } = ctx;
  // The same owners and filters over as many days, however read and whichever week: how many rows
  // they counted last time chooses the way (a team's next week is read as its last one was).
  const volume =
    documents === undefined
      ? undefined
      : `${rows.sql}\u0001${JSON.stringify([...rows.parameters, status ?? null, days.length, perDay])}`;
  const walked = walkDaysByStart(query, volume === undefined ? undefined : documents?.countedOf(volume));
  // The walk tests a fetched row's owner against a hashed set first (most rows of a day are others').
  const owners = walked ? placeholder() : undefined;
  const knownIds = placeholder();
  const knownVersions = placeholder();
  const knownTimes = placeholder();
  // Checked by `activityDays` (1–500): written into the text, so the statement is one per `perDay`.
  const limit = literalLimit(perDay).compile(ctx.db).sql;
  const text =
    owners !== undefined
      ? daysByStartText({
          table: spec.table,
          where: rows.sql,
          statusTest,
          tenant,
          first,
          last,
          starts: boundaries,
          owners,
          knownIds,
          knownVersions,
          knownTimes,
          limit,
        })
      : numberedDaysText(
          spec.table,
          rows.sql,
          statusTest,
          { tenant, first, last, boundaries, limit },
          { knownIds, knownVersions, knownTimes },
        );
  const parameters = [
    ...rows.parameters,
    // One value or several, as the `in` filter takes them.
    ...(status === undefined ? [] : [Array.isArray(status) ? [...status] : [status]]),
    ctx.tenantId,
    starts[0],
    starts[days.length],
    ...(walked
      ? [starts.slice(0, days.length + 1), [...(query.where?.ownerId ?? [])]]
      : [starts.slice(1, days.length)]),
  ];
  const asked = documents === undefined ? undefined : `${text}\u0001${JSON.stringify(parameters)}`;
  const known = asked === undefined ? undefined : documents?.recall(asked);
  const { rows: found } = await ctx.execute<DayRow>(
    CompiledQuery.raw(text, [
      ...parameters,
      known?.ids ?? '{}',
      known?.versions ?? '{}',
      known?.times ?? '{}',
    ]),
    { hot: true, genericPlan: query.planOnce === true },
  );
  // A known key whose document the cache has since let go is read by id (a round trip more).
  const docs = await cachedDocuments<Activity, DayRow>(ctx, spec.table, found, (missing) =>
    documentsById(ctx, spec.table, missing),
  );
  // Every row known and as many as last time: the same keys, already remembered.
  const same = known?.count === found.length && found.every((row) => row.doc === null);
  if (asked !== undefined && !same)
    documents?.remember(
      asked,
      found.map(({ id, version, updated }) => ({ id, version, updated })),
    );
  for (const [k, row] of found.entries()) {
    const at = days[engine.decodeInt(row.day)];
    const doc = docs[k];
    if (at === undefined || doc === undefined) continue;
    at.items.push(doc);
    at.more = engine.decodeInt(row.n) - at.items.length;
  }
  if (volume !== undefined)
    documents?.keepCounted(
      volume,
      days.reduce((n, d) => n + d.items.length + d.more, 0),
    );
  return days;
}

/**
 * The days statement that numbers the owners' rows: the window's rows numbered per day (by start
 * time, then id) and counted, and only each day's first `limit` fetch their documents (or only
 * their version and time when known). The day is `width_bucket` over the inner day starts.
 */
function numberedDaysText(
  table: string,
  where: string,
  statusTest: string | undefined,
  p: { tenant: string; first: string; last: string; boundaries: string; limit: string },
  known: { knownIds: string; knownVersions: string; knownTimes: string },
): string {
  const statuses = statusTest === undefined ? '' : ` and (${statusTest}) is true`;
  // The day a row falls on: how many of the later days' starts it is not before.
  const day = `width_bucket("t"."start_at", ${p.boundaries}::timestamptz[])`;
  // A document comes back only when the rows of this same read last time did not hold its version
  // and time: those keys are the `known` arrays, so a week read again sends no document.
  return (
    `select "a"."id", "a"."version", "a"."updated_at"::text as "updated", ` +
    `case when "k"."id" is null then "a"."doc" end as "doc", "w"."day", "w"."n" from (select ${day} as "day", ` +
    `"t"."start_at", "t"."id", row_number() over "d" as "rn", count(*) over "d" as "n" from "${table}" as "t" ` +
    `where (${where})${statuses} and "t"."start_at" >= ${p.first} and "t"."start_at" < ${p.last} ` +
    `window "d" as (partition by ${day} order by "t"."start_at", "t"."id" rows between unbounded preceding and unbounded following)) as "w" ` +
    `inner join "${table}" as "a" on "a"."tenant_id" = ${p.tenant} and "a"."id" = "w"."id" ` +
    `left join unnest(${known.knownIds}::text[], ${known.knownVersions}::bigint[], ${known.knownTimes}::text[]) as "k"("id", "v", "u") ` +
    `on "k"."id" = "a"."id" and "k"."v" = "a"."version" and "k"."u" = "a"."updated_at"::text ` +
    `where "w"."rn" <= ${p.limit} order by "w"."day", "w"."rn"`
  );
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
