import { z } from 'zod';
import { expectedVersionSchema } from '../../domain/common.js';
import { instantSchema } from '../../kernel/time.js';

/** Which reminders to show: those due at `at` (default now), oldest first, at most `limit`. */
export const reminderDueQuery = z.strictObject({
  at: instantSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ReminderDueQuery = z.input<typeof reminderDueQuery>;

/** Put a reminder aside until a later time; it comes back due then. */
export const snoozeReminderInput = z.strictObject({
  until: instantSchema,
  expectedVersion: expectedVersionSchema,
});
export type SnoozeReminderInput = z.input<typeof snoozeReminderInput>;
