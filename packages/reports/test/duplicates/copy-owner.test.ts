import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CopyOwnerFigures,
  copyOwnerFigures,
  OWNER_ADJUST_MAX,
  ownerShift,
  ownerShiftMost,
  pairOwnerShift,
  twoOwnersU,
} from '../../src/duplicates/copy-owner.js';
import { ADJUST_MIN, isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { day, deal, oneOffProjects } from './basket-tenant.js';

/**
 * Who entered one customer's two deals (`copy-owner.ts`): where each customer has its salesperson,
 * a deal of it entered by a colleague on the day and basket of another is a re-entry; where a
 * tenant's deals go to any rep, the owner says nothing. u and m both read from the tenant.
 */

const KITS = 6;
/**
 * 30 customers with 24 orders each, spread over two years, of 6 kits (one kit's orders months
 * apart), entered by `owner(customer, order)`; each customer's order 5 entered again the same day
 * by `copier(customer)`; and two customers' deals of one project on one day (`twoA`, `twoB`).
 */
const tenant = (owner: (c: number, k: number) => string, copier: (c: number) => string): DealRecord[] => {
  const deals: DealRecord[] = [...oneOffProjects()];
  for (let c = 0; c < 30; c++) {
    const at = { accountId: `acc-c${c}`, accountName: `山东客户${c}有限公司` };
    for (let k = 0; k < 24; k++) {
      const lines = [{ sku: `KIT-${k % KITS}`, category: null, quantity: 20 }];
      const on = { ...at, lines, requiredDelivery: day(k * 29 + c) };
      deals.push(deal(`c${c}o${k}`, { ...on, ownerId: owner(c, k) }));
      if (k === 5) deals.push(deal(`c${c}copy`, { ...on, ownerId: copier(c) }));
    }
  }
  for (const side of ['A', 'B'])
    deals.push(
      deal(`two${side}`, {
        lines: [{ sku: 'ONE-two', category: null, quantity: 37 }],
        requiredDelivery: day(401),
      }),
    );
  return deals;
};

/** Each customer has its salesperson; its copies are entered by a colleague, save every fifth. */
const ownRep = () =>
  tenant(
    (c) => `rep-${c}`,
    (c) => (c % 5 === 0 ? `rep-${c}` : `rep-${(c + 1) % 30}`),
  );
/** Every deal goes to any of 12 reps, whoever the customer; copies too. */
const anyRep = () =>
  tenant(
    (c, k) => `rep-${(c * 7 + k * 5) % 12}`,
    (c) => `rep-${(c * 5 + 3) % 12}`,
  );

const customerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'customer');

describe('who entered one customer’s two deals, read in the tenant', () => {
  it('a colleague’s re-entry gains where each customer has its salesperson, and the figures are said in en and zh-CN', () => {
    const engine = new DealDuplicateEngine(ownRep());
    const figures = engine.weights().copyOwner as CopyOwnerFigures;
    expect(figures).toBeDefined();
    // Among one customer's deals two people are rare (only its copies are), among its copies common.
    expect(twoOwnersU(figures)).toBeLessThan(0.1);
    expect(figures.m).toBeGreaterThan(0.5);
    const { copyOwner: _, ...before } = engine.weights();
    expect(isDuplicateWeights(before)).toBe(true);
    const unread = new DealDuplicateEngine(ownRep(), { weights: before });
    const [now, then] = [engine.score('c1o5', 'c1copy'), unread.score('c1o5', 'c1copy')];
    const gain = (customerOf(now)?.weight ?? 0) - (customerOf(then)?.weight ?? 0);
    expect(gain).toBeGreaterThan(2);
    expect(gain).toBeCloseTo(ownerShift(figures, false), 3);
    // Every other clause weighs as it did.
    expect(now.score - then.score).toBeCloseTo(gain, 3);
    // The pairs' share as counted (twoOwners of pairs), the re-entries' as fitted.
    const u = Math.round((figures.twoOwners / figures.pairs) * 1000) / 10;
    const m = Math.round(figures.m * 1000) / 10;
    expect(customerOf(now)?.text).toContain(
      `entered by two salespeople: here ${u} % of ${figures.pairs} pairs of one customer’s deals are, and about ${m} % of its re-entries (about ${Math.round(figures.copies)}), so this reads as a colleague typing the same order in again`,
    );
    expect(renderBuiltIn(customerOf(now)?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      `由两位销售分别录入：本公司同一客户的商机中两人录入的占 ${u}%（共 ${figures.pairs} 对），而重复录入中约占 ${m}%（约 ${Math.round(figures.copies)} 对），像是同事把同一笔订单又录了一遍`,
    );
    expect(customerOf(then)?.text).not.toContain('salesperson');
    // Its copy by its own salesperson is what most of its deals are: it counts a little less, and says so.
    const own = engine.score('c0o5', 'c0copy');
    expect(ownerShift(figures, true)).toBeLessThan(0);
    expect(own.score - unread.score('c0o5', 'c0copy').score).toBeCloseTo(ownerShift(figures, true), 3);
    expect(customerOf(own)?.text).toContain('entered by one salesperson: here');
    expect(customerOf(own)?.text).toContain('so it counts less');
    // Two customers' deals are entered by their own people: not read, not said.
    const [two, twoThen] = [engine.score('twoA', 'twoB'), unread.score('twoA', 'twoB')];
    expect(two.score).toBe(twoThen.score);
    expect(customerOf(two)?.text).not.toContain('salesperson');
  });

  it('where deals go to any rep two owners say little, and the words follow the way the weight moved', () => {
    const deals = anyRep();
    const engine = new DealDuplicateEngine(deals);
    const figures = engine.weights().copyOwner;
    expect(figures).toBeDefined();
    if (figures === undefined) return;
    // Two people are most of one customer's pairs (11 in 12): a re-entry by two says little.
    expect(twoOwnersU(figures)).toBeGreaterThan(0.8);
    expect(Math.abs(ownerShift(figures, false))).toBeLessThan(0.5);
    const byId = new Map(deals.map((d) => [d.id, d]));
    const said = { more: 0, less: 0 };
    for (let c = 0; c < 30; c++) {
      const [a, b] = [byId.get(`c${c}o5`) as DealRecord, byId.get(`c${c}copy`) as DealRecord];
      const shift = pairOwnerShift(figures, a, b);
      const text = customerOf(engine.score(a.id, b.id))?.text ?? '';
      if (Math.abs(shift) < 0.05) {
        expect(text).not.toContain('salesperson');
        continue;
      }
      // Whichever way it moved, the words say that way — never "a colleague typing it again" for a
      // pair the owner counted against — and the share among the pairs is the one counted.
      expect(text).toMatch(shift > 0 ? /counts more|colleague/ : /counts less/);
      if (shift > 0) said.more++;
      else {
        said.less++;
        expect(text).not.toContain('colleague');
      }
      const same = a.ownerId === b.ownerId;
      const counted = same ? 1 - figures.twoOwners / figures.pairs : figures.twoOwners / figures.pairs;
      expect(text).toContain(`${Math.round(counted * 1000) / 10} % of ${figures.pairs} pairs`);
    }
    // This tenant has both: copies by the account's usual rep and by another.
    expect(said.more + said.less).toBeGreaterThan(0);
  });

  it('the pruned scan ranks what weighing every candidate ranks, with the owner read', () => {
    const engine = new DealDuplicateEngine(ownRep());
    expect(engine.weights().copyOwner).toBeDefined();
    for (const minScore of [-4, 0, 4]) {
      const full = engine.scan({ minScore, limit: 1_000_000, prune: false });
      const pruned = engine.scan({ minScore, limit: 1_000_000 });
      expect(pruned.pairs).toEqual(full.pairs);
    }
    // The copies by a colleague are proposed.
    const proposed = new Set(
      engine.scan({ minScore: 0, limit: 1_000_000 }).pairs.map((p) => [p.a.id, p.b.id].sort().join('|')),
    );
    const found = Array.from({ length: 30 }, (_, c) => c).filter((c) =>
      proposed.has([`c${c}o5`, `c${c}copy`].sort().join('|')),
    );
    expect(found.length).toBeGreaterThanOrEqual(24);
  }, 120_000);

  it('weights whose m were fitted over all candidate pairs read no owner, as they read no same-day share', () => {
    const engine = new DealDuplicateEngine(ownRep());
    const weights = engine.weights();
    expect(weights.copyOwner).toBeDefined();
    const { copyOwner: _, ...before } = weights;
    const fitted = new DealDuplicateEngine(ownRep(), { weights: { ...weights, m: weights.u } });
    const unread = new DealDuplicateEngine(ownRep(), { weights: { ...before, m: weights.u } });
    const [a, b] = [fitted.score('c1o5', 'c1copy'), unread.score('c1o5', 'c1copy')];
    expect(a.score).toBe(b.score);
    expect(customerOf(a)?.text).not.toContain('salesperson');
  });

  it('stored figures of another shape are refused with the rest of the estimate', () => {
    const ok: CopyOwnerFigures = { pairs: 100, twoOwners: 3, listed: 40, copies: 20.5, m: 0.6 };
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyOwner: ok })).toBe(true);
    for (const bad of [
      { ...ok, twoOwners: 101 },
      { ...ok, pairs: 10.5 },
      { ...ok, copies: 41 },
      { ...ok, m: 1 },
      { ...ok, m: 0 },
      { ...ok, listed: -1 },
    ])
      expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyOwner: bad })).toBe(false);
  });

  it('for any figures and pair: bounded, two accounts never read, the scan’s bound holds, and certain copies by two people lift two people', () => {
    expect(OWNER_ADJUST_MAX).toBe(-ADJUST_MIN);
    const figures = fc.record({
      pairs: fc.integer({ min: 1, max: 10_000 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      listed: fc.integer({ min: 1, max: 1000 }),
      m: fc.double({ min: 0.002, max: 0.998, noNaN: true }),
    });
    fc.assert(
      fc.property(figures, fc.boolean(), fc.boolean(), ({ pairs, share, listed, m }, same, oneAccount) => {
        const f: CopyOwnerFigures = {
          pairs,
          twoOwners: Math.floor(pairs * share),
          listed,
          copies: listed / 2,
          m,
        };
        const a = { accountId: 'a', ownerId: 'r1' };
        const b = { accountId: oneAccount ? 'a' : 'b', ownerId: same ? 'r1' : 'r2' };
        const shift = pairOwnerShift(f, a, b);
        expect(Math.abs(shift)).toBeLessThanOrEqual(OWNER_ADJUST_MAX);
        if (!oneAccount) expect(shift).toBe(0);
        expect(shift).toBeLessThanOrEqual(ownerShiftMost(f));
        // Symmetric.
        expect(pairOwnerShift(f, b, a)).toBe(shift);
      }),
    );
    // Certain copies, each of its own customer: by two people all, m rises above u; by one, it falls.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.boolean(), (n, two) => {
        const deals = Array.from({ length: n }, (_, i) => [
          { accountId: `a${i}`, ownerId: 'r1', signature: 's', day: 100 },
          { accountId: `a${i}`, ownerId: two ? 'r2' : 'r1', signature: 's', day: 100 },
        ]).flat();
        const fit = copyOwnerFigures(deals, () => 30) as CopyOwnerFigures;
        expect(fit).toBeDefined();
        const u = twoOwnersU(fit);
        if (two) expect(fit.m).toBeGreaterThan(u - 1e-9);
        else expect(fit.m).toBeLessThan(u + 1e-9);
        // Certain non-copies fit nothing.
        expect(copyOwnerFigures(deals, () => -40)).toBeUndefined();
      }),
    );
  });
});
