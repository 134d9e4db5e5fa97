import type { CrmStorage, Opportunity } from '@gongfu/core';
import { type CalendarDate, isCrmError, shiftCalendarDate } from '@gongfu/core';
import { openWorld, type ServiceWorld, type StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_ROLLUP_BY, type CostRollupBy, costRollup } from '../../src/index.js';
import { asRows, cny, dealsPerRep, mayView, periodArb, spenders, tally, viewers } from './fixtures.js';

const CATEGORIES = ['travel', 'entertainment', 'samples_demo_units', 'bid_fees', 'other'] as const;
const BASE_DAY = '2026-02-20';

const costArb = fc.record({
  spender: fc.integer({ min: 0, max: 2 }),
  onDeal: fc.boolean(),
  category: fc.constantFrom(...CATEGORIES),
  // Up to 10 billion yuan in fen: sums exceed 2^32 and would expose any float or int32 path.
  amount: fc.integer({ min: 1, max: 1_000_000_000_000 }),
  day: fc.integer({ min: 0, max: 70 }),
  usd: fc.boolean(),
});
type GenCost = typeof costArb extends fc.Arbitrary<infer T> ? T : never;

const periodOf = periodArb(BASE_DAY);

interface Booked {
  spender: string;
  opportunityId: string | null;
  accountId: string;
  category: string;
  amount: number;
  currency: string;
  incurredOn: CalendarDate;
}

/** Records the generated costs through the service; returns what was booked, as plain facts. */
async function book(
  w: ServiceWorld,
  costs: readonly GenCost[],
  deals: readonly Opportunity[] | undefined = undefined,
): Promise<Booked[]> {
  deals ??= await dealsPerRep(w);
  const people = spenders(w);
  const out: Booked[] = [];
  for (const c of costs) {
    const deal = deals[c.spender]!;
    const spender = people[c.spender]!;
    // A deal's costs are in its currency; costs on the account alone may be in another.
    const currency = !c.onDeal && c.usd ? 'USD' : 'CNY';
    const incurredOn = shiftCalendarDate(BASE_DAY, c.day);
    await w.crm.costs.record(spender, {
      category: c.category,
      amount: { amount: c.amount, currency },
      incurredOn,
      ...(c.onDeal ? { opportunityId: deal.id } : { accountId: deal.accountId }),
    });
    out.push({
      spender: spender.id,
      opportunityId: c.onDeal ? deal.id : null,
      accountId: deal.accountId,
      category: c.category,
      amount: c.amount,
      currency,
      incurredOn,
    });
  }
  return out;
}

function keyOf(w: ServiceWorld, by: CostRollupBy, c: Booked): string | null {
  const spender = spenders(w).find((u) => u.id === c.spender)!;
  switch (by) {
    case 'opportunity':
      return c.opportunityId;
    case 'account':
      return c.accountId;
    case 'salesperson':
      return c.spender;
    case 'team':
      return spender.managerId;
    case 'channel':
      return spender.channel;
    case 'category':
      return c.category;
    case 'month':
      return c.incurredOn.slice(0, 7);
  }
}

/** `crm` cost rollups (@gongfu/reports) on any storage engine. */
export function describeCostRollups(makeStorage: StorageFactory): void {
  describe('reports: cost rollups', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('every grouping equals a brute-force sum over the rows each actor may see, tenant by tenant', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(costArb, { maxLength: 10 }),
          fc.array(costArb, { maxLength: 10 }),
          periodOf,
          async (first, second, period) => {
            // Two tenants on one database: neither's totals may include a row of the other.
            const worlds = [await openWorld(storage), await openWorld(storage)];
            const booked = [await book(worlds[0]!, first), await book(worlds[1]!, second)];
            for (const [i, w] of worlds.entries()) {
              const inPeriod = booked[i]!.filter(
                (c) =>
                  (!period.from || c.incurredOn >= period.from) && (!period.to || c.incurredOn <= period.to),
              );
              for (const viewer of viewers(w)) {
                const visible = inPeriod.filter((c) => mayView(w, viewer, c.spender));
                for (const by of COST_ROLLUP_BY) {
                  const expected = new Map<string, { count: number; amount: bigint }>();
                  for (const c of visible) tally(expected, keyOf(w, by, c), c.currency, c.amount);
                  const report = await costRollup(w.crm, viewer, { by, ...period });
                  const actual = new Map<string, { count: number; amount: bigint }>();
                  for (const r of report.rows) {
                    actual.set(`${r.key}|${r.currency}`, { count: r.count, amount: BigInt(r.amount) });
                  }
                  expect(asRows(actual), `${viewer.name} by ${by}`).toEqual(asRows(expected));
                  const totals = new Map<string, { count: number; amount: bigint }>();
                  for (const c of visible) tally(totals, null, c.currency, c.amount);
                  expect(
                    report.totals.map((t) => ({
                      id: `null|${t.currency}`,
                      count: t.count,
                      amount: t.amount,
                    })),
                  ).toEqual(asRows(totals));
                }
              }
            }
          },
        ),
        { numRuns: 8 },
      );
    });

    it("a manager over most of the tenant (split by owner): every grouping equals the brute-force sum, a seat's rows included", async () => {
      // 16 of the tenant's 21 people report to the manager, so the storage splits the scope into the
      // rows they own and the outsiders' rows a seat shows; the outsiders come from the org chart.
      const w = await openWorld(storage);
      const { crm, org } = w;
      let seat = org.manager;
      for (let i = 0; i < 13; i++) {
        const role = i === 0 ? 'presales_engineer' : 'sales_rep';
        const user = await crm.users.create(org.manager, {
          name: `下属${i}`,
          role,
          managerId: org.manager.id,
        });
        if (i === 0) seat = user;
      }
      const deals = await dealsPerRep(w);
      // The other team's rep's deal with a presales engineer of the manager's on its team: the
      // manager sees the costs booked on that deal (not those on its account alone).
      const seated = await crm.opportunities.create(org.otherRep, {
        name: '席位项目',
        accountId: deals[2]!.accountId,
        channel: org.otherRep.channel ?? 'key_account',
        team: [{ userId: seat.id, role: 'presales' }],
      });
      const withSeat = [deals[0]!, deals[1]!, seated];
      const all: Booked[] = [];
      await fc.assert(
        fc.asyncProperty(fc.array(costArb, { maxLength: 8 }), periodOf, async (costs, period) => {
          all.push(...(await book(w, costs, withSeat)));
          const visible = all.filter(
            (c) =>
              (!period.from || c.incurredOn >= period.from) &&
              (!period.to || c.incurredOn <= period.to) &&
              (mayView(w, org.manager, c.spender) || c.opportunityId === seated.id),
          );
          for (const by of COST_ROLLUP_BY) {
            const expected = new Map<string, { count: number; amount: bigint }>();
            for (const c of visible) tally(expected, keyOf(w, by, c), c.currency, c.amount);
            const report = await costRollup(crm, org.manager, { by, ...period });
            const actual = new Map<string, { count: number; amount: bigint }>();
            for (const r of report.rows) {
              actual.set(`${r.key}|${r.currency}`, { count: r.count, amount: BigInt(r.amount) });
            }
            expect(asRows(actual), `manager by ${by}`).toEqual(asRows(expected));
          }
        }),
        { numRuns: 6 },
      );
    });

    it("a salesperson's rollup never includes a peer's cost; the manager's holds both; the other team's manager neither", async () => {
      const w = await openWorld(storage);
      const [dealA, dealB] = await dealsPerRep(w);
      const { repA, repB, manager, otherManager } = w.org;
      await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(100),
        incurredOn: '2026-03-02',
        opportunityId: dealA!.id,
      });
      await w.crm.costs.record(repB, {
        category: 'travel',
        amount: cny(7),
        incurredOn: '2026-03-02',
        opportunityId: dealB!.id,
      });
      const byPerson = async (actor: typeof repA) =>
        (await costRollup(w.crm, actor, { by: 'salesperson' })).rows.map((r) => [r.label, r.amount]);
      expect(await byPerson(repA)).toEqual([[repA.name, 100]]);
      expect(await byPerson(repB)).toEqual([[repB.name, 7]]);
      expect((await byPerson(manager)).sort()).toEqual(
        [
          [repA.name, 100],
          [repB.name, 7],
        ].sort(),
      );
      expect(await byPerson(otherManager)).toEqual([]);
    });

    it('puts won revenue beside the costs: cost-to-revenue ratio and cost per won deal', async () => {
      const w = await openWorld(storage);
      const { repA, repB, manager, presales } = w.org;
      const account = await w.crm.accounts.create(repA, { name: '山东恒通', kind: 'system_integrator' });
      const make = (name: string) =>
        w.crm.opportunities.create(repA, {
          name,
          accountId: account.id,
          channel: 'key_account',
          team: [{ userId: presales.id, role: 'presales' }],
          lines: [{ sku: 'LS2208', quantity: 200, unitPrice: cny(100_000) }],
        });
      const won1 = await make('won 1');
      const won2 = await make('won 2');
      const open = await make('still open');
      w.clock.set('2026-03-31T16:30:00.000Z'); // 00:30 on 1 April in Shanghai: an April win
      await w.crm.opportunities.win(repA, won1.id);
      w.clock.set('2026-03-20T02:00:00.000Z');
      await w.crm.opportunities.win(repA, won2.id);
      await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(1_000_000),
        incurredOn: '2026-03-10',
        opportunityId: won1.id,
      });
      await w.crm.costs.record(repA, {
        category: 'bid_fees',
        amount: cny(200_001),
        incurredOn: '2026-04-01',
        opportunityId: open.id,
      });
      await w.crm.costs.record(repB, {
        category: 'travel',
        amount: cny(5),
        incurredOn: '2026-03-11',
        accountId: (await w.crm.accounts.create(repB, { name: 'x', kind: 'dealer' })).id,
      });

      const byPerson = await costRollup(w.crm, manager, { by: 'salesperson' });
      const a = byPerson.rows.find((r) => r.key === repA.id)!;
      expect(a).toMatchObject({
        amount: 1_200_001,
        wonRevenue: 40_000_000,
        wonDeals: 2,
        costPerWonDeal: 600_001,
      });
      expect(a.costToRevenue).toBeCloseTo(1_200_001 / 40_000_000, 12);
      expect(byPerson.rows.find((r) => r.key === repB.id)).toMatchObject({
        wonRevenue: 0,
        costToRevenue: null,
        costPerWonDeal: null,
      });

      // Months are local: the win at 00:30 on 1 April (Shanghai) is April's revenue, not March's.
      const byMonth = await costRollup(w.crm, manager, { by: 'month' });
      expect(byMonth.rows.map((r) => [r.key, r.wonDeals, r.wonRevenue])).toEqual([
        ['2026-03', 1, 20_000_000],
        ['2026-04', 1, 20_000_000],
      ]);
      const march = await costRollup(w.crm, manager, {
        by: 'opportunity',
        from: '2026-03-01',
        to: '2026-03-31',
      });
      expect(march.rows.map((r) => [r.label, r.amount, r.wonRevenue])).toEqual([
        ['won 1', 1_000_000, 0],
        ['not on a deal', 5, 0],
      ]);
      expect(march.totals).toEqual([
        expect.objectContaining({ currency: 'CNY', amount: 1_000_005, wonDeals: 1, wonRevenue: 20_000_000 }),
      ]);
      const channel = await costRollup(w.crm, manager, { by: 'channel', channel: 'distribution' });
      expect(channel.rows).toEqual([]);
    });

    it('refuses bad options with a ValidationError naming the field', async () => {
      const w = await openWorld(storage);
      const fieldOf = async (p: Promise<unknown>) => {
        const e = await p.then(
          () => null,
          (x: unknown) => x,
        );
        if (!isCrmError(e, 'VALIDATION')) throw new Error(`expected a validation error, got ${String(e)}`);
        return e.issues.map((i) => i.field);
      };
      expect(await fieldOf(costRollup(w.crm, w.org.manager, { by: 'weekday' as never }))).toEqual(['by']);
      expect(
        await fieldOf(
          costRollup(w.crm, w.org.manager, { by: 'month', from: '2026-04-01', to: '2026-03-01' }),
        ),
      ).toEqual(['to']);
      expect(await fieldOf(costRollup(w.crm, w.org.manager, { by: 'month', from: '2026-02-30' }))).toEqual([
        '',
      ]);
    });
  });
}
