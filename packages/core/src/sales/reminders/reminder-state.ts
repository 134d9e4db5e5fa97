import type { Instant } from '../../kernel/time.js';
import type { ReminderState } from './desired-reminder.js';

// Compared as parsed times rather than text, so an `at` with a different (valid) encoding still works.
function notAfter(a: Instant, b: Instant): boolean {
  return Date.parse(a) <= Date.parse(b);
}

/** Whether the salesperson should see the reminder at `at`: due, not acknowledged, not snoozed past `at`. */
export function isDue(reminder: ReminderState, at: Instant): boolean {
  return (
    notAfter(reminder.dueAt, at) &&
    reminder.acknowledgedAt === null &&
    (reminder.snoozedUntil === null || notAfter(reminder.snoozedUntil, at))
  );
}

/**
 * Whether the owner's manager should be told at `at`. Snoozing does not hold escalation back:
 * snoozing is not handling, and otherwise a reminder could be snoozed past the manager forever.
 */
export function needsEscalation(reminder: ReminderState, at: Instant): boolean {
  return (
    reminder.escalateAt !== null && notAfter(reminder.escalateAt, at) && reminder.acknowledgedAt === null
  );
}
