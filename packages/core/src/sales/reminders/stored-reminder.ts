import type { Instant } from '../../kernel/time.js';
import type { StoredReminder } from './reconcile.js';

/**
 * What a reminder is about: a record, or (`quote_conflict`) two reps' quotes of one product to one
 * customer or end customer, identified by the customer, the SKU and the two reps.
 */
export type ReminderSubjectType =
  | 'lead'
  | 'opportunity'
  | 'activity'
  | 'order'
  | 'demo_loan'
  | 'quote_conflict';

/**
 * A stored reminder: what the rules want for a record (recomputed on every relevant write, matched
 * by its key so the same row is kept), the user's acknowledgement and snooze, and the delivery state.
 */
export interface Reminder extends StoredReminder {
  tenantId: string;
  id: string;
  /** Set by the dispatcher once the reminder was delivered (exactly once across app servers). */
  deliveredAt: Instant | null;
  escalatedAt: Instant | null;
  version: number;
}
