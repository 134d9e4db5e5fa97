import { type CrmStorage, hiddenRecordText, isCrmError } from '@gongfu/core';
import { openWorld, quoteAs, type StorageFactory, storyLead } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { morningReview, quoteConflicts } from '../../src/index.js';
import { cny } from './fixtures.js';

const MARCH = { from: '2026-03-01', to: '2026-05-31' } as const;

async function expectNotFound(p: Promise<unknown>) {
  const code = await p.then(
    () => 'OK',
    (e: unknown) => (isCrmError(e) ? e.code : String(e)),
  );
  expect(code).toBe('NOT_FOUND');
}

/** Conflicting quotes (`quoteConflicts`): two salespeople, one customer, one product, two prices. */
export function describeQuoteConflicts(makeStorage: StorageFactory): void {
  describe('reports: conflicting quotes', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('tells the manager over both reps, in words, and neither rep', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 980_00);
      clock.advanceDays(2);
      await quoteAs(w, org.repB, '山东恒通系统集成 有限公司', 'LS2208', 1_050_00);
      await quoteAs(w, org.repB, '山东恒通系统集成有限公司', 'SRV-R740', 45_000_00); // another product: no conflict

      const [conflict, ...more] = await quoteConflicts(crm, org.manager, MARCH);
      expect(more).toEqual([]);
      expect(conflict).toMatchObject({ basis: 'same_customer', sku: 'LS2208', daysApart: 2 });
      expect(conflict?.quotes.map((q) => [q.quotedBy, q.unitPrice.amount])).toEqual([
        [org.repA.id, 980_00],
        [org.repB.id, 1_050_00],
      ]);
      expect(conflict?.priceGap).toBeCloseTo(70 / 980, 12);
      expect(conflict?.explanation).toContain('销售员甲');
      expect(conflict?.explanation).toContain('销售员乙');
      expect(conflict?.explanation).toBe(
        '销售员甲 and 销售员乙 quoted 山东恒通系统集成有限公司 different prices for LS2208 2 days apart: 销售员甲 CNY 980.00 × 200; 销售员乙 CNY 1,050.00 × 200.',
      );
      const [inChinese] = await quoteConflicts(crm.with({ locale: 'zh-CN' }), org.manager, MARCH);
      expect(inChinese?.explanation).toBe(
        '销售员甲和销售员乙相隔 2 天就 LS2208 向山东恒通系统集成有限公司报了不同的价格：销售员甲 CNY 980.00 × 200；销售员乙 CNY 1,050.00 × 200。',
      );
      expect(inChinese?.explanationDetail).toEqual(conflict?.explanationDetail);
      for (const viewer of [org.repA, org.repB, org.otherManager, org.otherRep, org.presales]) {
        expect(await quoteConflicts(crm, viewer, MARCH), viewer.name).toEqual([]);
      }
      expect(await quoteConflicts(crm, org.admin, MARCH)).toHaveLength(1);
    });

    it('raises a reminder for the manager that names the reps and the product, never the customer', async () => {
      // The customer's name would stay in the stored reminder after the manager's access to it
      // changes (a hand-over, a seat removed): the generated leak suite found one such name.
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 980_00);
      clock.advanceDays(2);
      await quoteAs(w, org.repB, '山东恒通系统集成有限公司', 'LS2208', 1_050_00);
      const reminders = (await crm.reminders.due(org.manager, { at: '2026-12-31T00:00:00.000Z' })).filter(
        (r) => r.kind === 'quote_conflict',
      );
      expect(reminders).toHaveLength(1);
      expect(reminders[0]?.message).toContain('LS2208');
      expect(reminders[0]?.message).toContain('销售员甲');
      expect(JSON.stringify(reminders)).not.toContain('恒通');
    });

    it('sees the source document’s story from the price side: one end customer through two integrators', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      const viaHengtong = await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 980_00);
      clock.advanceDays(5);
      const viaRuida = await quoteAs(w, org.repB, '青岛瑞达信息技术有限公司', 'LS2208', 920_00);
      expect(await quoteConflicts(crm, org.manager, MARCH)).toEqual([]); // two customers, nothing shared yet
      for (const [rep, lead] of [
        [org.repA, viaHengtong],
        [org.repB, viaRuida],
      ] as const) {
        await crm.leads.qualify(rep, lead.id);
        const { opportunity } = await crm.leads.convert(rep, lead.id);
        await crm.opportunities.linkEndCustomer(rep, opportunity.id, {
          name: '山东物流集团',
          tender: 'SD-2026-0315',
        });
      }
      const [conflict] = await quoteConflicts(crm, org.manager, MARCH);
      expect(conflict).toMatchObject({ basis: 'same_end_customer', customer: '山东物流集团', daysApart: 5 });
      expect(conflict?.explanation).toContain(
        'quoted the end customer 山东物流集团 different prices for LS2208 5 days apart',
      );
      const [inChinese] = await quoteConflicts(crm.with({ locale: 'zh-CN' }), org.manager, MARCH);
      expect(inChinese?.explanation).toContain('相隔 5 天就 LS2208 向最终客户山东物流集团报了不同的价格');
    });

    it('raises the conflict and the quarter’s attainment in the manager’s morning review', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      await crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026-Q1', target: cny(10_000_00) });
      await quoteAs(w, org.repA, '烟台港务集团', 'LS2208', 980_00);
      clock.advanceDays(3); // 5 March
      await quoteAs(w, org.repB, '烟台港务集团', 'LS2208', 900_00);
      const review = await morningReview(crm, org.manager, { day: '2026-03-06', findDuplicates: false });
      expect(review.quoteConflicts.map((c) => c.customer)).toEqual(['烟台港务集团']);
      expect(review.quotas.map((q) => [q.quota.userId, q.target.amount, q.won.amount])).toEqual([
        [org.repA.id, 10_000_00, 0],
      ]);
      // The day after, the conflict is no longer new.
      expect(
        (await morningReview(crm, org.manager, { day: '2026-03-07', findDuplicates: false })).quoteConflicts,
      ).toEqual([]);
      const own = await morningReview(crm, org.repA, { day: '2026-03-06', findDuplicates: false });
      expect(own.quoteConflicts).toEqual([]);
      expect(own.quotas.map((q) => q.quota.userId)).toEqual([org.repA.id]);
      expect(
        (await morningReview(crm, org.repB, { day: '2026-03-06', findDuplicates: false })).quotas,
      ).toEqual([]);
    });

    it('never names a customer the manager cannot open, nor shows quotes on leads handed out of the team', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      // Another team's customer; the manager's two reps were seated on it and quoted it.
      const account = await crm.accounts.create(org.otherRep, {
        name: '威海远航船舶有限公司',
        kind: 'end_user',
      });
      const leads = [];
      for (const [rep, price] of [
        [org.repA, 980_00],
        [org.repB, 1_050_00],
      ] as const) {
        await crm.accounts.addTeamMember(org.otherRep, account.id, {
          userId: rep.id,
          role: 'sales',
          access: 'read',
        });
        const lead = await crm.leads.capture(
          rep,
          storyLead({ company: `${rep.name}的询价`, accountId: account.id }),
        );
        await crm.leads.quote(rep, lead.id, {
          sku: 'LS2208',
          quantity: 10,
          unitPrice: cny(price),
          validUntil: '2026-06-30',
        });
        leads.push(lead);
        clock.advanceDays(1);
      }
      expect((await quoteConflicts(crm, org.manager, MARCH))[0]?.customer).toBe('威海远航船舶有限公司');
      // Both leave the customer's team: the manager still reads the leads, not the customer.
      for (const rep of [org.repA, org.repB])
        await crm.accounts.removeTeamMember(org.otherRep, account.id, rep.id);
      await expectNotFound(crm.accounts.get(org.manager, account.id));
      const [conflict] = await quoteConflicts(crm, org.manager, MARCH);
      expect(conflict?.customer).toBe(hiddenRecordText('account', account.id));
      expect(JSON.stringify(conflict)).not.toContain('威海远航');
      const review = await morningReview(crm, org.manager, { day: '2026-03-04', findDuplicates: false });
      expect(JSON.stringify(review)).not.toContain('威海远航');
      // One lead handed to someone outside the manager's team: its price goes with it.
      await crm.ownership.transfer(org.admin, { from: org.repA.id, to: org.otherRep.id });
      await expectNotFound(crm.leads.get(org.manager, leads[0]!.id));
      expect(await quoteConflicts(crm, org.manager, MARCH)).toEqual([]);
      expect(await quoteConflicts(crm, org.admin, MARCH)).toHaveLength(1);
    });

    it('equals a brute-force reading of the rule over generated quotes', async () => {
      const quoteArb = fc.record({
        rep: fc.constantFrom(0, 1),
        customer: fc.constantFrom('烟台港务集团', '潍坊北方物流'),
        sku: fc.constantFrom('LS2208', 'SRV-R740'),
        price: fc.constantFrom(100_00, 120_00),
        gapDays: fc.integer({ min: 0, max: 20 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(quoteArb, { minLength: 1, maxLength: 6 }), async (quotes) => {
          const w = await openWorld(storage);
          const reps = [w.org.repA, w.org.repB];
          const made: { rep: number; customer: string; sku: string; price: number; day: number }[] = [];
          let day = 0;
          for (const q of quotes) {
            w.clock.advanceDays(q.gapDays);
            day += q.gapDays;
            await quoteAs(w, reps[q.rep]!, q.customer, q.sku, q.price);
            made.push({ ...q, day });
          }
          const expected: string[] = [];
          for (const [i, a] of made.entries())
            for (const b of made.slice(i + 1))
              if (
                a.customer === b.customer &&
                a.sku === b.sku &&
                a.rep !== b.rep &&
                a.price !== b.price &&
                b.day - a.day <= 14
              )
                expected.push(`${a.customer}|${a.sku}|${a.day}|${b.day}`);
          const found = await quoteConflicts(w.crm, w.org.manager, { ...MARCH, windowDays: 14 });
          const origin = Date.parse('2026-03-02T01:00:00.000Z');
          const dayOf = (at: string) => Math.round((Date.parse(at) - origin) / 86_400_000);
          expect(
            found
              .map(
                (c) => `${c.customer}|${c.sku}|${dayOf(c.quotes[0].quotedAt)}|${dayOf(c.quotes[1].quotedAt)}`,
              )
              .sort(),
          ).toEqual(expected.sort());
        }),
        { numRuns: 8 },
      );
    });
  });
}
