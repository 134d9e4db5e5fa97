import { z } from 'zod';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { Runner } from '../../service/runner.js';
import type { DomainEvent } from './domain-event.js';
import { eventCursor, invalidCursor, parseEventCursor } from './event-cursor.js';

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
   * The cursor is opaque and stable: keep the last `nextCursor` and ask again later. It belongs to
   * its workspace: one from another workspace, or a position this feed has not reached (a cursor kept
   * from before the tenant was moved to another storage), is a ValidationError on `cursor`; start
   * again from null.
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

export function eventCommands(run: Runner): EventCommands {
  return {
    since: async (actor, cursor, options = {}) => {
      const tenantId = run.settings.tenantId;
      const after = parseEventCursor(cursor, tenantId);
      const { limit } = parseInput(eventsSinceOptions, options);
      return run.read(actor, async (ctx) => {
        const items = await ctx.tx.feed.since(ctx.scope('read'), after, limit);
        const last = items.at(-1);
        // Seqs are gapless per tenant, so a position with later events exists. With none visible, the
        // position itself must be one of this feed's: a forged one, or one kept from before the tenant
        // was moved to another storage (its feed starts again at 1), would otherwise answer "nothing
        // new" for ever.
        if (last === undefined && after > 0) {
          const [at] = await ctx.tx.feed.since({ kind: 'all' }, after - 1, 1);
          if (at?.seq !== after) throw invalidCursor();
        }
        return { items, nextCursor: last === undefined ? null : eventCursor(tenantId, last.seq) };
      });
    },
  };
}
