import { parseInput } from '@gongfu/core';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { ApiEnv } from '../http/api-env.js';
import type { EventFeed } from './event-feed.js';

/** `?cursor=&limit=` of the event stream; `Last-Event-ID` (a reconnecting browser) wins over `cursor`. */
export const eventsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/**
 * `GET /events`: the change feed as Server-Sent Events. Each batch's last event carries the cursor
 * after it as its `id`, so a client that reconnects resumes where it stopped (at-least-once: after
 * a cut in the middle of a batch, the rest of that batch comes again). The first batch is read
 * before the stream opens, so a refused cursor or actor is an ordinary problem response.
 */
export function mountEventStream(
  app: Hono<ApiEnv>,
  feedFor: (crm: ApiEnv['Variables']['crm']) => EventFeed,
  pollMs: number,
): void {
  app.get('/events', async (c) => {
    const query = parseInput(eventsQuery, {
      cursor: c.req.query('cursor'),
      limit: c.req.query('limit') === undefined ? undefined : Number(c.req.query('limit')),
    });
    const feed = feedFor(c.var.crm);
    const actor = c.var.actor;
    let cursor = c.req.header('last-event-id') ?? query.cursor ?? null;
    let batch = await feed.since(actor, cursor, { limit: query.limit });
    return streamSSE(c, async (stream) => {
      while (!stream.aborted && !stream.closed) {
        const last = batch.items.length - 1;
        for (const [i, event] of batch.items.entries()) {
          const type = (event as { type?: unknown }).type;
          await stream.writeSSE({
            data: JSON.stringify(event),
            ...(typeof type === 'string' ? { event: type } : {}),
            ...(i === last && batch.nextCursor !== null ? { id: batch.nextCursor } : {}),
          });
        }
        if (batch.nextCursor !== null) cursor = batch.nextCursor;
        // Caught up: wait before asking again, with a comment line so proxies keep the stream open.
        if (batch.items.length < query.limit) {
          await stream.write(': idle\n\n');
          await stream.sleep(pollMs);
        }
        if (stream.aborted) break;
        batch = await feed.since(actor, cursor, { limit: query.limit });
      }
    });
  });
}
