import type { Reminder, UserDue } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rejectionOf } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildReminder } from './fixtures-work.js';
import type { SuiteState } from './harness.js';

const AT = minutesAfterBase(0);
const USERS = ['u1', 'u2', 'u3'] as const;
const KINDS = ['lead_follow_up', 'quote_expiring', 'stale_opportunity', 'upcoming_activity'] as const;

const runArb = fc.record({
  reminders: fc.array(
    fc.record({
      user: fc.constantFrom(...USERS),
      kind: fc.constantFrom(...KINDS),
      // Before, exactly at and after the instant asked about; few values, so equal due times
      // (ordered by id) happen often.
      minute: fc.oneof(fc.integer({ min: -5, max: 2 }), fc.constantFrom(0, -600)),
      acknowledged: fc.boolean(),
      snoozedMinute: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
    }),
    { maxLength: 16 },
  ),
  // Duplicates and someone without reminders among the people asked about.
  userIds: fc.array(fc.constantFrom(...USERS, 'u9'), { maxLength: 5 }),
  kinds: fc.subarray([...KINDS]),
  perUser: fc.integer({ min: 1, max: 3 }),
});

/** What `dueByUser` must answer, from the rule `due` documents, over the stored reminders. */
function expectedDue(
  stored: readonly Reminder[],
  userIds: readonly string[],
  kinds: readonly string[],
  perUser: number,
): { userId: string; ids: string[]; more: number }[] {
  return [...new Set(userIds)].map((userId) => {
    const due = stored
      .filter(
        (r) =>
          r.userId === userId &&
          kinds.includes(r.kind) &&
          r.dueAt <= AT &&
          r.acknowledgedAt === null &&
          (r.snoozedUntil === null || r.snoozedUntil <= AT),
      )
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
    return { userId, ids: due.slice(0, perUser).map((r) => r.id), more: Math.max(0, due.length - perUser) };
  });
}

const answered = (people: readonly UserDue[]) =>
  people.map((p) => ({ userId: p.userId, ids: p.items.map((r) => r.id), more: p.more }));

/**
 * A manager's review of due reminders: each person's first `perUser` of some kinds, oldest first,
 * and a count of the rest that holds exactly the reminders `due` would list, never more.
 */
export function registerRemindersByUser(state: SuiteState): void {
  describe('reminders by user', () => {
    conformanceIt(
      state,
      'reminders.dueByUser',
      "dueByUser lists each person's first perUser due reminders of the kinds and counts the rest",
      async () => {
        await fc.assert(
          fc.asyncProperty(runArb, async (run) => {
            const tenantId = await freshTenant(state);
            const prefix = Math.random().toString(36).slice(2, 8);
            const stored = run.reminders.map((r, i) => {
              const id = `${prefix}${String(i).padStart(3, '0')}`;
              return buildReminder(tenantId, {
                id,
                key: `${r.kind}:${id}`,
                kind: r.kind,
                userId: r.user,
                dueAt: minutesAfterBase(r.minute),
                acknowledgedAt: r.acknowledged ? minutesAfterBase(r.minute) : null,
                snoozedUntil: r.snoozedMinute === null ? null : minutesAfterBase(r.snoozedMinute),
              });
            });
            await inTx(state, tenantId, async (tx) => {
              for (const r of stored) await tx.reminders.insert(r);
            });
            const people = await inTx(state, tenantId, (tx) =>
              tx.reminders.dueByUser({
                userIds: run.userIds,
                at: AT,
                kinds: run.kinds,
                perUser: run.perUser,
              }),
            );
            expect(answered(people)).toEqual(expectedDue(stored, run.userIds, run.kinds, run.perUser));
            // The listed reminders are the stored ones, every field.
            const byId = new Map(stored.map((r) => [r.id, r]));
            for (const r of people.flatMap((p) => p.items)) expect(r).toEqual(byId.get(r.id));
          }),
          { numRuns: 30 },
        );
      },
    );

    conformanceIt(
      state,
      'reminders.dueByUser.refuses',
      'dueByUser refuses a perUser that is not a whole number from 1 to 500',
      async () => {
        const tenantId = await freshTenant(state);
        for (const perUser of [0, 501, 1.5, Number.NaN]) {
          const refusal = await rejectionOf(
            inTx(state, tenantId, (tx) =>
              tx.reminders.dueByUser({ userIds: ['u1'], at: AT, kinds: ['lead_follow_up'], perUser }),
            ),
          );
          expect(isCrmError(refusal, 'VALIDATION'), `${perUser}: ${String(refusal)}`).toBe(true);
        }
      },
    );
  });
}
