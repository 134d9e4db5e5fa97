import { renderBuiltIn } from '@gongfu/core';
import {
  DealDuplicateEngine,
  type DuplicateWeights,
  estimateDuplicateWeights,
  REFERENCE_CANDIDATE_U,
  REFERENCE_U,
} from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDeal } from './plain-deal.js';

/** A plain deal; each test varies the one value it measures. */
const base = plainDeal;

const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const weightOf = (s: { signals: { name: string; weight: number }[] }, name: string) =>
  s.signals.find((x) => x.name === name)?.weight ?? Number.NaN;

describe('u-probabilities are estimated from random pairs of the tenant’s own deals', () => {
  it('a known distribution of provinces and delivery days is recovered within tolerance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 12 }), (provinces, days) => {
        // Deal i: province i mod k (even shares), delivery on one of `days` dates 100 days apart.
        const deals = Array.from({ length: 3000 }, (_, i) =>
          base(`d${i}`, { province: String(11 + (i % provinces)), requiredDelivery: day((i % days) * 100) }),
        );
        // Enough pairs that the pull towards u₀ (5,000 pseudo-pairs) stays under the tolerance.
        const w = estimateDuplicateWeights(deals, { pairs: 200_000, seed: provinces * 31 + days });
        expect(Math.abs(w.u['region.different'] - (1 - 1 / provinces))).toBeLessThan(0.03);
        expect(Math.abs(w.u['delivery.same_day'] - 1 / days)).toBeLessThan(0.02);
        // Nothing between 1 and 90 days apart in this tenant: those levels fall well below u₀.
        expect(w.u['delivery.within_week']).toBeLessThan(REFERENCE_U['delivery.within_week']);
      }),
      { numRuns: 8 },
    );
  });

  it('a 3-deal tenant keeps the reference u (its three pairs hardly move the estimate)', () => {
    const w = estimateDuplicateWeights([base('a'), base('b'), base('c')]);
    expect(w.pairs).toBe(3);
    for (const [level, u0] of Object.entries(REFERENCE_U))
      expect(Math.abs(Math.log2(w.u[level as keyof typeof REFERENCE_U] / u0))).toBeLessThan(1);
  });

  it('deliveries bunched on a few days make a same-day delivery count less than in the reference', () => {
    const bunched = Array.from({ length: 2000 }, (_, i) =>
      base(`d${i}`, { requiredDelivery: day((i % 3) * 30) }),
    );
    const engine = new DealDuplicateEngine(bunched);
    const s = engine.score('d0', 'd3');
    // Same-day delivery is 1 in 3 pairs here: the hand weight (3 bits) falls by the capped 6, to
    // nothing — an exact match never counts against a pair (u floor).
    expect(weightOf(s, 'delivery')).toBe(0);
    expect(s.signals.find((x) => x.name === 'delivery')?.text).toMatch(
      /in 1,000 pairs of deals picked at random/,
    );
  });
});

describe('an explanation quotes the figure the weight was read against', () => {
  const perThousand = (p: number) => String(Math.round(p * 1000 * 10) / 10);
  it('candidate pairs when measured, random pairs carried over when none, random pairs for an older estimate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.constantFrom<'measured' | 'carried' | 'older'>('measured', 'carried', 'older'),
        (randomU, candidateU, kind) => {
          const weights: DuplicateWeights = {
            version: 1,
            deals: 1000,
            pairs: 50_000,
            u: { ...REFERENCE_U, 'delivery.same_day': randomU },
            ...(kind === 'older'
              ? {}
              : {
                  candidateU: { ...REFERENCE_CANDIDATE_U, 'delivery.same_day': candidateU },
                  candidatePairs: kind === 'measured' ? 20_000 : 0,
                }),
          };
          const engine = new DealDuplicateEngine([base('a'), base('b')], { weights });
          const said = engine.score('a', 'b').signals.find((x) => x.name === 'delivery');
          const used = kind === 'older' ? randomU : candidateU;
          const en = said?.text ?? '';
          const zh = said?.message ? renderBuiltIn(said.message, 'zh-CN') : '';
          const random = `${perThousand(randomU)} in 1,000 pairs of deals picked at random`;
          if (kind === 'older') {
            expect(en).toContain(random);
            expect(en).not.toContain('product line');
          } else if (kind === 'measured') {
            expect(en).toContain(`${perThousand(used)} in 1,000 pairs of deals that share a product line`);
            expect(zh).toContain(`含相同产品的商机中每 1000 对有 ${perThousand(used)} 对`);
            expect(en).not.toContain('picked at random');
          } else {
            // No candidate pairs yet: the figure used is carried from the random pairs, both named.
            expect(en).toContain(random);
            expect(en).toContain(`about ${perThousand(used)} in 1,000 pairs that share a product line`);
            expect(zh).toContain(`每 1000 对约有 ${perThousand(used)} 对`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('u-probabilities among the tenant’s candidate pairs (deals sharing a line)', () => {
  /** 3,000 deals of 150 kits (20 deals each); amounts spread evenly; `kitPriced`: one price per kit. */
  const tenant = (kitPriced: boolean) =>
    Array.from({ length: 3000 }, (_, i) =>
      base(`d${i}`, {
        lines: [{ sku: `KIT-${i % 150}`, category: null, quantity: 100 }],
        // 150 price points 10 % apart, so two of them are never "the same amount".
        amountMinor: Math.round(
          100_000 * 1.1 ** (kitPriced ? i % 150 : (i * 7 + Math.floor(i / 150) * 13) % 150),
        ),
        requiredDelivery: day(i % 365),
      }),
    );

  it('a level the blocking brings with it (one price per kit) counts less, though random pairs rarely show it', () => {
    const priced = estimateDuplicateWeights(tenant(true));
    const spread = estimateDuplicateWeights(tenant(false));
    // Random pairs: one amount in 150 either way.
    expect(Math.abs(priced.u['amount.same'] - spread.u['amount.same'])).toBeLessThan(0.01);
    // Pairs sharing a kit: all at one amount in the first tenant, hardly any in the second.
    expect(priced.candidateU?.['amount.same']).toBeGreaterThan(0.5);
    expect(spread.candidateU?.['amount.same']).toBeLessThan(0.1);
    const s = new DealDuplicateEngine(tenant(true)).score('d0', 'd150');
    expect(weightOf(s, 'amount')).toBeLessThan(0);
  });

  it('a tenant with no candidate pairs moves its weights as its random pairs do', () => {
    const w = estimateDuplicateWeights(Array.from({ length: 500 }, (_, i) => base(`d${i}`)));
    expect(w.candidatePairs).toBe(0);
    for (const [level, u0] of Object.entries(REFERENCE_U)) {
      const l = level as keyof typeof REFERENCE_U;
      const candidate = w.candidateU?.[l] ?? Number.NaN;
      expect(candidate).toBeCloseTo(Math.min(0.99, (REFERENCE_CANDIDATE_U[l] * w.u[l]) / u0), 6);
    }
  });
});

describe('term frequencies: a common value counts for less', () => {
  /** A tenant of 400 one-off deals plus `count` deals of one customer; the weight of two of its deals. */
  const customerWeight = (count: number) => {
    const others = Array.from({ length: 400 }, (_, i) => base(`o${i}`));
    const mine = Array.from({ length: count }, (_, i) =>
      base(`m${i}`, { accountId: 'big', accountName: '山东大客户有限公司', requiredDelivery: day(i * 200) }),
    );
    const engine = new DealDuplicateEngine([...others, ...mine]);
    return engine.score('m0', 'm1');
  };

  it('the same customer weighs less the more open deals the customer has', () => {
    // Within the block cap (100), where a deal is compared with all its customer's deals; above it a
    // customer is read against the deals of it compared (account-reading.test.ts).
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 49 }), (count, more) => {
        const fewer = weightOf(customerWeight(count), 'customer');
        const many = weightOf(customerWeight(count + more), 'customer');
        expect(many).toBeLessThanOrEqual(fewer);
      }),
      { numRuns: 15 },
    );
    const busy = customerWeight(99);
    expect(weightOf(busy, 'customer')).toBeLessThan(0);
    expect(busy.signals.find((x) => x.name === 'customer')?.text).toContain('98 other open deals of 499');
  });

  /** `holders` deals of two different customers each holding one kit; the basket weight of two of them. */
  const kitScore = (holders: number) => {
    const kit = [
      { sku: 'TAB-100', category: null, quantity: 100 },
      { sku: 'SCN-20', category: null, quantity: 20 },
    ];
    const others = Array.from({ length: 300 }, (_, i) => base(`o${i}`));
    const kits = Array.from({ length: holders }, (_, i) => base(`k${i}`, { lines: kit }));
    return new DealDuplicateEngine([...others, ...kits]).score('k0', 'k1');
  };

  it('a whole basket many customers buy weighs less the more deals hold it, and says how many', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 80 }), fc.integer({ min: 1, max: 80 }), (holders, more) => {
        expect(weightOf(kitScore(holders + more), 'basket')).toBeLessThanOrEqual(
          weightOf(kitScore(holders), 'basket'),
        );
      }),
      { numRuns: 15 },
    );
    const common = kitScore(60);
    expect(common.signals.find((x) => x.name === 'basket')?.text).toContain(
      'this exact basket is in 60 of 360 deals, and each deal here is compared with about 59 others, so a shared kit counts little',
    );
  });

  it('an exact quantity counts less the more deals order exactly that quantity', () => {
    const quantityScore = (holdersOf137: number) => {
      const others = Array.from({ length: 300 }, (_, i) =>
        base(`o${i}`, {
          lines: [{ sku: `X${i % 50}`, category: null, quantity: i < holdersOf137 ? 137 : 3 }],
        }),
      );
      const pair = ['p', 'q'].map((id) =>
        base(id, { lines: [{ sku: 'RARE-1', category: null, quantity: 137 }] }),
      );
      return weightOf(new DealDuplicateEngine([...others, ...pair]).score('p', 'q'), 'basket');
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 150 }), (h, more) => {
        expect(quantityScore(h + more)).toBeLessThanOrEqual(quantityScore(h));
      }),
      { numRuns: 10 },
    );
    expect(quantityScore(150)).toBeLessThan(quantityScore(0));
  });
});
