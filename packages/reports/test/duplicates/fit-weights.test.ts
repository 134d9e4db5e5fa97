import { renderBuiltIn } from '@gongfu/core';
import {
  DealDuplicateEngine,
  type DealRecord,
  type DuplicateWeights,
  estimateDuplicateWeights,
  estimateTenantWeights,
  pairKey,
} from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { FITTED_LADDERS, type FittedComparison, handPrior } from '../../src/duplicates/measures.js';
import { seeded } from '../../src/duplicates/minhash.js';
import { priorWeight } from '../../src/duplicates/score-pair.js';

/** A deterministic uniform generator in [0, 1) (the package's own mulberry32). */
function uniform(seed: number): () => number {
  const next = seeded(seed);
  return () => next() / 4294967296;
}

const PROVINCES = ['11', '31', '32', '33', '37', '44'];
const KINDS = ['end_user', 'system_integrator', 'dealer'];

/**
 * A tenant whose duplicates are plain: 400 deals of 400 customers, baskets drawn from 80 SKUs,
 * deliveries over a year — and 40 of them entered again by the same customer, one quantity retyped,
 * for the same day and about the same amount.
 */
function plainTenant(): { records: DealRecord[]; planted: Set<string> } {
  const next = uniform(14);
  const records: DealRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const customer = i;
    const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      sku: `SKU-${Math.floor(next() * 80)}`,
      category: null,
      quantity: 10 + Math.floor(next() * 490),
    }));
    const day = Math.floor(next() * 360);
    records.push({
      id: `d${i}`,
      name: `deal ${i}`,
      ownerId: `rep${i % 7}`,
      accountId: `c${customer}`,
      accountName: `客户${customer}有限公司`,
      accountKind: KINDS[customer % 3] as string,
      accountKeys: [],
      endCustomer: null,
      lines,
      requiredDelivery: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      province: PROVINCES[customer % PROVINCES.length] as string,
      amountMinor: lines.reduce((s, l) => s + l.quantity * 5000_00, 0),
      currency: 'CNY',
    });
  }
  const planted = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const original = records[i * 9] as DealRecord;
    const lines = original.lines.map((l, k) => (k === 0 ? { ...l, quantity: l.quantity + 1 } : l));
    const copy: DealRecord = {
      ...original,
      id: `again${i}`,
      lines,
      amountMinor: Math.round(original.amountMinor * (1 + (next() - 0.5) * 0.02)),
    };
    records.push(copy);
    planted.add(pairKey(original.id, copy.id));
  }
  return { records, planted };
}

/** The hand priors as m shares, level by level: a fit that did not move. */
function handShares(): Record<string, number> {
  const m: Record<string, number> = {};
  for (const comparison of Object.keys(FITTED_LADDERS) as FittedComparison[]) {
    const own = comparison === 'region' || comparison === 'kind' ? 1 : 0;
    FITTED_LADDERS[comparison].forEach((level, i) => {
      m[level] = handPrior(comparison).m0[i + own] as number;
    });
  }
  return m;
}

describe('m and λ fitted by expectation–maximisation over the tenant’s candidate pairs', () => {
  it('is stored with the estimate, and a fit whose m would rise as agreement falls is not used', () => {
    const { records } = plainTenant();
    // Without asking, no fit is made (it costs a scan's CPU again and is rejected on both generators).
    expect(estimateTenantWeights(records, 3).fit).toBeUndefined();
    const weights = estimateTenantWeights(records, 3, { fit: true });
    expect(weights.version).toBe(3);
    const fit = weights.fit;
    expect(fit?.converged).toBe(true);
    expect(fit?.candidatePairs).toBeGreaterThan(fit?.pairs ?? Number.POSITIVE_INFINITY);
    // Unlabelled EM here also takes different customers sharing lines for duplicates: it expects
    // more pairs than the 40 planted, with months-apart deliveries likelier among "duplicates"
    // than weeks-apart ones. Such a fit is kept for inspection and the hand priors weigh.
    expect(fit?.rejected).toBe('not_monotone');
    expect(weights.m).toBeUndefined();
    expect(weights.lambda).toBeUndefined();
    const hand = new DealDuplicateEngine(records, { weights: estimateTenantWeights(records, 3) });
    const stored = new DealDuplicateEngine(records, { weights });
    expect(stored.score('d0', 'again0').score).toBe(hand.score('d0', 'again0').score);
  });

  it('when a fit weighs, the explanation names its m and u in en and zh-CN', () => {
    const { records, planted } = plainTenant();
    const hand = estimateDuplicateWeights(records);
    const m = handShares();
    m['delivery.same_day'] = 0.9;
    m['delivery.within_week'] = 0.05;
    m['delivery.within_month'] = 0.03;
    m['delivery.within_quarter'] = 0.01;
    m['delivery.further'] = 0.01;
    // With the tenant's kit figures, as a stored estimate holds them (`kit-repeats.ts`).
    const kitRepeats = new DealDuplicateEngine(records).weights().kitRepeats;
    const weights: DuplicateWeights = { ...hand, m: m as DuplicateWeights['u'], lambda: 0.01, kitRepeats };
    const engine = new DealDuplicateEngine(records, { weights });
    const pairs = engine.scan({ minScore: 0, limit: 1000 }).pairs;
    const found = pairs.filter((p) => planted.has(pairKey(p.a.id, p.b.id)));
    expect(found.length).toBe(planted.size);
    const explained = found[0]?.explanation.message;
    expect(explained).toBeDefined();
    if (!explained) return;
    const u = Math.round((hand.candidateU?.['delivery.same_day'] ?? 0) * 1000) / 10;
    expect(renderBuiltIn(explained, 'en')).toContain(
      `90 % of this tenant’s duplicates are that close, ${u} % of its other candidate pairs`,
    );
    expect(renderBuiltIn(explained, 'zh-CN')).toContain(
      `本公司的重复商机中有 90% 交期如此接近，其他候选配对中为 ${u}%`,
    );
    // The prior is λ's: 1 in 100 candidate pairs, log2(0.01 / 0.99) bits.
    expect(priorWeight(records.length, weights)).toBeCloseTo(Math.log2(0.01 / 0.99), 3);
  });

  it('a fit that stays at the hand priors weighs every pair exactly as the hand weights do', () => {
    const { records } = plainTenant();
    const hand = estimateDuplicateWeights(records);
    const m = handShares();
    const prior = priorWeight(records.length, hand);
    const atStart: DuplicateWeights = {
      ...hand,
      m: m as DuplicateWeights['u'],
      lambda: 2 ** prior / (1 + 2 ** prior),
    };
    const a = new DealDuplicateEngine(records, { weights: hand }).scan({
      minScore: -30,
      limit: 100_000,
    }).pairs;
    const b = new DealDuplicateEngine(records, { weights: atStart }).scan({
      minScore: -30,
      limit: 100_000,
    }).pairs;
    expect(b.length).toBe(a.length);
    const scores = new Map(a.map((p) => [pairKey(p.a.id, p.b.id), p.score]));
    for (const p of b)
      expect(Math.abs(p.score - (scores.get(pairKey(p.a.id, p.b.id)) ?? Number.NaN))).toBeLessThan(0.01);
  });
});
