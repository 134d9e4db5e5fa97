import { DealDuplicateEngine, type DealRecord, pairKey } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { plainDeal } from './plain-deal.js';

const line = (sku: string, quantity: number) => ({ sku, category: 'laser_scanner', quantity });
const everything = { minScore: Number.NEGATIVE_INFINITY, limit: 1_000 };

/**
 * Two baskets of the same two scanners with the quantities crossed (A×5 + B×2 against A×2 + B×5):
 * the sibling options A×5/B×5 and B×2/A×2 weigh the same, and which is matched first decides which
 * line is read first. The choice must not depend on which deal is named first. Found by the
 * check-equals-scan property on CI (seed −788341295).
 */
describe('baskets with the same lines in crossed quantities', () => {
  const sameCustomer = { accountId: 'a1', accountName: '山东恒通系统集成有限公司', province: null };
  const records: DealRecord[] = [
    plainDeal('d000', { ...sameCustomer, lines: [line('LS2208', 5), line('DS4308', 2)] }),
    plainDeal('d001', { ...sameCustomer, lines: [line('LS2208', 5)] }),
    plainDeal('d002', { ...sameCustomer, lines: [line('LS2208', 2), line('DS4308', 5)] }),
  ];

  it('score the same whichever deal comes first', () => {
    const engine = new DealDuplicateEngine(records);
    const ab = engine.score('d000', 'd002');
    const ba = engine.score('d002', 'd000');
    expect(ba.score).toBe(ab.score);
    expect(ba.signals.map((s) => [s.name, s.level, s.weight])).toEqual(
      ab.signals.map((s) => [s.name, s.level, s.weight]),
    );
  });

  it('and the check of either deal gives the scan score', () => {
    const engine = new DealDuplicateEngine(records);
    const scan = new Map(engine.scan(everything).pairs.map((p) => [pairKey(p.a.id, p.b.id), p.score]));
    for (const r of records) {
      for (const p of engine.check(r, everything)) {
        expect(p.score).toBe(scan.get(pairKey(p.a.id, p.b.id)));
      }
    }
  });
});
