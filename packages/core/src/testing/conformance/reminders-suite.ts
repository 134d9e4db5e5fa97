import type { Reminder } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildReminder } from './fixtures-work.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';

const AT = minutesAfterBase(0);
const ids = (rs: readonly Reminder[]) => rs.map((r) => r.id);

const DUE_USERS = ['u1', 'u2', 'u3'] as const;
/** A few minutes around AT only, so equal due times (ordered by id) and snoozes ending at AT happen often. */
const minuteArb = fc.integer({ min: -4, max: 2 });
const dueRunArb = fc.record({
  reminders: fc.array(
    fc.record({
      user: fc.constantFrom(...DUE_USERS),
      due: minuteArb,
      acknowledged: fc.boolean(),
      snoozedUntil: fc.option(minuteArb, { nil: null }),
      delivered: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
  limit: fc.integer({ min: 1, max: 6 }),
});

/** The rule of `due` over stored reminders: due by AT, not acknowledged, not snoozed past AT; oldest first, then by id. */
function expectedDue(rows: readonly Reminder[], users: readonly string[], limit: number): string[] {
  return rows
    .filter(
      (r) =>
        users.includes(r.userId) &&
        r.dueAt <= AT &&
        r.acknowledgedAt === null &&
        (r.snoozedUntil === null || r.snoozedUntil <= AT),
    )
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((r) => r.id);
}

/** Stored reminders: CRUD with compare-and-set, `due` and `escalationsDue`. */
export function registerReminders(state: SuiteState): void {
  describe('reminders', () => {
    conformanceIt(
      state,
      'reminders.crud',
      'insert/get/forSubject, CAS update, duplicate, remove',
      async () => {
        const tenantId = await freshTenant(state);
        const r = buildReminder(tenantId, { userId: 'u1', subjectType: 'opportunity', subjectId: 'o1' });
        const other = buildReminder(tenantId, { userId: 'u1', subjectType: 'lead', subjectId: 'o1' });
        await inTx(state, tenantId, async (tx) => {
          await tx.reminders.insert(r);
          await tx.reminders.insert(other);
        });
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.reminders.get(r.id)).toEqual(r);
          expect(await tx.reminders.get(`${r.id}-missing`)).toBeNull();
          expect(await tx.reminders.forSubject('opportunity', 'o1')).toEqual([r]);
        });
        const acked = { ...r, acknowledgedAt: minutesAfterBase(5), version: 2 };
        await inTx(state, tenantId, (tx) => tx.reminders.update(acked, 1));
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(r.id))).toEqual(acked);
        expect(
          rawNumber(
            (await rawRows(state, CONFORMANCE_TABLES.reminders, tenantId, { id: r.id }))[0],
            'version',
          ),
        ).toBe(2);
        const stale = await rejectionOf(
          inTx(state, tenantId, (tx) => tx.reminders.update({ ...r, version: 2 }, 1)),
        );
        expect(
          isCrmError(stale, 'CONCURRENCY') && { expected: stale.expected, actual: stale.actual },
        ).toEqual({ expected: 1, actual: 2 });
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(r.id))).toEqual(acked);
        const dup = await rejectionOf(inTx(state, tenantId, (tx) => tx.reminders.insert(r)));
        expect(isCrmError(dup, 'CONFLICT'), String(dup)).toBe(true);
        await inTx(state, tenantId, (tx) => tx.reminders.remove([r.id, 'no-such-reminder']));
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(r.id))).toBeNull();
        expect(await rawRows(state, CONFORMANCE_TABLES.reminders, tenantId, { id: r.id })).toEqual([]);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.get(other.id))).toEqual(other);
      },
    );

    conformanceIt(
      state,
      'reminders.due',
      'due: dueAt ≤ at, not acknowledged, not snoozed past at; oldest first',
      async () => {
        const tenantId = await freshTenant(state);
        const r = (minutes: number, o: Partial<Reminder> = {}) =>
          buildReminder(tenantId, { userId: 'u1', dueAt: minutesAfterBase(minutes), ...o });
        const before = r(-60);
        const exactlyAt = r(0);
        const justAfter = r(0, { dueAt: '2026-03-02T01:15:00.001Z' });
        const acked = r(-120, { acknowledgedAt: minutesAfterBase(-100) });
        const snoozed = r(-180, { snoozedUntil: minutesAfterBase(60) });
        const snoozeOver = r(-240, { snoozedUntil: minutesAfterBase(-1) });
        const snoozeEndsNow = r(-300, { snoozedUntil: AT });
        const otherUser = r(-90, { userId: 'u2' });
        const stranger = r(-90, { userId: 'u3' });
        await inTx(state, tenantId, async (tx) => {
          for (const x of [
            before,
            exactlyAt,
            justAfter,
            acked,
            snoozed,
            snoozeOver,
            snoozeEndsNow,
            otherUser,
            stranger,
          ]) {
            await tx.reminders.insert(x);
          }
        });
        const due = (users: string[], limit = 50) =>
          inTx(state, tenantId, (tx) => tx.reminders.due(users, AT, limit));
        expect(await due(['u1'])).toEqual([snoozeEndsNow, snoozeOver, before, exactlyAt]);
        expect(ids(await due(['u1', 'u2']))).toEqual(
          ids([snoozeEndsNow, snoozeOver, otherUser, before, exactlyAt]),
        );
        expect(ids(await due(['u1'], 2))).toEqual(ids([snoozeEndsNow, snoozeOver]));
        expect(await due([])).toEqual([]);
      },
    );

    conformanceIt(
      state,
      'reminders.due.property',
      'due for one person (its own statement) and for several (merged ranges) keep the rule, whole reminders',
      async () => {
        await fc.assert(
          fc.asyncProperty(dueRunArb, async (run) => {
            const tenantId = await freshTenant(state);
            const prefix = Math.random().toString(36).slice(2, 8);
            const rows = run.reminders.map((x, i) =>
              buildReminder(tenantId, {
                id: `${prefix}${String(i).padStart(2, '0')}`,
                userId: x.user,
                dueAt: minutesAfterBase(x.due),
                acknowledgedAt: x.acknowledged ? minutesAfterBase(-10) : null,
                snoozedUntil: x.snoozedUntil === null ? null : minutesAfterBase(x.snoozedUntil),
                deliveredAt: x.delivered ? minutesAfterBase(-5) : null,
              }),
            );
            await inTx(state, tenantId, async (tx) => {
              for (const r of rows) await tx.reminders.insert(r);
            });
            const byId = new Map(rows.map((r) => [r.id, r]));
            for (const users of [['u1'], ['u2'], ['u1', 'u3'], [...DUE_USERS]]) {
              const due = await inTx(state, tenantId, (tx) => tx.reminders.due(users, AT, run.limit));
              const want = expectedDue(rows, users, run.limit);
              expect(ids(due)).toEqual(want);
              expect(due).toEqual(want.map((id) => byId.get(id)));
            }
          }),
          { numRuns: 25 },
        );
      },
    );

    conformanceIt(
      state,
      'reminders.escalations',
      'escalationsDue: passed, unacknowledged, not yet escalated',
      async () => {
        const tenantId = await freshTenant(state);
        const r = (escalateAt: string | null, o: Partial<Reminder> = {}) =>
          buildReminder(tenantId, { userId: 'u1', dueAt: minutesAfterBase(-600), escalateAt, ...o });
        const passed = r(minutesAfterBase(-60));
        const passedOtherUser = r(minutesAfterBase(-120), { userId: 'u2' });
        const future = r(minutesAfterBase(60));
        const acked = r(minutesAfterBase(-60), { acknowledgedAt: minutesAfterBase(-90) });
        const done = r(minutesAfterBase(-60), { escalatedAt: minutesAfterBase(-30) });
        const never = r(null);
        await inTx(state, tenantId, async (tx) => {
          for (const x of [passed, passedOtherUser, future, acked, done, never]) await tx.reminders.insert(x);
        });
        const due = await inTx(state, tenantId, (tx) => tx.reminders.escalationsDue(AT, 50));
        expect(ids(due).sort()).toEqual(ids([passed, passedOtherUser]).sort());
        expect(due.find((x) => x.id === passed.id)).toEqual(passed);
        expect(await inTx(state, tenantId, (tx) => tx.reminders.escalationsDue(AT, 1))).toHaveLength(1);
      },
    );
  });
}
