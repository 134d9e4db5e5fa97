import { DealDuplicateEngine, type DealLine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { kitRepeatsShift } from '../../src/duplicates/kit-repeats.js';
import { DealPreparer, type PreparedDeal } from '../../src/duplicates/prepared-deal.js';
import { ScanColumns } from '../../src/duplicates/scan-columns.js';
import { reachOf, weighPair } from '../../src/duplicates/score-pair.js';
import { day, deal, kitDeal, oneOffProjects } from './basket-tenant.js';

/**
 * The scan keeps `kitRepeatsShift` of one account's two deals of one basket by the account, the
 * basket and the days between the deliveries (`ScanColumns.kitShiftKey`): pairs of a customer that
 * orders its kit again and again meet the same key many times. Weighing every candidate pair in
 * full (`prune: false`) asks the shift afresh for each pair; both must rank the same pairs alike,
 * and no pair may be dropped for a shift read under another pair's key.
 */

const KIT: DealLine[] = [{ sku: 'CB-KIT', category: null, quantity: 50 }];
const OTHER_KIT: DealLine[] = [{ sku: 'CB-OTHER', category: null, quantity: 20 }];

/**
 * 2,000 one-off projects; ten buyers of each kit ordering it four times, two months apart; and one
 * customer ordering the first kit 14 times: deliveries a week or a day apart (gaps that repeat), two
 * on one day, two without a date — and the second kit twice; and the same customer's account
 * entered again under its name, with two orders of the first kit.
 */
function tenant(): DealRecord[] {
  const buyers = ['a', 'b'].flatMap((tag, t) =>
    Array.from({ length: 10 }, (_, b) =>
      Array.from({ length: 4 }, (_, k) =>
        kitDeal(`${tag}${b}-k${k}`, `${tag}${b}`, t === 0 ? KIT : OTHER_KIT, day(30 + 60 * k + b)),
      ),
    ).flat(),
  );
  const days = [100, 107, 114, 121, 122, 123, 124, 131, 131, 160, 161, 162];
  const regular = [
    ...days.map((d, k) => kitDeal(`reg-${k}`, 'reg', KIT, day(d))),
    kitDeal('reg-undated-1', 'reg', KIT, null),
    kitDeal('reg-undated-2', 'reg', KIT, null),
    kitDeal('reg-other-1', 'reg', OTHER_KIT, day(120)),
    kitDeal('reg-other-2', 'reg', OTHER_KIT, day(127)),
    // The customer entered again as another account under its name: read as one customer.
    deal('reg-again-1', {
      accountId: 'acc-reg-again',
      accountName: '山东reg有限公司',
      lines: KIT,
      requiredDelivery: day(101),
    }),
    deal('reg-again-2', {
      accountId: 'acc-reg-again',
      accountName: '山东reg有限公司',
      lines: KIT,
      requiredDelivery: day(131),
    }),
  ];
  return [...oneOffProjects(), ...buyers, ...regular];
}

describe('one account’s kit shifts kept by account, basket and gap', () => {
  it('every pair of the regular customer still reaches a floor at its own score, whichever pair was asked first', () => {
    const records = tenant();
    const engine = new DealDuplicateEngine(records);
    engine.weights();
    const preparer = new DealPreparer();
    const deals = records.map((r) => preparer.prepare(r));
    const regular = records.flatMap((r, i) => (r.id.startsWith('reg-') ? [i] : []));
    const pairs = regular.flatMap((i) => regular.filter((j) => j > i).map((j) => [i, j] as const));
    const scores = pairs.map(([i, j]) =>
      weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, engine.stats, Number.NEGATIVE_INFINITY),
    );
    const shifts = new Set(
      pairs.map(([i, j]) =>
        kitRepeatsShift(deals[i] as PreparedDeal, deals[j] as PreparedDeal, engine.stats),
      ),
    );
    // Worth something only if the shift differs from gap to gap.
    expect(shifts.size).toBeGreaterThan(3);
    // Each pair asked first once, so a shift kept under too wide a key is read for the others.
    for (const [first, second] of pairs) {
      const columns = new ScanColumns(deals, engine.stats);
      columns.reaches(first, second, reachOf(-100));
      pairs.forEach(([i, j], k) => {
        const reached = columns.reaches(i, j, reachOf(scores[k] as number));
        expect(
          reached,
          `${records[i]?.id} ${records[j]?.id} after ${records[first]?.id} ${records[second]?.id}`,
        ).toBe(true);
      });
    }
  });

  it('the pruned scan ranks exactly what weighing every candidate ranks', () => {
    const engine = new DealDuplicateEngine(tenant());
    for (const minScore of [-12, -4, 0]) {
      const full = engine.scan({ minScore, limit: 1_000_000, prune: false });
      expect(engine.scan({ minScore, limit: 1_000_000 }).pairs).toEqual(full.pairs);
    }
  }, 120_000);
});
