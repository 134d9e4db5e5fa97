import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef, versionedTable } from './define-table.js';

/**
 * Sales targets (migration 0080). The natural key — person, scope, period, channel (`*` for all) —
 * is unique, so two managers creating the same quota at once end in a typed conflict, not two rows.
 */
export const QUOTA_TABLES_0080: readonly TableDef[] = [
  versionedTable(
    'quotas',
    [
      ['scope', 'text'],
      ['period', 'text'],
      ['channel_key', 'text'],
      ['target_minor', 'money'],
      ['currency', 'text'],
    ],
    { unique: [['owner_id', 'scope', 'period', 'channel_key']], indexes: [['period']] },
  ),
];

export function quotas(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of QUOTA_TABLES_0080) await defineTable(db, engine, def);
    },
  };
}
