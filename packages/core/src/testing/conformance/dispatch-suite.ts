import type { Reminder, ReminderClaim } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildReminder } from './fixtures-work.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';

const AT = minutesAfterBase(0);
const LEASE_MS = 60_000;
const ids = (rs: readonly Pick<Reminder, 'id'>[]) => rs.map((r) => r.id);
const claimedIds = (cs: readonly ReminderClaim[]) => cs.map((c) => c.reminder.id);
const fences = (cs: readonly ReminderClaim[]) => cs.map((c) => c.fence);
const sorted = (xs: readonly string[]) => [...xs].sort();
/** Instants as the adapter returns them, whatever the driver hands back for a raw column. */
const rawInstant = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** Reminder dispatch across app servers: `claimDue` leases with a fence, `markDelivered` completes. */
export function registerDispatch(state: SuiteState): void {
  describe('reminder dispatch', () => {
    conformanceIt(
      state,
      'dispatch.claim',
      'claimDue: due, unacknowledged, unsnoozed, undelivered, oldest first; lease stored; version kept',
      async () => {
        const tenantId = await freshTenant(state);
        const r = (minutes: number, o: Partial<Reminder> = {}) =>
          buildReminder(tenantId, { userId: 'u1', dueAt: minutesAfterBase(minutes), ...o });
        const old = r(-90);
        const older = r(-120);
        const exactlyAt = r(0);
        const future = r(1);
        const acked = r(-60, { acknowledgedAt: minutesAfterBase(-30) });
        const snoozed = r(-60, { snoozedUntil: minutesAfterBase(30) });
        const snoozeOver = r(-50, { snoozedUntil: minutesAfterBase(-1) });
        const delivered = r(-60, { deliveredAt: minutesAfterBase(-40) });
        await inTx(state, tenantId, async (tx) => {
          for (const x of [old, older, exactlyAt, future, acked, snoozed, snoozeOver, delivered])
            await tx.reminders.insert(x);
        });
        const first = await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w1', AT, 2, LEASE_MS));
        expect(first).toEqual([
          { reminder: older, fence: 1 },
          { reminder: old, fence: 1 },
        ]);
        const rest = await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w1', AT, 50, LEASE_MS));
        expect(claimedIds(rest)).toEqual(ids([snoozeOver, exactlyAt]));
        const raw = (await rawRows(state, CONFORMANCE_TABLES.reminders, tenantId, { id: old.id }))[0];
        expect(raw?.claimed_by).toBe('w1');
        expect(rawInstant(raw?.claim_expires_at)).toBe(minutesAfterBase(1));
        expect(rawNumber(raw, 'version')).toBe(1);
        const untouched = (
          await rawRows(state, CONFORMANCE_TABLES.reminders, tenantId, { id: future.id })
        )[0];
        expect(untouched?.claimed_by ?? null).toBeNull();
      },
    );

    conformanceIt(
      state,
      'dispatch.lease',
      'a live claim excludes other workers; an expired one is taken over and the old holder marks nothing',
      async () => {
        const tenantId = await freshTenant(state);
        const a = buildReminder(tenantId, { dueAt: minutesAfterBase(-10) });
        const b = buildReminder(tenantId, { dueAt: minutesAfterBase(-5) });
        await inTx(state, tenantId, async (tx) => {
          await tx.reminders.insert(a);
          await tx.reminders.insert(b);
        });
        const claim = (worker: string, at: string) =>
          inTx(state, tenantId, (tx) => tx.reminders.claimDue(worker, at, 10, LEASE_MS));
        const first = await claim('w1', AT);
        expect(claimedIds(first)).toEqual([a.id, b.id]);
        expect(await claim('w2', AT)).toEqual([]);
        expect(await claim('w2', minutesAfterBase(0.99))).toEqual([]);
        // The lease ends at AT + LEASE_MS exactly: from then on the reminders are free again.
        const takenOver = await claim('w2', minutesAfterBase(1));
        expect(claimedIds(takenOver)).toEqual([a.id, b.id]);
        expect(fences(takenOver)).toEqual([2, 2]);
        const late = await inTx(state, tenantId, (tx) =>
          tx.reminders.markDelivered(first, minutesAfterBase(2)),
        );
        expect(late).toEqual([]);
        expect((await inTx(state, tenantId, (tx) => tx.reminders.get(a.id)))?.deliveredAt).toBeNull();
        const current = await inTx(state, tenantId, (tx) =>
          tx.reminders.markDelivered(takenOver, minutesAfterBase(2)),
        );
        expect(current).toEqual([a.id, b.id]);
      },
    );

    conformanceIt(
      state,
      'dispatch.mark',
      'markDelivered: only current claims, once; sets deliveredAt, bumps the version; never claimed again',
      async () => {
        const tenantId = await freshTenant(state);
        const mine = buildReminder(tenantId, { dueAt: minutesAfterBase(-10) });
        const theirs = buildReminder(tenantId, { dueAt: minutesAfterBase(-5) });
        await inTx(state, tenantId, async (tx) => {
          await tx.reminders.insert(mine);
          await tx.reminders.insert(theirs);
        });
        const [myClaim] = await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w1', AT, 1, LEASE_MS));
        await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w2', AT, 1, LEASE_MS));
        const done = minutesAfterBase(0.5);
        const forged: ReminderClaim[] = [
          { reminder: theirs, fence: 0 },
          { reminder: buildReminder(tenantId, { id: 'no-such-reminder' }), fence: 1 },
        ];
        const marked = await inTx(state, tenantId, (tx) =>
          tx.reminders.markDelivered([myClaim as ReminderClaim, ...forged], done),
        );
        expect(marked).toEqual([mine.id]);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(mine.id))).toEqual({
          ...mine,
          deliveredAt: done,
          version: 2,
        });
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(theirs.id))).toEqual(theirs);
        expect(
          await inTx(state, tenantId, (tx) => tx.reminders.markDelivered([myClaim as ReminderClaim], done)),
        ).toEqual([]);
        // Long after every lease: the delivered one is never offered again, the other one is.
        const later = await inTx(state, tenantId, (tx) =>
          tx.reminders.claimDue('w3', minutesAfterBase(600), 10, LEASE_MS),
        );
        expect(claimedIds(later)).toEqual([theirs.id]);
      },
    );

    conformanceIt(
      state,
      'dispatch.occurrence',
      'a claim of one occurrence cannot mark the next one (rescheduled between claim and mark); fences keep growing',
      async () => {
        const tenantId = await freshTenant(state);
        const r = buildReminder(tenantId, { dueAt: minutesAfterBase(-10) });
        await inTx(state, tenantId, (tx) => tx.reminders.insert(r));
        const [old] = await inTx(state, tenantId, (tx) => tx.reminders.claimDue('w1', AT, 10, LEASE_MS));
        const rescheduled = { ...r, dueAt: minutesAfterBase(-5), version: 2 };
        await inTx(state, tenantId, (tx) => tx.reminders.update(rescheduled, 1));
        expect(
          await inTx(state, tenantId, (tx) => tx.reminders.markDelivered([old as ReminderClaim], AT)),
        ).toEqual([]);
        const next = await inTx(state, tenantId, (tx) =>
          tx.reminders.claimDue('w2', minutesAfterBase(1), 10, LEASE_MS),
        );
        expect(next).toEqual([{ reminder: rescheduled, fence: 2 }]);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.markDelivered(next, AT))).toEqual([r.id]);
      },
    );

    conformanceIt(
      state,
      'dispatch.disjoint',
      'concurrent claimers in one tenant take disjoint batches that cover every due reminder',
      async () => {
        const tenantId = await freshTenant(state);
        const all = Array.from({ length: 40 }, (_, i) =>
          buildReminder(tenantId, { dueAt: minutesAfterBase(-i) }),
        );
        await inTx(state, tenantId, async (tx) => {
          for (const x of all) await tx.reminders.insert(x);
        });
        const batches = await Promise.all(
          Array.from({ length: 5 }, (_, w) =>
            inTx(state, tenantId, (tx) => tx.reminders.claimDue(`w${w}`, AT, 10, LEASE_MS)),
          ),
        );
        const claimed = batches.flatMap(claimedIds);
        expect(claimed).toHaveLength(new Set(claimed).size);
        expect(sorted(claimed)).toEqual(sorted(ids(all)));
      },
    );

    conformanceIt(
      state,
      'dispatch.tenant',
      'claimDue and markDelivered never reach another tenant',
      async () => {
        const a = await freshTenant(state);
        const b = await freshTenant(state);
        const ofB = buildReminder(b, { dueAt: minutesAfterBase(-10) });
        await inTx(state, b, (tx) => tx.reminders.insert(ofB));
        expect(await inTx(state, a, (tx) => tx.reminders.claimDue('w1', AT, 10, LEASE_MS))).toEqual([]);
        const claims = await inTx(state, b, (tx) => tx.reminders.claimDue('w1', AT, 10, LEASE_MS));
        expect(await inTx(state, a, (tx) => tx.reminders.markDelivered(claims, AT))).toEqual([]);
        expect((await inTx(state, b, (tx) => tx.reminders.get(ofB.id)))?.deliveredAt).toBeNull();
      },
    );
  });
}
