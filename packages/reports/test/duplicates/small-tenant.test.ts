import { clusterPairs, DealDuplicateEngine, type DealRecord, pairKey } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpus } from './deal-arbitraries.js';
import { exactCopy, storyDeal, storyTwin } from './story-deals.js';

describe('the evidence of what a pair shares does not collapse in a small tenant', () => {
  it('an exact copy of the story deal ranks at the top of a 3-deal tenant, the story pair next, both likely', () => {
    const engine = new DealDuplicateEngine([storyDeal, exactCopy, storyTwin]);
    const pairs = engine.scan({ minScore: Number.NEGATIVE_INFINITY, limit: 10 }).pairs;
    const keys = pairs.map((p) => pairKey(p.a.id, p.b.id));
    expect(keys[0]).toBe(pairKey(storyDeal.id, exactCopy.id));
    expect(pairs[0]?.copy).toBe(true);
    expect(pairs[0]?.probability).toBeGreaterThan(0.99);
    const story = pairs.find((p) => pairKey(p.a.id, p.b.id) === pairKey(storyDeal.id, storyTwin.id));
    expect(story?.copy).toBe(false);
    expect(story?.probability).toBeGreaterThan(0.99);
  });

  it('an identical basket never earns less than a near copy of it', () => {
    const nearCopy: DealRecord = {
      ...exactCopy,
      id: 'near',
      lines: [...storyDeal.lines.slice(0, 3), { sku: 'SW-24', category: 'network', quantity: 7 }],
    };
    for (const size of [0, 50, 500]) {
      const filler = Array.from(
        { length: size },
        (_, i): DealRecord => ({
          ...storyDeal,
          id: `f${i}`,
          accountId: `acc-f${i}`,
          accountName: `公司${i}`,
          lines: [{ sku: `SKU-${i % 40}`, category: null, quantity: 1 + (i % 7) }],
          requiredDelivery: `2026-0${1 + (i % 9)}-1${i % 10}`,
        }),
      );
      const engine = new DealDuplicateEngine([storyDeal, exactCopy, nearCopy, ...filler]);
      const exact = engine.score(storyDeal.id, exactCopy.id);
      const near = engine.score(storyDeal.id, nearCopy.id);
      const basket = (s: typeof exact) => s.signals.find((x) => x.name === 'basket')?.weight ?? 0;
      expect(basket(exact)).toBeGreaterThanOrEqual(basket(near));
      expect(exact.score).toBeGreaterThanOrEqual(near.score);
    }
  });

  it('a standard kit many customers re-order is not a copy, however alike two of its orders are', () => {
    const kit = [{ sku: 'KIT-1', category: 'kit', quantity: 100 }];
    const orders = Array.from(
      { length: 30 },
      (_, i): DealRecord => ({
        ...storyDeal,
        id: `k${i}`,
        accountId: i < 2 ? 'acc-same' : `acc-${i}`,
        lines: kit,
        requiredDelivery: '2026-06-28',
      }),
    );
    const pairs = new DealDuplicateEngine(orders).scan({
      minScore: Number.NEGATIVE_INFINITY,
      limit: 1000,
    }).pairs;
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter((p) => p.copy)).toEqual([]);
  });
});

describe('the manager’s queue is clusters', () => {
  it('three entries of one deal are one cluster, ranked first; the queue holds every proposed pair once', () => {
    const unrelated: DealRecord = {
      ...storyDeal,
      id: 'other',
      accountId: 'acc-other',
      accountName: '广州德润智能科技有限公司',
      province: '44',
      lines: [{ sku: 'HH-201', category: 'mobile_computer', quantity: 37 }],
      requiredDelivery: '2026-11-03',
    };
    const engine = new DealDuplicateEngine([storyDeal, exactCopy, storyTwin, unrelated]);
    const pairs = engine.scan({ minScore: 0, limit: 100 }).pairs;
    const queue = clusterPairs(pairs);
    expect(queue[0]?.dealIds).toEqual([storyDeal.id, exactCopy.id, storyTwin.id].sort());
    expect(queue[0]?.copy).toBe(true);
    expect(queue[0]?.pairs.length).toBe(3);
    expect(queue.flatMap((c) => c.dealIds)).not.toContain(unrelated.id);
  });

  it('clusters partition the proposed deals, and every pair at or above the floor is in exactly one', () => {
    fc.assert(
      fc.property(corpus(30), fc.double({ min: -20, max: 5, noNaN: true }), (records, floor) => {
        const pairs = new DealDuplicateEngine(records).scan({ minScore: -1000, limit: 1_000_000 }).pairs;
        const queue = clusterPairs(pairs, floor);
        const ids = queue.flatMap((c) => c.dealIds);
        expect(new Set(ids).size).toBe(ids.length);
        const inQueue = queue.flatMap((c) => c.pairs.map((p) => pairKey(p.a.id, p.b.id))).sort();
        const kept = pairs
          .filter((p) => p.score >= floor)
          .map((p) => pairKey(p.a.id, p.b.id))
          .sort();
        expect(inQueue).toEqual(kept);
        for (const c of queue)
          for (const p of c.pairs) expect(c.dealIds).toEqual(expect.arrayContaining([p.a.id, p.b.id]));
        // Copies first, then by probability.
        for (let i = 1; i < queue.length; i++) {
          const [p, q] = [queue[i - 1]!, queue[i]!];
          expect(Number(p.copy) >= Number(q.copy)).toBe(true);
          if (p.copy === q.copy) expect(p.probability).toBeGreaterThanOrEqual(q.probability);
        }
      }),
      { numRuns: 80 },
    );
  });
});
