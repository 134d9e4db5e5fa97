import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { otherBusyGaps } from '../../src/duplicates/busy-repeat-gaps.js';
import { COPY_BINS_TO } from '../../src/duplicates/customer-kits.js';
import { shrunkShare } from '../../src/duplicates/kit-repeats.js';
import { plainDeal } from './plain-deal.js';
import { weighedWithout } from './weighed-without.js';

/**
 * A busy customer's own compared gaps are shrunk towards the tenant's other busy customers' gaps
 * (`otherBusyGaps`), not straight towards the candidate pairs: their pairs are selected as its own
 * are, and a few hundred of its own cannot show how rare a copy's gap is among re-orders.
 */
const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/**
 * 300 one-deal customers buying popular lines over three months; customer `big` with 150 deals of
 * one kit a fortnight apart and a copy of its 76th deal a day later; and, when `otherSpacing` is
 * given, a second busy customer with 150 deals of another kit that many days apart.
 */
function tenant(otherSpacing?: number, extra: DealRecord[] = []): DealDuplicateEngine {
  const others = Array.from({ length: 300 }, (_, i) =>
    plainDeal(`o${i}`, {
      lines: [{ sku: `POP-${i % 10}`, category: null, quantity: 5 }],
      requiredDelivery: day((i * 13) % 90),
    }),
  );
  const order = (account: string, name: string, sku: string) => (id: string, d: number) =>
    plainDeal(id, {
      accountId: account,
      accountName: name,
      lines: [{ sku, category: null, quantity: 20 }],
      requiredDelivery: day(d),
    });
  const mine = order('big', '山东大客户有限公司', 'TAB-1');
  const theirs = order('busy2', '青岛另一家大客户有限公司', 'TAB-2');
  const orders = Array.from({ length: 150 }, (_, i) => mine(`m${i}`, i * 14));
  const second =
    otherSpacing === undefined
      ? []
      : Array.from({ length: 150 }, (_, i) => theirs(`t${i}`, i * otherSpacing));
  return new DealDuplicateEngine([...others, ...orders, ...second, mine('copy', 75 * 14 + 1), ...extra]);
}

const customerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'customer');

describe('a busy customer’s gaps read with the other busy customers’', () => {
  it('its copy a day apart weighs more where the other busy customers re-order a fortnight apart than where they re-order every other day', () => {
    const fortnightly = tenant(14);
    const everyOtherDay = tenant(2);
    expect(fortnightly.weights().accountPartners?.busy2).toBeDefined();
    const rare = fortnightly.score('m75', 'copy');
    const ordinary = everyOtherDay.score('m75', 'copy');
    expect(rare.score - ordinary.score).toBeGreaterThan(1);
    // Its own re-orders are the same in both tenants: the difference is the other customer's. (Its
    // copy, counted by its chance of being two orders, counts a little less where it reads rarer.)
    const own = fortnightly.weights().busyRepeatGaps?.big;
    const ownThere = everyOtherDay.weights().busyRepeatGaps?.big;
    expect(own?.byBin.slice(COPY_BINS_TO + 1)).toEqual(ownThere?.byBin.slice(COPY_BINS_TO + 1));
    // Its re-orders a fortnight apart are close too, each counted by its (near-certain) chance.
    own?.byBin.slice(2, COPY_BINS_TO + 1).forEach((n, i) => {
      expect(n).toBeCloseTo(ownThere?.byBin[i + 2] ?? Number.NaN, 1);
    });
    // The copy (a day apart) counts less as a re-order where it reads rarer.
    expect(own?.byBin[1]).toBeLessThan(ownThere?.byBin[1] ?? 0);
    expect(Math.abs((own?.pairs ?? 0) - (ownThere?.pairs ?? 0))).toBeLessThan(2);
    const said = customerOf(rare);
    expect(said?.text).toMatch(
      /and of the \d+ such pairs of the tenant's other customers with this many deals, 0 are this close/,
    );
    expect(renderBuiltIn(said?.message ?? { key: '', params: {} }, 'zh-CN')).toMatch(
      /本公司其他同样商机众多的客户的 \d+ 对此类商机中，交期如此接近的有 0 对/,
    );
  });

  it('a tenant with one busy customer reads it as before, and says nothing of others', () => {
    const alone = tenant();
    const gaps = alone.weights().busyRepeatGaps ?? {};
    expect(Object.keys(gaps)).toEqual(['big']);
    expect(otherBusyGaps(gaps, 'big', 1)).toEqual({ pairs: 0, same: 0 });
    expect(customerOf(alone.score('m75', 'copy'))?.text).not.toMatch(/other customers/);
  });

  it('leaves the customer itself out of the pool', () => {
    const gaps = {
      a: { pairs: 10, byBin: [1, 2, 0, 0, 0, 7, 0, 0] },
      b: { pairs: 5, byBin: [0, 1, 0, 0, 0, 4, 0, 0] },
    };
    expect(otherBusyGaps(gaps, 'a', 1)).toEqual({ pairs: 5, same: 1 });
    expect(otherBusyGaps(gaps, 'b', 5)).toEqual({ pairs: 10, same: 7 });
    expect(otherBusyGaps(gaps, 'c', 0)).toEqual({ pairs: 15, same: 1 });
  });

  it('the shrunk share never falls as close pairs or the pool’s share grow, and is the pool’s with no pairs of its own', () => {
    const share = fc.double({ min: 1e-6, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), share, share, (same, more, extra, t, t2) => {
        const pairs = same + more + extra;
        const [lo, hi] = t <= t2 ? [t, t2] : [t2, t];
        expect(shrunkShare(same, pairs, lo)).toBeLessThanOrEqual(shrunkShare(same + more, pairs, lo) + 1e-12);
        expect(shrunkShare(same, pairs, lo)).toBeLessThanOrEqual(shrunkShare(same, pairs, hi) + 1e-12);
        expect(shrunkShare(0, 0, t)).toBeCloseTo(t, 12);
      }),
    );
  });

  it('its two deals of a basket few deals hold are read by its compared gaps too, not only a kit', () => {
    // A basket only these two deals hold (not a standard kit), entered again a day later.
    const rare = (id: string, d: number) =>
      plainDeal(id, {
        accountId: 'big',
        accountName: '山东大客户有限公司',
        lines: [{ sku: 'RARE-1', category: null, quantity: 7 }],
        requiredDelivery: day(d),
      });
    const engine = tenant(14, [rare('r1', 500), rare('r1copy', 501)]);
    const read = engine.score('r1', 'r1copy');
    const before = weighedWithout(engine, 'busyRepeatGaps').score('r1', 'r1copy');
    expect(read.score - before.score).toBeGreaterThan(1);
    expect(customerOf(read)?.text).toMatch(
      /of the \d+ pairs of its own deals holding one basket that are compared here, 0 are delivered this close/,
    );
  });

  it('two busy accounts of one customer are read as one customer: the same score whichever deal is asked first', () => {
    // Two accounts sharing a phone, each busy: one re-orders a fortnight apart, the other every other day.
    const account = (id: string, n: number, spacing: number, sku: string) =>
      Array.from({ length: n }, (_, i) =>
        plainDeal(`${id}-${i}`, {
          accountId: id,
          accountName: '山东大客户有限公司',
          accountKeys: ['tel:0531-1'],
          lines: [{ sku, category: null, quantity: 20 }],
          requiredDelivery: day(i * spacing),
        }),
      );
    const rare = (id: string, accountId: string, d: number) =>
      plainDeal(id, {
        accountId,
        accountName: '山东大客户有限公司',
        accountKeys: ['tel:0531-1'],
        lines: [{ sku: 'RARE-1', category: null, quantity: 7 }],
        requiredDelivery: day(d),
      });
    const others = Array.from({ length: 300 }, (_, i) =>
      plainDeal(`o${i}`, {
        lines: [{ sku: `POP-${i % 10}`, category: null, quantity: 5 }],
        requiredDelivery: day((i * 13) % 90),
      }),
    );
    const engine = new DealDuplicateEngine([
      ...others,
      ...account('bigA', 150, 14, 'TAB-1'),
      ...account('bigB', 150, 2, 'TAB-2'),
      rare('r1', 'bigA', 500),
      rare('r2', 'bigB', 501),
    ]);
    expect(Object.keys(engine.weights().busyRepeatGaps ?? {}).sort()).toEqual(['bigA', 'bigB']);
    const ab = engine.score('r1', 'r2');
    const ba = engine.score('r2', 'r1');
    expect(ab.score).toBe(ba.score);
    expect(customerOf(ab)?.text).toBe(customerOf(ba)?.text);
    // Neither account is "another customer" of the other.
    expect(customerOf(ab)?.text).not.toMatch(/other customers/);
    // Each side's check finds the pair exactly when the scan does, at the same score.
    const all = { minScore: -30, limit: 1_000_000 };
    const inScan = engine
      .scan(all)
      .pairs.find((p) => new Set([p.a.id, p.b.id]).has('r1') && new Set([p.a.id, p.b.id]).has('r2'));
    const record = (id: string) => {
      for (let i = 0; i < engine.size; i++) if (engine.recordAt(i).id === id) return engine.recordAt(i);
      throw new Error(id);
    };
    for (const [mine, theirs] of [
      ['r1', 'r2'],
      ['r2', 'r1'],
    ] as const) {
      const found = engine.check(record(mine), all).find((d) => d.a.id === theirs || d.b.id === theirs);
      expect(found?.score).toBe(inScan?.score);
    }
  });

  it('names the other busy customers’ gaps when they alone move the weight (none of its own pairs left)', () => {
    // `big`'s 150 deals hold one basket each (a shared line keeps them compared), so its only gaps
    // are the pair weighed, counted out; a second busy customer re-orders its kit a fortnight apart.
    const others = Array.from({ length: 300 }, (_, i) =>
      plainDeal(`o${i}`, {
        lines: [{ sku: `POP-${i % 10}`, category: null, quantity: 5 }],
        requiredDelivery: day((i * 13) % 90),
      }),
    );
    const big = (id: string, lines: DealRecord['lines'], d: number) =>
      plainDeal(id, { accountId: 'big', accountName: '山东大客户有限公司', lines, requiredDelivery: day(d) });
    const own = Array.from({ length: 150 }, (_, i) =>
      big(
        `b${i}`,
        [
          { sku: `BIG-${i}`, category: null, quantity: 20 },
          { sku: 'TAB-1', category: null, quantity: 1 },
        ],
        i * 3,
      ),
    );
    const second = Array.from({ length: 150 }, (_, i) =>
      plainDeal(`t${i}`, {
        accountId: 'busy2',
        accountName: '青岛另一家大客户有限公司',
        lines: [{ sku: 'TAB-2', category: null, quantity: 20 }],
        requiredDelivery: day(i * 14),
      }),
    );
    const rare = [{ sku: 'RARE-1', category: null, quantity: 7 }];
    const engine = new DealDuplicateEngine([
      ...others,
      ...own,
      ...second,
      big('r1', rare, 500),
      big('r1copy', rare, 501),
    ]);
    const said = customerOf(engine.score('r1', 'r1copy'));
    const without = customerOf(weighedWithout(engine, 'busyRepeatGaps').score('r1', 'r1copy'));
    // The pool moved the weight (a copy a day apart is rare among the other customer's fortnightly orders) …
    expect((said?.weight ?? 0) - (without?.weight ?? 0)).toBeGreaterThan(1);
    // … and the words say whose figures did it, not a count of none of its own.
    expect(said?.text).toMatch(
      /and of the \d+ such pairs of the tenant's other customers with this many deals, 0 are this close/,
    );
    expect(said?.text).not.toMatch(/of the 0 pairs of its own deals/);
  });
});
