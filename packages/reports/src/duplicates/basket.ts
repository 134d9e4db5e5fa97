import { basketReadAgainst } from './account-reading.js';
import { bandWidth, type CorpusStats, EXACT_QUANTITY_FROM, quantityBand } from './corpus-stats.js';
import { keptLeastAt, keptLinesLeast, keptLinesPenalty, LEVELS, levelOf } from './kept-lines.js';
import {
  comparedHolders,
  EXTRA_CAP,
  HOLDERS_PSEUDO,
  readsCoOccurrence,
  type SharedLine,
  sharedLineCap,
  sharedLineCapOf,
  type Together,
  togetherMost,
  togetherReading,
} from './line-reading.js';
import { metByLine } from './met-by-line.js';
import type { PreparedDeal } from './prepared-deal.js';
import type { DealLine } from './types.js';

export interface MatchedItem {
  a: DealLine;
  b: DealLine;
  /** 1 = same SKU, same quantity; less for a quantity that drifted or a sibling SKU of the category. */
  credit: number;
  sibling: boolean;
  /**
   * Bits this match contributes before diminishing returns: credit × the rarer side's surprise,
   * plus `CorpusStats.exactQuantityBits` when the quantities are equal.
   */
  bits: number;
}

export type BasketLevel = 'identical' | 'most' | 'some' | 'siblings' | 'none' | 'unknown';

export interface BasketComparison {
  level: BasketLevel;
  weight: number;
  /** See `BasketWeight.swapped`. */
  swapped: boolean;
  matched: MatchedItem[];
  unmatchedA: number;
  unmatchedB: number;
  /**
   * The first line of two otherwise different baskets, when read against the partners a deal is
   * compared with lowered its weight (`line-reading.ts`): the figures, for the explanation.
   */
  sharedLine?: SharedLine & { line: DealLine };
  /** The second matched line's co-occurrence with the line it was read given, for the explanation. */
  together?: Together & { line: DealLine; given: DealLine };
  /**
   * The lines one side lacks were read by the tenant's kept copies (`kept-lines.ts`) and cost less
   * than the hand's penalty: the fit's figures at their level, the bits they cost and the hand's,
   * for the explanation.
   */
  keptLines?: {
    sampled: number;
    pairs: number;
    copies: number;
    /** Lines swapped at the pair's level; `orMore` when it is the last level (that many or more). */
    level: number;
    orMore: boolean;
    m: number;
    u: number;
    penalty: number;
    hand: number;
  };
}
/**
 * Per line one basket has and the other lacks (averaged over both sides). A copied deal rarely
 * loses lines; unrelated deals that share one popular item always differ in the rest.
 */
export const UNMATCHED_PENALTY = 2.25;
export const MIN_WEIGHT = -5;
/**
 * Bits past which a basket's further evidence counts less and less. Lines of one basket are not
 * independent (a project's scanners come with its server and its licences), so their bits stop
 * adding up; a hard cap, though, made a four-line match of rare quantities (60 bits as read) equal
 * to a coincidental two-line one (17 bits) and put a false pair above the seed's story pair
 * (generator 1 at 300,000 and 1,000,000 deals; bench/RESULTS.md, issue 14, 2026-12-06).
 */
export const KNEE_WEIGHT = 16;
/** Bits past the knee that add one more bit, then two for four times as many, and so on. */
const KNEE_SPAN = 4;

/**
 * A basket's weight from its bits as read: below `MIN_WEIGHT` nothing lower, up to the knee as
 * read, past it logarithmically (60 bits read → 19.6, 17.3 → 16.4). Monotonic, so a bound on the
 * bits read is a bound on the weight.
 */
export function basketBits(read: number): number {
  if (read <= KNEE_WEIGHT) return Math.max(MIN_WEIGHT, read);
  return KNEE_WEIGHT + Math.log2(1 + (read - KNEE_WEIGHT) / KNEE_SPAN);
}
const NO_MATCH_WEIGHT = -4;

/** The most `creditOf` gives two lines of different SKUs (siblings of one category). */
const SIBLING_CREDIT_MAX = 0.5;

/** How much a pair of lines counts as the same item: 0 when not at all (see `matchLines`). */
function creditOf(a: DealLine, b: DealLine): number {
  const ratio = Math.min(a.quantity, b.quantity) / Math.max(a.quantity, b.quantity);
  // The same product in a very different quantity is another purchase, not a copy.
  if (a.sku === b.sku) return ratio >= NEAR_RATIO ? 1 : ratio >= 0.6 ? 0.7 : ratio >= 0.3 ? 0.35 : 0.1;
  if (a.category !== null && a.category === b.category && ratio >= 0.5)
    return ratio >= 0.8 ? SIBLING_CREDIT_MAX : 0.25;
  return 0;
}

export interface BasketSurprise {
  /** Bits of surprise of each item (`CorpusStats.itemIdf`), in the order of `PreparedDeal.items`. */
  idfs: number[];
  /** The most one item can add to a match: its surprise plus an exact quantity's bits. */
  best: number;
  /**
   * The most one item can add as a further matched line (not the first): `EXTRA_CAP` under the hand
   * rule (and for a sibling under either), else its largest `togetherReading` given any other line
   * of the deal, plus an exact quantity's bits.
   */
  further: number;
  /** Deals holding each item (`CorpusStats.itemCount`), under the co-occurrence reading (else empty). */
  holders: number[];
  /** Deals holding both items `i` and `j`, at `i × items + j`, under the co-occurrence reading (else empty). */
  together: number[];
  /** Whether the deal's basket is a standard bundle (`isCommonBasket`): the matcher asks it of each pair. */
  common: boolean;
}

/**
 * A deal's item surprises, worked out once per deal while the statistics and weights stand still,
 * as a scan weighs each deal against many.
 */
export function basketSurprise(p: PreparedDeal, stats: CorpusStats): BasketSurprise {
  const cached = p.idfCache;
  if (
    cached &&
    cached.stats === stats &&
    cached.version === stats.version &&
    cached.weights === stats.weights
  )
    return cached;
  const idfs = p.items.map((l, i) => stats.tokenIdf(p.tokens[i] as string, quantityBand(l.quantity)));
  const best = Math.max(
    0,
    ...p.items.map((l, i) => (idfs[i] as number) + stats.exactQuantityBits(l.quantity)),
  );
  const coOccurrence = readsCoOccurrence(stats);
  const holders = coOccurrence ? p.tokens.map((t) => stats.itemCount(t)) : [];
  const fresh = {
    stats,
    version: stats.version,
    weights: stats.weights,
    idfs,
    best,
    further: coOccurrence ? furtherMost(p, idfs, holders, stats) : EXTRA_CAP,
    holders,
    together: coOccurrence ? togetherCounts(p.tokens, stats) : [],
    common: isCommonBasket(p.signature, stats),
  };
  p.idfCache = fresh;
  return fresh;
}

/** `BasketSurprise.together`: deals holding both of each two items, row by row. */
function togetherCounts(tokens: readonly string[], stats: CorpusStats): number[] {
  const size = tokens.length;
  const counts = new Array<number>(size * size).fill(0);
  for (let i = 0; i < size; i++)
    for (let j = i + 1; j < size; j++) {
      const both = stats.togetherCount(tokens[i] as string, tokens[j] as string);
      counts[i * size + j] = both;
      counts[j * size + i] = both;
    }
  return counts;
}

/**
 * `BasketSurprise.further`: what `matchLines` can give one of this deal's lines after the first,
 * under the co-occurrence reading (`holders`: each line's holders, `BasketSurprise.holders`).
 */
function furtherMost(
  p: PreparedDeal,
  idfs: readonly number[],
  holders: readonly number[],
  stats: CorpusStats,
): number {
  // Each line is read given the most held of the others: the most held line, or for that line
  // itself the next (a scan weighs a million baskets; this was a count looked up per two lines).
  let top = -1;
  let most = 0;
  let next = 0;
  for (let j = 0; j < holders.length; j++) {
    const h = holders[j] as number;
    if (h > most || top < 0) {
      next = top < 0 ? next : most;
      most = h;
      top = j;
    } else if (h > next) next = h;
  }
  // A sibling keeps the hand rule under either reading.
  let further = EXTRA_CAP;
  for (let i = 0; i < p.items.length; i++) {
    const given = i === top ? next : most;
    if (given === 0) continue;
    const line = p.items[i] as DealLine;
    // A further line's equal quantity adds `quantityPrecisionBits` of that quantity (`linesByCoOccurrence`).
    const bits = togetherMost(given, 2 ** -(idfs[i] as number)) + quantityPrecisionBits(line, line, stats);
    further = Math.max(further, bits);
  }
  return further;
}

/**
 * Options of one comparison, by index, reused from call to call: a scan compares millions of
 * baskets and keeps only the numbers. Filled and read within one synchronous `matchLines` call.
 */
const scratch = {
  i: new Int32Array(64),
  j: new Int32Array(64),
  bits: new Float64Array(64),
  credit: new Float64Array(64),
  taken: new Uint8Array(64),
  /** Options chosen, in the order chosen (best first). */
  chosen: new Int32Array(64),
  /** Lines of each side already matched. */
  usedA: new Uint8Array(64),
  usedB: new Uint8Array(64),
  /** Per chosen line after the first, the chosen line (by its order) it was read given (`linesByCoOccurrence`). */
  given: new Int32Array(64),
};

function ensureScratch(options: number): void {
  if (scratch.i.length >= options) return;
  const size = 2 ** Math.ceil(Math.log2(options));
  Object.assign(scratch, {
    i: new Int32Array(size),
    j: new Int32Array(size),
    bits: new Float64Array(size),
    credit: new Float64Array(size),
    taken: new Uint8Array(size),
    chosen: new Int32Array(size),
    usedA: new Uint8Array(size),
    usedB: new Uint8Array(size),
    given: new Int32Array(size),
  });
}

interface LineMatch {
  level: BasketLevel;
  weight: number;
  /** See `BasketWeight.swapped`. */
  swapped: boolean;
  /** How many options `scratch.chosen` holds. */
  matched: number;
  unmatchedA: number;
  unmatchedB: number;
  /**
   * Every line matched is one SKU in one quantity, two or more of them, and each side lacks as many
   * lines as the other (swapped one for one; `kept-lines.ts`).
   */
  kept: boolean;
  /** What the lines one side lacks cost, in bits (the hand's or the tenant's kept reading). */
  penalty: number;
}

/**
 * The one comparison of two baskets, symmetric: every (line, line) option is valued, then taken
 * greedily best first — ties by the unordered pair of lines (SKU and quantity), then by position —
 * so compare(a, b) mirrors compare(b, a). Leaves the options taken in `scratch.chosen` for
 * `compareBaskets` to put in words.
 */
function matchLines(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  byLine = metByLine(x, y),
  sameAccount = x.record.accountId === y.record.accountId,
): LineMatch {
  const [a, b] = [x.items, y.items];
  if (a.length === 0 || b.length === 0)
    return {
      level: 'unknown',
      weight: 0,
      swapped: false,
      matched: 0,
      unmatchedA: a.length,
      unmatchedB: b.length,
      kept: false,
      penalty: 0,
    };
  const [surpriseA, surpriseB] = [basketSurprise(x, stats), basketSurprise(y, stats)];
  const [idfA, idfB] = [surpriseA.idfs, surpriseB.idfs];
  ensureScratch(Math.max(a.length * b.length, a.length, b.length));
  let options = 0;
  for (let i = 0; i < a.length; i++) {
    const la = a[i] as DealLine;
    for (let j = 0; j < b.length; j++) {
      const lb = b[j] as DealLine;
      const credit = creditOf(la, lb);
      if (credit === 0) continue;
      let bits = credit * Math.min(idfA[i] as number, idfB[j] as number);
      if (la.sku === lb.sku && la.quantity === lb.quantity) bits += stats.exactQuantityBits(la.quantity);
      scratch.i[options] = i;
      scratch.j[options] = j;
      scratch.bits[options] = bits;
      scratch.credit[options] = credit;
      scratch.taken[options] = 0;
      options++;
    }
  }
  const { usedA, usedB } = scratch;
  usedA.fill(0, 0, a.length);
  usedB.fill(0, 0, b.length);
  let matched = 0;
  for (;;) {
    let best = -1;
    for (let o = 0; o < options; o++) {
      if (
        scratch.taken[o] === 1 ||
        usedA[scratch.i[o] as number] === 1 ||
        usedB[scratch.j[o] as number] === 1
      )
        continue;
      if (best === -1 || ranksBefore(o, best, a, b)) best = o;
    }
    if (best === -1) break;
    scratch.taken[best] = 1;
    usedA[scratch.i[best] as number] = 1;
    usedB[scratch.j[best] as number] = 1;
    scratch.chosen[matched++] = best;
  }
  const unmatchedA = a.length - matched;
  const unmatchedB = b.length - matched;
  if (matched === 0)
    return {
      level: 'none',
      weight: NO_MATCH_WEIGHT,
      swapped: true,
      matched,
      unmatchedA,
      unmatchedB,
      kept: false,
      penalty: 0,
    };
  let exact = 0;
  let siblings = 0;
  /** How much rarer than its quantity bands the pair's closest quantity is (see `quantityPrecisionBits`). */
  let precision = 0;
  /** Lines matched with the same SKU in the same quantity: all of them is the whole basket copied. */
  let copied = 0;
  for (let k = 0; k < matched; k++) {
    const o = scratch.chosen[k] as number;
    if (scratch.credit[o] === 1) exact++;
    const [la, lb] = [a[scratch.i[o] as number] as DealLine, b[scratch.j[o] as number] as DealLine];
    if (la.sku !== lb.sku) siblings++;
    else {
      if (la.quantity === lb.quantity) copied++;
      precision = Math.max(precision, quantityPrecisionBits(la, lb, stats));
    }
  }
  const readAgainst = sameAccount ? basketReadAgainst(x, y, stats) : undefined;
  let weight = readsCoOccurrence(stats)
    ? // Only a basket copied whole (same SKUs, same quantities) is read as a basket (`commonBasketCap`).
      linesByCoOccurrence(
        x,
        y,
        matched,
        !(copied === matched && unmatchedA === 0 && unmatchedB === 0),
        stats,
        readAgainst,
        byLine,
      )
    : linesByHandRule(matched);
  const kept = copied === matched && matched >= 2 && unmatchedA === unmatchedB;
  const handPenalty = (UNMATCHED_PENALTY * (unmatchedA + unmatchedB)) / 2;
  const penalty = kept ? keptLinesPenalty(stats.weights.keptLines, unmatchedA, handPenalty) : handPenalty;
  weight -= penalty;
  const level: BasketLevel =
    unmatchedA === 0 && unmatchedB === 0 && exact === matched
      ? 'identical'
      : siblings === matched
        ? 'siblings'
        : matched / Math.max(a.length, b.length) >= 0.7
          ? 'most'
          : 'some';
  // A basket sold every week says little however many lines it has: cap at its own rarity among
  // the deals compared — for every pair holding it (same SKUs in the same quantity bands), so an
  // exact copy never earns less than a near copy. A basket at most one other deal holds (a third
  // copy) is not a standard bundle and is not capped.
  // (`isCommonBasket` as each deal's surprise holds it: a look-up by the whole signature per pair.)
  if (x.signature === y.signature && surpriseA.common)
    weight = Math.min(weight, commonBasketCap(x.signature, stats, readAgainst, byLine) + precision);
  else {
    // One side is a standard kit copied whole into the other (the kit and a line more): that both
    // hold the kit is what the kit's holders say, and the other's extra lines count against
    // (`containedKit`).
    const kit =
      copied === matched && unmatchedA === 0 && surpriseA.common
        ? x
        : copied === matched && unmatchedB === 0 && surpriseB.common
          ? y
          : null;
    if (kit !== null)
      weight = Math.min(
        weight,
        commonBasketCap(kit.signature, stats, readAgainst, byLine) + precision - penalty,
      );
  }
  const swapped = siblings > 0 || unmatchedA + unmatchedB > 0;
  return { level, weight: basketBits(weight), swapped, matched, unmatchedA, unmatchedB, kept, penalty };
}

/**
 * The lines swapped when two deals keep two or more lines exactly (every line matched one SKU in one
 * quantity) and each lacks as many lines as the other, or -1 when they do not (`kept-lines.ts` lists
 * the pairs by it): most pairs share fewer than two lines in one quantity, or differ in size, and
 * are told so without comparing the baskets.
 */
export function keptCopySwapped(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): number {
  if (x.items.length !== y.items.length) return -1;
  let same = 0;
  for (const la of x.items)
    for (const lb of y.items) if (la.sku === lb.sku && la.quantity === lb.quantity) same++;
  if (same < 2) return -1;
  // Every line of one held by the other in its quantity: the whole basket kept, nothing swapped
  // (as counted for the fit; the matcher is asked only when lines differ).
  if (same === x.items.length) return 0;
  const m = matchLines(x, y, stats);
  return m.kept ? m.unmatchedA : -1;
}

/** The matched lines' weight under the hand rule: the first in full, each further one at most `EXTRA_CAP`. */
function linesByHandRule(matched: number): number {
  let weight = 0;
  for (let k = 0; k < matched; k++) {
    const bits = scratch.bits[scratch.chosen[k] as number] as number;
    weight += k === 0 ? bits : Math.min(EXTRA_CAP, bits / 2);
  }
  return weight;
}

/**
 * The matched lines' weight read against the tenant's deals (`line-reading.ts`): the first line —
 * of baskets not copied whole (`partial`: a line unmatched, a sibling or another quantity; a whole
 * copy is weighed as a basket, `commonBasketCap`) — at most its rarity among the partners compared
 * plus how much closer than its band its two quantities agree; each further line its
 * co-occurrence surprise given the lines matched before it (the least surprising reading), times
 * its credit, plus an exact quantity's bits. The first is the line of one SKU the most other deals
 * hold (`anchorFirst`). Leaves in `scratch.given` the line each was read given.
 */
function linesByCoOccurrence(
  x: PreparedDeal,
  y: PreparedDeal,
  matched: number,
  partial: boolean,
  stats: CorpusStats,
  readAgainst: number | undefined,
  byLine: boolean,
): number {
  anchorFirst(x, y, matched, stats);
  const first = scratch.chosen[0] as number;
  let weight = scratch.bits[first] as number;
  if (partial) {
    const [ix, iy] = [scratch.i[first] as number, scratch.j[first] as number];
    const cap = sharedLineCapOf(
      stats,
      basketSurprise(x, stats).holders[ix] as number,
      basketSurprise(y, stats).holders[iy] as number,
      x.tokens[ix] === y.tokens[iy],
      readAgainst,
      byLine,
    );
    // The line's own precision: another line's quantity counts as that line's, read given this one.
    const [la, lb] = [
      x.items[scratch.i[first] as number] as DealLine,
      y.items[scratch.j[first] as number] as DealLine,
    ];
    const precision = la.sku === lb.sku ? quantityPrecisionBits(la, lb, stats) : 0;
    weight = Math.min(weight, firstLineCap(scratch.credit[first] as number, cap.bits) + precision);
  }
  for (let k = 1; k < matched; k++) {
    const o = scratch.chosen[k] as number;
    const [la, lb] = [
      x.items[scratch.i[o] as number] as DealLine,
      y.items[scratch.j[o] as number] as DealLine,
    ];
    scratch.given[k] = -1;
    if (la.sku !== lb.sku) {
      // Holders are counted by SKU: what comes with a category (any model of a printer) is not
      // measured, so a sibling keeps the hand rule.
      weight += Math.min(EXTRA_CAP, (scratch.bits[o] as number) / 2);
      continue;
    }
    let least = Number.POSITIVE_INFINITY;
    for (let g = 0; g < k; g++) {
      const bits = furtherLine(x, y, o, scratch.chosen[g] as number, stats).bits;
      if (bits < least) {
        least = bits;
        scratch.given[k] = g;
      }
    }
    // An equal quantity is read as the first line's is: how few of the tenant's lines in its band
    // hold it (`quantityPrecisionBits`). The line's own reading stops at its band (its token), so
    // read from a ±10 % window instead (`exactQuantityBits`, at most 4 bits) the band's part was
    // never counted: two deals sharing 437 and 38 of two SKUs weighed less than three SKUs in
    // merely similar quantities (bench/RESULTS.md, issue 14, helper h-hard8). An accessory repeats
    // its device's quantity: a quantity already matched says nothing new.
    const exactBits =
      la.quantity === lb.quantity && !quantityMatchedBefore(x, y, k, la.quantity)
        ? quantityPrecisionBits(la, lb, stats)
        : 0;
    weight += (scratch.credit[o] as number) * least + exactBits;
  }
  return weight;
}

/**
 * The first line's reading against the deals compared (`sharedLineCap`'s bits) for a match of this
 * credit: a partial match (another quantity, a sibling) is that much less evidence of one deal; a
 * line read below 0 (more holders than a deal is compared with) stays below 0 whatever the credit,
 * as it says how the pair came to be compared, not how alike the two lines are.
 */
function firstLineCap(credit: number, bits: number): number {
  return bits >= 0 ? credit * bits : bits;
}

/**
 * Whether a line matched before the `k`th (by `scratch.chosen`) has this quantity on either side
 * (both sides asked, so the comparison stays symmetric).
 */
function quantityMatchedBefore(x: PreparedDeal, y: PreparedDeal, k: number, quantity: number): boolean {
  for (let g = 0; g < k; g++) {
    const o = scratch.chosen[g] as number;
    if ((x.items[scratch.i[o] as number] as DealLine).quantity === quantity) return true;
    if ((y.items[scratch.j[o] as number] as DealLine).quantity === quantity) return true;
  }
  return false;
}

/**
 * Moves to the front of `scratch.chosen` the matched line of one SKU the most other deals hold (the
 * first of equals; a sibling only when no line of one SKU matched): the line that most likely put
 * the two deals in one block — blocks are by SKU — read first, against the partners when the
 * baskets otherwise differ; the others are read given it, so the reading does not hinge on which
 * line is rarest (the order the options were matched in).
 */
function anchorFirst(x: PreparedDeal, y: PreparedDeal, matched: number, stats: CorpusStats): void {
  // Each line's holders as the deals' surprises hold them (`itemCount`, read under this reading).
  const [holdersX, holdersY] = [basketSurprise(x, stats).holders, basketSurprise(y, stats).holders];
  let anchor = 0;
  let most = -1;
  for (let k = 0; k < matched; k++) {
    const o = scratch.chosen[k] as number;
    const [ix, iy] = [scratch.i[o] as number, scratch.j[o] as number];
    if ((x.items[ix] as DealLine).sku !== (y.items[iy] as DealLine).sku) continue;
    const others = Math.max(holdersX[ix] as number, holdersY[iy] as number);
    if (others > most) {
      most = others;
      anchor = k;
    }
  }
  const chosen = scratch.chosen[anchor] as number;
  for (let k = anchor; k > 0; k--) scratch.chosen[k] = scratch.chosen[k - 1] as number;
  scratch.chosen[0] = chosen;
}

/**
 * Option `o` read given option `g` already matched: on each side the surprise of its line given its
 * line of `g`; the lesser counts (the side whose lines come together more often).
 */
function furtherLine(x: PreparedDeal, y: PreparedDeal, o: number, g: number, stats: CorpusStats): Together {
  const [ix, iy, gx, gy] = [scratch.i[o], scratch.j[o], scratch.i[g], scratch.j[g]] as number[];
  const ownGiven = x.tokens[gx as number] === y.tokens[gy as number] ? 2 : 1;
  const ownBoth = ownGiven === 2 && x.tokens[ix as number] === y.tokens[iy as number] ? 2 : 1;
  const onX = lineGiven(x, ix as number, gx as number, ownBoth, ownGiven, stats);
  const onY = lineGiven(y, iy as number, gy as number, ownBoth, ownGiven, stats);
  return onX.bits <= onY.bits ? onX : onY;
}

/** `togetherReading` of item `i` of a deal given its item `g`, from the deal's `BasketSurprise`. */
function lineGiven(
  p: PreparedDeal,
  i: number,
  g: number,
  ownBoth: number,
  ownGiven: number,
  stats: CorpusStats,
): Together {
  const s = basketSurprise(p, stats);
  const both = s.together[i * p.items.length + g] as number;
  return togetherReading(both, s.holders[g] as number, 2 ** -(s.idfs[i] as number), ownBoth, ownGiven);
}

/** Other deals that must hold a basket, beyond the pair, before it counts as a standard bundle. */
const COMMON_BASKET_OTHERS = 2;

/**
 * Holders of a basket are counted by quantity band (`basketSignature`); a pair whose quantities
 * agree closer than that is rarer among them: log2(1 / P(a holder's line in the band is this
 * close)). Exactly equal: the tenant's share of that exact quantity in its band (a kit's round 100,
 * which most holders have, gains little; an odd 437 much). Within 10 % but not equal: the window
 * holds both quantities, so its share is at least either's and at least the band's even share.
 */
export function quantityPrecisionBits(a: DealLine, b: DealLine, stats: CorpusStats): number {
  const q = Math.min(a.quantity, b.quantity);
  const band = quantityBand(q);
  if (q < EXACT_QUANTITY_FROM || quantityBand(Math.max(a.quantity, b.quantity)) !== band) return 0;
  if (Math.max(a.quantity, b.quantity) > q / NEAR_RATIO) return 0;
  const width = bandWidth(band);
  const share =
    a.quantity === b.quantity
      ? stats.quantityShare(q)
      : Math.max((0.2 * q) / width, stats.quantityShare(a.quantity), stats.quantityShare(b.quantity));
  return clamp(-Math.log2(share), 0, Math.log2(width));
}
/** Quantities this close are one quantity re-typed (`creditOf` gives them full credit). */
export const NEAR_RATIO = 0.9;

/** m of an identical basket: about half the deals entered twice keep the basket exactly (a hand prior). */
const IDENTICAL_M = 0.5;

/**
 * The most an identical standard bundle weighs: log2(m / u), u the chance that a deal this one is
 * compared with holds the same basket — the other holders over the partners a deal has in the
 * scan (`DuplicateWeights.partnersPerDeal`). The prior is per compared pair, so u must be too: read
 * against all deals (the random-pair u) a kit held by 700 of 10,000 deals still counted 2.8 bits,
 * and with the province and a delivery in the same week that was a pair "more likely one deal",
 * where the tenant holds hundreds of such pairs of two purchases for every one deal entered twice
 * (bench/RESULTS.md, helper h-dupq4). Estimates made before the figure read against all deals.
 * Holders are counted by quantity band (`basketSignature`); a pair whose quantities agree closer
 * than that is rarer by `quantityPrecisionBits`, which the matcher adds on top of this cap.
 */
export function commonBasketCap(
  signature: string,
  stats: CorpusStats,
  readAgainst?: number,
  byLine = false,
): number {
  const others = Math.max(0, stats.signatureCount(signature) - 2);
  return Math.log2(
    (IDENTICAL_M * kitPartners(signature, stats, readAgainst, byLine)) / (others + HOLDERS_PSEUDO),
  );
}

/** The deals a holder of this kit is taken to be compared with (what `commonBasketCap` reads against). */
export function kitPartners(
  signature: string,
  stats: CorpusStats,
  readAgainst?: number,
  byLine = false,
): number {
  // A holder is compared with the other holders while they fit one block (they share every key), so
  // u stays below 1 there; past the cap only with those in its province and month (`comparedHolders`).
  return comparedHolders(readAgainst ?? comparedWith(stats), stats.signatureCount(signature) - 1, byLine);
}

/** How many deals one deal is compared with: its mean partners when estimated, else every deal. */
function comparedWith(stats: CorpusStats): number {
  return stats.weights.partnersPerDeal ?? stats.n + ALL_DEALS_PSEUDO;
}
/** The pseudo-deals `CorpusStats.signatureIdf` adds, kept for estimates without `partnersPerDeal`. */
const ALL_DEALS_PSEUDO = 100;

/**
 * Of two deals with different baskets, the one whose whole basket is a standard kit found line for
 * line (same SKUs, same quantities) in the other's (`wholeX` / `wholeY`: each side's lines all so
 * matched), or null. Only one side can be: both would be one basket.
 */
export function containedKit(
  x: PreparedDeal,
  y: PreparedDeal,
  wholeX: boolean,
  wholeY: boolean,
  stats: CorpusStats,
): PreparedDeal | null {
  if (wholeX && isCommonBasket(x.signature, stats)) return x;
  return wholeY && isCommonBasket(y.signature, stats) ? y : null;
}

/** Whether deals beyond a pair and one more copy hold exactly this basket: a standard bundle. */
export function isCommonBasket(signature: string, stats: CorpusStats): boolean {
  return stats.signatureCount(signature) - 2 >= COMMON_BASKET_OTHERS;
}

/** Whether option `o` is taken before option `p`: more bits first, then the unordered SKU pair, then position. */
function ranksBefore(o: number, p: number, a: readonly DealLine[], b: readonly DealLine[]): boolean {
  const [bo, bp] = [scratch.bits[o] as number, scratch.bits[p] as number];
  if (bo !== bp) return bo > bp;
  const ko = linePair(a[scratch.i[o] as number] as DealLine, b[scratch.j[o] as number] as DealLine);
  const kp = linePair(a[scratch.i[p] as number] as DealLine, b[scratch.j[p] as number] as DealLine);
  return ko < kp || (ko === kp && o < p);
}

/**
 * The unordered pair of lines (SKU and quantity) an option matches. The quantities are in the key
 * because two options of one SKU pair can tie — A×5 with B×5 and A×2 with B×2 are both siblings of
 * equal bits — and which is taken first decides which line is read first; only options equal in
 * both lines are left to their position, and those read the same either way.
 */
function linePair(a: DealLine, b: DealLine): string {
  const [ka, kb] = [`${a.sku}\u0000${a.quantity}`, `${b.sku}\u0000${b.quantity}`];
  return ka < kb ? `${ka}/${kb}` : `${kb}/${ka}`;
}

/**
 * The basket's level and weight alone: what a scan adds up for every pair it weighs. `byLine` is
 * `metByLine(x, y)` when the caller has it already: a scan reads it from columns by ordinal, and
 * comparing the two deals' identity keys and names as strings here cost the scan at 1M more than
 * a tenth of its basket comparisons. `sameAccount` (whether the two deals are of one account) the
 * same way: comparing the account ids as strings read each candidate's id from memory.
 */
export function basketWeight(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  byLine = metByLine(x, y),
  sameAccount = x.record.accountId === y.record.accountId,
): BasketWeight {
  const { level, weight, swapped } = matchLines(x, y, stats, byLine, sameAccount);
  return { level, weight, swapped };
}

export interface BasketWeight {
  level: BasketLevel;
  weight: number;
  /**
   * A line one basket has and the other lacks, or one matched by a sibling SKU: a product swapped,
   * which explains amounts apart (`amountGiven`). One SKU in a far-off quantity is not a swap.
   */
  swapped: boolean;
}

/** The full comparison, with the lines matched, for a pair about to be explained in words. */
export function compareBaskets(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): BasketComparison {
  const m = matchLines(x, y, stats);
  const matched: MatchedItem[] = [];
  for (let k = 0; k < m.matched; k++) {
    const o = scratch.chosen[k] as number;
    const [la, lb] = [
      x.items[scratch.i[o] as number] as DealLine,
      y.items[scratch.j[o] as number] as DealLine,
    ];
    matched.push({
      a: la,
      b: lb,
      credit: scratch.credit[o] as number,
      sibling: la.sku !== lb.sku,
      bits: scratch.bits[o] as number,
    });
  }
  const comparison: BasketComparison = {
    level: m.level,
    weight: m.weight,
    swapped: m.swapped,
    matched,
    unmatchedA: m.unmatchedA,
    unmatchedB: m.unmatchedB,
  };
  const hand = (UNMATCHED_PENALTY * (m.unmatchedA + m.unmatchedB)) / 2;
  const figures = stats.weights.keptLines;
  if (m.kept && m.penalty < hand && figures) {
    const l = levelOf(m.unmatchedA);
    comparison.keptLines = {
      sampled: figures.sampled,
      pairs: figures.pairs,
      copies: figures.copies,
      level: l,
      orMore: l === LEVELS - 1,
      m: figures.m[l] as number,
      u: figures.u[l] as number,
      penalty: m.penalty,
      hand,
    };
  }
  if (m.matched === 0 || !readsCoOccurrence(stats)) return comparison;
  const first = scratch.chosen[0] as number;
  const firstLine = matched[0] as MatchedItem;
  const copiedWhole =
    m.unmatchedA + m.unmatchedB === 0 && matched.every((l) => !l.sibling && l.a.quantity === l.b.quantity);
  if (!copiedWhole) {
    const cap = sharedLineCap(
      stats,
      x.tokens[scratch.i[first] as number] as string,
      y.tokens[scratch.j[first] as number] as string,
      basketReadAgainst(x, y, stats),
      metByLine(x, y),
    );
    // Said when the partners' reading is what the line weighed (else its surprise was the lesser).
    if (firstLineCap(firstLine.credit, cap.bits) < firstLine.bits)
      comparison.sharedLine = { ...cap, line: firstLine.a };
  }
  // The first further line read by its co-occurrence (a sibling keeps the hand rule).
  for (let k = 1; k < m.matched; k++) {
    const given = scratch.given[k] as number;
    if (given < 0) continue;
    const together = furtherLine(x, y, scratch.chosen[k] as number, scratch.chosen[given] as number, stats);
    const [line, of] = [matched[k] as MatchedItem, matched[given] as MatchedItem];
    comparison.together = { ...together, line: line.a, given: of.a };
    break;
  }
  return comparison;
}

/**
 * At least the weight `compareBaskets` gives, from each basket's size, best items and the SKUs they
 * share alone: the first match is worth at most the lesser of the two sides' `best`; lines of one
 * SKU after it (one fewer than the SKUs shared: the first is one of them when any is, `anchorFirst`)
 * at most the lesser `further`, siblings at most `EXTRA_CAP`; and the difference in size is
 * unmatched whatever matches. Lets a scan drop a pair without comparing the baskets.
 */
export function basketWeightBound(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): number {
  const [a, b] = [basketSurprise(x, stats), basketSurprise(y, stats)];
  const skus = new Set(x.items.map((l) => l.sku));
  const shared = y.items.filter((l) => skus.has(l.sku)).length;
  return basketBoundOf(
    x.items.length,
    y.items.length,
    a.best,
    b.best,
    a.further,
    b.further,
    shared,
    Math.min(x.items.length, y.items.length),
    keptLinesLeast(stats.weights.keptLines),
  );
}

/**
 * `basketWeightBound` from the two baskets' sizes, `best` and `further` values, how many SKUs they
 * share and, when known, the most lines that can match (`matchable`, see `matchTokens`; at most the
 * smaller basket). A scan keeps these in columns. The first line matched adds at most `best`, each
 * further one sharing a SKU at most `further`, any other (a sibling) at most EXTRA_CAP, and every
 * line matched spares both sides its UNMATCHED_PENALTY, so the bound grows with the lines matched
 * and holds for any number up to `matchable`. With two or more SKUs shared the lines may be kept
 * exactly and, in baskets of one size, swapped one for one: the lines unmatched then cost at least
 * what `keptLeast` gives (`keptLinesLeast`) for the fewest lines swapped or more, which bounds every
 * count of lines matched.
 */
export function basketBoundOf(
  linesA: number,
  linesB: number,
  bestA: number,
  bestB: number,
  furtherA: number,
  furtherB: number,
  sharedSkus: number,
  matchable = Math.min(linesA, linesB),
  keptLeast?: Float64Array,
): number {
  if (linesA === 0 || linesB === 0) return 0;
  if (matchable === 0) return NO_MATCH_WEIGHT;
  const lines = Math.min(matchable, linesA, linesB);
  const same = Math.min(sharedSkus, lines);
  const handPenalty = (UNMATCHED_PENALTY * (linesA + linesB - 2 * lines)) / 2;
  // Swapped one for one only when the baskets are one size: each side lacks its size less the lines matched.
  const keptLeastHere = linesA === linesB && same >= 2 ? keptLeastAt(keptLeast, linesA - lines) : handPenalty;
  const bound =
    Math.min(bestA, bestB) +
    Math.min(furtherA, furtherB) * Math.max(0, same - 1) +
    EXTRA_CAP * (lines - Math.max(same, 1)) -
    Math.min(handPenalty, keptLeastHere);
  return Math.max(NO_MATCH_WEIGHT, basketBits(bound));
}

/**
 * What a line can be matched by: `creditOf` credits two lines of one SKU or of one known category,
 * so two lines it credits share a token, and the tokens two baskets share (counted with repeats)
 * bound the lines they can match. A SKU that carries one category (or none) in every deal compared
 * (`oneCategory`) needs one token: its lines meet others of its SKU under that category too.
 */
export function matchTokens(line: DealLine, oneCategory: boolean): string[] {
  const sku = `sku\u0001${line.sku}`;
  if (line.category === null) return [sku];
  const category = `category\u0001${line.category}`;
  return oneCategory ? [category] : [sku, category];
}

/**
 * The most one item can add to a match with a line of another SKU: `creditOf` gives siblings at
 * most SIBLING_CREDIT_MAX, and an exact quantity counts only for the same SKU.
 */
export function siblingBestOf(surprise: BasketSurprise): number {
  let most = Number.NEGATIVE_INFINITY;
  for (const idf of surprise.idfs) most = Math.max(most, idf);
  return Math.max(0, SIBLING_CREDIT_MAX * most);
}

/**
 * `basketBoundOf` from what two baskets hold in common: with no line that can match (`matchable`,
 * see `matchTokens`) the comparison finds no match (NO_MATCH_WEIGHT); with no SKU in common every
 * match is a sibling's (`siblingBestOf`, each further one at most `EXTRA_CAP` under either reading);
 * and the lines that can match bound the lines unmatched. At least the weight `compareBaskets`
 * gives, like `basketBoundOf`.
 */
export function basketBoundByOverlap(
  linesA: number,
  linesB: number,
  bestA: number,
  bestB: number,
  furtherA: number,
  furtherB: number,
  siblingBestA: number,
  siblingBestB: number,
  sharedSkus: number,
  matchable: number,
  keptLeast?: Float64Array,
): number {
  if (sharedSkus === 0)
    return basketBoundOf(linesA, linesB, siblingBestA, siblingBestB, EXTRA_CAP, EXTRA_CAP, 0, matchable);
  return basketBoundOf(linesA, linesB, bestA, bestB, furtherA, furtherB, sharedSkus, matchable, keptLeast);
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
