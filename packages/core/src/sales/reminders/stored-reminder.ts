import type { Instant } from '../../kernel/time.js';

export type ReminderSubjectType = 'lead' | 'opportunity' | 'activity' | 'order' | 'demo_loan';

/** A stored reminder: computed from the rules on every relevant write, with the user's ack/snooze state. */
export interface Reminder {
  tenantId: string;
  id: string;
  /** Stable identity from the rule (`lead_follow_up:lead_7`); recomputation keeps the same row. */
  key: string;
  kind: string;
  subjectType: ReminderSubjectType;
  subjectId: string;
  userId: string;
  dueAt: Instant;
  escalateAt: Instant | null;
  message: string;
  acknowledgedAt: Instant | null;
  snoozedUntil: Instant | null;
  /** Set by the dispatcher once the reminder was delivered (exactly once across app servers). */
  deliveredAt: Instant | null;
  escalatedAt: Instant | null;
  version: number;
}
