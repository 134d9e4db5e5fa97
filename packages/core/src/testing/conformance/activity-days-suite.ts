import type { ActivityDay, RowScope, TeamMemberRow } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildOpportunity } from './fixtures-deals.js';
import { buildActivity } from './fixtures-work.js';
import type { SuiteState } from './harness.js';
import { SCOPE_USERS, scopeAllowsRow, scopeArb, teamArb, teamRows } from './scope-model.js';

const DAY_MINUTES = 24 * 60;
const STATUSES = ['scheduled', 'completed', 'cancelled'] as const;

const runArb = fc.record({
  deals: fc.array(teamArb, { minLength: 1, maxLength: 3 }),
  activities: fc.array(
    fc.record({
      owner: fc.constantFrom(...SCOPE_USERS),
      // Some about a deal (its team reads them), some about nothing (their owner alone).
      deal: fc.option(fc.nat(), { nil: null }),
      status: fc.constantFrom(...STATUSES),
      // Before the first day, inside, on a day's first instant, and past the last day; a few
      // minutes only, so equal start times (ordered by id) happen often.
      minute: fc.oneof(
        fc.integer({ min: -30, max: 5 * DAY_MINUTES }),
        fc.constantFrom(0, DAY_MINUTES, DAY_MINUTES - 1, 2 * DAY_MINUTES, 90),
      ),
    }),
    { minLength: 1, maxLength: 14 },
  ),
  /** Day lengths in hours: a 23- or 25-hour day is a DST change, a 0-hour one a date the zone skipped. */
  dayHours: fc.array(fc.constantFrom(0, 23, 24, 25), { minLength: 1, maxLength: 4 }),
  perDay: fc.integer({ min: 1, max: 3 }),
  owners: fc.option(fc.subarray([...SCOPE_USERS]), { nil: undefined }),
  onlyPlanned: fc.boolean(),
  scopes: fc.array(scopeArb, { minLength: 1, maxLength: 3 }),
  /**
   * The scoped scopes name the tenant's other people (`outsiders`), as a manager's does: a storage
   * may then choose another way to read the days (PostgreSQL walks them in start order).
   */
  namesOutsiders: fc.boolean(),
});

/** `scope` as the service makes it for a manager, naming everyone else when `names` is set. */
const withOutsiders = (scope: RowScope, names: boolean): RowScope =>
  names && scope.kind === 'scoped'
    ? { ...scope, outsiders: SCOPE_USERS.filter((u) => !scope.ownerIds.includes(u)) }
    : scope;

interface Stored {
  id: string;
  ownerId: string;
  status: string;
  startAt: string;
  /** The deal it is about, whose team reads it; none: its own (empty) team. */
  deal: string | null;
  team: TeamMemberRow[];
}

/** What `byDay` must answer, from the pure scope rule over the stored rows. */
function expectedDays(
  rows: readonly Stored[],
  dayStarts: readonly string[],
  perDay: number,
  scope: RowScope,
  owners: readonly string[] | undefined,
  statuses: readonly string[] | undefined,
): { ids: string[]; more: number }[] {
  return dayStarts.slice(0, -1).map((from, i) => {
    const to = dayStarts[i + 1] ?? from;
    const day = rows
      .filter(
        (r) =>
          r.startAt >= from &&
          r.startAt < to &&
          (owners === undefined || owners.includes(r.ownerId)) &&
          (statuses === undefined || statuses.includes(r.status)) &&
          scopeAllowsRow(scope, r.ownerId, r.team),
      )
      .sort((a, b) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : a.id < b.id ? -1 : 1));
    return { ids: day.slice(0, perDay).map((r) => r.id), more: Math.max(0, day.length - perDay) };
  });
}

/** What a read of days answered: each day's listed ids and how many more it holds. */
export const answered = (days: readonly ActivityDay[]) =>
  days.map((d) => ({ ids: d.items.map((a) => a.id), more: d.more }));

/**
 * A calendar's days: each day's first `perDay` by start time then id, and a count of the rest
 * that holds exactly the rows the scope lets the reader see (owner, deal team), never more.
 */
export function registerActivityDays(state: SuiteState): void {
  describe('activity days', () => {
    conformanceIt(
      state,
      'activityDays.scoped',
      'byDay lists the first perDay of each day and counts only what the scope lets one see',
      async () => {
        await fc.assert(
          fc.asyncProperty(runArb, async (run) => {
            const tenantId = await freshTenant(state);
            const prefix = Math.random().toString(36).slice(2, 8);
            const dealIds = run.deals.map((_, i) => `${prefix}d${i}`);
            const rows: Stored[] = run.activities.map((a, i) => {
              const deal = a.deal === null ? null : a.deal % run.deals.length;
              return {
                id: `${prefix}${String(i).padStart(3, '0')}`,
                ownerId: a.owner,
                status: a.status,
                startAt: minutesAfterBase(a.minute),
                team: deal === null ? [] : teamRows(run.deals[deal] ?? { owner: a.owner, members: [] }),
                deal: deal === null ? null : (dealIds[deal] ?? null),
              };
            });
            await inTx(state, tenantId, async (tx) => {
              for (const [i, deal] of run.deals.entries()) {
                const id = dealIds[i] ?? '';
                await tx.opportunities.insert(
                  buildOpportunity(tenantId, { id, ownerId: deal.owner, accountId: 'a-1' }),
                );
                await tx.teams.replace(id, teamRows(deal));
              }
              for (const row of rows) {
                await tx.activities.insert(
                  buildActivity(tenantId, {
                    id: row.id,
                    ownerId: row.ownerId,
                    status: row.status as (typeof STATUSES)[number],
                    startAt: row.startAt,
                    endAt: row.startAt,
                    opportunityId: row.deal,
                  }),
                );
              }
            });
            const dayStarts = [0, ...run.dayHours].map((_, i) =>
              minutesAfterBase(run.dayHours.slice(0, i).reduce<number>((sum, h) => sum + h, 0) * 60),
            );
            const statuses = run.onlyPlanned ? ['scheduled', 'completed'] : undefined;
            for (const scope of run.scopes.map((s) => withOutsiders(s, run.namesOutsiders))) {
              const days = await state.ctx.storage.read({ tenantId }, (tx) =>
                tx.activities.byDay({
                  where: {
                    ...(run.owners === undefined ? {} : { ownerId: run.owners }),
                    ...(statuses === undefined ? {} : { status: statuses }),
                  },
                  scope,
                  dayStarts,
                  perDay: run.perDay,
                  planOnce: true,
                }),
              );
              expect(answered(days), JSON.stringify({ scope, perDay: run.perDay })).toEqual(
                expectedDays(rows, dayStarts, run.perDay, scope, run.owners, statuses),
              );
            }
          }),
          { numRuns: 25 },
        );
      },
    );

    conformanceIt(
      state,
      'activityDays.wideScopeMonth',
      "a month under a scope of 500 people that the owner filter does not imply lists every day's row",
      async () => {
        // Each day is read under the whole scope: with its ids a month passes SQLite's parameter
        // limit in one statement, so the days must be split across statements, not refused.
        const tenantId = await freshTenant(state);
        const prefix = Math.random().toString(36).slice(2, 8);
        const dayStarts = Array.from({ length: 32 }, (_, i) => minutesAfterBase(i * DAY_MINUTES));
        await inTx(state, tenantId, async (tx) => {
          for (let i = 0; i < 31; i++) {
            const startAt = minutesAfterBase(i * DAY_MINUTES + 60);
            await tx.activities.insert(
              buildActivity(tenantId, {
                id: `${prefix}${String(i).padStart(2, '0')}`,
                ownerId: 'u0',
                startAt,
                endAt: startAt,
              }),
            );
          }
        });
        const crowd = Array.from({ length: 499 }, (_, i) => `crowd-${i}`);
        const scope: RowScope = {
          kind: 'scoped',
          ownerIds: ['u0', ...crowd],
          memberIds: crowd,
          minAccess: 'read',
        };
        const days = await state.ctx.storage.read({ tenantId }, (tx) =>
          tx.activities.byDay({ where: { ownerId: ['u0', 'u1'] }, scope, dayStarts, perDay: 2 }),
        );
        expect(answered(days)).toEqual(
          dayStarts
            .slice(0, -1)
            .map((_, i) => ({ ids: [`${prefix}${String(i).padStart(2, '0')}`], more: 0 })),
        );
      },
    );
  });
}
