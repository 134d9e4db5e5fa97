import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { plainDeal } from './plain-deal.js';

/**
 * Amounts far apart are explained by a product swapped for a dearer or cheaper one (a line one
 * basket lacks, or a sibling SKU), not by one SKU bought in a tenth of the quantity: that line is
 * another purchase, and the amounts apart say so (generator 1's false pair above the story pair at
 * 100k: 52 / 5 servers, 3 mobile computers, 17 laser scanners, ¥403,254 / ¥97,754).
 */
const deal = (id: string, lines: DealRecord['lines'], amountMinor: number): DealRecord =>
  plainDeal(id, {
    accountKind: 'system_integrator',
    lines,
    requiredDelivery: '2027-02-16',
    province: '13',
    amountMinor,
  });
const line = (sku: string, quantity: number) => ({ sku, category: null, quantity });
const filler = Array.from({ length: 200 }, (_, i) =>
  deal(`o${i}`, [line(`F-${i % 40}`, 20 + (i % 7))], Math.round(100_000 * 1.05 ** i)),
);
const amountOf = (pair: { signals: { name: string; weight: number }[] }) =>
  pair.signals.find((s) => s.name === 'amount')?.weight ?? Number.NaN;

describe('amounts apart beside a basket matched in part', () => {
  const servers = line('SER-3', 52);
  const rest = [line('MOB-5', 3), line('LAS-7', 17)];

  it('count against a pair whose lines all match, one in a tenth of the quantity', () => {
    const engine = new DealDuplicateEngine([
      ...filler,
      deal('a', [servers, ...rest], 40_325_400),
      deal('b', [line('SER-3', 5), ...rest], 9_775_400),
    ]);
    const pair = engine.score('a', 'b');
    expect(pair.signals.find((s) => s.name === 'basket')?.level).toBe('most');
    // The tenant's "far apart", not the −0.5 a swapped product leaves it.
    expect(amountOf(pair)).toBeLessThan(-1);
  });

  it('are explained by a line swapped for another product', () => {
    const engine = new DealDuplicateEngine([
      ...filler,
      deal('a', [servers, ...rest], 40_325_400),
      deal('b', [line('KIO-9', 5), ...rest], 9_775_400),
    ]);
    expect(amountOf(engine.score('a', 'b'))).toBe(-0.5);
  });
});
