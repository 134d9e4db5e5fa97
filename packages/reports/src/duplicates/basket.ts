import { basketSignature, type CorpusStats } from './corpus-stats.js';
import type { DealLine } from './types.js';

export interface MatchedItem {
  a: DealLine;
  b: DealLine;
  /** 1 = same SKU, same quantity; less for a quantity that drifted or a sibling SKU of the category. */
  credit: number;
  sibling: boolean;
  /** Bits this match contributes before diminishing returns: credit × the rarer side's surprise. */
  bits: number;
}

export type BasketLevel = 'identical' | 'most' | 'some' | 'siblings' | 'none' | 'unknown';

export interface BasketComparison {
  level: BasketLevel;
  weight: number;
  matched: MatchedItem[];
  unmatchedA: number;
  unmatchedB: number;
}

/** Each further matched line adds at most this: lines of one project come together, they are not independent. */
const EXTRA_CAP = 1.5;
const UNMATCHED_PENALTY = 1.5;
const MIN_WEIGHT = -5;
const MAX_WEIGHT = 16;

function credit(a: DealLine, b: DealLine): { credit: number; sibling: boolean } | null {
  const ratio = Math.min(a.quantity, b.quantity) / Math.max(a.quantity, b.quantity);
  // The same product in a very different quantity is another purchase, not a copy.
  if (a.sku === b.sku)
    return { credit: ratio >= 0.9 ? 1 : ratio >= 0.6 ? 0.7 : ratio >= 0.3 ? 0.35 : 0.1, sibling: false };
  if (a.category !== null && a.category === b.category && ratio >= 0.5)
    return { credit: ratio >= 0.8 ? 0.5 : 0.25, sibling: true };
  return null;
}

/**
 * Compares two baskets symmetrically: every (line, line) candidate is valued, then matched greedily
 * best first with a side-independent tie-break, so compare(a, b) mirrors compare(b, a) exactly.
 */
export function compareBaskets(
  a: readonly DealLine[],
  b: readonly DealLine[],
  stats: CorpusStats,
): BasketComparison {
  if (a.length === 0 || b.length === 0)
    return { level: 'unknown', weight: 0, matched: [], unmatchedA: a.length, unmatchedB: b.length };
  const options: (MatchedItem & { i: number; j: number })[] = [];
  for (let i = 0; i < a.length; i++) {
    const la = a[i] as DealLine;
    for (let j = 0; j < b.length; j++) {
      const lb = b[j] as DealLine;
      const c = credit(la, lb);
      if (c === null) continue;
      const bits = c.credit * Math.min(stats.itemIdf(la), stats.itemIdf(lb));
      options.push({ a: la, b: lb, credit: c.credit, sibling: c.sibling, bits, i, j });
    }
  }
  options.sort((x, y) => y.bits - x.bits || tieBreak(x, y));
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const matched: MatchedItem[] = [];
  for (const o of options) {
    if (usedA.has(o.i) || usedB.has(o.j)) continue;
    usedA.add(o.i);
    usedB.add(o.j);
    matched.push({ a: o.a, b: o.b, credit: o.credit, sibling: o.sibling, bits: o.bits });
  }
  const unmatchedA = a.length - matched.length;
  const unmatchedB = b.length - matched.length;
  if (matched.length === 0) return { level: 'none', weight: -4, matched, unmatchedA, unmatchedB };
  let weight = matched[0]?.bits ?? 0;
  for (const m of matched.slice(1)) weight += Math.min(EXTRA_CAP, m.bits / 2);
  weight -= (UNMATCHED_PENALTY * (unmatchedA + unmatchedB)) / 2;
  const exact = matched.filter((m) => m.credit === 1).length;
  const level: BasketLevel =
    unmatchedA === 0 && unmatchedB === 0 && exact === matched.length
      ? 'identical'
      : matched.every((m) => m.sibling)
        ? 'siblings'
        : matched.length / Math.max(a.length, b.length) >= 0.7
          ? 'most'
          : 'some';
  // A basket sold every week says little however many lines it has: cap at its own rarity.
  if (level === 'identical') weight = Math.min(weight, stats.signatureIdf(basketSignature(a)) - 1);
  return { level, weight: clamp(weight, MIN_WEIGHT, MAX_WEIGHT), matched, unmatchedA, unmatchedB };
}

/** Orders equal-valued options by their (unordered) SKU pair, so the result is side-independent. */
function tieBreak(x: MatchedItem, y: MatchedItem): number {
  const kx = x.a.sku < x.b.sku ? `${x.a.sku}/${x.b.sku}` : `${x.b.sku}/${x.a.sku}`;
  const ky = y.a.sku < y.b.sku ? `${y.a.sku}/${y.b.sku}` : `${y.b.sku}/${y.a.sku}`;
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
