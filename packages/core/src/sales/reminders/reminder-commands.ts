import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../kernel/errors.js';
import { instantSchema } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import type { Reminder } from './stored-reminder.js';

const dueQuery = z
  .object({
    at: instantSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });

const snoozeInput = z.object({ until: instantSchema, expectedVersion: z.number().int().min(1).optional() });
const idInput = z.string().trim().min(1, 'required').max(100);

/** A reminder is its user's; their managers may act on it too (e.g. after an escalation). */
async function loadOwnReminder(ctx: CommandContext, id: string): Promise<Reminder> {
  const reminder = await ctx.tx.reminders.get(id);
  const mayAct =
    reminder &&
    (reminder.userId === ctx.actor.id ||
      ctx.actor.role === 'admin' ||
      ctx.org.isAbove(ctx.actor.id, reminder.userId));
  if (!reminder || !mayAct) throw new NotFoundError('reminder', id);
  return reminder;
}

export function reminderCommands(run: Runner) {
  return {
    /** What the user should act on now: due, not acknowledged, not snoozed past `at`. Oldest first. */
    due: async (actor: ActorRef, query: z.input<typeof dueQuery> = {}): Promise<Reminder[]> =>
      run.read(actor, (ctx) => {
        const q = parseInput(dueQuery, query);
        return ctx.tx.reminders.due([ctx.actor.id], q.at ?? ctx.now, q.limit);
      }),

    /**
     * For a manager: reminders of people below them that stayed unacknowledged past their
     * escalation time — the follow-ups that are slipping.
     */
    escalations: async (actor: ActorRef, query: z.input<typeof dueQuery> = {}): Promise<Reminder[]> =>
      run.read(actor, async (ctx) => {
        const q = parseInput(dueQuery, query);
        const at = q.at ?? ctx.now;
        const below = ctx.org.subtreeOf(ctx.actor.id).filter((id) => id !== ctx.actor.id);
        if (below.length === 0) return [];
        const due = await ctx.tx.reminders.due(below, at, 500);
        return due.filter((r) => r.escalateAt !== null && r.escalateAt <= at).slice(0, q.limit);
      }),

    acknowledge: async (actor: ActorRef, id: string): Promise<Reminder> =>
      run.write(actor, async (ctx) => {
        const reminder = await loadOwnReminder(ctx, parseInput(idInput, id));
        if (reminder.acknowledgedAt) return reminder;
        const next = { ...reminder, acknowledgedAt: ctx.now, version: reminder.version + 1 };
        await ctx.tx.reminders.update(next, reminder.version);
        await ctx.history('reminder', reminder.id, 'reminder.acknowledged', reminder, next, next.version);
        return next;
      }),

    snooze: async (actor: ActorRef, id: string, input: z.input<typeof snoozeInput>): Promise<Reminder> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(snoozeInput, input);
        const reminder = await loadOwnReminder(ctx, parseInput(idInput, id));
        ctx.checkVersion('reminder', reminder, data.expectedVersion);
        if (data.until <= ctx.now)
          throw new ValidationError([{ field: 'until', message: 'snooze until a time in the future' }]);
        const next = { ...reminder, snoozedUntil: data.until, version: reminder.version + 1 };
        await ctx.tx.reminders.update(next, reminder.version);
        await ctx.history('reminder', reminder.id, 'reminder.snoozed', reminder, next, next.version);
        return next;
      }),
  };
}
