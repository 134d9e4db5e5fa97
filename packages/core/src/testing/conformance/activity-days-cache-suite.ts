import type { Activity, RowScope } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { answered } from './activity-days-suite.js';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildActivity } from './fixtures-work.js';
import type { SuiteState } from './harness.js';

const DAY_MINUTES = 24 * 60;
const OWNERS = ['u0', 'u1', 'u2'] as const;
const ALL: RowScope = { kind: 'all' };

type Edit = typeof editArb extends fc.Arbitrary<infer E> ? E : never;

/** One change to one of the stored activities, as a command would write it (version + 1). */
const editArb = fc.record({
  target: fc.nat(),
  change: fc.oneof(
    fc.record({ kind: fc.constant('subject' as const), subject: fc.string({ maxLength: 8 }) }),
    fc.record({ kind: fc.constant('move' as const), minute: fc.integer({ min: -60, max: 3 * DAY_MINUTES }) }),
    fc.record({ kind: fc.constant('owner' as const), owner: fc.constantFrom(...OWNERS) }),
    fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom('scheduled', 'completed', 'cancelled'),
    }),
    fc.record({ kind: fc.constant('custom' as const), value: fc.integer() }),
  ),
  // A clock that did not move between two writes leaves `updatedAt` as it was: the version alone
  // tells the documents apart then.
  tick: fc.boolean(),
});

const runArb = fc.record({
  minutes: fc.array(fc.integer({ min: 0, max: 3 * DAY_MINUTES - 1 }), { minLength: 1, maxLength: 8 }),
  edits: fc.array(editArb, { minLength: 1, maxLength: 8 }),
  perDay: fc.integer({ min: 1, max: 3 }),
  owners: fc.option(fc.subarray([...OWNERS], { minLength: 1 }), { nil: undefined }),
  statuses: fc.option(fc.constant(['scheduled', 'completed']), { nil: undefined }),
});

function edited(a: Activity, change: Edit['change']): Activity {
  switch (change.kind) {
    case 'subject':
      return { ...a, subject: change.subject };
    case 'move':
      return { ...a, startAt: minutesAfterBase(change.minute), endAt: minutesAfterBase(change.minute + 30) };
    case 'owner':
      return { ...a, ownerId: change.owner };
    case 'status':
      return { ...a, status: change.status };
    case 'custom':
      return { ...a, custom: { score: change.value } };
  }
}

/**
 * A storage may keep decoded documents between calendar reads (SQL storages do, by id, version
 * and update time). Whatever it keeps, a week read again after any sequence of writes must equal a
 * fresh read: each listed document equals `get` of its id in the same transaction, the days hold
 * the rows the rule picks, and what a caller did to the objects it was given changes nothing.
 */
export function registerActivityDaysCache(state: SuiteState): void {
  describe('activity days, read again', () => {
    conformanceIt(
      state,
      'activityDays.readAgain',
      'a week read again after any edits equals a fresh read, whole documents, whatever the caller changed',
      async () => {
        await fc.assert(
          fc.asyncProperty(runArb, async (run) => {
            const tenantId = await freshTenant(state);
            // A second tenant with the same ids, versions and times but other subjects: a document
            // kept for one tenant must never answer the other's read.
            const twinId = await freshTenant(state);
            const prefix = Math.random().toString(36).slice(2, 8);
            const stored = new Map<string, Activity>();
            const start = (tenant: string, i: number, minute: number) =>
              buildActivity(tenant, {
                id: `${prefix}${i}`,
                createdAt: minutesAfterBase(-DAY_MINUTES),
                updatedAt: minutesAfterBase(-DAY_MINUTES),
                ownerId: OWNERS[i % OWNERS.length] ?? 'u0',
                subject: `${tenant} ${i}`,
                startAt: minutesAfterBase(minute),
                endAt: minutesAfterBase(minute + 30),
              });
            for (const tenant of [tenantId, twinId]) {
              await inTx(state, tenant, async (tx) => {
                for (const [i, minute] of run.minutes.entries()) {
                  const a = start(tenant, i, minute);
                  await tx.activities.insert(a);
                  if (tenant === tenantId) stored.set(a.id, a);
                }
              });
            }
            const dayStarts = [0, 1, 2, 3].map((d) => minutesAfterBase(d * DAY_MINUTES));
            const where = {
              ...(run.owners === undefined ? {} : { ownerId: run.owners }),
              ...(run.statuses === undefined ? {} : { status: run.statuses }),
            };
            const readWeek = (tenant: string) =>
              state.ctx.storage.read({ tenantId: tenant }, async (tx) => {
                const days = await tx.activities.byDay({
                  where,
                  scope: ALL,
                  dayStarts,
                  perDay: run.perDay,
                  planOnce: true,
                });
                const items = days.flatMap((d) => d.items);
                const fresh = await Promise.all(items.map((a) => tx.activities.get(a.id)));
                return { days, items, fresh };
              });
            const expectSame = async () => {
              const { days, items, fresh } = await readWeek(tenantId);
              expect(items).toEqual(fresh);
              expect(items.every((a) => a.tenantId === tenantId)).toBe(true);
              expect(answered(days)).toEqual(
                expectedDays([...stored.values()], dayStarts, run.perDay, where),
              );
              // What a caller does to its copies (the calendar labels them in place).
              for (const a of items) {
                Object.assign(a, { subject: 'changed by the caller', regardingLabel: 'x' });
                if (a.custom) (a.custom as Record<string, unknown>).score = -1;
              }
            };
            await expectSame();
            await expectSame();
            let clock = 0;
            for (const edit of run.edits) {
              const ids = [...stored.keys()];
              const id = ids[edit.target % ids.length] ?? '';
              const before = stored.get(id);
              if (before === undefined) continue;
              if (edit.tick) clock += 1;
              const next: Activity = {
                ...edited(before, edit.change),
                version: before.version + 1,
                updatedAt: edit.tick ? minutesAfterBase(clock) : before.updatedAt,
              };
              await inTx(state, tenantId, (tx) => tx.activities.update(next, before.version));
              stored.set(id, next);
              await expectSame();
            }
            const twin = await readWeek(twinId);
            expect(twin.items).toEqual(twin.fresh);
            expect(twin.items.every((a) => a.tenantId === twinId && a.subject.startsWith(twinId))).toBe(true);
            // The tenant deleted and made again under its id, its rows back with the same ids,
            // versions and times but other subjects: nothing kept from its first life answers.
            const tenant = await state.ctx.storage.tenants.get(tenantId);
            if (tenant === null) throw new Error(`tenant ${tenantId} is gone`);
            await state.ctx.storage.tenants.delete(tenantId);
            await state.ctx.storage.tenants.create(tenant);
            // Version 1 and the first life's times: the very keys its first reads kept.
            await inTx(state, tenantId, async (tx) => {
              for (const [i, minute] of run.minutes.entries()) {
                const a = start(tenantId, i, minute);
                await tx.activities.insert({ ...a, subject: `again ${a.id}` });
              }
            });
            const again = await readWeek(tenantId);
            expect(again.items).toEqual(again.fresh);
            expect(again.items.every((a) => a.subject === `again ${a.id}`)).toBe(true);
          }),
          { numRuns: 20 },
        );
      },
    );
  });
}

/** The rule: each day's first `perDay` by start time, then id, and how many more the day holds. */
function expectedDays(
  rows: readonly Activity[],
  dayStarts: readonly string[],
  perDay: number,
  where: { ownerId?: readonly string[]; status?: readonly string[] },
): { ids: string[]; more: number }[] {
  return dayStarts.slice(0, -1).map((from, i) => {
    const to = dayStarts[i + 1] ?? from;
    const day = rows
      .filter(
        (r) =>
          r.startAt >= from &&
          r.startAt < to &&
          (where.ownerId === undefined || where.ownerId.includes(r.ownerId)) &&
          (where.status === undefined || where.status.includes(r.status)),
      )
      .sort((a, b) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : a.id < b.id ? -1 : 1));
    return { ids: day.slice(0, perDay).map((r) => r.id), more: Math.max(0, day.length - perDay) };
  });
}
