import { type ActorRef, type Crm, createCrm } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import { afterAll, describe, expect, it } from 'vitest';
import { blockCacheOf } from '../../src/duplicates/block-cache.js';
import { checkDealForDuplicates, findDuplicateDeals } from '../../src/index.js';
import { deal, openStoryWorld, STORY_BASKET, type StoryWorld } from '../duplicates/story-world.js';

const FLOOR = { minScore: -6, limit: 10_000 };

type Pairs = { a: { id: string }; b: { id: string }; score: number }[];
const partnersOf = (id: string, pairs: Pairs) =>
  new Map(
    pairs
      .filter((p) => p.a.id === id || p.b.id === id)
      .map((p) => [p.a.id === id ? p.b.id : p.a.id, p.score] as const),
  );

/** The check's partners of `id`, each with its score, after asserting they are exactly the scan's. */
async function checkedAsScanned(crm: Crm, actor: ActorRef, id: string): Promise<Map<string, number>> {
  const checked = partnersOf(id, await checkDealForDuplicates(crm, actor, id, FLOOR));
  expect(checked).toEqual(partnersOf(id, await findDuplicateDeals(crm, actor, FLOOR)));
  return checked;
}

/** A twin of the story's deal A (same basket, days apart) for another customer, filed by `crm`. */
const twinOfA = (w: StoryWorld, crm: Crm) =>
  deal(crm, w.org.repB, w.ruida, '瑞达 仓库扫描二期', STORY_BASKET, '2026-06-27');

/** Moves a deal's basket away from the story's (a label printer line instead): it leaves deal A's blocks. */
async function moveAway(crm: Crm, w: StoryWorld, id: string): Promise<void> {
  const opp = await crm.opportunities.addLine(w.org.admin, id, {
    sku: 'ZT410',
    quantity: 3,
    unitPrice: { amount: 980_000, currency: 'CNY' },
  });
  for (const line of opp.lines)
    if (line.sku !== 'ZT410') await crm.opportunities.removeLine(w.org.admin, id, line.id);
}

/**
 * The incremental check keeps the stored blocks it read between checks (`BlockCache`) while the
 * tenant's blocks keep their stamp. What it holds must never outlive a change: a re-key by this
 * process drops the keys it touched, and another writer's re-key (another process, here a second
 * service over the same database with its own cache) moves the stamp, which drops everything. On
 * any storage engine; each check is held against the full scan (same partners, same scores), which
 * reads no held block — block sizes feed every score, so a stale size shows as a score apart.
 */
export function describeBlockCache(makeStorage: StorageFactory): void {
  describe('the check’s held blocks follow every change of the stored keys', () => {
    const opened: StoryWorld[] = [];
    afterAll(async () => {
      for (const w of opened) await w.storage.close();
    });

    it('a re-key by this process: the next check meets a new twin, loses it when edited away, scores as the scan', async () => {
      const w = await openStoryWorld(makeStorage);
      opened.push(w);
      const { crm, org } = w;
      expect((await checkedAsScanned(crm, org.admin, w.dealA.id)).has(w.dealB.id)).toBe(true);
      // Held: deal A's blocks and its partners' statistics.
      const cache = blockCacheOf(crm.storage, crm.tenantId);
      expect(cache.held()).toBeGreaterThan(10);
      const twin = await twinOfA(w, crm);
      expect((await checkedAsScanned(crm, org.admin, w.dealA.id)).has(twin.id)).toBe(true);
      // Only what the twin's re-key touched was dropped: the rest is still held.
      expect(cache.held()).toBeGreaterThan(10);
      // Edited in place (another delivery date): still a partner, read as it is now (the scan's score).
      const moved = await crm.opportunities.update(org.admin, twin.id, { requiredDelivery: '2026-08-20' });
      expect(moved.requiredDelivery).toBe('2026-08-20');
      expect((await checkedAsScanned(crm, org.admin, w.dealA.id)).has(twin.id)).toBe(true);
      await moveAway(crm, w, twin.id);
      const after = await checkedAsScanned(crm, org.admin, w.dealA.id);
      expect(after.has(twin.id)).toBe(false);
      expect(after.has(w.dealB.id)).toBe(true);
      // And as a rep, who sees part of the tenant: the same held blocks, the scan's answer.
      await checkedAsScanned(crm, org.repA, w.dealA.id);
    }, 120_000);

    it('another writer’s edits, keyed by its own refresh, are seen on the next check', async () => {
      const w = await openStoryWorld(makeStorage);
      opened.push(w);
      const { crm, org } = w;
      // A second service over the same database: its refreshes are not this one's (its own cache).
      const other = createCrm({
        storage: { ...w.storage },
        tenant: crm.tenantId,
        clock: w.clock,
        timeZone: 'Asia/Shanghai',
        catalogue: { skus: 'checked' },
      });
      const before = await checkedAsScanned(crm, org.admin, w.dealA.id);
      const twin = await twinOfA(w, other);
      // The other writer keys its deal itself (its own check), so this service's refresh finds nothing stale.
      await checkDealForDuplicates(other, org.admin, twin.id);
      const met = await checkedAsScanned(crm, org.admin, w.dealA.id);
      expect(met.has(twin.id)).toBe(true);
      expect(met.size).toBe(before.size + 1);
      await moveAway(other, w, twin.id);
      await checkDealForDuplicates(other, org.admin, twin.id);
      const left = await checkedAsScanned(crm, org.admin, w.dealA.id);
      expect([...left.keys()].sort()).toEqual([...before.keys()].sort());
    }, 120_000);
  });
}
