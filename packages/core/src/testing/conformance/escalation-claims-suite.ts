import type { Reminder, ReminderClaim } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildReminder } from './fixtures-work.js';
import type { SuiteState } from './harness.js';

const AT = minutesAfterBase(0);
const LEASE_MS = 60_000;
const claimedIds = (cs: readonly ReminderClaim[]) => cs.map((c) => c.reminder.id);

/** Escalation dispatch: `claimEscalations` leases with its own fence, `markEscalated` completes. */
export function registerEscalationClaims(state: SuiteState): void {
  describe('escalation dispatch', () => {
    conformanceIt(
      state,
      'escalation.claim',
      'claimEscalations: passed, unacknowledged, not escalated, oldest first; snoozed still escalates',
      async () => {
        const tenantId = await freshTenant(state);
        const r = (escalateAt: string | null, o: Partial<Reminder> = {}) =>
          buildReminder(tenantId, { userId: 'u1', dueAt: minutesAfterBase(-600), escalateAt, ...o });
        const passed = r(minutesAfterBase(-60));
        const older = r(minutesAfterBase(-120), { userId: 'u2' });
        const snoozed = r(minutesAfterBase(-30), { snoozedUntil: minutesAfterBase(60) });
        const exactlyAt = r(AT);
        const future = r(minutesAfterBase(1));
        const acked = r(minutesAfterBase(-60), { acknowledgedAt: minutesAfterBase(-90) });
        const done = r(minutesAfterBase(-60), { escalatedAt: minutesAfterBase(-30) });
        const never = r(null);
        await inTx(state, tenantId, async (tx) => {
          for (const x of [passed, older, snoozed, exactlyAt, future, acked, done, never])
            await tx.reminders.insert(x);
        });
        const first = await inTx(state, tenantId, (tx) =>
          tx.reminders.claimEscalations('w1', AT, 2, LEASE_MS),
        );
        expect(first).toEqual([
          { reminder: older, fence: 1 },
          { reminder: passed, fence: 1 },
        ]);
        const rest = await inTx(state, tenantId, (tx) =>
          tx.reminders.claimEscalations('w1', AT, 50, LEASE_MS),
        );
        expect(claimedIds(rest)).toEqual([snoozed.id, exactlyAt.id]);
        // The delivery lease is a separate one: the same reminders can still be claimed for delivery.
        const delivery = await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w1', AT, 50, LEASE_MS));
        expect(claimedIds(delivery)).toContain(passed.id);
      },
    );

    conformanceIt(
      state,
      'escalation.lease',
      'a live escalation claim excludes others; a taken-over one has a higher fence and the old holder marks nothing',
      async () => {
        const tenantId = await freshTenant(state);
        const x = buildReminder(tenantId, {
          dueAt: minutesAfterBase(-600),
          escalateAt: minutesAfterBase(-10),
        });
        await inTx(state, tenantId, (tx) => tx.reminders.insert(x));
        const claim = (worker: string, at: string) =>
          inTx(state, tenantId, (tx) => tx.reminders.claimEscalations(worker, at, 10, LEASE_MS));
        const first = await claim('w1', AT);
        expect(await claim('w2', minutesAfterBase(0.99))).toEqual([]);
        const takenOver = await claim('w2', minutesAfterBase(1));
        expect(takenOver).toEqual([{ reminder: x, fence: 2 }]);
        expect(
          await inTx(state, tenantId, (tx) => tx.reminders.markEscalated(first, minutesAfterBase(2))),
        ).toEqual([]);
        const at = minutesAfterBase(2);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.markEscalated(takenOver, at))).toEqual([
          x.id,
        ]);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(x.id))).toEqual({
          ...x,
          escalatedAt: at,
          version: 2,
        });
        // Escalated once: never claimed again, and marking twice changes nothing.
        expect(await claim('w3', minutesAfterBase(600))).toEqual([]);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.markEscalated(takenOver, at))).toEqual([]);
      },
    );

    conformanceIt(
      state,
      'escalation.disjoint',
      'concurrent escalation claimers in one tenant take disjoint batches that cover every escalation',
      async () => {
        const tenantId = await freshTenant(state);
        const all = Array.from({ length: 30 }, (_, i) =>
          buildReminder(tenantId, { dueAt: minutesAfterBase(-600), escalateAt: minutesAfterBase(-i) }),
        );
        await inTx(state, tenantId, async (tx) => {
          for (const x of all) await tx.reminders.insert(x);
        });
        const batches = await Promise.all(
          Array.from({ length: 4 }, (_, w) =>
            inTx(state, tenantId, (tx) => tx.reminders.claimEscalations(`w${w}`, AT, 10, LEASE_MS)),
          ),
        );
        const claimed = batches.flatMap(claimedIds);
        expect(claimed).toHaveLength(new Set(claimed).size);
        expect([...claimed].sort()).toEqual(all.map((r) => r.id).sort());
      },
    );
  });
}
