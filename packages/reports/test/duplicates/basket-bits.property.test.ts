import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketBits, KNEE_WEIGHT, MIN_WEIGHT } from '../../src/duplicates/basket.js';

const bits = fc.double({ min: -50, max: 200, noNaN: true });

describe("a basket's weight from the bits read", () => {
  it('never orders two baskets otherwise than their bits do (a bound on bits stays a bound)', () => {
    fc.assert(
      fc.property(bits, bits, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(basketBits(lo)).toBeLessThanOrEqual(basketBits(hi));
      }),
    );
  });

  it('keeps every reading up to the knee as it is, and nothing below the floor', () => {
    fc.assert(
      fc.property(fc.double({ min: MIN_WEIGHT, max: KNEE_WEIGHT, noNaN: true }), (read) => {
        expect(basketBits(read)).toBe(read);
      }),
    );
    expect(basketBits(MIN_WEIGHT - 30)).toBe(MIN_WEIGHT);
  });

  it('counts bits past the knee for less, but still for more than the knee', () => {
    fc.assert(
      fc.property(fc.double({ min: KNEE_WEIGHT + 0.001, max: 1000, noNaN: true }), (read) => {
        expect(basketBits(read)).toBeGreaterThan(KNEE_WEIGHT);
        expect(basketBits(read)).toBeLessThan(read);
      }),
    );
  });

  it('ranks a rare four-line match above a two-line coincidence that both reach the knee', () => {
    // The figures of generator 1 at 300,000 deals: the story pair's basket reads 60.4 bits, two
    // unrelated customers' identical two-line kit 17.3; a hard cap at 16 made them equal.
    expect(basketBits(60.39) - basketBits(17.28)).toBeGreaterThan(3);
  });
});
