import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from '../../src/duplicates/corpus-stats.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

const plain = toRecord(fc.sample(dealFields, { numRuns: 1, seed: 11 })[0]!, 0);
/** A deal of one line of `quantity`. */
const withQuantity = (id: string, quantity: number) => ({
  ...plain,
  id,
  lines: [{ sku: 'SKU-Q', category: null, quantity }],
});

describe('the share of an exact quantity, kept per quantity (CorpusStats.quantityShare)', () => {
  it('is counted again after each add: kept between two adds, never across one', () => {
    const stats = new CorpusStats();
    for (let i = 0; i < 6; i++) stats.add(withQuantity(`band-${i}`, 400 + i));
    const before = stats.quantityShare(437);
    expect(stats.quantityShare(437)).toBe(before);
    stats.add(withQuantity('a', 437));
    stats.add(withQuantity('b', 437));
    stats.add(withQuantity('c', 437));
    const after = stats.quantityShare(437);
    // Three deals now hold exactly 437: beyond the pair's own two, one other chose it.
    expect(after).toBeGreaterThan(before);
    // The share for other `own` counts is counted each time, and reads the same counts.
    expect(stats.quantityShare(437, 0)).toBeGreaterThan(after);
  });
});
