import type { AddressInfo } from 'node:net';
import { type ActorRef, createCrm, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { createCrmApi, type EventFeed } from '../../src/index.js';

/** A feed of `total` numbered events; cursors are positions, as the change feed's will be opaque. */
function countingFeed(total: number, asked: { actor: ActorRef; cursor: string | null }[]): EventFeed {
  return {
    async since(actor, cursor, { limit }) {
      asked.push({ actor, cursor });
      const from = cursor === null ? 0 : Number(cursor);
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({
        type: 'lead.captured',
        seq: from + i + 1,
      }));
      return { items, nextCursor: items.length ? String(from + items.length) : null };
    },
  };
}

/** Reads server-sent events from a real connection until `count` data events arrived. */
async function readEvents(url: string, headers: Record<string, string>, count: number) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: { event?: string; id?: string; data: unknown }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((l) => !l.startsWith(':') && l.includes(':'))
          .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
      );
      if (fields.data !== undefined)
        events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data) });
    }
  }
  controller.abort();
  return events;
}

describe('GET /events', () => {
  it('streams the feed as the signed-in user, with resumable ids, over a real connection', async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const asked: { actor: ActorRef; cursor: string | null }[] = [];
    const api = createCrmApi(crm, {
      authenticate: (r) => r.headers.get('x-user'),
      events: countingFeed(5, asked),
      eventsPollMs: 20,
    });
    const server = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const all = await readEvents(`${base}/events?limit=2`, { 'x-user': 'u-jia' }, 5);
      expect(all.map((e) => (e.data as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5]);
      expect(all.every((e) => e.event === 'lead.captured')).toBe(true);
      // The last event of each batch carries the cursor after it.
      expect(all.map((e) => e.id)).toEqual([undefined, '2', undefined, '4', '5']);
      expect(asked.every((a) => a.actor === 'u-jia')).toBe(true);
      const resumed = await readEvents(`${base}/events`, { 'x-user': 'u-jia', 'last-event-id': '4' }, 1);
      expect(resumed.map((e) => (e.data as { seq: number }).seq)).toEqual([5]);
      const anonymous = await fetch(`${base}/events`);
      expect(anonymous.status).toBe(401);
      const badLimit = await fetch(`${base}/events?limit=0`, { headers: { 'x-user': 'u-jia' } });
      expect(badLimit.status).toBe(422);
    } finally {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await crm.storage.close();
    }
  });

  it('streams the change feed of the service itself, scoped to the signed-in user', async () => {
    const storage = await sqliteStorage({ filename: ':memory:' });
    const crm = createCrm({ storage, ids: sequentialIds() });
    const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
    const jia = await crm.users.create(admin, { name: '销售员甲', role: 'sales_rep' });
    const yi = await crm.users.create(admin, { name: '销售员乙', role: 'sales_rep' });
    const lead = await crm.leads.capture(jia, {
      source: 'inbound_call',
      receivedAt: '2026-03-02T09:15:00+08:00',
      company: '山东恒通系统集成有限公司',
      contact: { name: '王工', phone: '0531-8888 0000' },
    });
    await crm.leads.qualify(jia, lead.id);
    const api = createCrmApi(crm, { authenticate: (r) => r.headers.get('x-user'), eventsPollMs: 20 });
    const server = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const expected = (await crm.events.since(jia.id, null, { limit: 100 })).items;
      expect(expected.filter((e) => e.entityId === lead.id).map((e) => e.name)).toEqual([
        'lead.captured',
        'lead.qualified',
      ]);
      const streamed = await readEvents(`${base}/events?limit=2`, { 'x-user': jia.id }, expected.length);
      expect(streamed.map((e) => e.data)).toEqual(expected);
      expect(streamed.map((e) => e.event)).toEqual(expected.map((e) => e.type));
      // 乙 may not see 甲's lead: the stream carries none of its events.
      const all = (await crm.events.since(crm.system, null, { limit: 100 })).items;
      const forYi = all.filter(
        (e) => e.entityId !== lead.id && (e.entityId === yi.id || e.entityType !== 'user'),
      );
      const seenByYi = await readEvents(`${base}/events`, { 'x-user': yi.id }, 1);
      expect(seenByYi.map((e) => e.data)).toEqual(forYi.slice(0, 1));
      expect(seenByYi.some((e) => (e.data as { entityId: string }).entityId === lead.id)).toBe(false);
    } finally {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    }
  });

  it('is not served when the app turns the feed off', async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const api = createCrmApi(crm, { authenticate: () => 'u1', events: false });
    const res = await api.fetch(new Request('http://localhost/events'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    await crm.storage.close();
  });
});
