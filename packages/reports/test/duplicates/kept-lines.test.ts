import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNMATCHED_PENALTY } from '../../src/duplicates/basket.js';
import {
  fitKeptLines,
  isKeptLinesFigures,
  type KeptPair,
  keptLeastAt,
  keptLinesLeast,
  keptLinesPenalty,
  LEVELS,
  SAMPLED_DEALS,
  sampledPairs,
} from '../../src/duplicates/kept-lines.js';

/**
 * Lines one side lacks when the lines two deals match were kept exactly, read by the tenant's own
 * pairs (`kept-lines.ts`): m among its copies, u among its other such pairs, by EM; bounded between
 * the hand's penalty and nothing (bench/RESULTS.md, issue 14, helper h-hard10).
 */

/**
 * `copies` pairs scoring `copyScore`, `others` at `otherScore`; `copyLevels` / `otherLevels` the
 * shares of each at each count of lines swapped (0, 1, 2, …).
 */
function listed(
  copies: number,
  copyLevels: number[],
  others: number,
  otherLevels: number[],
  copyScore = 12,
  otherScore = -12,
) {
  const pairs: KeptPair[] = [];
  const put = (n: number, levels: number[], held: number) => {
    let at = 0;
    levels.forEach((share, swapped) => {
      const k = Math.round(n * share);
      for (let i = 0; i < k; i++) pairs.push({ held, swapped });
      at += k;
    });
    for (; at < n; at++) pairs.push({ held, swapped: 0 });
  };
  put(copies, copyLevels, copyScore);
  put(others, otherLevels, otherScore);
  return pairs;
}

const PER_LINE = UNMATCHED_PENALTY;

describe('the kept-lines fit', () => {
  it('reads u among all the pairs listed and m among the copies, level by level', () => {
    // Copies: half whole, 40 % with two lines swapped; the others: mostly one kit held whole, some
    // a kit with three or more lines of their own on each side.
    const figures = fitKeptLines(listed(400, [0.5, 0.1, 0.4], 6000, [0.9, 0.01, 0, 0.09]), PER_LINE, 5000);
    expect(figures).toBeDefined();
    const f = figures as NonNullable<typeof figures>;
    expect(f.u[0]).toBeCloseTo(5600 / 6400, 3);
    expect(f.u[2]).toBeCloseTo(160 / 6400, 3);
    expect(f.u[3]).toBeCloseTo(540 / 6400, 3);
    expect(f.m[2]).toBeCloseTo(0.4, 1);
    expect(f.copies).toBeGreaterThan(390);
    expect(f.copies).toBeLessThan(410);
    expect(f.pairs).toBe(6400);
    expect(isKeptLinesFigures(f)).toBe(true);
    // Two lines swapped: copies do so far more often than the others, so they count nothing.
    expect(keptLinesPenalty(f, 2, 2 * PER_LINE)).toBe(0);
    // Three or more: the others do and no copy does, so about the hand's penalty stays (the
    // pseudo-copies at the hand's m are all the fit sees there).
    expect(keptLinesPenalty(f, 3, 3 * PER_LINE)).toBeGreaterThan(2.5 * PER_LINE);
    expect(keptLinesPenalty(f, 5, 5 * PER_LINE)).toBeGreaterThan(2.5 * PER_LINE);
    // Nothing swapped costs nothing, whatever the figures.
    expect(keptLinesPenalty(f, 0, 0)).toBe(0);
  });

  it('reads a pair standing for others as that many pairs', () => {
    const one = listed(400, [0.5, 0.1, 0.4], 6000, [0.9, 0.01, 0, 0.09]);
    // The whole pairs thinned to one in 8, each standing for 8: the same figures within the thinning.
    let whole = 0;
    const thinned = one.flatMap((p) => (p.swapped > 0 ? [p] : ++whole % 8 === 0 ? [{ ...p, count: 8 }] : []));
    const [f, g] = [fitKeptLines(one, PER_LINE, 5000), fitKeptLines(thinned, PER_LINE, 5000)];
    expect(g?.pairs).toBeGreaterThan(6400 - 8);
    expect(g?.pairs).toBeLessThanOrEqual(6400);
    for (let l = 0; l < LEVELS; l++) {
      expect(g?.u[l]).toBeCloseTo(f?.u[l] as number, 2);
      expect(g?.m[l]).toBeCloseTo(f?.m[l] as number, 1);
    }
  });

  it('keeps the hand’s penalty where the others differ more often than the copies', () => {
    const f = fitKeptLines(listed(400, [0.95, 0.05], 6000, [0.4, 0.6]), PER_LINE, 5000);
    expect(f).toBeDefined();
    expect(keptLinesPenalty(f, 1, 1.125)).toBe(1.125);
  });

  it('fits nothing for a tenant with few copies, or when no pair differs', () => {
    expect(fitKeptLines(listed(5, [0.5, 0, 0.5], 3000, [0.98, 0, 0.02]), PER_LINE, 5000)).toBeUndefined();
    expect(fitKeptLines(listed(400, [1], 3000, [1]), PER_LINE, 5000)).toBeUndefined();
    expect(keptLinesPenalty(undefined, 3, 3.375)).toBe(3.375);
    expect(keptLinesLeast(undefined)).toBeUndefined();
    expect(keptLeastAt(undefined, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  const table = fc
    .array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: LEVELS, maxLength: LEVELS })
    .map((xs) => {
      const sum = xs.reduce((a, b) => a + b, 0);
      return xs.map((x) => x / sum);
    });

  it('never counts for, never more against than the hand, and `keptLinesLeast` bounds every level from its own up', () => {
    fc.assert(
      fc.property(table, table, fc.integer({ min: 1, max: 8 }), (m, u, swapped) => {
        const figures = { sampled: 5000, pairs: 1000, copies: 100, m, u };
        const hand = PER_LINE * swapped;
        const penalty = keptLinesPenalty(figures, swapped, hand);
        expect(penalty).toBeGreaterThanOrEqual(0);
        expect(penalty).toBeLessThanOrEqual(hand);
        const least = keptLinesLeast(figures);
        // A bound read at `swapped` lines holds for every count at or past it.
        for (let more = swapped; more <= 8; more++)
          expect(Math.min(hand, keptLeastAt(least, swapped))).toBeLessThanOrEqual(
            keptLinesPenalty(figures, more, PER_LINE * more) + 1e-12,
          );
      }),
    );
  });

  it('rejects stored figures the fit could not have made', () => {
    const ok = {
      sampled: 900,
      pairs: 100,
      copies: 20.5,
      m: [0.5, 0.1, 0.3, 0.1],
      u: [0.9, 0.04, 0.04, 0.02],
    };
    expect(isKeptLinesFigures(ok)).toBe(true);
    for (const bad of [
      null,
      { ...ok, m: [0.5, 0.5] },
      { ...ok, u: [0, 0.4, 0.4, 0.2] },
      { ...ok, u: [0.9, 0.9, 0.02, 0.02] },
      { ...ok, copies: 101 },
      { ...ok, pairs: 10.5 },
      { ...ok, copies: -1 },
      { ...ok, sampled: 2.5 },
      { ...ok, sampled: undefined },
      { pairs: 100, copies: 20 },
    ])
      expect(isKeptLinesFigures(bad)).toBe(false);
  });

  it('lists each candidate pair of the sampled deals once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 3 }), (deals, spread) => {
        // Each deal's candidates: its neighbours within `spread` (symmetric, as blocking's are).
        const candidatesOf = (i: number) => {
          const out: number[] = [];
          for (let j = Math.max(0, i - spread); j <= Math.min(deals - 1, i + spread); j++)
            if (j !== i) out.push(j);
          return out;
        };
        const seen = new Set<string>();
        let sampled = 0;
        let twice = 0;
        const told = sampledPairs(deals, candidatesOf, (i, j) => {
          const key = `${Math.min(i, j)}:${Math.max(i, j)}`;
          if (seen.has(key)) twice++;
          seen.add(key);
        });
        expect(twice).toBe(0);
        const stride = Math.max(1, Math.ceil(deals / SAMPLED_DEALS));
        for (let i = 0; i < deals; i += stride) sampled++;
        expect(sampled).toBeLessThanOrEqual(SAMPLED_DEALS);
        expect(told).toBe(sampled);
        // Every pair touching a sampled deal is listed.
        let missing = 0;
        for (let i = 0; i < deals; i += stride)
          for (const j of candidatesOf(i)) if (!seen.has(`${Math.min(i, j)}:${Math.max(i, j)}`)) missing++;
        expect(missing).toBe(0);
      }),
      { numRuns: 12 },
    );
  });
});
