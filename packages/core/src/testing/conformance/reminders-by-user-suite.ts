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
  // Each group listed and counted apart; groups may be empty or overlap.
  kindGroups: fc.array(fc.subarray([...KINDS]), { minLength: 1, maxLength: 3 }),
  perUser: fc.integer({ min: 1, max: 3 }),
  // How far past `perUser` the count goes: 0 stops it at the list.
  countPast: fc.integer({ min: 0, max: 4 }),
});

/** What `dueByUser` must answer, from the rule `due` documents, over the stored reminders. */
function expectedDue(
  stored: readonly Reminder[],
  userIds: readonly string[],
  kindGroups: readonly (readonly string[])[],
  perUser: number,
  countUpTo: number,
): { userId: string; groups: { ids: string[]; more: number }[] }[] {
  const listOf = (userId: string, kinds: readonly string[]) => {
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
    const ids = due.slice(0, perUser).map((r) => r.id);
    return { ids, more: Math.min(due.length, countUpTo) - ids.length };
  };
  return [...new Set(userIds)].map((userId) => ({
    userId,
    groups: kindGroups.map((kinds) => listOf(userId, kinds)),
  }));
}

const answered = (people: readonly UserDue[]) =>
  people.map((p) => ({
    userId: p.userId,
    groups: p.groups.map((g) => ({ ids: g.items.map((r) => r.id), more: g.more })),
  }));

/**
 * A manager's review of due reminders: each person's first `perUser` of each kind group, oldest
 * first, and a count of the rest (stopped at `countUpTo` in all) that holds exactly the reminders
 * `due` would list, never more.
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
                kindGroups: run.kindGroups,
                perUser: run.perUser,
                countUpTo: run.perUser + run.countPast,
              }),
            );
            expect(answered(people)).toEqual(
              expectedDue(stored, run.userIds, run.kindGroups, run.perUser, run.perUser + run.countPast),
            );
            // The listed reminders are the stored ones, every field.
            const byId = new Map(stored.map((r) => [r.id, r]));
            for (const r of people.flatMap((p) => p.groups.flatMap((g) => g.items)))
              expect(r).toEqual(byId.get(r.id));
          }),
          { numRuns: 30 },
        );
      },
    );

    conformanceIt(
      state,
      'reminders.dueByUser.refuses',
      'dueByUser refuses a perUser outside 1–500, a countUpTo outside perUser–100,000, and 0 or 9+ kind groups',
      async () => {
        const tenantId = await freshTenant(state);
        const group = ['lead_follow_up'];
        for (const [perUser, kindGroups, countUpTo] of [
          [0, [group], 10],
          [501, [group], 1000],
          [1.5, [group], 10],
          [Number.NaN, [group], 10],
          [1, [], 10],
          [1, Array.from({ length: 9 }, () => group), 10],
          [5, [group], 4],
          [5, [group], 100_001],
        ] as const) {
          const refusal = await rejectionOf(
            inTx(state, tenantId, (tx) =>
              tx.reminders.dueByUser({ userIds: ['u1'], at: AT, kindGroups, perUser, countUpTo }),
            ),
          );
          expect(isCrmError(refusal, 'VALIDATION'), `${perUser}: ${String(refusal)}`).toBe(true);
        }
      },
    );
  });
}
