import { merged } from '../../kernel/merged.js';
import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import type { DesiredReminder } from './desired-reminder.js';
import { reconcileReminders } from './reconcile.js';
import type { Reminder, ReminderSubjectType } from './stored-reminder.js';

/**
 * Bring the stored reminders of one record in line with what the rules want now. Runs inside the
 * command's transaction, so a reminder can never describe a state that was rolled back.
 */
export async function syncReminders(
  ctx: CommandContext,
  subjectType: ReminderSubjectType,
  subjectId: string,
  desired: readonly DesiredReminder[],
  options: FreshOption = {},
): Promise<void> {
  // A record created in this command has no stored reminders yet: skip the read.
  const stored = options.fresh ? [] : await ctx.tx.reminders.forSubject(subjectType, subjectId);
  const plan = reconcileReminders(stored, desired);
  if (plan.insert.length + plan.update.length + plan.remove.length === 0) return;
  const byKey = new Map(stored.map((r) => [r.key, r]));
  for (const r of plan.insert) {
    // merged, not a spread: the store encodes the reminder field by field (kernel/merged.ts).
    const reminder: Reminder = merged(r, {
      tenantId: ctx.tx.tenantId,
      id: ctx.newId('rem'),
      deliveredAt: null,
      escalatedAt: null,
      version: 1,
    });
    await ctx.tx.reminders.insert(reminder);
  }
  for (const r of plan.update) {
    const current = byKey.get(r.key)!;
    // A new occurrence (different due time) must be delivered and escalated afresh.
    const fresh = current.dueAt !== r.dueAt || current.userId !== r.userId;
    // The stored reminder already has every key: spread, then set (see CommandContext.update).
    const next: Reminder = { ...current, ...r };
    next.deliveredAt = fresh ? null : current.deliveredAt;
    next.escalatedAt = fresh ? null : current.escalatedAt;
    next.version = current.version + 1;
    await ctx.tx.reminders.update(next, current.version);
  }
  if (plan.remove.length > 0) await ctx.tx.reminders.remove(plan.remove.map((key) => byKey.get(key)!.id));
}
