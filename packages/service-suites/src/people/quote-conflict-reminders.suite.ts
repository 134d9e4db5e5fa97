import type { CrmStorage, Reminder } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, quoteAs, type StorageFactory } from '../support/harness.js';

/** Far enough ahead that every reminder raised in a test is due. */
const LATER = { at: '2027-01-01T00:00:00Z' } as const;

const conflictsOf = (reminders: readonly Reminder[]) => reminders.filter((r) => r.kind === 'quote_conflict');

/** Every form a price can take in a text: 980, 980.00, 1,050, ¥1,050.00 … */
function priceForms(yuan: number): string[] {
  return [String(yuan), yuan.toLocaleString('en-US'), yuan.toFixed(2), `${yuan}00`];
}

/**
 * Conflicting quotes raised as a reminder to the manager above both reps: two salespeople quoted
 * one customer (or one end customer through two integrators) different prices for one product.
 */
export function describeQuoteConflictReminders(makeStorage: StorageFactory): void {
  describe('reminders: conflicting quotes reach the manager above both reps', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('one reminder per conflict, naming both reps and the product, never the customer or a price', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 980_00);
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toEqual([]);
      clock.advanceDays(2);
      // Spelt with a space, it is still the one customer.
      await quoteAs(w, org.repB, '山东恒通系统集成 有限公司', 'LS2208', 1_050_00);
      const [reminder, ...more] = conflictsOf(await crm.reminders.due(org.manager, LATER));
      expect(more).toEqual([]);
      expect(reminder).toMatchObject({ userId: org.manager.id, subjectType: 'quote_conflict' });
      expect(reminder?.message).toBe(
        // Not the customer: the manager's access to it may change after the reminder is stored.
        '销售员甲 and 销售员乙 quoted different prices for LS2208 to one customer — agree one price with them (the morning review names the customer)',
      );
      expect(reminder?.detail).toMatchObject({
        key: 'reminder.quoteConflict',
        params: { first: '销售员甲', second: '销售员乙', sku: 'LS2208', basis: 'customer' },
      });
      const [zh] = conflictsOf(await crm.with({ locale: 'zh-CN' }).reminders.due(org.manager, LATER));
      expect(zh?.message).toBe(
        '销售员甲和销售员乙就 LS2208 向同一客户报了不同的价格，请与二人统一报价（客户见晨会回顾）',
      );
      for (const text of [reminder?.message ?? '', zh?.message ?? ''])
        for (const form of [...priceForms(980), ...priceForms(1_050)]) expect(text).not.toContain(form);
      expect(JSON.stringify([reminder, zh])).not.toContain('恒通');

      // More quotes in the same conflict, by either rep, raise nothing more.
      clock.advanceDays(1);
      await quoteAs(w, org.repB, '山东恒通系统集成有限公司', 'LS2208', 1_020_00);
      await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 990_00);
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toHaveLength(1);
      // Neither rep is reminded of it.
      for (const rep of [org.repA, org.repB])
        expect(conflictsOf(await crm.reminders.due(rep, LATER))).toEqual([]);
      // Acknowledged, it goes like any reminder, and the same conflict does not come back.
      await crm.reminders.acknowledge(org.manager, reminder?.id ?? '');
      await quoteAs(w, org.repB, '山东恒通系统集成有限公司', 'LS2208', 1_100_00);
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toEqual([]);
    });

    it('the same price, another product, one rep, or no manager in common: no reminder', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      await quoteAs(w, org.repA, '济南华宇物流有限公司', 'LS2208', 980_00);
      await quoteAs(w, org.repB, '济南华宇物流有限公司', 'LS2208', 980_00); // the same price
      await quoteAs(w, org.repB, '济南华宇物流有限公司', 'SRV-R740', 45_000_00); // another product
      await quoteAs(w, org.repA, '济南华宇物流有限公司', 'LS2208', 900_00); // the same rep again is no conflict with self…
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toHaveLength(1); // …but 乙's 980 is
      // 甲 and a rep of another manager share no manager below the top: nobody is reminded.
      const people = [org.manager, org.otherManager, org.repA, org.otherRep];
      const countsOf = async () =>
        Promise.all(people.map(async (user) => conflictsOf(await crm.reminders.due(user, LATER)).length));
      const before = await countsOf();
      await quoteAs(w, org.repA, '潍坊博达仓储有限公司', 'LS2208', 980_00);
      await quoteAs(w, org.otherRep, '潍坊博达仓储有限公司', 'LS2208', 1_200_00);
      expect(await countsOf()).toEqual(before);
    });

    it('the source document’s story from the price side: one end customer through two integrators', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      const viaHengtong = await quoteAs(w, org.repA, '山东恒通系统集成有限公司', 'LS2208', 980_00);
      clock.advanceDays(5);
      const viaRuida = await quoteAs(w, org.repB, '青岛瑞达信息技术有限公司', 'LS2208', 920_00);
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toEqual([]); // two customers so far
      const deals = [];
      for (const [rep, lead] of [
        [org.repA, viaHengtong],
        [org.repB, viaRuida],
      ] as const) {
        await crm.leads.qualify(rep, lead.id);
        const { opportunity } = await crm.leads.convert(rep, lead.id);
        deals.push(
          await crm.opportunities.linkEndCustomer(rep, opportunity.id, {
            name: '山东物流集团',
            tender: { number: 'SD-2026-0315' },
          }),
        );
      }
      // The second link makes the two prices meet: the manager hears of it then.
      const [reminder, ...more] = conflictsOf(await crm.reminders.due(org.manager, LATER));
      expect(more).toEqual([]);
      expect(reminder?.message).toBe(
        '销售员甲 and 销售员乙 quoted different prices for LS2208 to one end customer, through different integrators — agree one price with them (the morning review names the customer)',
      );
      const [zh] = conflictsOf(await crm.with({ locale: 'zh-CN' }).reminders.due(org.manager, LATER));
      expect(zh?.message).toBe(
        '销售员甲和销售员乙就 LS2208 经不同集成商向同一最终客户报了不同的价格，请与二人统一报价（客户见晨会回顾）',
      );
      // Linked again (the tender's deadline now known), it is the same conflict: nothing more.
      await crm.opportunities.linkEndCustomer(org.repA, deals[0]?.id ?? '', {
        name: '山东物流集团',
        tender: { number: 'SD-2026-0315', deadline: '2026-04-20' },
      });
      expect(conflictsOf(await crm.reminders.due(org.manager, LATER))).toHaveLength(1);
      for (const rep of [org.repA, org.repB])
        expect(conflictsOf(await crm.reminders.due(rep, LATER))).toEqual([]);
      expect(deals.map((d) => d.endCustomer?.accountId)[0]).toBe(deals[1]?.endCustomer?.accountId);
    });

    it('property: no reminder text any rep can read holds the other rep’s price, in either language', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 10_000, max: 99_999 }),
          fc.integer({ min: 10_000, max: 99_999 }),
          fc.boolean(),
          fc.constantFrom('en', 'zh-CN'),
          async (priceA, priceB, bFirst, locale) => {
            const w = await openWorld(storage);
            const { crm, org, clock } = w;
            const sides = [
              [org.repA, priceA],
              [org.repB, priceB],
            ] as const;
            for (const [rep, price] of bFirst ? [...sides].reverse() : sides) {
              await quoteAs(w, rep, '山东恒通系统集成有限公司', 'LS2208', price * 100);
              clock.advanceDays(1);
            }
            const read = crm.with({ locale });
            for (const [rep, other] of [
              [org.repA, priceB],
              [org.repB, priceA],
            ] as const) {
              const texts = [
                ...(await read.reminders.due(rep, LATER)),
                ...(await read.reminders.escalations(rep, LATER)),
              ]
                .map((r) => r.message)
                .join('\n');
              for (const form of priceForms(other)) expect(texts).not.toContain(form);
            }
            const managers = conflictsOf(await read.reminders.due(org.manager, LATER));
            expect(managers).toHaveLength(priceA === priceB ? 0 : 1);
            for (const r of managers)
              for (const form of [...priceForms(priceA), ...priceForms(priceB)])
                expect(r.message).not.toContain(form);
          },
        ),
        { numRuns: Number(process.env.GONGFU_QUOTE_CONFLICT_RUNS ?? 6) },
      );
    });
  });
}
