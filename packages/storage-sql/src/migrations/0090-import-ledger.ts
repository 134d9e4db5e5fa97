import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * The per-run ledger of bulk imports (`ImportLedgerStore`): one row per input row committed, keyed
 * by (run, row key), written in the same transaction as the row's record.
 */
export const IMPORT_LEDGER_TABLES_0090: readonly TableDef[] = [
  {
    name: 'import_ledger',
    columns: [
      ['run_id', 'text'],
      ['row_key', 'text'],
      ['entity', 'text'],
      ['record_id', 'text'],
    ],
    primaryKey: ['run_id', 'row_key'],
  },
];

export function importLedger(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of IMPORT_LEDGER_TABLES_0090) await defineTable(db, engine, def);
    },
  };
}
