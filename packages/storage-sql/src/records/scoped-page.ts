import type { RowScope } from '@gongfu/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { inIds, literalLimit, readsThrough } from './compile-where.js';
import type { CursorKey } from './cursor.js';
import { pageSlots, runPageTemplate } from './page-template.js';
import type { ReadThrough, RecordSpec } from './record-spec.js';
import { filtersMark, type SlotOf } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/**
 * Most index ranges a merged page reads (owner ids + team-owner ids + other seats + subject
 * kinds). A rep reads 2–5, a line manager of ten about 25; a wider scope (the head of a
 * 200-person tree) walks the table instead, where the rows it may see are dense.
 */
export const MAX_RANGES = 64;
/**
 * SQLite's cap: its walk tests compact index entries without a round trip, and a line manager of
 * ten (~25 ranges) merged cost 1.5–2.4× the walk at 100k (bench/RESULTS.md), while a rep (2–5
 * ranges) merged cost 0.15–0.3× of it.
 */
export const MAX_RANGES_SQLITE = 12;

type Where = (eb: AnyExpressionBuilder) => Expression<SqlBool>;
type ScopedScope = RowScope & { kind: 'scoped' };

/**
 * A scoped page as the merge of index ranges, or null where the walk must serve it (a table
 * without scope keys, a wide scope, `all`/`none`). Exact: a row is visible iff its owner is in
 * ownerIds, or a member of memberIds holds its governing team's owner seat (`team_owner_id`,
 * kept by migration 0023's triggers) or another seat with enough access on it (`team_key`), or
 * (at read) the record it is about is visible. Each of those is one range of its own index, read
 * newest first and cut at limit + 1 rows; the page is the first limit + 1 of their union, so the
 * work is O(ranges × page), whatever the table's size.
 */
export async function mergedPageRows(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table and scope rules are read.
  spec: RecordSpec<any, any>,
  scope: RowScope,
  filters: Where,
  after: CursorKey | null,
  limit: number,
  /** The list has filters of its own: its text then depends on them, so it is built per call. */
  filtered = true,
  /** `ListQuery.planOnce`: PostgreSQL runs the page with its generic plan. */
  planOnce = false,
): Promise<{ doc: unknown }[] | null> {
  if (ctx.scopedPages === 'walk' || !spec.scopeKeyed || scope.kind !== 'scoped') return null;
  const through = scope.minAccess === 'read' ? (spec.readThrough ?? []) : [];
  if (through.some((t) => t.onlyWhere === undefined)) return null;
  const { engine } = ctx;
  const cap = engine.name === 'sqlite' ? MAX_RANGES_SQLITE : MAX_RANGES;
  const fixed = scope.ownerIds.length + scope.memberIds.length + through.length;
  if (fixed > cap) return null;
  if (engine.name === 'postgres')
    return postgresPage(ctx, spec, scope, through, filters, filtered, after, limit, planOnce);
  const seats = await otherSeats(ctx, scope, cap - fixed);
  if (seats === null) return null;
  const { db, tenantId } = ctx;
  const tests: Where[] = [
    ...scope.ownerIds.map(
      (id): Where =>
        (eb) =>
          eb('t.owner_id', '=', id),
    ),
    ...scope.memberIds.map(
      (id): Where =>
        (eb) =>
          eb('t.team_owner_id', '=', id),
    ),
    ...seats.map(
      (key): Where =>
        (eb) =>
          eb('t.team_key', '=', key),
    ),
    ...through.map(
      (t, i): Where =>
        (eb) =>
          readsThrough(eb, scope, 't', `t_rt${i}`, t, engine, tenantId),
    ),
  ];
  if (tests.length === 0) return [];
  const cursor = after === null ? null : { at: engine.encodeInstant(after.createdAt), id: after.id };
  const newest = newestOf(ctx, spec, tenantId, filters, cursor, limit);
  const ranges = tests.map((test, i) =>
    db.selectFrom(newest(test).as(`r${i}`)).select([`r${i}.created_at`, `r${i}.id`]),
  );
  return pageFromRanges(ctx, spec, tenantId, ranges, limit).execute();
}

type Cursor = { at: unknown; id: unknown } | null;

/** One range: the rows passing `test`, newest first from its index, cut at limit + 1. */
function newestOf(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table is read.
  spec: RecordSpec<any, any>,
  tenantId: string,
  filters: Where,
  cursor: Cursor,
  limit: number,
) {
  return (test: Where) =>
    ctx.db
      .selectFrom(`${spec.table} as t`)
      .select(['t.created_at', 't.id'])
      .where('t.tenant_id', '=', tenantId)
      .where(test)
      .where(filters)
      .$if(cursor !== null, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('t.created_at', '<', (cursor as NonNullable<Cursor>).at),
            eb.and([
              eb('t.created_at', '=', (cursor as NonNullable<Cursor>).at),
              eb('t.id', '<', (cursor as NonNullable<Cursor>).id),
            ]),
          ]),
        ),
      )
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(literalLimit(limit + 1));
}

/** The first limit + 1 of the ranges' union, newest first, with their documents. */
function pageFromRanges(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table is read.
  spec: RecordSpec<any, any>,
  tenantId: string,
  // biome-ignore lint/suspicious/noExplicitAny: ranges of (created_at, id) rows from any table.
  ranges: any[],
  limit: number,
) {
  const [first, ...rest] = ranges;
  // UNION, not UNION ALL: a row in two ranges (owned by the rep, on the rep's deal) counts once.
  let merged = first;
  for (const next of rest) merged = merged.union(next);
  const page = merged
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(literalLimit(limit + 1));
  return ctx.db
    .selectFrom(`${spec.table} as t`)
    .innerJoin(page.as('p'), (join) => join.onRef('p.id', '=', 't.id'))
    .select(['t.doc'])
    .where('t.tenant_id', '=', tenantId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc');
}

/**
 * PostgreSQL's page: the scope's ids travel as two arrays and each key's range is a lateral read
 * per array element (owner ids, team-owner ids, the members' other seats), so the statement is one
 * round trip and its text does not depend on who asks: one prepared statement per table, access
 * level, page size and shape of the list's filters (their `in` lists are arrays too), built once
 * (the filters compiled apart and spliced in). Before, a line
 * manager's page built a Kysely tree of ~25 ranges on every call (about 40 % of the call's CPU)
 * and PostgreSQL planned the text anew each time (2–17 ms at 10k).
 */
async function postgresPage(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table and scope rules are read.
  spec: RecordSpec<any, any>,
  scope: ScopedScope,
  through: readonly ReadThrough[],
  filters: Where,
  filtered: boolean,
  after: CursorKey | null,
  limit: number,
  planOnce: boolean,
): Promise<{ doc: unknown }[]> {
  const owners = scope.ownerIds.length > 0;
  const members = scope.memberIds.length > 0;
  if (!owners && !members && through.length === 0) return [];
  // The list's own filters (a calendar's owners, statuses and dates) are compiled per call into a
  // small fragment spliced where the template says: the ranges are not rebuilt for them.
  const build = (slot: SlotOf) => {
    const tenant = slot<string>('tenant');
    const bound = { ownerIds: slot('owners'), memberIds: slot('members') };
    const cursor = after === null ? null : { at: slot('at'), id: slot('afterId') };
    const newest = newestOf(ctx, spec, tenant, filtersMark, cursor, limit);
    const { db } = ctx;
    // One range per element of an id array: each a backward read of its own index, cut at limit + 1.
    const perKey = (column: 'owner_id' | 'team_owner_id', ids: unknown, i: number) =>
      db
        .selectFrom(sql`unnest(${ids}::text[])`.as(`k${i}`))
        .innerJoinLateral(newest((eb) => eb(`t.${column}`, '=', eb.ref(`k${i}.k${i}`))).as(`r${i}`), (join) =>
          join.onTrue(),
        )
        .select([`r${i}.created_at`, `r${i}.id`]);
    const ranges: unknown[] = [];
    if (owners) ranges.push(perKey('owner_id', bound.ownerIds, 0));
    if (members) ranges.push(perKey('team_owner_id', bound.memberIds, 1));
    through.forEach((t, i) => {
      const test: Where = (eb) => readsThrough(eb, scope, 't', `t_rt${i}`, t, ctx.engine, tenant, bound);
      ranges.push(db.selectFrom(newest(test).as(`rt${i}`)).select([`rt${i}.created_at`, `rt${i}.id`]));
    });
    if (members)
      ranges.push(
        db
          .selectFrom(seatKeys(ctx, scope, tenant, bound.memberIds).as('s'))
          .innerJoinLateral(newest((eb) => eb('t.team_key', '=', eb.ref('s.team_key'))).as('rs'), (join) =>
            join.onTrue(),
          )
          .select(['rs.created_at', 'rs.id']),
      );
    return pageFromRanges(ctx, spec, tenant, ranges, limit);
  };
  return runPageTemplate(
    ctx,
    `${spec.table}:page:${scope.minAccess}:${owners}:${members}:${after !== null}:${limit}`,
    pageSlots(ctx, scope, after),
    build,
    spec.table,
    filtered ? filters : null,
    // Unfiltered (a rep's or a line manager's first page), each range is a backward read of its
    // own index whoever asks, and the read-through arms are found by their literal kind: the plan
    // does not depend on the ids. Planned per call it cost 1.4–2.2 ms of server time at 100k against
    // 1–2 ms of execution (h-pg1m at 1M: planning 3.7 ms against 2.1 of execution; a manager's page
    // of eleven people measured the same either way). A list's own filters choose by value: planned
    // per call unless `planOnce`.
    !filtered || planOnce,
  );
}

/** Most other seats SQLite's walk tests on the row itself (an `in` list); more, and it seeks `team_members`. */
const WALK_SEATS = 64;
/**
 * Most members whose seats the walk reads first. A wide scope (the head of a 200-person tree)
 * keeps most rows by owner and seldom reaches the team test, while reading 200 people's seats
 * cost more than it saved (1M: 2.7 against 0.9 ms of CPU); a line manager of ten skips ~95 %.
 */
const WALK_SEAT_MEMBERS = 32;

/**
 * The seats SQLite's walk of a scoped page tests on each row (`scopeWhere`'s `seats`), or
 * undefined where it keeps the `team_members` seek: another engine, the `walk` reference, a table
 * without scope keys, no members or many in the scope, or more other seats than an `in` list
 * should carry.
 */
export async function walkSeats(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its scope keys are read.
  spec: RecordSpec<any, any>,
  scope: RowScope,
): Promise<string[] | undefined> {
  // `walk` keeps the seek: the reference the merged pages and this are checked against.
  if (ctx.engine.name !== 'sqlite' || ctx.scopedPages === 'walk') return undefined;
  if (!spec.scopeKeyed || scope.kind !== 'scoped') return undefined;
  if (scope.memberIds.length === 0 || scope.memberIds.length > WALK_SEAT_MEMBERS) return undefined;
  return (await otherSeats(ctx, scope, WALK_SEATS)) ?? undefined;
}

/**
 * The teams a member of the scope sits on other than as the copied owner seat (presales seats,
 * account-team seats, an owner seat without edit), or null when there are more than `room`:
 * then the walk serves the page. Read from the seats index alone (migration 0023).
 */
async function otherSeats(ctx: StoreContext, scope: ScopedScope, room: number): Promise<string[] | null> {
  if (scope.memberIds.length === 0) return [];
  const rows = await seatKeys(ctx, scope, ctx.tenantId)
    .limit(literalLimit(room + 1))
    .execute();
  // Cut at room + 1 rows: more may follow, so a cut list (even of few distinct keys) is not all.
  if (rows.length > room) return null;
  return [...new Set(rows.map((r) => String(r.team_key)))];
}

/** Non-owner seats of the scope's members with enough access; at read, also an owner seat held read-only. */
function seatKeys(ctx: StoreContext, scope: ScopedScope, tenantId: string, boundMemberIds?: unknown) {
  const { db, engine } = ctx;
  // In a prepared statement (ids bound as arrays) the constants are written into the text, as the
  // planner of a generic plan otherwise sees only a parameter.
  const bound = <V>(value: V) => (boundMemberIds === undefined ? value : sql.lit(value));
  const seats = (isOwner: boolean, access: 'read' | 'edit' | null) =>
    db
      .selectFrom('team_members')
      .select('team_key')
      .where('tenant_id', '=', tenantId)
      .where((eb) => inIds(eb, 'user_id', scope.memberIds, boundMemberIds))
      .where('is_owner', '=', bound(engine.encodeBool(isOwner)))
      .$if(access !== null, (qb) => qb.where('access', '=', bound(access as string)));
  return scope.minAccess === 'edit' ? seats(false, 'edit') : seats(false, null).unionAll(seats(true, 'read'));
}
