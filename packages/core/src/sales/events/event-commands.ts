import { z } from 'zod';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { Runner } from '../../service/runner.js';
import type { DomainEvent } from './domain-event.js';
import { sayEvent } from './event-messages.js';

/** One page of the change feed. */
export interface EventPage {
  /** Oldest first. */
  items: DomainEvent[];
  /** The cursor after the last item, to pass to the next call; null when nothing was new. */
  nextCursor: string | null;
}

export const eventsSinceOptions = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(100),
});
export type EventsSinceOptions = z.input<typeof eventsSinceOptions>;

/**
 * The change feed (变更流): every accepted command's events — records created, changed and deleted,
 * and the lifecycle's effects — in the order their transactions committed, per tenant. An app polls
 * it to refresh a screen or feed a search index; `createEventDispatcher` pushes it to handlers.
 */
export interface EventCommands {
  /**
   * The events after `cursor` (from the beginning when null) the actor may see, oldest first, at
   * most `limit` (default 100, at most 1000). Visibility follows the record's owner when the event
   * was written and its governing team now, like every read (a customer's and its contacts' events
   * also to the teams of the deals on it, while they hold the seat; an activity's also to whoever reads
   * the contact, order or service case it is about); admins and the system actor see all.
   * The cursor is opaque and stable: keep the last `nextCursor` and ask again later.
   * @example
   * ```ts
   * let cursor: string | null = null;
   * const page = await crm.events.since(crm.system, cursor, { limit: 200 });
   * for (const e of page.items) if (e.type === 'lifecycle.effect' && e.effect.type === 'closedWon') notify(e);
   * cursor = page.nextCursor ?? cursor;
   * ```
   */
  since(actor: ActorRef, cursor: string | null, options?: EventsSinceOptions): Promise<EventPage>;
}

/** Cursors are feed positions; an unreadable one is the caller's mistake, named as such. */
export function parseEventCursor(cursor: string | null): number {
  if (cursor === null || cursor === undefined) return 0;
  // Checked before the pattern test, which would coerce an object (or throw on one without toString).
  const position = typeof cursor === 'string' && /^\d{1,15}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(position)) {
    throw new ValidationError([fieldIssue('cursor', sayEvent('event.invalid.cursor'))]);
  }
  return position;
}

export function eventCommands(run: Runner): EventCommands {
  return {
    since: async (actor, cursor, options = {}) => {
      const after = parseEventCursor(cursor);
      const { limit } = parseInput(eventsSinceOptions, options);
      return run.read(actor, async (ctx) => {
        const items = await ctx.tx.feed.since(ctx.scope('read'), after, limit);
        const last = items.at(-1);
        return { items, nextCursor: last === undefined ? null : String(last.seq) };
      });
    },
  };
}
