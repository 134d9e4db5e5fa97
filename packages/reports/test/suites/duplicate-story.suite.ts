import { type CrmStorage, isCrmError } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allDuplicateDeals,
  checkDealForDuplicates,
  findDuplicateClusters,
  findDuplicateDeals,
  findDuplicateDealsPage,
  reestimateDuplicateWeights,
  refreshDuplicateWeights,
} from '../../src/index.js';
import { deal, openStoryWorld, type StoryWorld } from '../duplicates/story-world.js';

const pairOf = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort();

/** The source document's opening story (@gongfu/reports duplicate deals) on any storage engine. */
export function describeDuplicateStory(makeStorage: StorageFactory): void {
  describe('the opening story: two salespeople chasing one deal through two integrators', () => {
    // A fresh storage per test, as the story has always had; closed at the end (drops a PG schema).
    const opened: CrmStorage[] = [];
    const openStory = async (): Promise<StoryWorld> => {
      const w = await openStoryWorld(makeStorage);
      opened.push(w.storage);
      return w;
    };
    afterAll(async () => {
      for (const s of opened) await s.close();
    });

    it('finds the pair, ranks it first above the decoys and says why in words', async () => {
      const w = await openStory();
      const all = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000, limit: 100 });
      const top = all[0];
      expect(top && pairOf(top)).toEqual([w.dealA.id, w.dealB.id].sort());
      expect(top?.probability).toBeGreaterThan(0.99);
      // Every decoy pair (the standard bundle months apart, sibling scanners …) ranks well below.
      for (const other of all.slice(1)) expect(other.score).toBeLessThan((top?.score ?? 0) - 5);
      const text = top?.explanation.text ?? '';
      expect(text).toContain('Both need 200 laser scanners, a server, a WMS and network gear');
      expect(text).toContain('both in Shandong (37)');
      expect(text).toContain('delivery 2 days apart');
      expect(text).toContain('both customers are system integrators (');
      expect(text).toContain('山东恒通系统集成有限公司');
      expect(text).toContain('青岛瑞达信息技术有限公司');
      const byName = new Map(top?.signals.map((s) => [s.name, s]));
      expect(byName.get('delivery')).toMatchObject({ level: 'within_week', a: expect.any(String) });
      expect(byName.get('region')?.level).toBe('same');
      expect(byName.get('customer_kind')?.level).toBe('same');
      expect(byName.get('basket')?.weight).toBeGreaterThan(5);
      // At the default threshold only the story pair is proposed.
      const proposed = await findDuplicateDeals(w.crm, w.org.manager);
      expect(proposed.map(pairOf)).toEqual([[w.dealA.id, w.dealB.id].sort()]);
    });

    it('on two threads (workers started as soon as the deals are read) the manager and a rep get what one thread gives', async () => {
      const w = await openStory();
      for (const actor of [w.org.manager, w.org.repA]) {
        const one = await findDuplicateDeals(w.crm, actor, { minScore: -1000, limit: 100 });
        const two = await findDuplicateDeals(w.crm, actor, { minScore: -1000, limit: 100, threads: 2 });
        expect(two).toEqual(one);
        expect(one.length).toBeGreaterThan(0);
      }
      // A bad count is refused before any worker starts.
      await expect(findDuplicateDeals(w.crm, w.org.manager, { threads: 0 })).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'threads',
      });
    }, 240_000);

    it('says why in the reader’s language: zh-CN and en from one keyed explanation', async () => {
      const w = await openStory();
      const [zh] = await findDuplicateDeals(w.crm.with({ locale: 'zh-CN' }), w.org.manager);
      const [en] = await findDuplicateDeals(w.crm.with({ locale: 'en' }), w.org.manager);
      expect(zh?.explanation.message).toEqual(en?.explanation.message);
      expect(zh?.explanation.message.key).toBe('duplicate.explanation.for');
      const text = zh?.explanation.text ?? '';
      expect(text).toContain('双方都需要200 台激光扫描器、1 台服务器、1 套WMS和网络设备');
      expect(text).toContain('都在山东（37）');
      expect(text).toContain('交货日期相差 2 天');
      expect(text).toContain('双方客户都是系统集成商（');
      expect(text).not.toMatch(/[A-Za-z]{4,}/u);
      expect(en?.explanation.text).toContain(
        'Both need 200 laser scanners, a server, a WMS and network gear',
      );
      const region = zh?.signals.find((s) => s.name === 'region');
      expect(region).toMatchObject({
        text: '都在山东（37）',
        message: { key: 'duplicate.region.same', params: { province: { key: 'duplicate.province.37' } } },
      });
      const [checked] = await checkDealForDuplicates(
        w.crm.with({ locale: 'zh-CN' }),
        w.org.manager,
        w.dealA.id,
      );
      expect(checked?.explanation.text).toContain('都在山东（37）');
    });

    it('two integrators bidding for one end-customer tender: ranked first, the tender said in words', async () => {
      const w = await openStory();
      const tender = { name: '山东港口物流集团有限公司', tender: { number: 'SD-2026-0315' } };
      await w.crm.opportunities.linkEndCustomer(w.org.repA, w.dealA.id, tender);
      // 乙 types the number another way: one tender all the same.
      await w.crm.opportunities.linkEndCustomer(w.org.repB, w.dealB.id, {
        ...tender,
        tender: { number: 'sd 2026 0315' },
      });
      const [top] = await findDuplicateDeals(w.crm, w.org.manager);
      expect(top && pairOf(top)).toEqual([w.dealA.id, w.dealB.id].sort());
      const end = top?.signals.find((s) => s.name === 'end_customer');
      expect(end).toMatchObject({
        level: 'same_tender',
        message: { key: 'duplicate.endCustomer.same_tender' },
      });
      expect(end?.weight).toBeGreaterThan(5);
      expect(top?.explanation.text).toContain('both bid for one tender (');
      expect(top?.explanation.text).toContain('end customer 山东港口物流集团有限公司)');
      const [zh] = await findDuplicateDeals(w.crm.with({ locale: 'zh-CN' }), w.org.manager);
      expect(zh?.explanation.text).toContain('，最终客户山东港口物流集团有限公司）');
      const [checked] = await checkDealForDuplicates(w.crm, w.org.manager, w.dealB.id);
      expect(checked?.signals.find((s) => s.name === 'end_customer')?.level).toBe('same_tender');
    });

    it('one end customer, two tender numbers: two purchases, never proposed, and said why', async () => {
      const w = await openStory();
      const end = { name: '山东港口物流集团有限公司' };
      await w.crm.opportunities.linkEndCustomer(w.org.repA, w.dealA.id, {
        ...end,
        tender: { number: 'SD-2026-0315' },
      });
      await w.crm.opportunities.linkEndCustomer(w.org.repB, w.dealB.id, {
        ...end,
        tender: { number: 'SD-2026-0412' },
      });
      expect(await findDuplicateDeals(w.crm, w.org.manager)).toEqual([]);
      expect(await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id)).toEqual([]);
      const all = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000, limit: 100 });
      const story = all.find((p) => pairOf(p).join() === [w.dealA.id, w.dealB.id].sort().join());
      expect(story?.score).toBeLessThan(0);
      expect(story?.signals.find((s) => s.name === 'end_customer')).toMatchObject({ level: 'other_tender' });
      expect(story?.explanation.text).toContain('but two different tenders (');
      expect(story?.explanation.text).toContain(
        ') of one end customer (山东港口物流集团有限公司): two purchases',
      );
      const [zh] = (
        await findDuplicateDeals(w.crm.with({ locale: 'zh-CN' }), w.org.manager, {
          minScore: -1000,
          limit: 100,
        })
      ).filter((p) => p.signals.some((s) => s.level === 'other_tender'));
      expect(zh?.explanation.text).toContain('但同一最终客户（山东港口物流集团有限公司）的两个不同招标（');
    });

    it('bids for one end customer or one tender are always compared, however their baskets differ', async () => {
      const w = await openStory();
      const { crm, org } = w;
      const bidder = (actor: typeof org.repA, name: string) =>
        crm.accounts.create(actor, { name, kind: 'system_integrator', region: { province: '37' } });
      const [jinan, zibo, linyi] = [
        await bidder(org.repA, '济南长城网络工程有限公司'),
        await bidder(org.repB, '淄博恒信电子有限公司'),
        await bidder(org.repB, '临沂联创科技有限公司'),
      ];
      // Nothing alike but the tender: printers in June, imagers in September, another province.
      const printers = await deal(
        crm,
        org.repA,
        jinan,
        '长城 打印改造',
        [{ sku: 'ZT410', quantity: 30 }],
        '2026-06-01',
      );
      const imagers = await deal(
        crm,
        org.repB,
        zibo,
        '恒信 扫描项目',
        [{ sku: 'DS4308', quantity: 60 }],
        '2026-09-20',
        '32',
      );
      const servers = await deal(
        crm,
        org.repB,
        linyi,
        '联创 机房',
        [{ sku: 'SRV-R740', quantity: 3 }],
        '2026-11-02',
        '41',
      );
      // 乙 spells the end customer another way (a second end-user account), but the tender is one.
      const linkedServers = await crm.opportunities.linkEndCustomer(org.repB, servers.id, {
        name: '日照港集团有限公司',
      });
      await crm.opportunities.linkEndCustomer(org.repB, imagers.id, {
        name: '日照港口集团',
        tender: { number: 'RZ-2026-07' },
      });
      // The end customer is renamed before 甲 links it: the deals keep two names, one account.
      const rizhao = linkedServers.endCustomer?.accountId ?? '';
      await crm.accounts.update(org.admin, rizhao, { name: '日照港集团股份有限公司' });
      const linkedPrinters = await crm.opportunities.linkEndCustomer(org.repA, printers.id, {
        name: '日照港集团股份有限公司',
        tender: { number: 'RZ-2026-07' },
      });
      expect(linkedPrinters.endCustomer?.accountId).toBe(rizhao);
      const compared = (await findDuplicateDeals(crm, org.manager, { minScore: -1000, limit: 1000 })).map(
        pairOf,
      );
      expect(compared).toContainEqual([printers.id, imagers.id].sort());
      expect(compared).toContainEqual([printers.id, servers.id].sort());
      // Two end customers, one tender on only one of them: nothing brings these two together.
      expect(compared).not.toContainEqual([imagers.id, servers.id].sort());
      const checked = await checkDealForDuplicates(crm, org.manager, printers.id, {
        minScore: -1000,
        limit: 100,
      });
      expect(checked.map(pairOf)).toContainEqual([printers.id, imagers.id].sort());
      expect(checked.map(pairOf)).toContainEqual([printers.id, servers.id].sort());
      const level = (other: string) =>
        checked.find((p) => pairOf(p).includes(other))?.signals.find((s) => s.name === 'end_customer')?.level;
      expect(level(imagers.id)).toBe('same_tender');
      expect(level(servers.id)).toBe('same');
      // The decoys with no end customer stay apart from them, as before.
      expect(compared).not.toContainEqual([printers.id, w.decoys[3]?.id].sort());
    });

    it('pages carry a cursor until the whole result is read: no silent cap', async () => {
      const w = await openStory();
      const all = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000, limit: 10_000 });
      expect(all.length).toBeGreaterThan(2);
      const paged: string[][] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const got = await findDuplicateDealsPage(w.crm, w.org.manager, {
          minScore: -1000,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        paged.push(...got.pairs.map(pairOf));
        if (got.nextCursor === null) break;
        cursor = got.nextCursor;
      }
      expect(paged).toEqual(all.map(pairOf));
      const streamed: string[][] = [];
      for await (const p of allDuplicateDeals(w.crm, w.org.manager, { minScore: -1000 }))
        streamed.push(pairOf(p));
      expect(streamed).toEqual(all.map(pairOf));
      const bad = await findDuplicateDealsPage(w.crm, w.org.manager, { cursor: 'nope' }).catch(
        (e: unknown) => e,
      );
      expect(isCrmError(bad, 'VALIDATION')).toBe(true);
      // The manager's queue: the story pair is the one cluster at the default floor.
      const queue = await findDuplicateClusters(w.crm, w.org.manager);
      expect(queue.map((c) => c.dealIds)).toEqual([[w.dealA.id, w.dealB.id].sort()]);
    });

    it('the incremental check finds the same partner, and a rep never sees the other rep’s deal', async () => {
      const w = await openStory();
      const check = await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id);
      expect(check.map(pairOf)).toEqual([[w.dealA.id, w.dealB.id].sort()]);
      // 销售员甲 may not see 销售员乙's deal, so neither the scan nor the check may reveal it.
      expect(await findDuplicateDeals(w.crm, w.org.repA, { minScore: -1000 })).not.toContainEqual(
        expect.objectContaining({ b: expect.objectContaining({ id: w.dealB.id }) }),
      );
      const seenByA = (await findDuplicateDeals(w.crm, w.org.repA, { minScore: -1000 })).flatMap(pairOf);
      expect(seenByA).not.toContain(w.dealB.id);
      const checkedByA = await checkDealForDuplicates(w.crm, w.org.repA, w.dealA.id, { minScore: -1000 });
      expect(checkedByA.flatMap(pairOf)).not.toContain(w.dealB.id);
      const hidden = await checkDealForDuplicates(w.crm, w.org.repA, w.dealB.id).catch((e: unknown) => e);
      expect(isCrmError(hidden, 'NOT_FOUND')).toBe(true);
    });

    it('weights are stored with the tenant, versioned, re-estimated on demand, and every scan and check uses the stored one', async () => {
      const w = await openStory();
      // The first scan estimates the tenant's weights from its own deals and stores them as version 1.
      const first = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000, limit: 100 });
      const v1 = await refreshDuplicateWeights(w.crm);
      expect(v1.version).toBe(1);
      expect(v1.deals).toBeGreaterThanOrEqual(2);
      // On demand: a new version; a scheduler with a fresh estimate gets it back unchanged.
      const v2 = await reestimateDuplicateWeights(w.crm);
      expect(v2.version).toBe(2);
      expect((await refreshDuplicateWeights(w.crm)).version).toBe(2);
      expect((await refreshDuplicateWeights(w.crm, { maxAgeMs: 0 })).version).toBe(3);
      // The same deals give the same estimate: the scan's scores do not move between versions.
      const again = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000, limit: 100 });
      expect(again.map((p) => [pairOf(p), p.score])).toEqual(first.map((p) => [pairOf(p), p.score]));
      const check = await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id);
      expect(check[0]?.score).toBe(again[0]?.score);
    });

    it('the stored weights are decoded once per version: a version appended elsewhere is read at the next check', async () => {
      const w = await openStory();
      const v1 = await reestimateDuplicateWeights(w.crm);
      const [before] = await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id);
      // Held between calls: the same decoded estimate while the stored version stays the latest.
      const held = await refreshDuplicateWeights(w.crm);
      expect(held.version).toBe(v1.version);
      expect(await refreshDuplicateWeights(w.crm)).toBe(held);
      // Another process stores the next version (a same-day delivery is now common in the tenant):
      // nothing in this process was told, yet the next read and check weigh with it.
      const u = { ...v1.u, 'delivery.same_day': 0.5, 'delivery.within_week': 0.6 };
      await w.storage.transaction({ tenantId: w.crm.tenantId }, (tx) =>
        tx.dedupeWeights.append({
          version: v1.version + 1,
          weights: { ...v1, u, candidateU: u, version: v1.version + 1, estimatedAt: undefined },
          estimatedAt: v1.estimatedAt,
        }),
      );
      const v2 = await refreshDuplicateWeights(w.crm);
      expect(v2.version).toBe(v1.version + 1);
      expect(v2.u['delivery.same_day']).toBe(0.5);
      const [after] = await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id, { minScore: -1000 });
      expect(pairOf(after!)).toEqual(pairOf(before!));
      expect(after!.score).toBeLessThan(before!.score);
      // The scan weighs with the same new version: check and scan still agree.
      const [scanned] = await findDuplicateDeals(w.crm, w.org.manager, { minScore: -1000 });
      expect(scanned!.score).toBe(after!.score);
    });

    it('the manager keeps one salesperson on it, frees the other, and the pair never resurfaces', async () => {
      const w = await openStory();
      const { crm, org } = w;
      const link = await crm.duplicates.linkAsSameDeal(org.manager, {
        keepId: w.dealA.id,
        releaseId: w.dealB.id,
        reason: 'both integrators bid for the same tender',
      });
      expect(link.released).toMatchObject({
        id: w.dealB.id,
        stage: 'lost',
        lostReason: `duplicate of ${w.dealA.name}`,
        duplicateOfId: w.dealA.id,
      });
      expect(link.kept.id).toBe(w.dealA.id);
      // 销售员乙 is free: the deal is off the open pipeline.
      const open = await crm.opportunities.list(org.repB, { open: true });
      expect(open.items.map((o) => o.id)).not.toContain(w.dealB.id);
      const history = await crm.history.forRecord(org.manager, 'opportunity', w.dealB.id);
      expect(history.at(-1)).toMatchObject({
        event: 'opportunity.lost',
        actorId: org.manager.id,
        meta: expect.objectContaining({ duplicateOfId: w.dealA.id }),
      });
      expect(await crm.duplicates.resolutions(org.manager)).toEqual([
        expect.objectContaining({ kind: 'opportunity', resolution: 'same_deal', resolvedBy: org.manager.id }),
      ]);
      expect((await findDuplicateDeals(crm, org.manager, { minScore: -1000 })).flatMap(pairOf)).not.toContain(
        w.dealB.id,
      );
      // Even reopened, the resolved pair stays settled.
      await crm.opportunities.reopen(org.repB, w.dealB.id);
      const again = await findDuplicateDeals(crm, org.manager, { minScore: -1000, limit: 100 });
      expect(again.map(pairOf)).not.toContainEqual([w.dealA.id, w.dealB.id].sort());
      expect(
        (await checkDealForDuplicates(crm, org.manager, w.dealB.id, { minScore: -1000 })).map(pairOf),
      ).not.toContainEqual([w.dealA.id, w.dealB.id].sort());
    });

    it('only a manager above both owners (or an admin) may link; a rep who sees both may not', async () => {
      const w = await openStory();
      const { crm, org } = w;
      await crm.opportunities.addTeamMember(org.repA, w.dealA.id, {
        userId: org.repB.id,
        role: 'sales',
        access: 'read',
      });
      const denied = await crm.duplicates
        .linkAsSameDeal(org.repB, { keepId: w.dealB.id, releaseId: w.dealA.id })
        .catch((e: unknown) => e);
      expect(isCrmError(denied, 'PERMISSION_DENIED')).toBe(true);
      const unseen = await crm.duplicates
        .linkAsSameDeal(org.otherManager, { keepId: w.dealA.id, releaseId: w.dealB.id })
        .catch((e: unknown) => e);
      expect(isCrmError(unseen, 'NOT_FOUND')).toBe(true);
      const self = await crm.duplicates
        .linkAsSameDeal(org.manager, { keepId: w.dealA.id, releaseId: w.dealA.id })
        .catch((e: unknown) => e);
      expect(isCrmError(self, 'VALIDATION')).toBe(true);
      await crm.duplicates.linkAsSameDeal(org.admin, { keepId: w.dealB.id, releaseId: w.dealA.id });
      const closed = await crm.duplicates
        .linkAsSameDeal(org.manager, { keepId: w.dealB.id, releaseId: w.dealA.id })
        .catch((e: unknown) => e);
      expect(isCrmError(closed, 'INVALID_TRANSITION')).toBe(true);
      expect(await crm.duplicates.resolutions(org.repA)).toEqual([]);
    });

    it('marking a pair as not duplicate keeps it out of every later scan and check', async () => {
      const w = await openStory();
      const { crm, org } = w;
      const mark = await crm.duplicates.markNotDuplicate(org.manager, {
        aId: w.dealB.id,
        bId: w.dealA.id,
        reason: 'two different tenders',
      });
      expect(mark).toMatchObject({ aId: [w.dealA.id, w.dealB.id].sort()[0], resolution: 'not_duplicate' });
      expect(await findDuplicateDeals(crm, org.manager)).toEqual([]);
      expect(await checkDealForDuplicates(crm, org.manager, w.dealA.id)).toEqual([]);
      const history = await crm.history.forRecord(org.manager, 'opportunity', w.dealA.id);
      expect(history.at(-1)).toMatchObject({ event: 'opportunity.marked_not_duplicate' });
      const bad = await findDuplicateDeals(crm, org.manager, { limit: 0 }).catch((e: unknown) => e);
      expect(isCrmError(bad, 'VALIDATION')).toBe(true);
    });
  });
}
