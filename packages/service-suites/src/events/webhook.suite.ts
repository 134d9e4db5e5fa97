import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CrmStorage,
  createEventDispatcher,
  domainEventSchema,
  ManualClock,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
  webhookHandler,
} from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { allEvents } from './event-dispatch.suite.js';

const SECRET = 'whsec-青岛-2026';

interface Received {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  key: string | undefined;
  verified: boolean;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The webhook handler POSTing signed events to a real HTTP receiver on this machine. */
export function describeWebhookHandler(makeStorage: StorageFactory): void {
  describe('service: webhook handler', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('POSTs each event signed (HMAC-SHA256 over timestamp and body); a 500 is retried, a receiver verifies', async () => {
      const w = await openWorld(storage);
      const lead = await w.crm.leads.capture(w.org.repA, storyLead());
      await w.crm.leads.qualify(w.org.repA, lead.id);
      const events = (await allEvents(w.crm)).filter((e) => e.entityType === 'lead');
      const received: Received[] = [];
      let refuseNext = true;
      const server = createServer(async (req, res) => {
        const body = await bodyOf(req);
        const signature = req.headers[WEBHOOK_HEADERS.signature] as string | undefined;
        const timestamp = req.headers[WEBHOOK_HEADERS.timestamp] as string | undefined;
        const verified = await verifyWebhookSignature({ secret: SECRET, body, signature, timestamp });
        received.push({
          body,
          signature,
          timestamp,
          key: req.headers[WEBHOOK_HEADERS.eventKey] as string,
          verified,
        });
        if (refuseNext) {
          refuseNext = false;
          res.writeHead(500).end();
          return;
        }
        res.writeHead(verified ? 204 : 401).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/gongfu`;
      try {
        const clock = new ManualClock('2026-03-03T01:00:00.000Z');
        const dispatcher = createEventDispatcher({
          storage,
          tenants: [w.crm.tenantId],
          workerId: 'hooks',
          handlers: [
            webhookHandler({ name: 'erp', url, secret: SECRET, filter: (e) => e.entityType === 'lead' }),
          ],
          backoffMs: () => 1000,
          clock,
        });
        const first = await dispatcher.runOnce();
        expect(first.failed.map((f) => String(f.error))).toEqual([expect.stringContaining('answered 500')]);
        clock.advance(1000);
        const second = await dispatcher.runOnce();
        expect(second.failed).toEqual([]);
        // The refused first delivery came again with the same key; then each event once, in order.
        expect(received.map((r) => r.key)).toEqual([events[0]?.key, ...events.map((e) => e.key)]);
        expect(received.every((r) => r.verified)).toBe(true);
        expect(received.slice(1).map((r) => domainEventSchema.parse(JSON.parse(r.body)))).toEqual(events);
        // The verify helper refuses a changed body, a wrong secret, a stale timestamp and no signature.
        const one = received[1] as Received;
        const check = (o: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
          verifyWebhookSignature({
            secret: SECRET,
            body: one.body,
            signature: one.signature,
            timestamp: one.timestamp,
            ...o,
          });
        expect(await check({})).toBe(true);
        expect(await check({ body: one.body.replace('lead', 'leaf') })).toBe(false);
        expect(await check({ secret: 'guess' })).toBe(false);
        expect(await check({ nowSeconds: Number(one.timestamp) + 301 })).toBe(false);
        expect(await check({ signature: undefined })).toBe(false);
        expect(one.signature).toBe(await signWebhook(SECRET, Number(one.timestamp), one.body));
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}
