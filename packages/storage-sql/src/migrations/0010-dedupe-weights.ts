import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/** Each tenant's duplicate-detection weights (`DedupeWeightStore`), append-only: one row per version. */
export const DEDUPE_WEIGHT_TABLES_0010: readonly TableDef[] = [
  {
    name: 'dedupe_weights',
    columns: [
      ['version', 'int'],
      ['doc', 'json'],
      ['estimated_at', 'instant'],
    ],
    primaryKey: ['version'],
  },
];

export function dedupeWeights(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of DEDUPE_WEIGHT_TABLES_0010) await defineTable(db, engine, def);
    },
  };
}
