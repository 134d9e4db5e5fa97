import type { CrmStorage, User } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField, peek } from '../support/service-expect.js';
import { registerCostVisibilityCases } from './cost-visibility.cases.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** 甲's converted deal (account + opportunity in CNY) and a second, open lead. */
async function costFixture(w: ServiceWorld, rep: User = w.org.repA) {
  const won = await w.crm.leads.capture(rep, storyLead());
  await w.crm.leads.qualify(rep, won.id);
  const { opportunity, account } = await w.crm.leads.convert(rep, won.id);
  const lead = await w.crm.leads.capture(rep, storyLead({ company: '青岛港务物流' }));
  return { opportunity, account, lead };
}

/** `crm.costs`: the costs of selling (MISSION point 6), on any storage engine. */
export function describeCostCommands(makeStorage: StorageFactory): void {
  describe('service: costs', () => {
    let storage: CrmStorage;
    const world = () => openWorld(storage);
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('books costs on a deal, an account and a lead, and totals them exactly', async () => {
      const w = await world();
      const { repA } = w.org;
      const { opportunity, account, lead } = await costFixture(w);
      const onDeal = await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(1),
        incurredOn: '2026-03-02',
        opportunityId: opportunity.id,
      });
      expect(onDeal).toMatchObject({
        incurredBy: repA.id,
        opportunityId: opportunity.id,
        accountId: account.id,
        leadId: null,
        version: 1,
      });
      await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(1),
        incurredOn: '2026-03-02',
        opportunityId: opportunity.id,
      });
      await w.crm.costs.record(repA, {
        category: 'samples_demo_units',
        amount: cny(1),
        incurredOn: '2026-03-03',
        leadId: lead.id,
      });
      await w.crm.costs.record(repA, {
        category: 'bid_fees',
        amount: cny(1e12),
        incurredOn: '2026-03-04',
        accountId: account.id,
        description: 'tender deposit',
      });
      await w.crm.costs.record(repA, {
        category: 'entertainment',
        amount: { amount: 2_50, currency: 'USD' },
        incurredOn: '2026-03-04',
        accountId: account.id,
      });

      // 3 × 0.01 CNY + 10 000 000 000 CNY, in fen: no float ever touches it.
      expect(await w.crm.costs.total(repA)).toEqual([
        { currency: 'CNY', amount: 1_000_000_000_003, count: 4 },
        { currency: 'USD', amount: 250, count: 1 },
      ]);
      expect(await w.crm.costs.total(repA, { opportunityId: opportunity.id })).toEqual([
        { currency: 'CNY', amount: 2, count: 2 },
      ]);
      // Paging parameters do not shrink a total.
      expect(await w.crm.costs.total(repA, { accountId: account.id, limit: 1 })).toEqual([
        { currency: 'CNY', amount: 1_000_000_000_002, count: 3 },
        { currency: 'USD', amount: 250, count: 1 },
      ]);
      expect((await w.crm.costs.list(repA, { leadId: lead.id })).items.map((c) => c.category)).toEqual([
        'samples_demo_units',
      ]);
      const first = await w.crm.costs.list(repA, { limit: 2 });
      const second = await w.crm.costs.list(repA, {
        limit: 2,
        ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
      });
      expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(4);
    });

    it('corrects a cost with a reason, keeping the old figures in the history', async () => {
      const w = await world();
      const { repA, manager, presales } = w.org;
      const { opportunity } = await costFixture(w);
      const cost = await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(120_00),
        incurredOn: '2026-03-02',
        opportunityId: opportunity.id,
      });
      const fixed = await w.crm.costs.correct(repA, cost.id, {
        amount: cny(98_50),
        reason: 'the taxi receipt said 98.50',
        expectedVersion: 1,
      });
      expect(fixed).toMatchObject({ amount: cny(98_50), version: 2, category: 'travel' });
      const byManager = await w.crm.costs.correct(manager, cost.id, {
        category: 'entertainment',
        reason: 'it was a dinner',
      });
      expect(byManager.version).toBe(3);
      const corrected = (await peek(w).history('cost', cost.id)).filter((e) => e.event === 'cost.corrected');
      expect(corrected.map((e) => e.meta?.reason)).toEqual([
        'the taxi receipt said 98.50',
        'it was a dinner',
      ]);
      expect(corrected[0]?.changes.amount).toEqual({ from: cny(120_00), to: cny(98_50) });
      await expectCode(
        w.crm.costs.correct(repA, cost.id, { amount: cny(1), reason: 'stale', expectedVersion: 1 }),
        'CONCURRENCY',
      );

      // A presales engineer with edit rights on the deal may read the cost but not rewrite it.
      await w.crm.opportunities.addTeamMember(repA, opportunity.id, {
        userId: presales.id,
        role: 'presales',
        access: 'edit',
      });
      expect((await w.crm.costs.get(presales, cost.id)).id).toBe(cost.id);
      await expectCode(
        w.crm.costs.correct(presales, cost.id, { amount: cny(1), reason: 'mine now' }),
        'PERMISSION_DENIED',
      );
      await expectCode(
        w.crm.costs.correct(w.org.repB, cost.id, { amount: cny(1), reason: 'peer' }),
        'NOT_FOUND',
      );
    });

    it('refuses bad input, naming the field', async () => {
      const w = await world();
      const { repA } = w.org;
      const { opportunity, account } = await costFixture(w);
      const base = {
        category: 'travel' as const,
        amount: cny(100),
        incurredOn: '2026-03-02',
        accountId: account.id,
      };
      await expectInvalidField(w.crm.costs.record(repA, { ...base, amount: cny(0) }), 'amount.amount');
      await expectInvalidField(w.crm.costs.record(repA, { ...base, amount: cny(0.5) }), 'amount.amount');
      await expectInvalidField(
        w.crm.costs.record(repA, { ...base, amount: { amount: 100, currency: 'rmb' } }),
        'amount.currency',
      );
      await expectInvalidField(w.crm.costs.record(repA, { ...base, incurredOn: '2026-02-30' }), 'incurredOn');
      await expectInvalidField(w.crm.costs.record(repA, { ...base, accountId: undefined }), 'opportunityId');
      await expectInvalidField(
        w.crm.costs.record(repA, {
          ...base,
          accountId: undefined,
          opportunityId: opportunity.id,
          amount: { amount: 100, currency: 'USD' },
        }),
        'amount.currency',
      );
      const cost = await w.crm.costs.record(repA, base);
      await expectInvalidField(w.crm.costs.correct(repA, cost.id, { amount: cny(5), reason: '' }), 'reason');
      await expectInvalidField(w.crm.costs.correct(repA, cost.id, { reason: 'nothing really' }), 'amount');
      await expectInvalidField(w.crm.costs.list(repA, { from: '2026-03-10', to: '2026-03-01' }), 'to');
    });

    registerCostVisibilityCases(world);
  });
}
