import { type CrmStorage, isCrmError } from '@gongfu/core';
import { openWorld, type StorageFactory, storyLead } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReview } from '../../src/cli/render.js';
import { type DuplicateFinder, morningReview } from '../../src/index.js';
import { cny } from './fixtures.js';

/** The manager's morning review (@gongfu/reports) on any storage engine. */
export function describeMorningReview(makeStorage: StorageFactory): void {
  describe('reports: the morning review', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('reads yesterday by Shanghai clocks: 23:59 belongs to it, 00:00 to today', async () => {
      const w = await openWorld(storage, '2026-03-05T15:59:59.000Z');
      const { repA, repB, otherRep, manager } = w.org;
      await w.crm.leads.capture(repB, storyLead({ company: '前天 23:59:59' })); // 5 March, local
      w.clock.set('2026-03-05T16:00:00.000Z'); // 00:00 on 6 March in Shanghai (still the 5th in UTC)
      const early = await w.crm.leads.capture(repA, storyLead({ company: '凌晨 00:00' }));
      w.clock.set('2026-03-06T10:00:00.000Z');
      await w.crm.leads.capture(otherRep, storyLead({ company: '别的团队', channel: 'distribution' }));
      w.clock.set('2026-03-06T15:59:00.000Z'); // 23:59 on 6 March in Shanghai
      const late = await w.crm.leads.capture(repA, storyLead({ company: '深夜 23:59' }));
      await w.crm.leads.quote(repA, late.id, {
        sku: 'LS2208',
        quantity: 200,
        unitPrice: cny(98_000),
        validUntil: '2026-03-31',
      });
      await w.crm.leads.logContact(repA, late.id, {
        kind: 'call',
        at: '2026-03-06T23:50:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive', summary: '需要方案', nextStep: '拜访' },
      });
      w.clock.set('2026-03-06T16:00:00.000Z'); // 00:00 on 7 March in Shanghai: today, not yesterday
      await w.crm.leads.capture(repA, storyLead({ company: '今天 00:00' }));

      const review = await morningReview(w.crm, manager, { day: '2026-03-07' });
      expect(review).toMatchObject({
        reviewedDay: '2026-03-06',
        from: '2026-03-05T16:00:00.000Z',
        to: '2026-03-06T16:00:00.000Z',
      });
      expect(review.people.map((p) => [p.name, p.newLeads.map((l) => l.label)])).toEqual([
        [repA.name, ['凌晨 00:00', '深夜 23:59']],
        [repB.name, []],
      ]);
      const a = review.people[0]!;
      expect(a.quotes.map((q) => [q.company, q.sku, q.quantity, q.unitPrice.amount])).toEqual([
        ['深夜 23:59', 'LS2208', 200, 98_000],
      ]);
      expect(a.activities.map((x) => [x.kind, x.regarding, x.outcome?.summary, x.outcome?.opinion])).toEqual([
        ['call', '深夜 23:59', '需要方案', 'positive'],
      ]);
      void early;

      // In UTC the 6th would hold the 00:00 lead of the 7th and lose the 00:00 lead of the 6th.
      const utc = await morningReview(w.crm, manager, { day: '2026-03-07', timeZone: 'UTC' });
      expect(utc.people[0]!.newLeads.map((l) => l.label)).toEqual(['深夜 23:59', '今天 00:00']);

      // A salesperson reviewing their own day sees only their own section.
      const own = await morningReview(w.crm, repB, { day: '2026-03-06' });
      expect(own.people.map((p) => [p.name, p.newLeads.map((l) => l.label)])).toEqual([
        [repB.name, ['前天 23:59:59']],
      ]);
    });

    it('names a call about a contact by the contact, as the reviewer may open it', async () => {
      const w = await openWorld(storage);
      const { repA, manager } = w.org;
      const account = await w.crm.accounts.create(repA, { name: '恒通系统集成', kind: 'system_integrator' });
      const wang = await w.crm.contacts.create(repA, { accountId: account.id, name: '王工（信息中心）' });
      const call = await w.crm.activities.schedule(repA, {
        kind: 'call',
        subject: '确认验收时间',
        startAt: '2026-03-02T10:00:00+08:00',
        regarding: { kind: 'contact', id: wang.id },
      });
      w.clock.set('2026-03-02T03:00:00.000Z');
      await w.crm.activities.complete(repA, call.id, { outcome: { summary: '下周验收' } });
      const review = await morningReview(w.crm, manager, { day: '2026-03-03' });
      const a = review.people.find((p) => p.userId === repA.id);
      expect(a?.activities.map((x) => [x.kind, x.regarding])).toEqual([['call', '王工（信息中心）']]);
    });

    it('lists stage moves, new deals, orders and costs, and overdue follow-ups and stale deals by the morning', async () => {
      const w = await openWorld(storage);
      const { repA, repB, manager, presales } = w.org;
      const quiet = await w.crm.leads.capture(repB, storyLead({ company: '沉默的客户' }));
      const account = await w.crm.accounts.create(repA, { name: '山东恒通', kind: 'system_integrator' });
      const stale = await w.crm.opportunities.create(repA, {
        name: '放着的项目',
        accountId: account.id,
        channel: 'key_account',
      });
      w.clock.set('2026-04-20T02:00:00.000Z'); // 10:00 on 20 April in Shanghai
      const deal = await w.crm.opportunities.create(repA, {
        name: '恒通 WMS',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: presales.id, role: 'presales' }],
        lines: [{ sku: 'LS2208', quantity: 200, unitPrice: cny(98_000) }],
      });
      await w.crm.opportunities.advance(repA, deal.id, { to: 'needs_analysis' });
      await w.crm.opportunities.win(repA, deal.id, { createOrder: {} });
      await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(126_050),
        incurredOn: '2026-04-20',
        opportunityId: deal.id,
        description: '济南往返',
      });

      const review = await morningReview(w.crm, manager, { day: '2026-04-21' });
      const a = review.people.find((p) => p.userId === repA.id)!;
      expect(a.newOpportunities.map((o) => [o.label, o.amount?.amount])).toEqual([['恒通 WMS', 19_600_000]]);
      expect(a.stageMoves.map((m) => [m.name, m.from, m.to])).toEqual([
        ['恒通 WMS', 'qualification', 'needs_analysis'],
        ['恒通 WMS', 'needs_analysis', 'won'],
      ]);
      expect(a.orders.map((o) => [o.event, o.amount?.amount])).toEqual([['order.created', 19_600_000]]);
      expect(a.costs.map((c) => [c.label, c.category, c.amount?.amount])).toEqual([
        ['济南往返', 'travel', 126_050],
      ]);
      expect(a.staleDeals.map((r) => r.subjectId)).toEqual([stale.id]);
      const b = review.people.find((p) => p.userId === repB.id)!;
      expect(b.overdueFollowUps.map((r) => [r.kind, r.subjectId])).toEqual([['lead_follow_up', quiet.id]]);
      expect(b.staleDeals).toEqual([]);
      // Reminder texts are keys: the review reads them in the locale of the crm it was asked of.
      const [followUp] = b.overdueFollowUps;
      expect(followUp?.detail).toMatchObject({
        key: 'reminder.leadFollowUp',
        params: { label: '沉默的客户' },
      });
      expect(followUp?.message).toMatch(/^No contact with 沉默的客户 for \d+ days — follow up$/);
      const zh = await morningReview(w.crm.with({ locale: 'zh-CN' }), manager, { day: '2026-04-21' });
      const zhB = zh.people.find((p) => p.userId === repB.id)!;
      expect(zhB.overdueFollowUps[0]?.message).toMatch(/^已有 \d+ 天未联系沉默的客户，请跟进$/);
      expect(zhB.overdueFollowUps[0]?.detail).toEqual(followUp?.detail);
      expect(zh.people.find((p) => p.userId === repA.id)!.staleDeals[0]?.message).toMatch(
        /放着的项目已在“.+”阶段停留/,
      );
      // Acknowledged follow-ups are no longer overdue.
      const [reminder] = await w.crm.reminders.due(repB, { at: '2026-04-21T00:00:00.000Z' });
      await w.crm.reminders.acknowledge(repB, reminder!.id);
      const after = await morningReview(w.crm, manager, { day: '2026-04-21' });
      expect(after.people.find((p) => p.userId === repB.id)!.overdueFollowUps).toEqual([]);
    });

    it("lists each person's oldest overdue follow-ups and counts the rest, another person's backlog hiding none of theirs", async () => {
      const w = await openWorld(storage);
      const { repA, repB, manager } = w.org;
      // repB falls behind on seven leads, one an hour; repA on one, captured last.
      const backlog = [];
      for (let i = 0; i < 7; i++) {
        w.clock.set(`2026-04-01T0${i}:00:00.000Z`);
        backlog.push(await w.crm.leads.capture(repB, storyLead({ company: `积压客户${i}` })));
      }
      w.clock.set('2026-04-01T09:00:00.000Z');
      const own = await w.crm.leads.capture(repA, storyLead({ company: '甲的客户' }));
      const review = (remindersPerPerson?: number) =>
        morningReview(w.crm, manager, {
          day: '2026-04-21',
          findDuplicates: false,
          ...(remindersPerPerson === undefined ? {} : { remindersPerPerson }),
        });
      const followUps = (r: Awaited<ReturnType<typeof review>>, userId: string) => {
        const p = r.people.find((x) => x.userId === userId)!;
        return { ids: p.overdueFollowUps.map((x) => x.subjectId), more: p.moreOverdueFollowUps };
      };
      const two = await review(2);
      expect(followUps(two, repB.id)).toEqual({ ids: backlog.slice(0, 2).map((l) => l.id), more: 5 });
      expect(followUps(two, repA.id)).toEqual({ ids: [own.id], more: 0 });
      // The default is five.
      expect(followUps(await review(), repB.id)).toEqual({
        ids: backlog.slice(0, 5).map((l) => l.id),
        more: 2,
      });
      // The CLI's rendering says how many more, in the catalogue's words.
      const person = two.people.find((x) => x.userId === repB.id)!;
      expect(renderReview({ ...two, people: [person] }, () => '')).toContain(
        '… and 5 more overdue follow-ups',
      );
      // The count stops at 99: a person with more reads "99+".
      expect(renderReview({ ...two, people: [{ ...person, moreOverdueFollowUps: 99 }] }, () => '')).toContain(
        '… and 99+ more overdue follow-ups',
      );
      for (const bad of [0, 101, 2.5, Number.NaN, '3' as unknown as number]) {
        const refusal = await review(bad).catch((e: unknown) => e);
        expect(isCrmError(refusal, 'VALIDATION') && refusal.issues.map((i) => i.field), String(bad)).toEqual([
          'remindersPerPerson',
        ]);
      }
    });

    it('raises duplicate alerts only for pairs touching a deal that moved yesterday', async () => {
      const w = await openWorld(storage);
      const { repA, repB, manager } = w.org;
      const accountA = await w.crm.accounts.create(repA, { name: '恒通', kind: 'system_integrator' });
      const accountB = await w.crm.accounts.create(repB, { name: '瑞达', kind: 'system_integrator' });
      const old = await w.crm.opportunities.create(repA, {
        name: 'old',
        accountId: accountA.id,
        channel: 'key_account',
      });
      w.clock.set('2026-03-06T02:00:00.000Z');
      const fresh = await w.crm.opportunities.create(repB, {
        name: 'fresh',
        accountId: accountB.id,
        channel: 'key_account',
      });
      const asked: string[] = [];
      const finder: DuplicateFinder = async (_crm, actor) => {
        asked.push(typeof actor === 'string' ? actor : actor.id);
        const side = (d: typeof old) => ({ id: d.id, name: d.name, ownerId: d.ownerId });
        return [
          { a: side(old), b: side(fresh), score: 9.5, explanation: { text: 'both need 200 laser scanners' } },
          { a: side(old), b: side(old), score: 1, explanation: { text: 'untouched yesterday' } },
        ];
      };
      const review = await morningReview(w.crm, manager, { day: '2026-03-07', findDuplicates: finder });
      expect(asked).toEqual([manager.id]);
      expect(review.duplicateAlerts).toEqual([
        {
          score: 9.5,
          a: { id: old.id, name: 'old', ownerId: repA.id, ownerName: repA.name },
          b: { id: fresh.id, name: 'fresh', ownerId: repB.id, ownerName: repB.name },
          explanation: 'both need 200 laser scanners',
        },
      ]);
      const quietDay = await morningReview(w.crm, manager, { day: '2026-03-09', findDuplicates: finder });
      expect(quietDay.duplicateAlerts).toEqual([]);
    });
  });
}
