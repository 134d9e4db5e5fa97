import { type SearchKind, searchTermsOf } from '@gongfu/core';
import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { searchTermRows } from '../stores/search-term-store.js';

/**
 * Search keys carry the scope of their record (migration 0087): its `owner_id` and governing
 * `team_key`, so a scoped search filters on the key index itself instead of joining every key row
 * to the record (at 1M accounts a rep's pinyin probe read thousands of records to keep one in
 * twenty). The one index becomes covering — `(tenant_id, kind, field, term, record_id, pos,
 * owner_id, team_key)` — so a probe never leaves it but for the team test. The record id before the
 * owner keeps the many keys of one term (物流有限公司) in record order, not clustered by owner, so a
 * capped probe reads a fair sample of owners. Keys are rebuilt from the records, which also adds the
 * trade-name keys and drops the `name` key at 0 the exact key covers.
 */
export function searchScope(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('search_terms').addColumn('owner_id', 'text').execute();
      await db.schema.alterTable('search_terms').addColumn('team_key', 'text').execute();
      await db.schema.dropIndex('search_terms_kind_field_term_ix').execute();
      await rebuildSearchTerms(db, engine);
      await db.schema
        .createIndex('search_terms_probe_ix')
        .on('search_terms')
        .columns(['tenant_id', 'kind', 'field', 'term', 'record_id', 'pos', 'owner_id', 'team_key'])
        .execute();
    },
  };
}

const SEARCHED_TABLES: readonly [SearchKind, string][] = [
  ['account', 'accounts'],
  ['contact', 'contacts'],
  ['lead', 'leads'],
  ['opportunity', 'opportunities'],
];
const PAGE = 500;

/**
 * Every record's keys, from the same sources the service uses on every write, with its current
 * owner and team. Under opt-in row-level security with FORCE even the owner sees one tenant at a
 * time, so each tenant is bound in turn (as in migration 0007).
 */
async function rebuildSearchTerms(db: AnyDb, engine: SqlEngine): Promise<void> {
  const tenants = await db.selectFrom('tenants').select('tenant_id').execute();
  for (const { tenant_id: tenantId } of tenants) {
    if (engine.name === 'postgres')
      await sql`select set_config('gongfu.tenant_id', ${tenantId}, true)`.execute(db);
    await db.deleteFrom('search_terms').where('tenant_id', '=', tenantId).execute();
    for (const [kind, table] of SEARCHED_TABLES) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom(table)
          .select(['id', 'doc', 'owner_id', 'team_key'])
          .where('tenant_id', '=', tenantId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE)
          .execute();
        if (rows.length === 0) break;
        const terms = rows.flatMap((row) =>
          searchTermRows(
            tenantId,
            kind,
            String(row.id),
            { ownerId: String(row.owner_id), teamKey: String(row.team_key) },
            searchTermsOf(kind, engine.decodeJson<never>(row.doc)),
          ),
        );
        for (let i = 0; i < terms.length; i += PAGE)
          await db
            .insertInto('search_terms')
            .values(terms.slice(i, i + PAGE))
            .execute();
        after = String(rows[rows.length - 1]?.id);
      }
    }
  }
}
