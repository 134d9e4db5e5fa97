import type { RowScope } from '@gongfu/core';
import type { Expression, SqlBool } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { literalLimit, readsThrough } from './compile-where.js';
import type { CursorKey } from './cursor.js';
import type { RecordSpec } from './record-spec.js';
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
): Promise<{ doc: unknown }[] | null> {
  if (ctx.scopedPages === 'walk' || !spec.scopeKeyed || scope.kind !== 'scoped') return null;
  const through = scope.minAccess === 'read' ? (spec.readThrough ?? []) : [];
  if (through.some((t) => t.onlyWhere === undefined)) return null;
  const { db, engine, tenantId } = ctx;
  const cap = engine.name === 'sqlite' ? MAX_RANGES_SQLITE : MAX_RANGES;
  const fixed = scope.ownerIds.length + scope.memberIds.length + through.length;
  if (fixed > cap) return null;
  // PostgreSQL reads the other seats inside the page's statement (a lateral range per seat), so
  // the page stays one round trip; SQLite reads them first, and walks if there are too many.
  const lateral = engine.name === 'postgres';
  const seats = lateral ? [] : await otherSeats(ctx, scope, cap - fixed);
  if (seats === null) return null;

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
  if (tests.length === 0 && !(lateral && scope.memberIds.length > 0)) return [];
  const at = after === null ? null : engine.encodeInstant(after.createdAt);
  // One range: the rows passing `test`, newest first from its index, cut at limit + 1.
  const newest = (test: Where) =>
    db
      .selectFrom(`${spec.table} as t`)
      .select(['t.created_at', 't.id'])
      .where('t.tenant_id', '=', tenantId)
      .where(test)
      .where(filters)
      .$if(at !== null, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('t.created_at', '<', at),
            eb.and([eb('t.created_at', '=', at), eb('t.id', '<', (after as CursorKey).id)]),
          ]),
        ),
      )
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(literalLimit(limit + 1));
  const ranges = tests.map((test, i) =>
    db.selectFrom(newest(test).as(`r${i}`)).select([`r${i}.created_at`, `r${i}.id`]),
  );
  if (lateral && scope.memberIds.length > 0) {
    ranges.push(
      db
        .selectFrom(seatKeys(ctx, scope).as('s'))
        .innerJoinLateral(newest((eb) => eb('t.team_key', '=', eb.ref('s.team_key'))).as('rs'), (join) =>
          join.onTrue(),
        )
        .select(['rs.created_at', 'rs.id']) as unknown as (typeof ranges)[number],
    );
  }
  const [first, ...rest] = ranges;
  // UNION, not UNION ALL: a row in two ranges (owned by the rep, on the rep's deal) counts once.
  let merged = first as NonNullable<typeof first>;
  for (const next of rest) merged = merged.union(next);
  const page = merged
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(literalLimit(limit + 1));
  return db
    .selectFrom(`${spec.table} as t`)
    .innerJoin(page.as('p'), (join) => join.onRef('p.id', '=', 't.id'))
    .select(['t.doc'])
    .where('t.tenant_id', '=', tenantId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
}

/**
 * The teams a member of the scope sits on other than as the copied owner seat (presales seats,
 * account-team seats, an owner seat without edit), or null when there are more than `room`:
 * then the walk serves the page. Read from the seats index alone (migration 0023).
 */
async function otherSeats(ctx: StoreContext, scope: ScopedScope, room: number): Promise<string[] | null> {
  if (scope.memberIds.length === 0) return [];
  const rows = await seatKeys(ctx, scope)
    .limit(literalLimit(room + 1))
    .execute();
  // Cut at room + 1 rows: more may follow, so a cut list (even of few distinct keys) is not all.
  if (rows.length > room) return null;
  return [...new Set(rows.map((r) => String(r.team_key)))];
}

/** Non-owner seats of the scope's members with enough access; at read, also an owner seat held read-only. */
function seatKeys(ctx: StoreContext, scope: ScopedScope) {
  const { db, engine, tenantId } = ctx;
  const seats = (isOwner: boolean, access: 'read' | 'edit' | null) =>
    db
      .selectFrom('team_members')
      .select('team_key')
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', [...scope.memberIds])
      .where('is_owner', '=', engine.encodeBool(isOwner))
      .$if(access !== null, (qb) => qb.where('access', '=', access as string));
  return scope.minAccess === 'edit' ? seats(false, 'edit') : seats(false, null).unionAll(seats(true, 'read'));
}
