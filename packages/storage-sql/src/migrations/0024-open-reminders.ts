import { type Migration, type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * The reminders still open (not acknowledged) of one person, oldest due first: what
 * `reminders.due` reads for a rep and, merged per person, for a manager's morning review
 * (`stores/reminder-store.ts`). Acknowledged reminders — most of a tenant's, and growing with
 * every day — never enter it. `snoozed_until` and `acknowledged_at` (null here) ride along so the
 * whole test is read from the index (SQLite re-tests a partial index's WHERE term on what it
 * reads). Both engines: SQLite uses a partial index when the query repeats its WHERE term.
 */
export function openReminders(_engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('reminders_open_due_ix')
        .on('reminders')
        .columns(['tenant_id', 'user_id', 'due_at', 'id', 'snoozed_until', 'acknowledged_at'])
        .where(sql<SqlBool>`acknowledged_at is null`)
        .execute();
    },
  };
}
