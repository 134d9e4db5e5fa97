import type { ActivityDaysQuery } from '@gongfu/core';

/**
 * How many times the entries a walk reads a day the owners' rows must be for the walk to be taken:
 * a walked entry costs its row's fetch, a numbered row its share of a sort, a window and (for the
 * listed) a primary-key lookup. Fitted on the team week of a manager of 51 of 200 people (bench/RESULTS.md,
 * issue 15, h-pgweek7), server CPU a call, numbered → walked: 1M (2,849 rows) 4.2 → 3.3 ms; 100k
 * (~290 rows) 2.4 → 2.9 ms; 10k 1.5 → 1.8 ms: break-even near 1,000 rows, twice the walk's ~550.
 */
const WALK_RATIO = 2;

/**
 * Whether a day's first rows are cheaper found by walking the tenant's day in start order (the
 * `(tenant_id, start_at)` index, one row fetched per entry) than by numbering all the owners' rows.
 * The walk meets a listed owner's row about once every `people / owners` entries, so a day's first
 * `perDay` cost about `perDay × people / owners` entries, whatever the owners hold; numbering costs
 * every row the owners have in the days. `counted` is how many rows the same read (any week)
 * counted last time (none yet: numbered). How many people the tenant has comes from the scope
 * (`outsiders`: everyone else); a scope without them (an admin's), or a read not filtered by owner,
 * keeps the numbering.
 */
export function walkDaysByStart(query: ActivityDaysQuery, counted: number | undefined): boolean {
  const { scope, perDay } = query;
  const owners = query.where?.ownerId?.length ?? 0;
  if (scope.kind !== 'scoped' || scope.outsiders === undefined || owners === 0 || counted === undefined)
    return false;
  const people = scope.ownerIds.length + scope.outsiders.length;
  const days = query.dayStarts.length - 1;
  return counted * owners >= WALK_RATIO * perDay * people * days;
}

/** The texts and placeholders a days statement is built from (`postgresActivityDays`). */
export interface DaysStatementParts {
  table: string;
  /** The rows' WHERE (tenant, filters, scope) over `"t"`. */
  where: string;
  /** The statuses' test on `"t"` (`"t"."status" = any(…)`), when the filter has one. */
  statusTest: string | undefined;
  tenant: string;
  first: string;
  last: string;
  /** Every day's start, then the end of the last day: one `timestamptz[]` parameter. */
  starts: string;
  /** The owner filter's ids again (`text[]`): tested first on each fetched row, as a hashed set. */
  owners: string;
  knownIds: string;
  knownVersions: string;
  knownTimes: string;
  /** The per-day limit, written in. */
  limit: string;
}

/**
 * The days statement that walks each day in start order: one LATERAL a day (`generate_series` over
 * the starts, so one text for any number of days) takes the day's first `limit` rows from the
 * `(tenant_id, start_at)` index, their documents from the rows it fetched (no primary-key lookup),
 * and the days' counts come from one hash aggregate over the owners' calendar index (no sort, no
 * window). The WHERE is tested on each fetched row (`is true`: not an index condition, so the
 * start-time index is the one the generic plan can use), after the owner: `in (select unnest …)`
 * inside the expression stays a hashed SubPlan, built once, where `= any($n)` compares each of the
 * day's rows — mostly other people's — with every owner (1M, 51 owners: the statement 2.1 →
 * 1.75 ms). The owner test only repeats the WHERE's own filter; the counts keep the same rows.
 */
export function daysByStartText(p: DaysStatementParts): string {
  const starts = `${p.starts}::timestamptz[]`;
  const statuses = p.statusTest === undefined ? '' : ` and ${p.statusTest}`;
  return (
    `select "a"."id", "a"."version", "a"."updated_at"::text as "updated", ` +
    `case when "k"."id" is null then "a"."doc" end as "doc", "d"."i" - 1 as "day", "c"."n" ` +
    `from generate_series(1, cardinality(${starts}) - 1) as "d"("i") ` +
    `cross join lateral (select "t"."id", "t"."version", "t"."updated_at", "t"."doc", "t"."start_at" from "${p.table}" as "t" ` +
    `where "t"."tenant_id" = ${p.tenant} and "t"."start_at" >= (${starts})["d"."i"] and "t"."start_at" < (${starts})["d"."i" + 1] ` +
    `and ("t"."owner_id" in (select unnest(${p.owners}::text[])) and (${p.where})${statuses}) is true order by "t"."start_at", "t"."id" limit ${p.limit}) as "a" ` +
    `inner join (select width_bucket("t"."start_at", ${starts}) - 1 as "day", count(*) as "n" from "${p.table}" as "t" ` +
    `where (${p.where})${p.statusTest === undefined ? '' : ` and (${p.statusTest}) is true`} and "t"."start_at" >= ${p.first} and "t"."start_at" < ${p.last} group by 1) as "c" ` +
    `on "c"."day" = "d"."i" - 1 ` +
    `left join unnest(${p.knownIds}::text[], ${p.knownVersions}::bigint[], ${p.knownTimes}::text[]) as "k"("id", "v", "u") ` +
    `on "k"."id" = "a"."id" and "k"."v" = "a"."version" and "k"."u" = "a"."updated_at"::text ` +
    `order by "d"."i", "a"."start_at", "a"."id"`
  );
}
