import { type Migration, type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * Partial indexes over the small, hot part of big tables (PostgreSQL only; a no-op on SQLite,
 * whose planner rarely uses them and whose tables are one office's): the reminders still to
 * deliver or escalate — what the dispatchers of every app server poll — and the open deals the
 * pipeline and forecast read. Delivered, acknowledged and closed rows never enter them, so they
 * stay small however long the history grows. `tenant_id` leads, like every index here.
 */
export function postgresPartialIndexes(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine.name !== 'postgres') return;
      await db.schema
        .createIndex('reminders_dispatch_ix')
        .on('reminders')
        .columns(['tenant_id', 'due_at', 'id'])
        .where(sql<SqlBool>`delivered_at is null and acknowledged_at is null`)
        .execute();
      await db.schema
        .createIndex('reminders_escalation_ix')
        .on('reminders')
        .columns(['tenant_id', 'escalate_at', 'id'])
        .where(sql<SqlBool>`escalated_at is null and acknowledged_at is null and escalate_at is not null`)
        .execute();
      await db.schema
        .createIndex('opportunities_open_ix')
        .on('opportunities')
        .columns(['tenant_id', 'expected_close'])
        .where(sql<SqlBool>`closed_at is null`)
        .execute();
    },
  };
}
