import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * One stamp per tenant naming the state of its duplicate blocks (`DedupeKeyStore.stamp`): every
 * write that moves a block's members or size gives it a new random value, in the same transaction.
 * A reader that holds block sizes from an earlier check keeps them while the stamp is the one it
 * read them under. No row until the first such write; existing tenants get theirs at the next re-key.
 */
export const DEDUPE_STAMP_TABLES_0131: readonly TableDef[] = [
  {
    name: 'dedupe_stamps',
    columns: [['stamp', 'text']],
    primaryKey: [],
  },
];

export function dedupeStamps(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of DEDUPE_STAMP_TABLES_0131) await defineTable(db, engine, def);
    },
  };
}
