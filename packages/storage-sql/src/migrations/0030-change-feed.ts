import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/**
 * The change feed: the outbox every command appends its events to (`feed_events`, numbered per
 * tenant in commit order from `feed_heads`), each handler's durable cursor and lease
 * (`feed_cursors`) and the events handlers gave up on (`feed_dead_letters`). Derived from the
 * commands, so not part of a tenant export; `SqlTenantStore.delete` removes them with the tenant.
 */
export const FEED_TABLES_0030: readonly TableDef[] = [
  {
    name: 'feed_events',
    columns: [
      ['seq', 'bigint'],
      ['event_type', 'text'],
      ['entity_type', 'text'],
      ['entity_id', 'text'],
      ['owner_id', 'text'],
      ['team_key', 'text'],
      ['at', 'instant'],
      ['payload', 'json'],
    ],
    primaryKey: ['seq'],
  },
  { name: 'feed_heads', columns: [['seq', 'bigint']], primaryKey: [] },
  {
    name: 'feed_cursors',
    columns: [
      ['handler', 'text'],
      ['position', 'bigint'],
      ['attempts', 'int'],
      ['claim_no', 'int'],
      ['claimed_by', 'text', 'null'],
      ['claim_expires_at', 'instant', 'null'],
      ['retry_at', 'instant', 'null'],
      ['last_error', 'text', 'null'],
    ],
    primaryKey: ['handler'],
  },
  {
    name: 'feed_dead_letters',
    columns: [
      ['handler', 'text'],
      ['seq', 'bigint'],
      ['attempts', 'int'],
      ['error', 'text'],
      ['at', 'instant'],
    ],
    primaryKey: ['handler', 'seq'],
  },
];

/**
 * Tables of rows a tenant owns that are not part of its export (the feed, idempotency keys):
 * deleted with the tenant and covered by row-level security like the others.
 */
export const FEED_TABLES: readonly string[] = [...FEED_TABLES_0030.map((t) => t.name), 'idempotency_keys'];

export function changeFeed(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of FEED_TABLES_0030) await defineTable(db, engine, def);
    },
  };
}
