import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { basketSurprise } from '../../src/duplicates/basket.js';
import { CorpusStats, itemToken, mergeBySku, statKeys } from '../../src/duplicates/corpus-stats.js';
import { type DealRow, DealRows } from '../../src/duplicates/deal-rows.js';
import { DealDuplicateEngine } from '../../src/duplicates/engine.js';
import { EXTRA_CAP, readsCoOccurrence, togetherBits } from '../../src/duplicates/line-reading.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

const ordinal = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const row: fc.Arbitrary<DealRow> = fc.record({
  day: fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.constant(Number.NaN)),
  amount: fc.oneof(fc.integer(), fc.double({ noNaN: true })),
  best: fc.double({ noNaN: true }),
  further: fc.double({ noNaN: true }),
  siblingBest: fc.double({ noNaN: true }),
  lines: fc.integer({ min: 0, max: 10_000 }),
  endKnown: fc.boolean(),
  province: ordinal,
  kind: ordinal,
  account: ordinal,
  currency: ordinal,
  signature: ordinal,
});

describe("the scan's per-deal rows (deal-rows.ts)", () => {
  it('read back every field of every row as set, whatever the neighbouring rows hold', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const table = new DealRows(rows.length);
        for (const [i, r] of rows.entries()) table.set(i, r);
        rows.forEach((r, i) => {
          const back: DealRow = {
            day: table.day(i),
            amount: table.amount(i),
            best: table.best(i),
            further: table.further(i),
            siblingBest: table.siblingBest(i),
            lines: table.lines(i),
            endKnown: table.endKnown(i),
            province: table.province(i),
            kind: table.kind(i),
            account: table.account(i),
            currency: table.currency(i),
            signature: table.signature(i),
          };
          expect(back).toEqual(r);
        });
      }),
    );
  });
});

/** Deals holding both tokens, counted one deal at a time (the definition). */
function holdingBoth(tokensOf: readonly string[][], a: string, b: string): number {
  return tokensOf.filter((t) => t.includes(a) && t.includes(b)).length;
}

describe('deals holding two tokens together (corpus-stats.ts)', () => {
  it('count the deals holding both tokens, in either order, added or read from stored keys', () => {
    fc.assert(
      fc.property(fc.array(dealFields, { minLength: 1, maxLength: 30 }), fc.nat(), (fields, cut) => {
        const records = fields.map(toRecord);
        const tokensOf = records.map((r) => mergeBySku(r.lines).map(itemToken));
        const tokens = [...new Set(tokensOf.flat())];
        // Part read from stored block sizes, the rest added after: what an incremental check holds.
        const split = cut % (records.length + 1);
        const counts = new Map<string, number>();
        for (const r of records.slice(0, split))
          for (const key of statKeys(r)) counts.set(key, (counts.get(key) ?? 0) + 1);
        const stored = CorpusStats.fromCounts(counts);
        for (const r of records.slice(split)) stored.add(r);
        const added = CorpusStats.of(records);
        for (const a of tokens)
          for (const b of tokens) {
            if (a === b) continue;
            const both = holdingBoth(tokensOf, a, b);
            expect(added.togetherCount(a, b)).toBe(both);
            expect(stored.togetherCount(b, a)).toBe(both);
          }
      }),
    );
  });
});

describe("a further matched line's bound read from its own deal's co-occurrence (basket.ts)", () => {
  it("is below 'no other holder holds both' for most deals whose lines come together", () => {
    // The bound before: each line read given the most-held other line, as if none of its holders
    // held this one too. Bench kits repeat their lines together, so most such deals bound lower now.
    const records = generate(3000, 11).records;
    const engine = new DealDuplicateEngine(records);
    engine.weights();
    const stats = engine.stats;
    expect(readsCoOccurrence(stats)).toBe(true);
    const preparer = new DealPreparer();
    let multiLine = 0;
    let lowered = 0;
    for (const r of records) {
      const d = preparer.prepare(r);
      if (d.items.length < 2) continue;
      multiLine++;
      const s = basketSurprise(d, stats);
      let before = EXTRA_CAP;
      d.items.forEach((line, i) => {
        const holders = Math.max(...d.tokens.filter((_, j) => j !== i).map((t) => stats.itemCount(t)));
        const bits = togetherBits(0, holders - 1, 2 ** -(s.idfs[i] as number));
        before = Math.max(before, bits + stats.exactQuantityBits(line.quantity));
      });
      expect(s.further).toBeLessThanOrEqual(before);
      if (s.further < before - 1) lowered++;
    }
    expect(multiLine).toBeGreaterThan(500);
    expect(lowered / multiLine).toBeGreaterThan(0.3);
  }, 120_000);
});
