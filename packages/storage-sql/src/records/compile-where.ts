import {
  CUSTOM_FIELD_NAME,
  type CustomCondition,
  type CustomScalar,
  type Range,
  type RowScope,
  StorageError,
  ValidationError,
} from '@gongfu/core';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { type ColumnKind, encodeCell, type SqlEngine } from '../engine/sql-engine.js';
import { BASE_COLUMN_KINDS, type FilterSpec, type ReadThrough } from './record-spec.js';

type Eb = AnyExpressionBuilder;
const never = () => sql<SqlBool>`1 = 0`;

/**
 * RowScope → SQL, mirroring the pure policy: owner in ownerIds, OR a member of the row's governing
 * team (team_key) in memberIds with at least minAccess, OR (a customer row, `readByDealTeams`, at
 * read) a member of the team of a deal on the account. `alias` is the outer table's alias.
 */
export function scopeWhere(
  eb: Eb,
  scope: RowScope,
  alias: string,
  engine?: SqlEngine,
  tenantId?: string,
  readByDealTeams?: boolean,
  readThrough: readonly ReadThrough[] = [],
  bound?: BoundIds,
  /**
   * The scope members' seats other than the copied owner seat (`otherSeats`), on a table with
   * scope keys: then a member's team is tested on the row itself (`team_owner_id`, `team_key`),
   * which SQLite's walk reads from its page index (migration 0125), not by a seek per row.
   */
  seats?: readonly string[],
): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'none') return never();
  const either: Expression<SqlBool>[] = [];
  if (scope.ownerIds.length > 0) either.push(inIds(eb, `${alias}.owner_id`, scope.ownerIds, bound?.ownerIds));
  if (scope.memberIds.length > 0 && seats !== undefined) {
    // Not by their own indexes: with every arm indexed SQLite may read the OR as a union of whole
    // ranges (a 200-person tree: most of the table) and sort it, instead of walking newest first.
    const onRow = (column: string) => (engine?.unindexed ? engine.unindexed(column) : column);
    either.push(inIds(eb, onRow(`${alias}.team_owner_id`), scope.memberIds, bound?.memberIds));
    if (seats.length > 0) either.push(eb(onRow(`${alias}.team_key`) as string, 'in', [...seats]));
    if (readByDealTeams && scope.minAccess === 'read')
      either.push(dealTeamReads(eb, scope.memberIds, alias, bound?.memberIds));
  } else if (scope.memberIds.length > 0) {
    // A team has a handful of rows: find them by key and test the user on each, one index seek per
    // row tested, instead of one seek per member id (a manager of ten: ten seeks per row).
    const user = engine?.unindexed ? engine.unindexed('tm.user_id') : 'tm.user_id';
    let members = eb
      .selectFrom('team_members as tm')
      .select(sql.lit(1).as('one'))
      // PostgreSQL hashes this subquery once per statement (the memberships of the scope's
      // people): the tenant as a constant lets it read them through (tenant_id, user_id) instead
      // of scanning every tenant's team rows (90 ms at 100k records).
      .$if(tenantId !== undefined, (qb) => qb.where('tm.tenant_id', '=', tenantId as string))
      .whereRef('tm.tenant_id', '=', `${alias}.tenant_id`)
      .whereRef('tm.team_key', '=', `${alias}.team_key`)
      .where((w) => inIds(w, user, scope.memberIds, bound?.memberIds));
    if (scope.minAccess === 'edit') members = members.where('tm.access', '=', 'edit');
    either.push(eb.exists(members));
    if (readByDealTeams && scope.minAccess === 'read')
      either.push(dealTeamReads(eb, scope.memberIds, alias, bound?.memberIds));
  }
  if (scope.minAccess === 'read') {
    readThrough.forEach((through, i) => {
      either.push(readsThrough(eb, scope, alias, `${alias}_rt${i}`, through, engine, tenantId, bound));
    });
  }
  return either.length === 0 ? never() : eb.or(either);
}

/**
 * A record table's rows (alias `t`) of one tenant that pass `filters` and that the scope lets the
 * actor see by the table's own rules (deal-team reads, read-through): the WHERE of a list's walk.
 */
export function tenantRowsWhere(
  eb: Eb,
  spec: { readByDealTeams?: true; readThrough?: readonly ReadThrough[] },
  scope: RowScope,
  engine: SqlEngine,
  tenantId: unknown,
  filters: Expression<SqlBool>,
  bound?: BoundIds,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('t.tenant_id', '=', tenantId), filters];
  const visible = scopeWhere(
    eb,
    scope,
    't',
    engine,
    tenantId as string,
    spec.readByDealTeams,
    spec.readThrough,
    bound,
  );
  if (visible !== null) parts.push(visible);
  return eb.and(parts);
}

/** The record the row names in `through.column` is visible under the same scope (its own rule). */
export function readsThrough(
  eb: Eb,
  scope: RowScope,
  alias: string,
  subject: string,
  through: ReadThrough,
  engine: SqlEngine | undefined,
  tenantId: string | undefined,
  bound?: BoundIds,
): Expression<SqlBool> {
  const visible = eb.exists(
    eb
      .selectFrom(`${through.spec.table} as ${subject}`)
      .select(sql.lit(1).as('one'))
      .whereRef(`${subject}.tenant_id`, '=', `${alias}.tenant_id`)
      .whereRef(`${subject}.id`, '=', `${alias}.${through.column}`)
      .where(
        (sub) =>
          scopeWhere(sub, scope, subject, engine, tenantId, through.spec.readByDealTeams, [], bound) ??
          never(),
      ),
  );
  if (!through.onlyWhere) return visible;
  const [column, value] = through.onlyWhere;
  // Bound ids mean a prepared statement with a generic plan: the kind is written into the text, so
  // the planner weighs this kind's rows (an MCV) rather than an average kind's.
  return eb.and([eb(`${alias}.${column}`, '=', bound === undefined ? value : sql.lit(value)), visible]);
}

/**
 * A customer row (team_key = its account id) read through a seat on the team of a deal on that
 * account: read only, so never part of an `edit` scope.
 *
 * Driven from the account: its deals come from the account index (0093), newest first, and each
 * deal's team is probed for a seat. Written as a join, PostgreSQL chose its order by statistics:
 * from every seat of the scope (164k team rows for a manager of ten at 1M) deal by deal, or a walk
 * of all deals, when the statistics made one account look as if it held every deal (6.1 s a page).
 * So the statement fixes the order itself: OFFSET keeps PostgreSQL from flattening an EXISTS (it
 * stays a correlated probe, ORDER BY included), and the order of the account index makes that index
 * the one cheap way to the first deal. SQLite takes the same path.
 */
export function dealTeamReads(
  eb: Eb,
  memberIds: readonly string[],
  alias: string,
  boundMemberIds?: unknown,
): Expression<SqlBool> {
  const seat = eb
    .selectFrom('team_members as dm')
    .select(sql.lit(1).as('one'))
    .whereRef('dm.tenant_id', '=', 'dl.tenant_id')
    .whereRef('dm.team_key', '=', 'dl.team_key')
    .where((w) => inIds(w, 'dm.user_id', memberIds, boundMemberIds))
    .limit(sql.lit(1))
    .offset(sql.lit(0));
  return eb.exists(
    eb
      .selectFrom('opportunities as dl')
      .select(sql.lit(1).as('one'))
      .whereRef('dl.tenant_id', '=', `${alias}.tenant_id`)
      .whereRef('dl.account_id', '=', `${alias}.team_key`)
      .where((inner) => inner.exists(seat))
      .orderBy('dl.created_at', 'desc')
      .orderBy('dl.id', 'desc')
      .limit(sql.lit(1))
      .offset(sql.lit(0)),
  );
}

/**
 * A scope's ids bound as one array parameter each (PostgreSQL), instead of one parameter per id:
 * the statement's text then no longer depends on how many people the scope holds, so it is built
 * once and prepared once (`slot-statement.ts`). The ids themselves still decide the rows.
 */
export interface BoundIds {
  /** The value bound for `scope.ownerIds` (the ids, or a template's stand-in for them). */
  ownerIds: unknown;
  /** The value bound for `scope.memberIds`. */
  memberIds: unknown;
}

/** `column in (ids)`, or `column = any(bound::text[])` when the ids are bound as one array. */
export function inIds(
  eb: Eb,
  column: string | Expression<unknown>,
  ids: readonly string[],
  bound: unknown,
): Expression<SqlBool> {
  if (bound === undefined) return eb(column as string, 'in', [...ids]);
  return sql<SqlBool>`${typeof column === 'string' ? sql.ref(column) : column} = any(${bound}::text[])`;
}

/** One filter object → the AND of its set keys, each compiled per its spec. */
export function filterWhere(
  eb: Eb,
  engine: SqlEngine,
  specs: Readonly<Record<string, FilterSpec>>,
  columns: Readonly<Record<string, ColumnKind>>,
  where: object | undefined,
  alias: string,
  /** PostgreSQL: an `in` list as one array parameter, so the text does not depend on its length. */
  arrays = false,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [key, value] of Object.entries(where ?? {})) {
    if (value === undefined) continue;
    const spec = specs[key];
    if (spec === undefined) throw new ValidationError([{ field: `where.${key}`, message: 'unknown filter' }]);
    const col = `${alias}.${spec.column}`;
    const kind = columns[spec.column] ?? BASE_COLUMN_KINDS[spec.column] ?? 'text';
    const enc = (v: unknown) => encodeCell(engine, kind, v);
    switch (spec.op) {
      case 'in': {
        // One value or several, the same shape as the service's list filters.
        const values = (Array.isArray(value) ? value : [value]).map(enc);
        if (values.length === 0) out.push(never());
        else if (arrays) out.push(sql<SqlBool>`${sql.ref(col)} = any(${values})`);
        else out.push(eb(col, 'in', values));
        break;
      }
      case 'eq':
        out.push(value === null ? eb(col, 'is', null) : eb(col, '=', enc(value)));
        break;
      case 'range': {
        const range = value as Range;
        if (range.from !== undefined) out.push(eb(col, '>=', enc(range.from)));
        if (range.to !== undefined) out.push(eb(col, '<', enc(range.to)));
        break;
      }
      case 'text':
        out.push(engine.containsText(eb.ref(col), String(value).toLowerCase()));
        break;
      case 'bool':
        out.push(eb(col, '=', engine.encodeBool(value as boolean)));
        break;
      case 'isNull':
        out.push(value ? eb(col, 'is', null) : eb(col, 'is not', null));
        break;
      case 'custom':
        out.push(...customWhere(eb, engine, col, value as Record<string, CustomCondition<CustomScalar>>));
        break;
    }
  }
  return out;
}

/** Each named custom field equal to a value, or from ≤ field < to. */
function customWhere(
  eb: Eb,
  engine: SqlEngine,
  docColumn: string,
  conditions: Record<string, CustomCondition<CustomScalar>>,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [name, condition] of Object.entries(conditions)) {
    // The name is written into the SQL text: only identifiers, whatever the caller checked.
    if (!CUSTOM_FIELD_NAME.test(name))
      throw new ValidationError([{ field: `where.custom.${name}`, message: 'not a custom field name' }]);
    const field = engine.customField(eb.ref(docColumn), name);
    if (condition !== null && typeof condition === 'object') {
      if (condition.from !== undefined) out.push(eb(field, '>=', engine.customValue(condition.from)));
      if (condition.to !== undefined) out.push(eb(field, '<', engine.customValue(condition.to)));
    } else out.push(eb(field, '=', engine.customValue(condition)));
  }
  return out;
}

/**
 * A LIMIT written into the SQL text. A bound `limit ?` made SQLite re-plan the statement on every
 * run (about 10 µs on each hot read); a literal keeps the plan, at one cached text per limit.
 */
export function literalLimit(limit: number): RawBuilder<number> {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new StorageError(`not a row limit: ${limit}`);
  return sql.lit(limit);
}
