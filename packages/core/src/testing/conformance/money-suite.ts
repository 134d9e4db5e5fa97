import type { CostEntry } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { cny } from './fixtures.js';
import { buildOpportunity, buildOrder } from './fixtures-deals.js';
import { buildCost } from './fixtures-work.js';
import type { SuiteState } from './harness.js';
import { walkPages } from './scope-model.js';

const TRILLION_FEN = 1_000_000_000_000;

/** Money is integer minor units: stored and read back as exact safe integers, never floats or strings. */
export function registerMoney(state: SuiteState): void {
  describe('money', () => {
    conformanceIt(
      state,
      'money.cost-sums',
      'many 1-fen costs plus ~10^12-fen costs sum exactly',
      async () => {
        const tenantId = await freshTenant(state);
        const small = Array.from({ length: 300 }, () =>
          buildCost(tenantId, { incurredBy: 'u1', amount: cny(1), incurredOn: '2026-03-31' }),
        );
        const large = [TRILLION_FEN, TRILLION_FEN + 1, 3 * TRILLION_FEN - 7].map((amount) =>
          buildCost(tenantId, { incurredBy: 'u1', amount: cny(amount), incurredOn: '2026-04-01' }),
        );
        await inTx(state, tenantId, async (tx) => {
          for (const cost of [...small, ...large]) await tx.costs.insert(cost);
        });
        const listAll = (incurredOn?: { from?: string; to?: string }) =>
          inTx(state, tenantId, (tx) =>
            walkPages<CostEntry>(
              (cursor) =>
                tx.costs.list({
                  where: incurredOn ? { incurredOn } : undefined,
                  scope: { kind: 'all' },
                  limit: 100,
                  cursor,
                }),
              400,
            ),
          );
        const rows = await listAll();
        const amounts = rows.map((c) => c.amount.amount);
        expect(
          amounts.every((a) => typeof a === 'number' && Number.isSafeInteger(a)),
          'amounts are safe integers',
        ).toBe(true);
        expect(new Set(rows.map((c) => c.amount.currency))).toEqual(new Set(['CNY']));
        expect(amounts.reduce((sum, a) => sum + a, 0)).toBe(300 + 5 * TRILLION_FEN - 6);
        const april = await listAll({ from: '2026-04-01', to: '2026-05-01' });
        expect(april.reduce((sum, c) => sum + c.amount.amount, 0)).toBe(5 * TRILLION_FEN - 6);
        expect(
          await inTx(state, tenantId, (tx) =>
            tx.costs.count({ incurredOn: { to: '2026-04-01' } }, { kind: 'all' }),
          ),
        ).toBe(300);
      },
    );

    conformanceIt(
      state,
      'money.extremes',
      'Number.MAX_SAFE_INTEGER and 0 fen round-trip exactly',
      async () => {
        const tenantId = await freshTenant(state);
        const opp = buildOpportunity(tenantId, {
          ownerId: 'u1',
          accountId: 'a1',
          amount: cny(Number.MAX_SAFE_INTEGER),
        });
        const order = buildOrder(tenantId, { ownerId: 'u1', accountId: 'a1', amount: cny(0) });
        await inTx(state, tenantId, async (tx) => {
          await tx.opportunities.insert(opp);
          await tx.orders.insert(order);
        });
        const [storedOpp, storedOrder] = await inTx(state, tenantId, (tx) =>
          Promise.all([tx.opportunities.get(opp.id), tx.orders.get(order.id)]),
        );
        expect(storedOpp?.amount).toStrictEqual(cny(Number.MAX_SAFE_INTEGER));
        expect(storedOrder?.amount).toStrictEqual(cny(0));
      },
    );
  });
}
