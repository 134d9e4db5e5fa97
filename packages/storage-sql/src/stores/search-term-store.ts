import type {
  RowScope,
  SearchAccess,
  SearchKind,
  SearchProbe,
  SearchTerm,
  SearchTermFound,
  SearchTermStore,
} from '@gongfu/core';
import { CompiledQuery, type SqlBool, sql } from 'kysely';
import { literalLimit, scopeWhere } from '../records/compile-where.js';
import { writeCached } from '../records/compiled-cache.js';
import { placeholderRows, sizedStatement } from '../records/sized-statement.js';
import type { StoreContext } from '../records/store-context.js';

/** Kinds whose rows the teams of the deals on the customer read (`readByDealTeams` in their specs). */
const CUSTOMER: ReadonlySet<SearchKind> = new Set(['account', 'contact']);

/** Sorts after every character, so `[q, q + MAX)` is exactly the terms starting with q (bytewise). */
const MAX = '\u{10FFFF}';

/** One probe reads a few rows per hit wanted: a record may match at several syllables. */
const ROWS_PER_HIT = 4;

/**
 * One row per (field, term) of a record, at the earliest place the term starts, carrying the
 * record's owner and governing team: the scope is tested on the key's own row, never the record's.
 */
export function searchTermRows(
  tenantId: string,
  kind: SearchKind,
  id: string,
  access: SearchAccess,
  terms: readonly SearchTerm[],
) {
  const byKey = new Map<string, SearchTerm>();
  for (const t of terms) {
    const key = `${t.field}\u0000${t.term}`;
    const seen = byKey.get(key);
    if (seen === undefined || t.pos < seen.pos) byKey.set(key, t);
  }
  return [...byKey.values()].map((t) => ({
    tenant_id: tenantId,
    kind,
    record_id: id,
    field: t.field,
    term: t.term,
    pos: t.pos,
    owner_id: access.ownerId,
    team_key: access.teamKey,
  }));
}

const COLUMNS = ['tenant_id', 'kind', 'record_id', 'field', 'term', 'pos', 'owner_id', 'team_key'] as const;

/** The insert of `count` key rows, per engine (a record has a few dozen keys). */
const insertSql = new Map<string, string>();

const insertStatement = (engine: 'sqlite' | 'postgres', count: number) =>
  sizedStatement(
    insertSql,
    engine,
    count,
    (param) =>
      `insert into "search_terms" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${placeholderRows(param, count, COLUMNS.length)}`,
  );

export class SqlSearchTermStore implements SearchTermStore {
  constructor(private readonly ctx: StoreContext) {}

  async replace(
    kind: SearchKind,
    id: string,
    access: SearchAccess,
    terms: readonly SearchTerm[],
    options: { fresh?: boolean } = {},
  ): Promise<void> {
    const { db, tenantId } = this.ctx;
    if (options.fresh !== true)
      // Writes nobody waits for: PostgreSQL sends them with the transaction's next statement, so
      // keeping the keys costs a write no round trip of its own.
      await writeCached(
        this.ctx,
        'search_terms:delete',
        [tenantId, kind, id],
        () =>
          db
            .deleteFrom('search_terms')
            .where('tenant_id', '=', tenantId)
            .where('kind', '=', kind)
            .where('record_id', '=', id),
        { entity: 'search_term' },
      );
    const rows = searchTermRows(tenantId, kind, id, access, terms);
    if (rows.length === 0) return;
    const params: unknown[] = [];
    for (const r of rows) for (const column of COLUMNS) params.push(r[column]);
    // Written by hand, not built by Kysely per command (building a few dozen rows' VALUES cost more
    // than SQLite inserting them). Not a hot (named, prepared) statement on PostgreSQL: its shape
    // varies with the number of keys; SQLite's statement cache keys it by its text anyway.
    const query = CompiledQuery.raw(insertStatement(this.ctx.engine.name, rows.length), params);
    await this.ctx.write(query, { entity: 'search_term' });
  }

  /**
   * A range seek on the covering index `(tenant_id, kind, field, term, record_id, pos, owner_id,
   * team_key)`: the scope's owner test runs on the index entry itself, and its team test is one
   * seek into `team_members` per entry — the record's own (large) row is never read. With a cap the
   * range is read to at most `cap` keys first, and the scope applies to those.
   */
  async find(kind: SearchKind, probe: SearchProbe, scope: RowScope, limit: number): Promise<SearchTermFound> {
    if (scope.kind === 'none' || limit <= 0) return { hits: [], capped: false };
    const { db, tenantId, engine } = this.ctx;
    const keys = db
      .selectFrom('search_terms')
      .select(['tenant_id', 'record_id', 'pos', 'owner_id', 'team_key'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .where('field', '=', probe.field)
      .$if(!probe.prefix, (qb) => qb.where('term', '=', probe.term))
      .$if(probe.prefix, (qb) => qb.where('term', '>=', probe.term).where('term', '<', `${probe.term}${MAX}`))
      .$if(probe.cap !== undefined, (qb) => qb.limit(literalLimit(probe.cap as number)));
    const rows = await db
      .selectFrom(keys.as('st'))
      .select(['st.record_id', 'st.pos'])
      // A customer and its contacts are also read through a seat on a deal on it, as their lists are.
      .where((eb) => scopeWhere(eb, scope, 'st', engine, tenantId, CUSTOMER.has(kind)) ?? sql<SqlBool>`1 = 1`)
      .limit(literalLimit(limit * ROWS_PER_HIT))
      .execute();
    const best = new Map<string, number>();
    for (const row of rows as { record_id: string; pos: unknown }[]) {
      const pos = engine.decodeInt(row.pos);
      const seen = best.get(row.record_id);
      if (seen === undefined || pos < seen) best.set(row.record_id, pos);
    }
    const hits = [...best]
      .map(([id, pos]) => ({ id, pos }))
      .sort((a, b) => a.pos - b.pos || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
    // Capped when the page is not full and the range holds a key past the cap: one more index seek.
    const capped =
      probe.cap !== undefined &&
      hits.length < limit &&
      (await keys.clearLimit().limit(1).offset(literalLimit(probe.cap)).execute()).length > 0;
    return { hits, capped };
  }
}
