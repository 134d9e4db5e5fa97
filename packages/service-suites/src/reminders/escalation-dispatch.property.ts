import { type CrmStorage, createEscalationDispatcher, type EscalationRound, ManualClock } from '@gongfu/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { type Gate, gate, type Received } from './dispatch-gates.js';
import { AFTER_ESCALATION, slippingReminders } from './slipping-reminders.js';

const LEASE_MS = 30_000;
const DISPATCHERS = 3;
/** Larger runs: `GONGFU_ESCALATION_RUNS=200`; another seed: `GONGFU_ESCALATION_SEED`. */
const RUNS = Number(process.env.GONGFU_ESCALATION_RUNS ?? 10);
const SEED = Number(process.env.GONGFU_ESCALATION_SEED ?? 20261205);

type Step =
  | { t: 'start'; d: number }
  | { t: 'settle'; pick: number; ok: boolean }
  | { t: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('start' as const), d: fc.nat(DISPATCHERS - 1) }),
  fc.record({ t: fc.constant('settle' as const), pick: fc.nat(), ok: fc.boolean() }),
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2 * LEASE_MS }) }),
);

const pause = () => new Promise((r) => setTimeout(r, 3));

/**
 * Three dispatchers whose deliveries wait until the test settles them (succeed or fail, in any
 * order), started and overtaken by the clock in a random order. Whatever happens, a receiver that
 * drops repeated idempotency keys acts on every escalation exactly once, and each is marked once.
 */
export function escalationPropertyCases(
  servers: () => CrmStorage[],
  openWorld: (storage: CrmStorage) => Promise<ServiceWorld>,
): void {
  it('property: exactly one effective delivery per escalation under random interleavings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const storages = servers();
        const w = await openWorld(storages[0] as CrmStorage);
        const { expected } = await slippingReminders(w, 1);
        const clock = new ManualClock(AFTER_ESCALATION);
        const pending: { gate: Gate; received: Received }[] = [];
        const receiver = new Map<string, Received>();
        const attempts: Received[] = [];
        const rounds: EscalationRound[] = [];
        const running: (Promise<void> | null)[] = Array.from({ length: DISPATCHERS }, () => null);
        let draining = false;
        const dispatchers = Array.from({ length: DISPATCHERS }, (_, d) =>
          createEscalationDispatcher({
            storage: storages[d % storages.length] as CrmStorage,
            tenants: [w.crm.tenantId],
            workerId: `d${d}`,
            batchSize: 2,
            leaseMs: LEASE_MS,
            clock,
            async deliver(escalation, delivery) {
              const received = {
                worker: `d${d}`,
                reminderId: escalation.reminder.id,
                to: escalation.to,
                delivery,
              };
              attempts.push(received);
              if (!draining) {
                const g = gate();
                pending.push({ gate: g, received });
                await g.promise;
              }
              if (!receiver.has(delivery.idempotencyKey)) receiver.set(delivery.idempotencyKey, received);
            },
          }),
        );
        const start = (d: number) => {
          if (running[d] !== null) return;
          running[d] = (dispatchers[d] as (typeof dispatchers)[number])
            .runOnce()
            .then((r) => void rounds.push(r))
            .finally(() => {
              running[d] = null;
            });
        };
        // Lets claims and marks finish before the next step (pacing only, nothing is timed).
        const settleDown = async () => {
          let last = '';
          for (let stable = 0; stable < 3; ) {
            await pause();
            const now = `${pending.length}:${rounds.length}:${attempts.length}`;
            stable = now === last ? stable + 1 : 0;
            last = now;
          }
        };
        for (const s of steps) {
          if (s.t === 'start') start(s.d);
          else if (s.t === 'advance') clock.advance(s.ms);
          else if (pending.length > 0) {
            const [p] = pending.splice(s.pick % pending.length, 1);
            if (s.ok) p?.gate.open();
            else p?.gate.fail(new Error('receiver down'));
          }
          await settleDown();
        }
        // Drain: every held delivery succeeds, then rounds run until nothing is left to claim.
        draining = true;
        for (const p of pending.splice(0)) p.gate.open();
        await Promise.all(running);
        for (let idle = 0, n = 0; idle < 2 && n < 50; n++) {
          clock.advance(LEASE_MS);
          for (let d = 0; d < DISPATCHERS; d++) start(d);
          await Promise.all(running);
          idle = rounds.slice(-DISPATCHERS).every((r) => r.claimed === 0) ? idle + 1 : 0;
        }
        expect([...receiver.keys()].sort()).toEqual(expected.map((e) => e.key).sort());
        for (const e of expected) expect(receiver.get(e.key)?.to).toBe(e.to);
        expect(rounds.reduce((n, r) => n + r.delivered, 0)).toBe(expected.length);
        expect(rounds.reduce((n, r) => n + r.unrouted, 0)).toBe(0);
        // No two deliveries of one key ever held the same fence: claims never overlapped.
        const fenced = attempts.map((a) => `${a.delivery.idempotencyKey}#${a.delivery.fence}`);
        expect(new Set(fenced).size).toBe(fenced.length);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
}
