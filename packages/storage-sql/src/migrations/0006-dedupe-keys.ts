import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * The duplicate detector's persisted blocking keys (derived data, rebuilt by @gongfu/reports):
 * - `dedupe_keys`: one row per (key, opportunity); the primary key leads `(tenant_id, key)`, so one
 *   deal's candidates are an index range per key;
 * - `dedupe_blocks`: each key's member count, so an oversized block is skipped without counting it;
 * - `dedupe_sources`: the versions each opportunity's keys were computed from, and when.
 *
 * Numbered 0006, not 0003: Kysely refuses to apply a migration that sorts before one a database has
 * already run (0005), so a free lower number would break every existing database.
 */
export const DEDUPE_TABLES_0006: readonly TableDef[] = [
  {
    name: 'dedupe_keys',
    columns: [
      ['key', 'text'],
      ['opportunity_id', 'text'],
    ],
    primaryKey: ['key', 'opportunity_id'],
    indexes: [['opportunity_id']],
  },
  {
    name: 'dedupe_blocks',
    columns: [
      ['key', 'text'],
      ['size', 'int'],
    ],
    primaryKey: ['key'],
  },
  {
    name: 'dedupe_sources',
    columns: [
      ['opportunity_id', 'text'],
      ['version', 'int'],
      ['account_version', 'int', 'null'],
      ['seen_at', 'instant'],
    ],
    primaryKey: ['opportunity_id'],
    indexes: [['seen_at']],
  },
];

export function dedupeKeys(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of DEDUPE_TABLES_0006) await defineTable(db, engine, def);
      // A refresh looks for accounts renamed since its watermark (their deals' customer keys change).
      await db.schema
        .createIndex('accounts_updated_at_ix')
        .on('accounts')
        .columns(['tenant_id', 'updated_at'])
        .execute();
    },
  };
}
