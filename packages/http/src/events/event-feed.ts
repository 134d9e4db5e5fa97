import type { ActorRef } from '@gongfu/core';

/**
 * What `GET /events` needs from the change feed: `crm.events.since`, scoped by the actor like every
 * read. This is the extension point for the feed that core is gaining: when `crm.events` exists
 * (or an app passes `events`), the API streams it as Server-Sent Events.
 */
export interface EventFeed {
  /**
   * The events after `cursor` (from the start when null), oldest first, at most `limit`;
   * `nextCursor` is the position after the last one returned, or null when nothing is new.
   */
  since(
    actor: ActorRef,
    cursor: string | null,
    options: { limit: number },
  ): Promise<{ items: readonly unknown[]; nextCursor: string | null }>;
}

/** The service's own feed when it has one (`crm.events.since`), else undefined. */
export function feedOf(crm: object): EventFeed | undefined {
  const events = (crm as { events?: unknown }).events;
  const since = typeof events === 'object' && events !== null ? (events as EventFeed).since : undefined;
  return typeof since === 'function' ? (events as EventFeed) : undefined;
}
