import type {
  RowScope,
  SearchKind,
  SearchProbe,
  SearchTerm,
  SearchTermHit,
  SearchTermStore,
} from '@gongfu/core';
import { CompiledQuery, type SqlBool, sql } from 'kysely';
import { literalLimit, scopeWhere } from '../records/compile-where.js';
import { writeCached } from '../records/compiled-cache.js';
import { placeholderRows, sizedStatement } from '../records/sized-statement.js';
import type { StoreContext } from '../records/store-context.js';

/** Kinds whose rows the teams of the deals on the customer read (`readByDealTeams` in their specs). */
const CUSTOMER: ReadonlySet<SearchKind> = new Set(['account', 'contact']);

/** The record table each kind's visibility is read from (its current owner and governing team). */
const TABLE: Readonly<Record<SearchKind, string>> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
};

/** Sorts after every character, so `[q, q + MAX)` is exactly the terms starting with q (bytewise). */
const MAX = '\u{10FFFF}';

/** One probe reads a few rows per hit wanted: a record may match at several syllables. */
const ROWS_PER_HIT = 4;

/** One row per (field, term) of a record, at the earliest place the term starts. */
export function searchTermRows(tenantId: string, kind: SearchKind, id: string, terms: readonly SearchTerm[]) {
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
  }));
}

const COLUMNS = ['tenant_id', 'kind', 'record_id', 'field', 'term', 'pos'] as const;

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
    const rows = searchTermRows(tenantId, kind, id, terms);
    if (rows.length === 0) return;
    const params: unknown[] = [];
    for (const r of rows) params.push(r.tenant_id, r.kind, r.record_id, r.field, r.term, r.pos);
    // Written by hand, not built by Kysely per command (building a few dozen rows' VALUES cost more
    // than SQLite inserting them). Not a hot (named, prepared) statement on PostgreSQL: its shape
    // varies with the number of keys; SQLite's statement cache keys it by its text anyway.
    const query = CompiledQuery.raw(insertStatement(this.ctx.engine.name, rows.length), params);
    await this.ctx.write(query, { entity: 'search_term' });
  }

  async find(kind: SearchKind, probe: SearchProbe, scope: RowScope, limit: number): Promise<SearchTermHit[]> {
    if (scope.kind === 'none' || limit <= 0) return [];
    const { db, tenantId, engine } = this.ctx;
    const rows = await db
      .selectFrom('search_terms as st')
      .innerJoin(`${TABLE[kind]} as r`, (join) =>
        join.onRef('r.tenant_id', '=', 'st.tenant_id').onRef('r.id', '=', 'st.record_id'),
      )
      .select(['st.record_id', 'st.pos'])
      .where('st.tenant_id', '=', tenantId)
      .where('st.kind', '=', kind)
      .where('st.field', '=', probe.field)
      .$if(!probe.prefix, (qb) => qb.where('st.term', '=', probe.term))
      .$if(probe.prefix, (qb) =>
        qb.where('st.term', '>=', probe.term).where('st.term', '<', `${probe.term}${MAX}`),
      )
      .$if(probe.pos === 'start', (qb) => qb.where('st.pos', '=', 0))
      .$if(probe.pos === 'inside', (qb) => qb.where('st.pos', '>', 0))
      // A customer and its contacts are also read through a seat on a deal on it, as their lists are.
      .where((eb) => scopeWhere(eb, scope, 'r', engine, tenantId, CUSTOMER.has(kind)) ?? sql<SqlBool>`1 = 1`)
      .limit(literalLimit(limit * ROWS_PER_HIT))
      .execute();
    const best = new Map<string, number>();
    for (const row of rows as { record_id: string; pos: unknown }[]) {
      const pos = engine.decodeInt(row.pos);
      const seen = best.get(row.record_id);
      if (seen === undefined || pos < seen) best.set(row.record_id, pos);
    }
    return [...best]
      .map(([id, pos]) => ({ id, pos }))
      .sort((a, b) => a.pos - b.pos || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }
}
