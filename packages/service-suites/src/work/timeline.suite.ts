import type { CrmStorage, TimelineEntry, TimelineKind } from '@gongfu/core';
import { TIMELINE_KINDS } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredOrder } from '../orders/order-fixtures.js';
import { openWorld, type ServiceWorld, type StorageFactory } from '../support/harness.js';
import { codeOf } from '../support/suite-support.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/**
 * One customer with a story: 销售员甲's lead, quotes, the won deal, its order delivered and a
 * repair; a visit with its outcome, a demo loan and a cost on the account; and 销售员乙's own deal on
 * the same customer, which 甲 may not open.
 */
async function customerStory(w: ServiceWorld) {
  const { crm, org, clock } = w;
  const { deal, order } = await deliveredOrder(w);
  const accountId = deal.accountId;
  clock.advance(3_600_000);
  const repair = await crm.serviceCases.open(org.repA, {
    orderId: order.id,
    kind: 'repair',
    summary: '扫描枪不读码',
  });
  const visit = await crm.activities.schedule(org.repA, {
    kind: 'visit',
    subject: '回访信息中心',
    startAt: '2026-03-03T02:00:00Z',
    accountId,
  });
  clock.advanceDays(2);
  await crm.activities.complete(org.repA, visit.id, {
    outcome: { metWith: '王工', opinion: 'positive', summary: '满意', nextStep: '二期报价' },
  });
  const loan = await crm.demoLoans.lend(org.repA, {
    sku: 'MC3300',
    serial: 'DEMO-9',
    accountId,
    dueBack: '2026-03-20',
  });
  const cost = await crm.costs.record(org.repA, {
    category: 'travel',
    amount: cny(300_00),
    incurredOn: '2026-03-05',
    accountId,
  });
  // 乙 is put on the account team (read), then opens a deal of their own there.
  await crm.accounts.addTeamMember(org.repA, accountId, {
    userId: org.repB.id,
    role: 'sales',
    access: 'read',
  });
  clock.advance(3_600_000);
  const privateDeal = await crm.opportunities.create(org.repB, {
    name: '二期 RFID',
    accountId,
    channel: 'key_account',
    endCustomer: { name: '济南机场物流中心', tender: { number: 'JN-2026-11' } },
  });
  return { accountId, deal, order, repair, visit, loan, cost, privateDeal };
}

/** Every entry of a timeline, page by page. */
async function allPages(
  w: ServiceWorld,
  actor: { id: string },
  accountId: string,
  limit: number,
  kinds?: TimelineKind[],
): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const page = await w.crm.accounts.timeline(actor, accountId, {
      limit,
      ...(cursor ? { cursor } : {}),
      ...(kinds ? { kinds } : {}),
    });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('timeline did not end');
}

/** The record id an entry is about, and whether the actor can open it through the public API. */
async function opens(w: ServiceWorld, actor: { id: string }, e: TimelineEntry): Promise<boolean> {
  const { crm } = w;
  const ok = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  switch (e.kind) {
    case 'lead':
      return ok(crm.leads.get(actor, e.lead.id));
    case 'quote':
      return e.quote.opportunityId
        ? ok(crm.opportunities.get(actor, e.quote.opportunityId))
        : ok(crm.leads.get(actor, e.quote.leadId ?? ''));
    case 'deal':
      return ok(crm.opportunities.get(actor, e.deal.id));
    case 'stage_move':
      return ok(crm.opportunities.get(actor, e.move.opportunityId));
    case 'order':
    case 'delivery':
      return ok(crm.orders.get(actor, e.order.id));
    case 'service_case':
      return ok(crm.serviceCases.get(actor, e.serviceCase.id));
    case 'activity':
      return ok(crm.activities.get(actor, e.activity.id));
    case 'demo_loan':
      return ok(crm.demoLoans.get(actor, e.demoLoan.id));
    case 'cost':
      return ok(crm.costs.get(actor, e.cost.id));
    case 'ownership_change':
      return e.change.recordType === 'account'
        ? ok(crm.accounts.get(actor, e.change.recordId))
        : ok(crm.opportunities.get(actor, e.change.recordId));
    case 'end_customer':
      return ok(crm.opportunities.get(actor, e.link.opportunityId));
  }
}

const isOrdered = (entries: readonly TimelineEntry[]) =>
  entries.every(
    (e, i) =>
      i === 0 ||
      (entries[i - 1] as TimelineEntry).at > e.at ||
      ((entries[i - 1] as TimelineEntry).at === e.at && (entries[i - 1] as TimelineEntry).id > e.id),
  );

export function describeAccountTimeline(makeStorage: StorageFactory): void {
  describe('customer 360: accounts.timeline (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('tells the whole story newest first, every kind, with outcomes and stage moves', async () => {
      const w = await openWorld(storage);
      const s = await customerStory(w);
      const entries = await allPages(w, w.org.manager, s.accountId, 200);
      expect(isOrdered(entries)).toBe(true);
      expect(new Set(entries.map((e) => e.kind))).toEqual(
        new Set(TIMELINE_KINDS.filter((k) => k !== 'ownership_change')),
      );
      const moves = entries.flatMap((e) => (e.kind === 'stage_move' ? [e.move] : []));
      expect(moves.at(0)).toMatchObject({ opportunityId: s.deal.id, to: 'won' });
      const visit = entries.find((e) => e.kind === 'activity');
      expect(visit?.kind === 'activity' && visit.activity.outcome?.opinion).toBe('positive');
      expect(entries.filter((e) => e.kind === 'quote')).toHaveLength(2);
      expect(entries.find((e) => e.kind === 'delivery')?.userName).toBe('销售员甲');
      expect(entries.some((e) => e.kind === 'deal' && e.deal.id === s.privateDeal.id)).toBe(true);
    });

    it('leaves out what the actor may not open, without naming it', async () => {
      const w = await openWorld(storage);
      const s = await customerStory(w);
      const forA = await allPages(w, w.org.repA, s.accountId, 200);
      expect(JSON.stringify(forA)).not.toContain('二期 RFID');
      expect(forA.some((e) => e.kind === 'deal' && e.deal.id === s.privateDeal.id)).toBe(false);
      expect(JSON.stringify(forA)).not.toContain('济南机场物流中心');
      const forB = await allPages(w, w.org.repB, s.accountId, 200);
      expect(forB.map((e) => e.kind)).toContain('deal');
      expect(forB.some((e) => e.kind === 'order')).toBe(false);
      expect(JSON.stringify(forB)).not.toContain('扫描枪不读码');
      expect(await codeOf(w.crm.accounts.timeline(w.org.otherRep, s.accountId))).toBe('NOT_FOUND');
    });

    it('an end customer’s 360 shows the bids for it with their tender; the integrator’s shows the link', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      const integrator = (actor: typeof org.repA, name: string) =>
        crm.accounts.create(actor, { name, kind: 'system_integrator', region: { province: '37' } });
      const hengtong = await integrator(org.repA, '山东恒通系统集成有限公司');
      const ruida = await integrator(org.repB, '青岛瑞达信息技术有限公司');
      const dealA = await crm.opportunities.create(org.repA, {
        name: '恒通 仓库扫描项目',
        accountId: hengtong.id,
        channel: 'key_account',
      });
      const dealB = await crm.opportunities.create(org.repB, {
        name: '瑞达 物流中心条码改造',
        accountId: ruida.id,
        channel: 'key_account',
      });
      clock.advance(3_600_000);
      const linkedA = await crm.opportunities.linkEndCustomer(org.repA, dealA.id, {
        name: '山东港口物流集团有限公司',
        tender: { number: 'SD-2026-0315', deadline: '2026-04-20' },
      });
      clock.advance(3_600_000);
      await crm.opportunities.linkEndCustomer(org.repB, dealB.id, {
        name: '山东港口物流集团有限公司',
        tender: { number: 'SD-2026-0315' },
      });
      const endId = linkedA.endCustomer?.accountId ?? '';
      const links = (entries: TimelineEntry[]) =>
        entries.flatMap((e) => (e.kind === 'end_customer' ? [{ ...e.link, at: e.at, by: e.userName }] : []));

      // The manager sees both bids on the end customer's 360, newest first, each with its tender.
      const forManager = links(await allPages(w, org.manager, endId, 200));
      expect(forManager.map((l) => [l.opportunityId, l.accountName, l.endCustomer.tender?.number])).toEqual([
        [dealB.id, '青岛瑞达信息技术有限公司', 'SD-2026-0315'],
        [dealA.id, '山东恒通系统集成有限公司', 'SD-2026-0315'],
      ]);
      expect(forManager[1]).toMatchObject({ by: '销售员甲', stage: dealA.stage });
      expect(forManager[1]?.endCustomer.tender?.deadline).toBe('2026-04-20');
      // 甲 owns the end-user account (their link created it) but may not open 乙's bid: not a word of it.
      const forA = await allPages(w, org.repA, endId, 200);
      expect(links(forA).map((l) => l.opportunityId)).toEqual([dealA.id]);
      expect(JSON.stringify(forA)).not.toContain('瑞达');
      expect(JSON.stringify(forA)).not.toContain(dealB.id);
      // 乙 may not open the end customer's own record: no timeline, as for a missing one.
      expect(await codeOf(crm.accounts.timeline(org.repB, endId))).toBe('NOT_FOUND');
      // The integrator's 360 carries the link, dated when it was made, by who made it.
      const forB = links(await allPages(w, org.repB, ruida.id, 200, ['end_customer']));
      expect(forB).toEqual([
        expect.objectContaining({
          opportunityId: dealB.id,
          accountId: ruida.id,
          endCustomer: expect.objectContaining({ accountId: endId, name: '山东港口物流集团有限公司' }),
          by: '销售员乙',
          at: (await crm.opportunities.get(org.repB, dealB.id)).updatedAt,
        }),
      ]);
      // Filtered out when not asked for, like every kind.
      const stageOnly = await crm.accounts.timeline(org.manager, endId, { kinds: ['deal'] });
      expect(stageOnly.items).toEqual([]);
    });

    it('survives staff turnover: a leaver’s work stays under their name, hand-overs show as ownership changes', async () => {
      const w = await openWorld(storage);
      const s = await customerStory(w);
      const before = await allPages(w, w.org.manager, s.accountId, 200);
      await w.crm.users.deactivate(w.org.manager, w.org.repA.id);
      w.clock.advance(3_600_000);
      await w.crm.ownership.transfer(w.org.manager, { from: w.org.repA.id, to: w.org.repB.id });
      const after = await allPages(w, w.org.manager, s.accountId, 200);
      const ids = new Set(after.map((e) => e.id));
      for (const e of before) expect(ids.has(e.id), e.id).toBe(true);
      const handOver = after.find((e) => e.kind === 'ownership_change' && e.change.recordType === 'account');
      expect(handOver?.kind === 'ownership_change' && handOver.change).toMatchObject({
        fromUserName: '销售员甲',
        toUserName: '销售员乙',
      });
      const won = after.find((e) => e.kind === 'stage_move' && e.move.to === 'won');
      expect(won?.userName).toBe('销售员甲');
      expect(after.find((e) => e.kind === 'cost')?.userName).toBe('销售员甲');
      const forB = await allPages(w, w.org.repB, s.accountId, 200);
      expect(forB.some((e) => e.kind === 'ownership_change')).toBe(true);
    });

    it('filters by kind and refuses a cursor it did not make', async () => {
      const w = await openWorld(storage);
      const s = await customerStory(w);
      const page = await w.crm.accounts.timeline(w.org.repA, s.accountId, { kinds: ['order', 'delivery'] });
      expect(page.items.map((e) => e.kind).sort()).toEqual(['delivery', 'order']);
      expect(await codeOf(w.crm.accounts.timeline(w.org.repA, s.accountId, { cursor: 'nonsense' }))).toBe(
        'VALIDATION',
      );
      expect(
        await codeOf(w.crm.accounts.timeline(w.org.repA, s.accountId, { kinds: ['gossip' as never] })),
      ).toBe('VALIDATION');
    });

    it('property: pages concatenated are the full ordered list, no duplicates or gaps, nothing invisible', async () => {
      const w = await openWorld(storage);
      const s = await customerStory(w);
      const actors = [w.org.admin, w.org.manager, w.org.repA, w.org.repB, w.org.presales, w.org.otherRep];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...actors),
          fc.integer({ min: 1, max: 7 }),
          fc.option(fc.subarray([...TIMELINE_KINDS], { minLength: 1 }), { nil: undefined }),
          async (actor, limit, kinds) => {
            // Whoever may not open the customer gets no timeline at all (as for a missing one).
            const seesAccount = await w.crm.accounts.get(actor, s.accountId).then(
              () => true,
              () => false,
            );
            if (!seesAccount) {
              expect(await codeOf(w.crm.accounts.timeline(actor, s.accountId, { limit }))).toBe('NOT_FOUND');
              return;
            }
            const full = (
              await w.crm.accounts.timeline(actor, s.accountId, { limit: 200, ...(kinds ? { kinds } : {}) })
            ).items;
            const paged = await allPages(w, actor, s.accountId, limit, kinds);
            expect(paged.map((e) => e.id)).toEqual(full.map((e) => e.id));
            expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
            expect(isOrdered(paged)).toBe(true);
            if (kinds) for (const e of paged) expect(kinds).toContain(e.kind);
            for (const e of paged) expect(await opens(w, actor, e), `${actor.name} opens ${e.id}`).toBe(true);
          },
        ),
        { numRuns: Number(process.env.GONGFU_TIMELINE_RUNS ?? 12) },
      );
    });
  });
}
