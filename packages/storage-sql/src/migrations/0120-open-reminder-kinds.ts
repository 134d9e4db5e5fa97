import { type Migration, type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * A person's open reminders of one kind, oldest due first: what the morning review reads and
 * counts per person and kind (`reminders.dueByUser`, `stores/reminders-by-user.ts`). With the kind
 * after the due time (0024's index) a rare kind's first rows were found by walking the person's
 * whole range (at 1M ~1,600 overdue follow-ups each for a team of fifty, for no stale deal); with
 * the kind first each (person, kind) is a range of its own, empty when the kind is. `snoozed_until`
 * and `acknowledged_at` ride along so the whole test is read from the index.
 */
export function openReminderKinds(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('reminders_open_kind_due_ix')
        .on('reminders')
        .columns(['tenant_id', 'user_id', 'kind', 'due_at', 'id', 'snoozed_until', 'acknowledged_at'])
        .where(sql<SqlBool>`acknowledged_at is null`)
        .execute();
    },
  };
}
