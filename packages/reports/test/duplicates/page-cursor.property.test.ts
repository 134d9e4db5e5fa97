/**
 * The duplicate queue's cursor resumes after the last pair given, not at a position: a manager who
 * settles pairs while paging never makes a later page skip one (a newcomer's check: page 1 of 2
 * pairs, its top pair marked "not a duplicate", and page 2 began one pair too far on).
 */
import { type DealDuplicate, findDuplicateDeals, findDuplicateDealsPage, pairKey } from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanMemoOf } from '../../src/duplicates/scan-memo.js';
import { deal, openStoryWorld, STORY_BASKET, type StoryWorld } from './story-world.js';

const everything = { minScore: -1e9 };
const keyOf = (p: DealDuplicate) => pairKey(p.a.id, p.b.id);

/** The story's tenant and six more deals of its basket: a queue of a few dozen pairs. */
async function queueWorld(): Promise<StoryWorld> {
  const w = await openStoryWorld(() => sqliteStorage({ filename: ':memory:' }));
  for (let i = 0; i < 6; i += 1) {
    const [owner, account] = i % 2 === 0 ? [w.org.repA, w.hengtong] : [w.org.repB, w.ruida];
    const lines = STORY_BASKET.filter((_, k) => k !== 1 + (i % 3));
    await deal(w.crm, owner, account, `deal ${i}`, lines, `2026-06-${20 + i}`);
  }
  return w;
}

async function fresh(w: StoryWorld): Promise<DealDuplicate[]> {
  scanMemoOf(w.storage, w.crm.tenantId).clear();
  return findDuplicateDeals(w.crm, w.org.admin, everything);
}

describe('the duplicate queue cursor (SQLite)', () => {
  it('ranks pairs as the cursor reads them: copies first, then by score, then by pair key', async () => {
    const w = await queueWorld();
    const all = await fresh(w);
    expect(all.length).toBeGreaterThan(10);
    for (let i = 1; i < all.length; i += 1) {
      const [p, q] = [all[i - 1]!, all[i]!];
      const inOrder =
        (p.copy && !q.copy) ||
        (p.copy === q.copy && (p.score > q.score || (p.score === q.score && keyOf(p) < keyOf(q))));
      expect(inOrder).toBe(true);
    }
    await w.storage.close();
  });

  it('skips no pair whose place did not change, whatever is settled between pages', async () => {
    type Step = { settle: 'nothing' | 'seen' | 'unseen'; pick: number };
    const step: fc.Arbitrary<Step> = fc.record({
      settle: fc.constantFrom('nothing' as const, 'seen' as const, 'unseen' as const),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(step, { maxLength: 12 }),
        async (limit, steps) => {
          const w = await queueWorld();
          const first = await fresh(w);
          const start = first.map(keyOf);
          const placeOf = (p: DealDuplicate) => `${p.copy} ${p.score}`;
          const startPlace = new Map(first.map((p) => [keyOf(p), placeOf(p)]));
          /** Pairs whose place in the ranking moved after a pair was settled (its partners compete less). */
          const moved = new Set<string>();
          const shown: string[] = [];
          const settled = new Set<string>();
          let cursor: string | undefined;
          let k = 0;
          do {
            const page = await findDuplicateDealsPage(w.crm, w.org.admin, {
              ...everything,
              limit,
              ...(cursor ? { cursor } : {}),
            });
            shown.push(...page.pairs.map(keyOf));
            cursor = page.nextCursor ?? undefined;
            // Between pages the manager settles a pair already read, or one still ahead in the queue.
            const s = steps[k++ % Math.max(1, steps.length)];
            const pool =
              s?.settle === 'seen'
                ? shown.filter((key) => !settled.has(key))
                : s?.settle === 'unseen'
                  ? start.filter((key) => !shown.includes(key) && !settled.has(key))
                  : [];
            if (s && pool.length > 0) {
              const key = pool[s.pick % pool.length]!;
              const [aId, bId] = key.split('\u0000') as [string, string];
              await w.crm.duplicates.markNotDuplicate(w.org.admin, { aId, bId });
              settled.add(key);
              for (const p of await fresh(w))
                if (startPlace.get(keyOf(p)) !== placeOf(p)) moved.add(keyOf(p));
            }
          } while (cursor);
          // Each pair of the first scan is shown once, unless it was settled before its page came or
          // its score moved across the cursor (a position skipped pairs that had not moved at all).
          expect(new Set(shown).size).toBe(shown.length);
          const missing = start.filter((key) => !shown.includes(key) && !settled.has(key) && !moved.has(key));
          expect(missing).toEqual([]);
          await w.storage.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses a cursor it did not make, and the old position form', async () => {
    const w = await queueWorld();
    const forged = (place: unknown) => `k:${Buffer.from(JSON.stringify(place)).toString('base64url')}`;
    for (const cursor of [
      'o:2',
      'k:',
      'k:%%%',
      forged([1, 3]),
      forged([2, 3, 'a', 'b']),
      forged([0, 'NaN', 'a', 'b']),
      forged([0, 3, '', 'b']),
      forged([0, 3, 'a'.repeat(300), 'b']),
      forged({ offset: 5 }),
    ])
      await expect(findDuplicateDealsPage(w.crm, w.org.admin, { cursor })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    await w.storage.close();
  });
});
