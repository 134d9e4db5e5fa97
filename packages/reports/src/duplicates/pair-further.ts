import { basketSurprise, creditOf, optionBits, quantityPrecisionBits } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import { EXTRA_CAP, readsCoOccurrence, sharedLineCapOf, togetherBits } from './line-reading.js';
import type { PreparedDeal } from './prepared-deal.js';
import type { DealLine } from './types.js';

/** What the lines of one SKU two deals both hold can add when the two are compared (`pairLineMost`). */
export interface PairLineMost {
  /**
   * The most the first matched line adds (`pairFirstMost`), +∞ until it is asked (`pairLineMost`
   * leaves it so: the further lines drop most pairs, and are cheaper to read).
   */
  first: number;
  /** The most a further matched line of one SKU (not the first) adds, at least `EXTRA_CAP`. */
  further: number;
  /** The most `quantityPrecisionBits` gives two lines of one SKU (0 when none is shared). */
  precision: number;
}

/**
 * `PairLineMost` of deals `x` and `y` (into `out`), read from the lines of one SKU both hold.
 * A further matched line (`linesByCoOccurrence`) adds its credit times its least reading given the
 * lines matched before it — the first among them a line of one SKU both deals hold (`anchorFirst`),
 * on each side the lesser reading — plus an equal quantity's bits: so at most its credit times the
 * lesser of the two sides' most reading given another shared line. A line matched to another SKU
 * (a sibling) adds at most `EXTRA_CAP`.
 *
 * Why per pair: `BasketSurprise.further` is each deal's most over any line, given its most held
 * other line, in an equal quantity — whichever lines the other deal holds. Two customers sharing a
 * device and its accessory read the accessory given the device, which nearly every holder buys
 * with it, often in other quantities: at 100k most pairs of two customers that reached the matcher
 * shared two such SKUs, and the per-deal figure let them through some ten bits too high.
 */
export function pairLineMost(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  out: PairLineMost,
): PairLineMost {
  out.first = Number.POSITIVE_INFINITY;
  out.further = EXTRA_CAP;
  out.precision = 0;
  const coOccurrence = readsCoOccurrence(stats);
  const a = x.items;
  const b = y.items;
  if (partnerOfX.length < a.length || partnerOfY.length < b.length) {
    partnerOfX = new Int32Array(Math.max(64, a.length, b.length));
    partnerOfY = new Int32Array(partnerOfX.length);
  }
  for (let i = 0; i < a.length; i++) partnerOfX[i] = lineOfSku(b, (a[i] as DealLine).sku);
  for (let j = 0; j < b.length; j++) partnerOfY[j] = lineOfSku(a, (b[j] as DealLine).sku);
  for (let i = 0; i < a.length; i++) {
    const la = a[i] as DealLine;
    const j = partnerOfX[i] as number;
    if (j < 0) continue;
    const lb = b[j] as DealLine;
    out.precision = Math.max(out.precision, quantityPrecisionBits(la, lb, stats));
    if (!coOccurrence) continue;
    const given = Math.min(mostGiven(x, i, partnerOfX, stats), mostGiven(y, j, partnerOfY, stats));
    if (given === Number.NEGATIVE_INFINITY) continue;
    const exact = la.quantity === lb.quantity ? quantityPrecisionBits(la, lb, stats) : 0;
    out.further = Math.max(out.further, creditOf(la, lb) * given + exact);
  }
  return out;
}

/** Per line of each deal `pairLineMost` reads, the other deal's line of its SKU or −1 (reused). */
let partnerOfX = new Int32Array(64);
let partnerOfY = new Int32Array(64);

/**
 * The most the first matched line adds (`linesByCoOccurrence`): over every two lines of `x` and `y`
 * the matcher credits (`creditOf`), their bits — for baskets that differ, at most the line's
 * reading against the partners plus their quantities' precision — what the matcher gives the line
 * it reads first. +∞ for two deals of one account (read against all deals, `basketReadAgainst`).
 * `byLine`: `metByLine`.
 */
export function pairFirstMost(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats, byLine: boolean): number {
  if (x.record.accountId === y.record.accountId) return Number.POSITIVE_INFINITY;
  const partial = readsCoOccurrence(stats) && x.signature !== y.signature;
  const a = x.items;
  const b = y.items;
  const sx = basketSurprise(x, stats);
  const sy = basketSurprise(y, stats);
  let most = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const la = a[i] as DealLine;
    for (let j = 0; j < b.length; j++) {
      const lb = b[j] as DealLine;
      const credit = creditOf(la, lb);
      if (credit === 0) continue;
      let bits = optionBits(la, lb, credit, sx.idfs[i] as number, sy.idfs[j] as number, stats);
      if (partial) {
        const cap = sharedLineCapOf(
          stats,
          sx.holders[i] as number,
          sy.holders[j] as number,
          x.tokens[i] === y.tokens[j],
          undefined,
          byLine,
        ).bits;
        const precision = la.sku === lb.sku ? quantityPrecisionBits(la, lb, stats) : 0;
        bits = Math.min(bits, (cap >= 0 ? credit * cap : cap) + precision);
      }
      if (bits > most) most = bits;
    }
  }
  return most;
}

/**
 * The most deal `p` reads its line `i` given another of its lines whose SKU the other deal holds
 * (`partner` ≥ 0; −∞ when none): `lineGiven` with the pair's own deals counted once or twice among
 * the holders, as `furtherLine` may count them (`togetherReading`: once in both with once in the
 * given reads at least as high as once in both with twice in the given).
 */
function mostGiven(p: PreparedDeal, i: number, partner: Int32Array, stats: CorpusStats): number {
  const s = basketSurprise(p, stats);
  const items = p.items;
  const n = items.length;
  const share = 2 ** -(s.idfs[i] as number);
  let most = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < n; g++) {
    if (g === i || (partner[g] as number) < 0) continue;
    const both = s.together[i * n + g] as number;
    const holders = s.holders[g] as number;
    most = Math.max(
      most,
      togetherBits(Math.max(0, both - 1), Math.max(0, holders - 1), share),
      togetherBits(Math.max(0, both - 2), Math.max(0, holders - 2), share),
    );
  }
  return most;
}

/** The index of the line of this SKU (items hold one line per SKU), or −1. */
function lineOfSku(items: readonly DealLine[], sku: string): number {
  for (let k = 0; k < items.length; k++) if ((items[k] as DealLine).sku === sku) return k;
  return -1;
}
