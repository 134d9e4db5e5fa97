import { type Migration, type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The open-reminders index (0024) with the reminder's kind after its other columns: the morning
 * review counts each person's overdue follow-ups and stale deals apart (`reminders.dueByUser`,
 * `stores/reminders-by-user.ts`), and without the kind here every one of them would fetch its row
 * to test it (at 1M a team of fifty has ~75,000). The kind comes last so a person's range keeps
 * its due order: the first few of some kinds are the range read in order, the others skipped.
 */
export function openReminderKinds(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.dropIndex('reminders_open_due_ix').execute();
      await db.schema
        .createIndex('reminders_open_due_ix')
        .on('reminders')
        .columns(['tenant_id', 'user_id', 'due_at', 'id', 'snoozed_until', 'acknowledged_at', 'kind'])
        .where(sql<SqlBool>`acknowledged_at is null`)
        .execute();
    },
  };
}
