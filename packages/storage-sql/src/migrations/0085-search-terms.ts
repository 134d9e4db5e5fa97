import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
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
      // The keys of records stored before search existed are built by 0087, with their scope.
    },
  };
}
