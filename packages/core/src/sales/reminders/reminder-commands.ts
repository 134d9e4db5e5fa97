import { idSchema } from '../../domain/common.js';
import { fieldIssue, NotFoundError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import {
  type ReminderDueQuery,
  reminderDueQuery,
  type SnoozeReminderInput,
  snoozeReminderInput,
} from './reminder.js';
import { renderReminder, sayReminder } from './reminder-messages.js';
import type { Reminder } from './stored-reminder.js';

/**
 * Reminders (提醒): the follow-ups, stale deals, appointments, expiring quotes, demo units due back,
 * deliveries and after-sales visits the rules raise for each salesperson. They are kept in step with
 * the records by every write; here a salesperson reads them and deals with them.
 */
export interface ReminderCommands {
  /**
   * What the actor should act on now: due, not acknowledged, not snoozed past `at`. Oldest first.
   * @example
   * ```ts
   * const today = await crm.reminders.due(jia);
   * for (const r of today) console.log(r.dueAt, r.message); // "No contact with 山东恒通… for 3 days — follow up"
   * // In the reader's language, with the key and parameters beside the text:
   * const [r] = await crm.with({ locale: 'zh-CN' }).reminders.due(jia);
   * r?.message; // "已有 3 天未联系山东恒通…，请跟进"
   * r?.detail; // { key: 'reminder.leadFollowUp', params: { label: '山东恒通…', days: 3 } }
   * ```
   */
  due(actor: ActorRef, query?: ReminderDueQuery): Promise<Reminder[]>;
  /**
   * For a manager: reminders of the people below them that stayed unacknowledged past their
   * escalation time — the follow-ups that are slipping.
   * @example
   * ```ts
   * const slipping = await crm.reminders.escalations(li, { at: '2026-03-09T09:00:00+08:00' });
   * ```
   */
  escalations(actor: ActorRef, query?: ReminderDueQuery): Promise<Reminder[]>;
  /**
   * "Seen, I'm on it": the reminder stops showing as due and does not escalate. Its owner may, and
   * so may any manager above them. Acknowledging twice changes nothing.
   * @example
   * ```ts
   * const [first] = await crm.reminders.due(jia);
   * if (first) await crm.reminders.acknowledge(jia, first.id);
   * ```
   */
  acknowledge(actor: ActorRef, id: string): Promise<Reminder>;
  /**
   * Put a reminder aside until a later time; it shows as due again then. Snoozing does not hold
   * back the escalation to the manager.
   * @example
   * ```ts
   * await crm.reminders.snooze(jia, reminder.id, { until: '2026-03-05T09:00:00+08:00' });
   * ```
   */
  snooze(actor: ActorRef, id: string, input: SnoozeReminderInput): Promise<Reminder>;
}

/** A reminder is its user's; their managers may act on it too (e.g. after an escalation). */
async function loadOwnReminder(ctx: CommandContext, rawId: string): Promise<Reminder> {
  const id = parseInput(idSchema, rawId);
  const reminder = await ctx.tx.reminders.get(id);
  const mayAct =
    reminder &&
    (reminder.userId === ctx.actor.id ||
      ctx.actor.role === 'admin' ||
      ctx.org.isAbove(ctx.actor.id, reminder.userId));
  if (!reminder || !mayAct) throw new NotFoundError('reminder', id);
  return reminder;
}

/** Write the next version of a reminder and log what the salesperson did with it. */
async function saveReminder(
  ctx: CommandContext,
  before: Reminder,
  changes: Partial<Reminder>,
  event: string,
): Promise<Reminder> {
  const next = { ...before, ...changes, version: before.version + 1 };
  await ctx.tx.reminders.update(next, before.version);
  await ctx.history('reminder', before.id, event, before, next, next.version, null, {
    ownerId: next.userId,
    teamKey: '',
  });
  return next;
}

export function reminderCommands(run: Runner): ReminderCommands {
  // Rendered when read, in the reader's language: the record that raised it may have been written by
  // someone who reads another one.
  const shown = (r: Reminder) => renderReminder(r, run.say);
  return {
    due: (actor, query = {}) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(reminderDueQuery, query);
        return (await ctx.tx.reminders.due([ctx.actor.id], q.at ?? ctx.now, q.limit)).map(shown);
      }),

    escalations: (actor, query = {}) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(reminderDueQuery, query);
        const at = q.at ?? ctx.now;
        const below = ctx.org.subtreeOf(ctx.actor.id).filter((id) => id !== ctx.actor.id);
        if (below.length === 0) return [];
        const due = await ctx.tx.reminders.due(below, at, 500);
        return due
          .filter((r) => r.escalateAt !== null && r.escalateAt <= at)
          .slice(0, q.limit)
          .map(shown);
      }),

    acknowledge: (actor, id) =>
      run.write(actor, async (ctx) => {
        const reminder = await loadOwnReminder(ctx, id);
        if (reminder.acknowledgedAt) return shown(reminder);
        return shown(await saveReminder(ctx, reminder, { acknowledgedAt: ctx.now }, 'reminder.acknowledged'));
      }),

    snooze: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(snoozeReminderInput, input);
        const reminder = await loadOwnReminder(ctx, id);
        ctx.checkVersion('reminder', reminder, data.expectedVersion);
        if (data.until <= ctx.now)
          throw new ValidationError([fieldIssue('until', sayReminder('reminder.invalid.snoozeInPast'))]);
        return shown(await saveReminder(ctx, reminder, { snoozedUntil: data.until }, 'reminder.snoozed'));
      }),
  };
}
