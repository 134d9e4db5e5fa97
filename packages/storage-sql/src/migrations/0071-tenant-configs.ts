import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/** Each tenant's configuration versions (`ConfigStore`), append-only: one row per version. */
export const CONFIG_TABLES_0071: readonly TableDef[] = [
  {
    name: 'tenant_configs',
    columns: [
      ['version', 'int'],
      ['doc', 'json'],
      ['created_at', 'instant'],
      ['created_by', 'text'],
    ],
    primaryKey: ['version'],
  },
];

export function tenantConfigs(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of CONFIG_TABLES_0071) await defineTable(db, engine, def);
    },
  };
}
