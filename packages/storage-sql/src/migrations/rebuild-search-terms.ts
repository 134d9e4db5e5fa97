import { type SearchKind, searchTermsOf } from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { searchTermRows } from '../stores/search-term-store.js';

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
export async function rebuildSearchTerms(db: AnyDb, engine: SqlEngine): Promise<void> {
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
