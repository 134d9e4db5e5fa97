import { ADJUST_MAX, ADJUST_MIN } from './weights.js';

/**
 * Splink's term-frequency adjustment, for any value two deals can share (a delivery day, an end
 * customer): a comparison level's u is an average over the values, and the pair's own value moves it
 * by log2(chance / share) — `chance` the level's average (two of the tenant's deals, drawn at
 * random, sharing a value: Σ p(v)²), `share` the part of the tenant's other deals holding this one.
 *
 * The pair's two deals are left out of the count (a copy entered once more is not evidence that its
 * value is common), and the share is shrunk towards `chance` by `pseudo` pseudo-deals: a value a few
 * deals hold says little of itself. The shift is bounded as every u-adjustment is (u is evidence,
 * not a switch), and rounded to thousandths so the scan and the check add the same figure.
 */
export function termFrequencyShift(chance: number, holders: number, deals: number, pseudo: number): number {
  const others = Math.max(0, holders - 2);
  const share = (others + pseudo * chance) / (Math.max(0, deals - 2) + pseudo);
  const shift = Math.min(ADJUST_MAX, Math.max(ADJUST_MIN, Math.log2(chance / share)));
  return Math.round(shift * 1000) / 1000;
}
