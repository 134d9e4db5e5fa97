import {
  type Crm,
  type CrmStorage,
  createEventDispatcher,
  type DomainEvent,
  type EventDispatcher,
  type EventHandler,
  ManualClock,
} from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, storyLead } from '../support/harness.js';

/** Several storages over ONE database, as several app servers would open it (at least four). */
export type DispatchServersFactory = () => Promise<{ servers: CrmStorage[]; close: () => Promise<void> }>;

const LEASE_MS = 30_000;

/** Every event of the tenant, as the system actor reads it. */
export async function allEvents(crm: Crm): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await crm.events.since(crm.system, cursor, { limit: 1000 });
    out.push(...page.items);
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
}

/** Leads captured, half qualified, a third converted: records with several events each. */
async function busyTenant(w: ServiceWorld, leads: number): Promise<void> {
  const { repA, repB } = w.org;
  for (let i = 0; i < leads; i++) {
    const rep = i % 2 ? repA : repB;
    const lead = await w.crm.leads.capture(rep, storyLead({ company: `分发测试${i}` }));
    if (i % 2 === 0) await w.crm.leads.qualify(rep, lead.id);
    if (i % 6 === 0) await w.crm.leads.convert(rep, lead.id);
  }
}

interface Delivery {
  handler: string;
  worker: string;
  event: DomainEvent;
}

/** A handler that records every delivery; `hangAfter` makes it hang for good (a killed server). */
function recorder(
  name: string,
  worker: string,
  log: Delivery[],
  hangAfter = Number.POSITIVE_INFINITY,
): EventHandler {
  let n = 0;
  return {
    name,
    async handle(event) {
      if (n++ >= hangAfter) await new Promise(() => {});
      log.push({ handler: name, worker, event });
    },
  };
}

/** The change feed pushed to handlers by several dispatchers at once, on any storage engine. */
export function describeEventDispatch(openServers: DispatchServersFactory): void {
  describe('service: event dispatcher', () => {
    let servers: CrmStorage[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ servers, close } = await openServers());
    });
    afterAll(() => close());

    it('4 dispatchers, one killed mid-batch: every event handled once per handler, in order per record', async () => {
      const big = await openWorld(servers[0] as CrmStorage);
      // Small means fewer events than a batch: no stocked catalogue.
      const small = await openWorld(servers[0] as CrmStorage, undefined, { skus: 'unchecked' });
      await busyTenant(big, 24);
      await busyTenant(small, 3);
      const tenants = [big.crm.tenantId, small.crm.tenantId];
      const clock = new ManualClock('2026-03-03T01:00:00.000Z');
      const log: Delivery[] = [];
      const dispatcherOf = (i: number, hangAfter?: number): EventDispatcher =>
        createEventDispatcher({
          storage: servers[i] as CrmStorage,
          tenants,
          workerId: `server-${i}`,
          handlers: [
            recorder('search-index', `server-${i}`, log, hangAfter),
            recorder('audit', `server-${i}`, log),
          ],
          batchSize: 10,
          leaseMs: LEASE_MS,
          clock,
        });
      const killed = dispatcherOf(3, 4);
      void killed.runOnce(); // hangs in its fifth delivery, holding its lease: the server died
      await new Promise((r) => setTimeout(r, 200));
      const killedDelivered = log
        .filter((d) => d.worker === 'server-3')
        .map((d) => `${d.handler}:${d.event.key}`);
      expect(killedDelivered.length).toBeGreaterThan(0);
      const live = [0, 1, 2].map((i) => dispatcherOf(i));
      let quiet = 0;
      for (let round = 0; round < 200 && quiet < 2; round++) {
        const rounds = await Promise.all(live.map((d) => d.runOnce()));
        const delivered = rounds.reduce((n, r) => n + r.delivered, 0);
        expect(rounds.flatMap((r) => r.failed)).toEqual([]);
        if (delivered > 0) quiet = 0;
        else {
          quiet += 1;
          clock.advance(LEASE_MS + 1); // the dead server's lease runs out
        }
      }
      for (const [w, tenantId] of [
        [big, tenants[0]],
        [small, tenants[1]],
      ] as const) {
        const events = await allEvents(w.crm);
        for (const handler of ['search-index', 'audit']) {
          const mine = log.filter((d) => d.handler === handler && d.event.tenantId === tenantId);
          // Once per handler, de-duplicated by the idempotency key: the only repeats are the events
          // the killed server had been handed and never settled.
          const firstSeen = new Map<string, DomainEvent>();
          const repeats: string[] = [];
          for (const d of mine) {
            if (firstSeen.has(d.event.key)) repeats.push(`${handler}:${d.event.key}`);
            else firstSeen.set(d.event.key, d.event);
          }
          expect([...firstSeen.keys()].sort()).toEqual(events.map((e) => e.key).sort());
          for (const r of repeats) expect(killedDelivered).toContain(r);
          // In order per record: every delivery (repeats included) of one record comes in feed order
          // among those of the same worker, and the first deliveries are in feed order overall.
          const order = [...firstSeen.values()].map((e) => e.seq);
          expect(order).toEqual([...order].sort((a, b) => a - b));
          const byRecord = new Map<string, number[]>();
          for (const d of mine.filter((d) => d.worker !== 'server-3')) {
            const seqs = byRecord.get(d.event.entityId) ?? [];
            seqs.push(d.event.seq);
            byRecord.set(d.event.entityId, seqs);
          }
          for (const seqs of byRecord.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        }
      }
      // The work was shared among the live servers.
      const workers = new Set(log.map((d) => d.worker));
      expect(workers.size).toBeGreaterThanOrEqual(2);
    });

    it('is fair: a round takes at most a batch from the busy tenant and all of a small one', async () => {
      const big = await openWorld(servers[0] as CrmStorage);
      // Small means fewer events than a batch: no stocked catalogue.
      const small = await openWorld(servers[0] as CrmStorage, undefined, { skus: 'unchecked' });
      await busyTenant(big, 20);
      await small.crm.leads.capture(small.org.repA, storyLead());
      const smallTotal = (await allEvents(small.crm)).length;
      const bigTotal = (await allEvents(big.crm)).length;
      expect(bigTotal).toBeGreaterThan(25);
      const log: Delivery[] = [];
      const dispatcher = createEventDispatcher({
        storage: servers[1] as CrmStorage,
        tenants: [big.crm.tenantId, small.crm.tenantId],
        workerId: 'solo',
        handlers: [recorder('h', 'solo', log)],
        batchSize: 25,
        clock: new ManualClock('2026-03-03T01:00:00.000Z'),
      });
      const first = await dispatcher.runOnce();
      expect(first.perTenant).toEqual({ [big.crm.tenantId]: 25, [small.crm.tenantId]: smallTotal });
      const second = await dispatcher.runOnce();
      expect(second.perTenant[big.crm.tenantId]).toBe(Math.min(25, bigTotal - 25));
    });

    it('retries a failing event with backoff, holds back those after it, then dead-letters it', async () => {
      const w = await openWorld(servers[0] as CrmStorage);
      const lead = await w.crm.leads.capture(w.org.repA, storyLead());
      await w.crm.leads.qualify(w.org.repA, lead.id);
      const events = await allEvents(w.crm);
      const poison = events.find((e) => e.name === 'lead.captured') as DomainEvent;
      const clock = new ManualClock('2026-03-03T01:00:00.000Z');
      const handled: number[] = [];
      let tries = 0;
      const dispatcher = createEventDispatcher({
        storage: servers[2] as CrmStorage,
        tenants: [w.crm.tenantId],
        workerId: 'retrier',
        handlers: [
          {
            name: 'picky',
            async handle(e) {
              if (e.seq === poison.seq) {
                tries += 1;
                throw new Error(`cannot index ${e.entityId}`);
              }
              handled.push(e.seq);
            },
          },
        ],
        maxAttempts: 3,
        backoffMs: (n) => 1000 * 2 ** (n - 1),
        clock,
      });
      const r1 = await dispatcher.runOnce();
      expect(r1.failed.map((f) => [f.seq, f.deadLettered])).toEqual([[poison.seq, false]]);
      expect(handled).toEqual(events.filter((e) => e.seq < poison.seq).map((e) => e.seq));
      // Within the backoff nothing is tried; after it, the same event again (and nothing past it).
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      clock.advance(1000);
      expect((await dispatcher.runOnce()).failed.map((f) => f.deadLettered)).toEqual([false]);
      clock.advance(1999);
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      clock.advance(1);
      const r3 = await dispatcher.runOnce();
      expect(r3.failed.map((f) => [f.seq, f.deadLettered])).toEqual([[poison.seq, true]]);
      expect(tries).toBe(3);
      const dead = await dispatcher.deadLetters(w.crm.tenantId, 'picky');
      expect(dead).toEqual([
        { seq: poison.seq, attempts: 3, error: `cannot index ${lead.id}`, at: clock.now() },
      ]);
      await dispatcher.runOnce();
      expect(handled).toEqual(events.filter((e) => e.seq !== poison.seq).map((e) => e.seq));
    });
  });
}
