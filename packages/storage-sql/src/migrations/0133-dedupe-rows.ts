import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * One comparison row per keyed deal (`DedupeEntry.row`): what the duplicate check compares of the
 * opportunity and its account, written with the deal's keys, so a check of a deal with hundreds of
 * candidates reads short rows instead of decoding every candidate's and its account's documents.
 * Opaque text to the storage. Filled by the next key refresh once every dedupe source is forgotten
 * (as 0016, 0086, 0100, 0130 and 0132 do); until a deal is re-keyed a check reads its documents.
 */
export const DEDUPE_ROW_TABLES_0133: readonly TableDef[] = [
  {
    name: 'dedupe_rows',
    columns: [
      ['opportunity_id', 'text'],
      ['row', 'text'],
    ],
    primaryKey: ['opportunity_id'],
  },
];

export function dedupeRows(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of DEDUPE_ROW_TABLES_0133) await defineTable(db, engine, def);
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
