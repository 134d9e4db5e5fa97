import { type SearchKind, searchTermsOf } from '@gongfu/core';
import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { searchTermRows } from '../stores/search-term-store.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * The search keys of accounts, contacts, leads and deals (migration 0085), rewritten with the
 * record on every write. A search is a range seek on `(tenant_id, kind, field, term)`: `term >= q`
 * and `term < q + U+10FFFF`, which both engines answer from a plain B-tree — SQLite compares text
 * bytewise already; on PostgreSQL the column is COLLATE "C" so the range means "starts with" under
 * any database locale.
 */
export const SEARCH_TABLES_0085: readonly TableDef[] = [
  {
    name: 'search_terms',
    columns: [
      ['kind', 'text'],
      ['record_id', 'text'],
      ['field', 'text'],
      ['term', 'text'],
      ['pos', 'int'],
    ],
    primaryKey: ['kind', 'record_id', 'field', 'term'],
  },
];

export function searchTerms(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of SEARCH_TABLES_0085) await defineTable(db, engine, def);
      if (engine.name === 'postgres')
        await sql`alter table search_terms alter column term type text collate "C"`.execute(db);
      await db.schema
        .createIndex('search_terms_kind_field_term_ix')
        .on('search_terms')
        .columns(['tenant_id', 'kind', 'field', 'term'])
        .execute();
      await backfillSearchTerms(db, engine);
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
 * Records stored before this migration get their keys here, from the same sources the service
 * uses on every write; without it an upgraded database would find only what is written after.
 * Under opt-in row-level security with FORCE even the owner sees one tenant at a time, so each
 * tenant is bound in turn (as in migration 0007).
 */
async function backfillSearchTerms(db: AnyDb, engine: SqlEngine): Promise<void> {
  const tenants = await db.selectFrom('tenants').select('tenant_id').execute();
  for (const { tenant_id: tenantId } of tenants) {
    if (engine.name === 'postgres')
      await sql`select set_config('gongfu.tenant_id', ${tenantId}, true)`.execute(db);
    for (const [kind, table] of SEARCHED_TABLES) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom(table)
          .select(['id', 'doc'])
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
            searchTermsOf(kind, engine.decodeJson<never>(row.doc)),
          ),
        );
        for (let i = 0; i < terms.length; i += PAGE) {
          await db
            .insertInto('search_terms')
            .values(terms.slice(i, i + PAGE))
            .execute();
        }
        after = String(rows[rows.length - 1]!.id);
      }
    }
  }
}
