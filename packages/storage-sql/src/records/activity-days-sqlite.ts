import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter } from '@gongfu/core';
import { CompiledQuery } from 'kysely';
import { cachedDocuments, type DocumentKey, type ReadDocument } from './cached-documents.js';
import { literalLimit } from './compile-where.js';
import type { RecordSpec } from './record-spec.js';
import { rowsWhere } from './rows-where-cached.js';
import { scopeImpliedByOwners } from './scope-implied-by-owners.js';
import type { StoreContext } from './store-context.js';

/**
 * SQLite's calendar days, in three short reads instead of one numbered window: each day's count
 * (one `count(*)` a day, `union all`), each non-empty day's first `perDay` ids with their versions
 * (one arm a day, `order by start_at, id limit perDay`, a range of the owner/start index per
 * owner), then the documents not kept for those versions by primary key. Numbering every row of a
 * team's week (~2,800 at 1M) cost ~5 ms of the statement's 6; the arms sort only each day's rows
 * and keep `perDay`. The documents are a statement of their own so the planner cannot drive the
 * join from another index (it did: 226 ms).
 *
 * The statements are written around the list's WHERE (tenant, filters, scope; `rowsWhere`, by
 * Kysely once per plain shape): the rest of their text depends only on the number of days, the non-empty ones,
 * `perDay` and the number of ids, so SQLite's statement cache prepares each once. Building the
 * counts and an arm in Kysely cost more CPU a call than running them.
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
  const rows = rowsWhere(ctx, spec, scope, query.where ?? {});
  const starts = dayStarts.map((at) => engine.encodeInstant(at));
  // Each day counted on its own range of the owner/start index: `count(*)` of a range is SQLite's
  // cheapest walk of it, where one walk of the week numbering each row's day by a CASE and grouping
  // by it (a temporary b-tree) cost more than half as much again (team week at 1M: 0.94 → 0.57 ms).
  const count = (i: number) => ({
    sql: `select ${i} as "day", count(*) as "n" from "${spec.table}" as "t" where (${rows.sql}) and "t"."start_at" >= ? and "t"."start_at" < ?`,
    parameters: [...rows.parameters, starts[i], starts[i + 1]],
  });
  const counts = await unionAll<{ day: unknown; n: unknown }>(
    ctx,
    days.map((_, i) => count(i)),
  );
  const counted: number[] = [];
  for (const row of counts) counted[engine.decodeInt(row.day)] = engine.decodeInt(row.n);
  const filled = days.flatMap((_, i) => ((counted[i] ?? 0) > 0 ? [i] : []));
  if (filled.length === 0) return days;

  // Checked by `activityDays` (1–500): written into the text, as a bound LIMIT re-plans every run.
  const limit = literalLimit(perDay).compile(ctx.db).sql;
  // Each arm's rows bring their version and time from the table (a descent by rowid for each of
  // the `perDay` kept, after the limit): what finds a document kept, with no statement of its own
  // (a repeated team week at 1M: the arms 1.20 → 1.21–1.26 ms, the versions' statement's 0.24 gone).
  //
  // A full day's first rows all start no later than the last of them, so a day the same read
  // listed in full last time is scanned only up to that row's start (`<=`: its equals too): each
  // owner's range stops there instead of at the day's end (the arms at 1M 1.45 → 1.22 ms). Rows
  // moved earlier only make the day's first rows earlier; a day that lists fewer than its count
  // allows (rows moved later, cancelled or gone) is read again without the bound, so the answer is
  // the unbounded one whatever changed.
  const read = `${rows.sql}\u0001${JSON.stringify([rows.parameters, starts, perDay])}`;
  const bounds = ctx.documents?.boundsOf(read);
  const boundOf = (i: number) => bounds?.[i] ?? null;
  const arm = (i: number, bound: unknown) => ({
    sql: `select "a"."r" as "r", "a"."id" as "id", "a"."start_at" as "start_at", "a"."day" as "day", "d"."version", "d"."updated_at" as "updated" from (select "t"."rowid" as "r", "t"."id", "t"."start_at", ${i} as "day" from "${spec.table}" as "t" where (${rows.sql}) and "t"."start_at" >= ? and "t"."start_at" < ?${bound === null ? '' : ' and "t"."start_at" <= ?'} order by "t"."start_at", "t"."id" limit ${limit}) as "a" cross join "${spec.table}" as "d" on "d"."rowid" = "a"."r"`,
    parameters: [...rows.parameters, starts[i], starts[i + 1], ...(bound === null ? [] : [bound])],
  });
  const inOrder = ' order by "day", "start_at", "id"';
  let firsts = await unionAll<ArmRow>(
    ctx,
    filled.map((i) => arm(i, boundOf(i))),
    inOrder,
  );
  const listed = (rowsRead: readonly ArmRow[]) => {
    const perDayListed: number[] = days.map(() => 0);
    for (const row of rowsRead) {
      const i = engine.decodeInt(row.day);
      perDayListed[i] = (perDayListed[i] ?? 0) + 1;
    }
    return perDayListed;
  };
  const first = listed(firsts);
  const short = filled.filter(
    (i) => boundOf(i) !== null && (first[i] ?? 0) < Math.min(perDay, counted[i] ?? 0),
  );
  if (short.length > 0) {
    const again = await unionAll<ArmRow>(
      ctx,
      short.map((i) => arm(i, null)),
      inOrder,
    );
    firsts = [...firsts.filter((row) => !short.includes(engine.decodeInt(row.day))), ...again];
  }
  const final = listed(firsts);
  const lastStart: unknown[] = days.map(() => null);
  for (const row of firsts) {
    const i = engine.decodeInt(row.day);
    if (final[i] === perDay) lastStart[i] = row.start_at;
  }
  ctx.documents?.keepBounds(read, lastStart);
  // The documents not kept for their version, by rowid, in a statement of their own: joined to the
  // arms (even from them, by `cross join`) the documents went through the sort and the statement
  // took twice as long. The arms read each row's rowid from the owner/start index (every index
  // entry holds it), so a document is one descent of the table's b-tree, not one of the
  // (tenant_id, id) index first and then one of the table. All run in the read's transaction, so
  // a rowid still names the row its arm found; the tenant is tested on the row all the same, and
  // `cachedDocuments` matches each document to its key by id, version and time.
  const docs = await cachedDocuments<Activity, ArmRow>(ctx, spec.table, firsts, (missing) =>
    rowsByRowid<ReadDocument>(ctx, spec.table, `${KEY_COLUMNS}, "doc"`, missing),
  );
  for (const [k, row] of firsts.entries()) {
    const i = engine.decodeInt(row.day);
    const at = days[i];
    const doc = docs[k];
    if (at === undefined || doc === undefined) continue;
    at.items.push(doc);
    at.more = (counted[i] ?? 0) - at.items.length;
  }
  return days;
}

/** One arm's row: the rowid, id and document key of one of a day's first activities. */
interface ArmRow extends DocumentKey {
  r: unknown;
  start_at: unknown;
  day: unknown;
}

/** What finds a row's document kept: its version and update time. */
const KEY_COLUMNS = '"version", "updated_at" as "updated"';

/** The tenant's rows of these rowids, with `columns` (ids and rowids both checked by the caller). */
async function rowsByRowid<R>(
  ctx: StoreContext,
  table: string,
  columns: string,
  rows: readonly { r: unknown }[],
): Promise<R[]> {
  const { rows: found } = await ctx.execute<R>(
    CompiledQuery.raw(
      `select "rowid" as "r", "id", ${columns} from "${table}" where "rowid" in (${rows.map(() => '?').join(', ')}) and "tenant_id" = ?`,
      [...rows.map((row) => row.r), ctx.tenantId],
    ),
    { hot: true },
  );
  return found;
}

/** Below SQLite's 32,766 parameters a statement: a month of arms each naming a wide scope's ids can pass it. */
const MAX_PARAMETERS = 30_000;

/**
 * The rows of `parts` (one select each, all of the same columns) joined by `union all`, in as few
 * statements as the parameter limit allows; `orderBy` is appended to each statement.
 */
async function unionAll<R>(
  ctx: StoreContext,
  parts: readonly { sql: string; parameters: readonly unknown[] }[],
  orderBy = '',
): Promise<R[]> {
  const found: R[] = [];
  for (const batch of withinParameterLimit(parts)) {
    const { rows } = await ctx.execute<R>(
      CompiledQuery.raw(
        `${batch.map((part) => part.sql).join(' union all ')}${orderBy}`,
        batch.flatMap((part) => part.parameters),
      ),
      { hot: true },
    );
    found.push(...rows);
  }
  return found;
}

/** Consecutive parts in as few batches as the parameter limit allows (one part at least). */
function withinParameterLimit<A extends { parameters: readonly unknown[] }>(parts: readonly A[]): A[][] {
  const batches: A[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const part of parts) {
    if (size + part.parameters.length > MAX_PARAMETERS) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]?.push(part);
    size += part.parameters.length;
  }
  return batches;
}
