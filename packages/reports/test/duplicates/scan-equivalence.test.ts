import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { generate2 } from '../../../../bench/duplicates-data-2.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

const ALL = 1_000_000;

/** Ids, scores, copy flags, signals and explanations: everything a scan returns, read out in full. */
const readOut = (pairs: readonly unknown[]) => JSON.parse(JSON.stringify(pairs));

describe('the optimised scan returns exactly what the straightforward scan returns', () => {
  // The straightforward scan (`prune: false`) weighs every candidate pair in full and explains every
  // pair at once; the optimised one drops pairs by bounds and memos and explains when first read.
  it.each([
    ['generator 1', generate],
    ['generator 2', generate2],
  ] as const)(
    'on the bench data of %s, over seeds, at floors −4 and 0',
    (_, make) => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
          const engine = new DealDuplicateEngine(make(1_200, seed).records);
          for (const minScore of [-4, 0]) {
            const straightforward = engine.scan({ minScore, limit: ALL, prune: false });
            const optimised = engine.scan({ minScore, limit: ALL });
            expect(optimised.candidatePairs).toBe(straightforward.candidatePairs);
            expect(readOut(optimised.pairs)).toEqual(readOut(straightforward.pairs));
            expect(optimised.pairs.length).toBeGreaterThan(10);
          }
        }),
        { numRuns: 3 },
      );
    },
    120_000,
  );

  it('when one SKU carries other categories (or none) in other deals', () => {
    // A SKU re-filed under another category, or with none, still matches itself: the bound on the
    // lines two baskets can match must count it by SKU as well as by category.
    const categories = ['laser_scanner', 'server', null] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const records = fc.sample(dealFields, { seed, numRuns: 150 }).map((f, i): DealRecord => {
          const r = toRecord(f, i);
          return {
            ...r,
            lines: r.lines.map((l, k) => ({ ...l, category: categories[(i + k) % 3] ?? null })),
          };
        });
        const engine = new DealDuplicateEngine(records);
        for (const minScore of [-4, 3]) {
          const straightforward = engine.scan({ minScore, limit: ALL, prune: false });
          expect(readOut(engine.scan({ minScore, limit: ALL }).pairs)).toEqual(
            readOut(straightforward.pairs),
          );
        }
      }),
      { numRuns: 3 },
    );
  }, 60_000);

  it('explains a pair read after the engine grew in the words of the scan that returned it', () => {
    const records: DealRecord[] = fc.sample(dealFields, { seed: 7, numRuns: 200 }).map(toRecord);
    const engine = new DealDuplicateEngine(records.slice(0, 150));
    const explainedNow = readOut(engine.scan({ limit: ALL, prune: false }).pairs);
    const explainedLater = engine.scan({ limit: ALL }).pairs;
    // Fifty more deals change the statistics (and the engine's own estimate of the weights).
    for (const r of records.slice(150)) engine.add(r);
    expect(readOut(engine.scan({ limit: ALL, prune: false }).pairs)).not.toEqual(explainedNow);
    expect(readOut(explainedLater)).toEqual(explainedNow);
  });

  it('keeps a pair’s words when they are replaced by the reader (as a report does for its language)', () => {
    const records = fc.sample(dealFields, { seed: 8, numRuns: 120 }).map(toRecord);
    const [pair] = new DealDuplicateEngine(records).scan({ limit: 1 }).pairs;
    if (!pair) throw new Error('no pair proposed');
    const text = { ...pair.explanation, text: 'in other words' };
    pair.explanation = text;
    pair.signals = [];
    expect(pair.explanation).toBe(text);
    expect(pair.signals).toEqual([]);
  });
});
