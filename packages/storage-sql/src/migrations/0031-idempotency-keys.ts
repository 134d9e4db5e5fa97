import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * A command's first result under the idempotency key it was sent with; the primary key is what
 * lets exactly one of several racing sends commit. Not exported with the tenant (short-lived).
 */
export const IDEMPOTENCY_TABLES_0031: readonly TableDef[] = [
  {
    name: 'idempotency_keys',
    columns: [
      ['key', 'text'],
      ['command', 'text'],
      ['fingerprint', 'text'],
      ['result', 'json'],
      ['created_at', 'instant'],
      ['expires_at', 'instant'],
    ],
    primaryKey: ['key'],
  },
];

export function idempotencyKeys(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of IDEMPOTENCY_TABLES_0031) await defineTable(db, engine, def);
    },
  };
}
