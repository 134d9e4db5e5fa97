import { type CrmStorage, isCrmError } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allDuplicateDeals,
  checkDealForDuplicates,
  findDuplicateClusters,
  findDuplicateDeals,
  findDuplicateDealsPage,
} from '../../src/index.js';
import { openStoryWorld, type StoryWorld } from '../duplicates/story-world.js';

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
