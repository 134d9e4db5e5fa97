import type { CrmStorage } from '@gongfu/core';
import { atLocalTime, type CalendarDate, shiftCalendarDate } from '@gongfu/core';
import { openWorld, type StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costRollup } from '../../src/index.js';
import { instantRange } from '../../src/shared/period.js';
import { cny, periodArb } from './fixtures.js';

/*
 * Revenue by local month comes from one statement that cuts closing instants at the months' local
 * midnights and the period's ends. Reference: what the report used to do, one range query per
 * local month and one for the period, straight on the store. Deals close on either side of local
 * midnights at month ends and of DST changes, read in zones with and without DST.
 */
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Shanghai', 'Australia/Sydney'] as const;
/** Local midnights that open a month, and DST changes, in the zones above (± a minute below). */
const EDGES = [
  '2026-03-01T05:00:00.000Z', // 1 March, New York
  '2026-03-08T07:00:00.000Z', // New York springs forward
  '2026-03-29T01:00:00.000Z', // Berlin springs forward
  '2026-03-31T22:00:00.000Z', // 1 April, Berlin
  '2026-04-01T04:00:00.000Z', // 1 April, New York
  '2026-03-31T16:00:00.000Z', // 1 April, Shanghai
  '2026-04-04T16:00:00.000Z', // Sydney falls back
  '2026-03-31T13:00:00.000Z', // 1 April, Sydney
  '2026-05-01T04:00:00.000Z',
  '2026-02-28T23:00:00.000Z',
];
const closeArb = fc.record({
  edge: fc.constantFrom(...EDGES),
  shift: fc.constantFrom(-60_000, -1, 0, 60_000, 3_600_000),
  amount: fc.integer({ min: 1, max: 9_999_999 }),
});
const BASE = '2026-02-20' as CalendarDate;

export function describeMonthRevenue(makeStorage: StorageFactory): void {
  describe('reports: cost rollup by local month', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('one bucketed statement equals a range query per local month and one for the period (DST zones)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(closeArb, { minLength: 1, maxLength: 6 }),
          fc.uniqueArray(fc.nat(100), { minLength: 1, maxLength: 4 }),
          periodArb(BASE),
          fc.constantFrom(...ZONES),
          async (closes, costDays, period, timeZone) => {
            const w = await openWorld(storage);
            const { repA, manager, presales } = w.org;
            const account = await w.crm.accounts.create(repA, { name: '山东恒通', kind: 'end_user' });
            for (const [i, c] of closes.entries()) {
              const deal = await w.crm.opportunities.create(repA, {
                name: `deal ${i}`,
                accountId: account.id,
                channel: 'key_account',
                team: [{ userId: presales.id, role: 'presales' }],
                lines: [{ sku: 'LS2208', quantity: 1, unitPrice: cny(c.amount) }],
              });
              w.clock.set(new Date(Date.parse(c.edge) + c.shift).toISOString());
              await w.crm.opportunities.win(repA, deal.id);
            }
            for (const d of costDays)
              await w.crm.costs.record(repA, {
                category: 'travel',
                amount: cny(100),
                incurredOn: shiftCalendarDate('2026-01-25' as CalendarDate, d),
                accountId: account.id,
              });
            const report = await costRollup(w.crm, manager, { by: 'month', ...period, timeZone });
            const expected = await w.crm.runAs(manager, async (ctx) => {
              const months = new Map<string, [number | null, number | null]>();
              for (const r of report.rows) {
                const [y, m] = (r.key as string).split('-').map(Number) as [number, number];
                const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
                const range = {
                  from: atLocalTime(`${r.key}-01`, '00:00', timeZone),
                  to: atLocalTime(`${next}-01`, '00:00', timeZone),
                };
                const [row] = await ctx.tx.reports.closedTotals({}, ctx.scope(), range, 'none');
                months.set(r.key as string, [row?.won ?? 0, row?.wonAmount ?? 0]);
              }
              const closed = instantRange({ from: period.from ?? null, to: period.to ?? null }, timeZone);
              const [all] = await ctx.tx.reports.closedTotals({}, ctx.scope(), closed, 'none');
              return { months, total: [all?.won ?? 0, all?.wonAmount ?? 0] };
            });
            expect(new Map(report.rows.map((r) => [r.key, [r.wonDeals, r.wonRevenue]]))).toEqual(
              expected.months,
            );
            const total = report.totals.find((t) => t.currency === 'CNY');
            if (total) expect([total.wonDeals, total.wonRevenue]).toEqual(expected.total);
            else expect(report.rows).toEqual([]);
          },
        ),
        { numRuns: Number(process.env.GONGFU_MONTH_RUNS ?? 25) },
      );
    }, 180_000);
  });
}

/**
 * A manager over most of the tenant: the rollup sums two arms (the rows their people own, and the
 * rows of the few others a seat of theirs shows). An outsider's cost and win on a deal where one of
 * the manager's reps sits are in the manager's rollup; an outsider's own deal without a seat is not.
 */
export function describeWideScopeRollup(makeStorage: StorageFactory): void {
  describe('reports: cost rollup of a manager over most of the tenant', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it("counts the outsiders' rows a seat shows, and only those", async () => {
      const w = await openWorld(storage);
      const { admin, manager, presales } = w.org;
      const reps = [];
      for (let i = 0; i < 16; i++)
        reps.push(
          await w.crm.users.create(admin, { name: `销售${i}`, role: 'sales_rep', managerId: manager.id }),
        );
      const outsider = await w.crm.users.create(admin, { name: '外部销售', role: 'sales_rep' });
      const account = await w.crm.accounts.create(outsider, { name: '山东恒通', kind: 'end_user' });
      const deal = (team: { userId: string; role: 'sales' | 'presales' }[]) =>
        w.crm.opportunities.create(outsider, {
          name: 'deal',
          accountId: account.id,
          channel: 'key_account',
          team: [{ userId: presales.id, role: 'presales' }, ...team],
          lines: [{ sku: 'LS2208', quantity: 1, unitPrice: cny(7_000_00) }],
        });
      const seated = await deal([{ userId: reps[3]!.id, role: 'sales' }]);
      const unseated = await deal([]);
      for (const d of [seated, unseated]) {
        await w.crm.costs.record(outsider, {
          category: 'travel',
          amount: cny(d === seated ? 123 : 456),
          incurredOn: '2026-03-02',
          opportunityId: d.id,
        });
        await w.crm.opportunities.win(outsider, d.id);
      }
      const own = await w.crm.accounts.create(reps[0]!, { name: '青岛海信', kind: 'end_user' });
      await w.crm.costs.record(reps[0]!, {
        category: 'travel',
        amount: cny(10),
        incurredOn: '2026-03-02',
        accountId: own.id,
      });
      const rollup = await costRollup(w.crm, manager, { by: 'salesperson' });
      expect(rollup.rows.map((r) => [r.key, r.count, r.amount, r.wonDeals, r.wonRevenue])).toEqual(
        [
          [reps[0]!.id, 1, 10, 0, 0],
          [outsider.id, 1, 123, 1, 7_000_00],
        ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
      );
      expect(rollup.totals).toEqual([
        expect.objectContaining({
          currency: 'CNY',
          count: 2,
          amount: 133,
          wonDeals: 1,
          wonRevenue: 7_000_00,
        }),
      ]);
      // Grouped by what both arms' rows share (a category, a month), their sums are added group by group.
      const byCategory = await costRollup(w.crm, manager, { by: 'category' });
      expect(byCategory.rows.map((r) => [r.key, r.count, r.amount])).toEqual([['travel', 2, 133]]);
      const byMonth = await costRollup(w.crm, manager, { by: 'month', from: '2026-03-01', to: '2026-03-31' });
      expect(byMonth.rows.map((r) => [r.key, r.count, r.amount, r.wonDeals, r.wonRevenue])).toEqual([
        ['2026-03', 2, 133, 1, 7_000_00],
      ]);
    });
  });
}
