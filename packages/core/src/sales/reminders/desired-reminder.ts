import type { Message } from '../../kernel/message.js';
import type { Instant } from '../../kernel/time.js';
import type { ReminderSubjectType } from './stored-reminder.js';

/** Every kind of reminder the rules can ask for; a new kind is a compile error wherever kinds are matched. */
export const reminderKinds = [
  'lead_follow_up',
  'stale_opportunity',
  'upcoming_activity',
  'quote_expiring',
  'demo_unit_due_back',
  'order_delivery_approaching',
  'after_sales_visit',
  'quote_conflict',
] as const;

export type ReminderKind = (typeof reminderKinds)[number];

/** A reminder that SHOULD exist for a record right now, as computed from its facts. */
export interface DesiredReminder {
  /**
   * Stable identity `${kind}:${subjectId}`. At most one reminder of a kind exists per record, so the
   * key does not depend on the due time: when a contact moves the follow-up, the row is updated, not
   * duplicated.
   */
  key: string;
  kind: ReminderKind;
  subjectType: ReminderSubjectType;
  subjectId: string;
  /** Who is reminded: the record owner (for a quote conflict, the manager above both reps). */
  userId: string;
  dueAt: Instant;
  /** dueAt + the configured escalation days; when still unacknowledged then, the owner's manager is told. */
  escalateAt: Instant | null;
  /**
   * A sentence a salesperson reads, naming the subject: stored in English, and rendered in the
   * reader's language by every command that returns a reminder.
   */
  message: string;
  /**
   * The sentence as a key with parameters (`reminder.leadFollowUp` …). Null only on rows stored
   * before reminders carried keys; commands then return it as `reminder.stored` with the text.
   */
  detail: Message | null;
}

/** A stored reminder: the desired fields plus what the salesperson did with it. */
export type ReminderState = DesiredReminder & {
  acknowledgedAt: Instant | null;
  snoozedUntil: Instant | null;
};

export function reminderKey(kind: ReminderKind, subjectId: string): string {
  return `${kind}:${subjectId}`;
}
