import {
  type CrmStorage,
  createEscalationDispatcher,
  createReminderDispatcher,
  type DeliveryContext,
  type EscalationDispatcher,
  ManualClock,
} from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchServersFactory } from '../events/event-dispatch.suite.js';
import { openWorld, storyLead } from '../support/harness.js';
import { effective, escalationRecorder, gate, type Received } from './dispatch-gates.js';
import { escalationPropertyCases } from './escalation-dispatch.property.js';
import { AFTER_ESCALATION, escalatable, slippingReminders } from './slipping-reminders.js';

const LEASE_MS = 30_000;

const smallWorld = (storage: CrmStorage) => openWorld(storage, undefined, { skus: 'unchecked' });

/** Reminders and escalations pushed by several dispatchers at once, fenced, on any storage engine. */
export function describeEscalationDispatch(openServers: DispatchServersFactory): void {
  describe('service: escalation dispatcher', () => {
    let servers: CrmStorage[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ servers, close } = await openServers());
    });
    afterAll(() => close());
    const server = (i: number) => servers[i % servers.length] as CrmStorage;

    it('4 dispatchers racing, one killed mid-batch: each escalation reaches the right manager exactly once', async () => {
      const worlds = [await smallWorld(server(0)), await smallWorld(server(0))];
      const plans = [];
      for (const w of worlds) plans.push(await slippingReminders(w, 3));
      const expected = plans.flatMap((p) => p.expected);
      const acknowledged = plans.flatMap((p) => p.acknowledged);
      expect(expected.length).toBeGreaterThan(10);
      expect(acknowledged.length).toBeGreaterThan(0);
      const tenants = worlds.map((w) => w.crm.tenantId);
      const clock = new ManualClock(AFTER_ESCALATION);
      const log: Received[] = [];
      const dispatcherOf = (i: number, hangAfter?: number): EscalationDispatcher =>
        createEscalationDispatcher({
          storage: server(i),
          tenants,
          workerId: `server-${i}`,
          deliver: escalationRecorder(`server-${i}`, log, hangAfter),
          batchSize: 5,
          leaseMs: LEASE_MS,
          clock,
        });
      void dispatcherOf(3, 0).runOnce(); // hangs in its first batch, holding the lease: the server died
      await new Promise((r) => setTimeout(r, 200));
      const killed = log.filter((d) => d.worker === 'server-3');
      expect(killed.length).toBeGreaterThan(0);
      const live = [0, 1, 2].map((i) => dispatcherOf(i));
      let marked = 0;
      let quiet = 0;
      for (let round = 0; round < 100 && quiet < 2; round++) {
        const rounds = await Promise.all(live.map((d) => d.runOnce()));
        expect(rounds.flatMap((r) => r.failed)).toEqual([]);
        expect(rounds.reduce((n, r) => n + r.lostLease + r.unrouted, 0)).toBe(0);
        const done = rounds.reduce((n, r) => n + r.delivered, 0);
        marked += done;
        if (done > 0) quiet = 0;
        else {
          quiet += 1;
          clock.advance(LEASE_MS + 1); // the dead server's lease runs out
        }
      }
      // Marked once each; the receiver, dropping repeated keys, tells each manager once.
      expect(marked).toBe(expected.length);
      const firsts = effective(log);
      expect([...firsts.keys()].sort()).toEqual(expected.map((e) => e.key).sort());
      for (const e of expected) {
        const got = firsts.get(e.key) as Received;
        expect([got.reminderId, got.to]).toEqual([e.reminder.id, e.to]);
      }
      // The live servers never delivered one twice; the only repeats are of the killed server's
      // batch, delivered again with the same key and a higher fence.
      const liveLog = log.filter((d) => d.worker !== 'server-3');
      expect(new Set(liveLog.map((d) => d.delivery.idempotencyKey)).size).toBe(liveLog.length);
      for (const dead of killed) {
        const again = liveLog.find((d) => d.delivery.idempotencyKey === dead.delivery.idempotencyKey);
        expect(again?.delivery.fence).toBeGreaterThan(dead.delivery.fence);
      }
      expect(new Set(liveLog.map((d) => d.worker)).size).toBeGreaterThanOrEqual(2);
      // Stored: escalated once; the acknowledged ones never.
      const deliveredIds = new Set(log.map((d) => d.reminderId));
      for (const id of acknowledged) expect(deliveredIds.has(id)).toBe(false);
      for (const w of worlds) {
        for (const user of Object.values(w.org)) {
          for (const r of await w.crm.reminders.due(user, { at: AFTER_ESCALATION, limit: 500 })) {
            if (r.escalateAt !== null && r.escalateAt <= AFTER_ESCALATION)
              expect(r.escalatedAt).not.toBeNull();
          }
        }
      }
    });

    for (const kind of ['reminder', 'escalation'] as const) {
      it(`${kind}s: a dispatcher whose lease ran out cannot mark; the next one delivers with the same key and a higher fence`, async () => {
        const w = await smallWorld(server(0));
        await w.crm.leads.capture(w.org.repA, storyLead());
        const [reminder] = await escalatable(w.crm, w.org.repA, AFTER_ESCALATION);
        if (reminder === undefined) throw new Error('no slipping follow-up');
        const clock = new ManualClock(AFTER_ESCALATION);
        const seen: { worker: string; delivery: DeliveryContext }[] = [];
        // Both deliveries are held, so the overtaken one finishes while the new holder still delivers.
        const held = { slow: gate(), fast: gate() };
        const inDelivery = { slow: gate(), fast: gate() };
        const dispatcher = (worker: 'slow' | 'fast' | 'later', i: number) => {
          const deliver = async (_: unknown, delivery: DeliveryContext) => {
            seen.push({ worker, delivery });
            if (worker === 'later') return;
            inDelivery[worker].open();
            await held[worker].promise;
          };
          const base = {
            storage: server(i),
            tenants: [w.crm.tenantId],
            workerId: worker,
            leaseMs: LEASE_MS,
            clock,
          };
          return kind === 'reminder'
            ? createReminderDispatcher({ ...base, deliver })
            : createEscalationDispatcher({ ...base, deliver });
        };
        const slow = dispatcher('slow', 0).runOnce();
        await inDelivery.slow.promise;
        clock.advance(LEASE_MS); // the slow one's lease has run out while it delivers
        const fast = dispatcher('fast', 1).runOnce();
        await inDelivery.fast.promise;
        held.slow.open();
        const late = await slow;
        expect([late.claimed, late.delivered, late.lostLease]).toEqual([1, 0, 1]);
        const markedAt = clock.now();
        held.fast.open();
        const takeover = await fast;
        expect([takeover.claimed, takeover.delivered, takeover.lostLease]).toEqual([1, 1, 0]);
        const [first, second] = seen;
        expect([first?.worker, second?.worker]).toEqual(['slow', 'fast']);
        expect(second?.delivery.idempotencyKey).toBe(first?.delivery.idempotencyKey);
        expect(second?.delivery.fence).toBeGreaterThan(first?.delivery.fence as number);
        const [stored] = await w.crm.reminders.due(w.org.repA, { at: AFTER_ESCALATION });
        expect(kind === 'reminder' ? stored?.deliveredAt : stored?.escalatedAt).toBe(markedAt);
        // Done: nobody delivers it again, however late.
        clock.advance(10 * LEASE_MS);
        expect((await dispatcher('later', 2).runOnce()).claimed).toBe(0);
      });
    }

    it('never escalates a reminder acknowledged before it was due or before its escalation instant', async () => {
      const w = await smallWorld(server(1));
      const { repA } = w.org;
      for (const company of ['甲公司', '乙公司', '丙公司'])
        await w.crm.leads.capture(repA, storyLead({ company }));
      const [early, late, slipping] = await escalatable(w.crm, repA, AFTER_ESCALATION);
      if (!early || !late || !slipping) throw new Error('expected three follow-ups');
      await w.crm.reminders.acknowledge(repA, early.id); // 2 March, days before it is due
      w.clock.set('2026-03-06T01:00:00.000Z'); // due, not yet slipping
      await w.crm.reminders.acknowledge(repA, late.id);
      const clock = new ManualClock(AFTER_ESCALATION);
      const log: Received[] = [];
      const dispatcher = createEscalationDispatcher({
        storage: server(1),
        tenants: [w.crm.tenantId],
        workerId: 'solo',
        deliver: escalationRecorder('solo', log),
        leaseMs: LEASE_MS,
        clock,
      });
      expect((await dispatcher.runOnce()).delivered).toBe(1);
      clock.advance(100 * LEASE_MS);
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      expect(log.map((d) => [d.reminderId, d.to])).toEqual([[slipping.id, w.org.manager.id]]);
    });

    it('retries a failing escalation once its lease ran out, with the same key and a higher fence', async () => {
      const w = await smallWorld(server(2));
      await w.crm.leads.capture(w.org.repB, storyLead());
      const clock = new ManualClock(AFTER_ESCALATION);
      const tries: DeliveryContext[] = [];
      const dispatcher = createEscalationDispatcher({
        storage: server(2),
        tenants: [w.crm.tenantId],
        workerId: 'retrier',
        async deliver(_, delivery) {
          tries.push(delivery);
          if (tries.length === 1) throw new Error('WeCom is down');
        },
        leaseMs: LEASE_MS,
        clock,
      });
      const failed = await dispatcher.runOnce();
      expect(failed.failed.map((f) => (f.error as Error).message)).toEqual(['WeCom is down']);
      expect(failed.delivered).toBe(0);
      // Still leased: not tried again before the lease runs out, then tried and marked.
      clock.advance(LEASE_MS - 1);
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      clock.advance(1);
      const retried = await dispatcher.runOnce();
      expect([retried.claimed, retried.delivered, retried.failed.length]).toEqual([1, 1, 0]);
      expect(tries).toHaveLength(2);
      expect(tries[1]?.idempotencyKey).toBe(tries[0]?.idempotencyKey);
      expect(tries[1]?.fence).toBeGreaterThan(tries[0]?.fence as number);
    });

    escalationPropertyCases(() => servers, smallWorld);
  });
}
