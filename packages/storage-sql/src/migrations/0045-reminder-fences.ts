import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { addNullableColumns, type TableDef } from './define-table.js';

/**
 * Fencing for the two reminder dispatchers. Each claim of a reminder draws the next number of its
 * fence, and only a claim holding the current number may mark the reminder done: a dispatcher that
 * lost its lease mid-delivery can no longer mark, and the number tells a receiver which of two
 * deliveries is the newer. The escalation to the manager gets a lease of its own (claimed_by and
 * claim_expires_at stay the delivery's), so delivering and escalating never hold each other up.
 * The fences are nullable (null reads as 0) so that exports written before this still import.
 */
export const REMINDER_FENCE_COLUMNS_0045: TableDef['columns'] = [
  ['delivery_fence', 'bigint', 'null'],
  ['escalation_claimed_by', 'text', 'null'],
  ['escalation_claim_expires_at', 'instant', 'null'],
  ['escalation_fence', 'bigint', 'null'],
];

export function reminderFences(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await addNullableColumns(db, engine, 'reminders', REMINDER_FENCE_COLUMNS_0045);
    },
  };
}
