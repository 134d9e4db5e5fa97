import { matchTokens, NEAR_RATIO } from './basket.js';
import { DEFAULT_MAX_BLOCK } from './blocking.js';
import { bandWidth, type CorpusStats, EXACT_QUANTITY_FROM, quantityBand } from './corpus-stats.js';
import { comparedHolders, HOLDERS_PSEUDO, sharedLineCap } from './line-reading.js';
import type { PreparedDeal } from './prepared-deal.js';
import type { DealLine } from './types.js';

/**
 * Each deal's lines as the tokens they can be matched by (`matchTokens`), sorted, each with the
 * most that line can add as the first line of a basket match: a scan tells from flat columns how
 * many lines two baskets can match and what the first of them can weigh, without matching.
 *
 * Why the first line's figure: most candidate pairs of a large tenant share one popular SKU of
 * otherwise different baskets (blocks are by SKU, province and month), and the matcher reads that
 * line against the partners a deal is compared with (`sharedLineCap`): a few bits at most, often
 * none. The basket's bound took the rarest line of either deal as the first match
 * (`BasketSurprise.best`, some ten bits at 100k), so it let through millions of pairs that the
 * matcher then weighed at −5 (at 300k, 9.6 million of 10 million pairs matched fell short).
 */
export class MatchableLines {
  /** Deal `i`'s entries are `[from[i], from[i + 1])`, by token id ascending. */
  private readonly from: Int32Array;
  private readonly ids: Int32Array;
  /**
   * Per entry, `FIGURES` numbers side by side: its line's figures (see `LineMost`), its quantity's
   * band and log2 of the band's width (see `precisionMost`), worked out once. One array, not one per
   * figure: the entries a scan reads belong to deals all over the ordinals, and each array read
   * there cost a cache miss.
   */
  private readonly figures: Float64Array;
  /** Of the last `shared` call: the most the first line matched can add (−∞ when no token is shared). */
  firstMost = Number.NEGATIVE_INFINITY;
  /** `firstMost` of a pair compared for the line alone (`metByLine`): each line at its `capByLine`. */
  firstMostByLine = Number.NEGATIVE_INFINITY;
  /** Of the last `shared` call: the most `quantityPrecisionBits` gives any two lines of a shared token. */
  precisionMost = 0;

  /** Deal `i`'s entries are `lines`' entries of the `i`th deal it read (`LineEntries.add`). */
  constructor(lines: LineEntries) {
    this.from = Int32Array.from(lines.from);
    const total = lines.tokens.length;
    this.ids = Int32Array.from(lines.tokens);
    this.figures = new Float64Array(total * FIGURES);
    for (let e = 0; e < total; e++) {
      const f = e * FIGURES;
      const quantity = lines.quantities[e] as number;
      this.figures[f + WHOLE] = lines.wholes[e] as number;
      this.figures[f + CAP] = lines.caps[e] as number;
      this.figures[f + CAP_BY_LINE] = lines.capsByLine[e] as number;
      this.figures[f + QUANTITY] = quantity;
      this.figures[f + BAND] = quantityBand(quantity);
      this.figures[f + BAND_BITS] = Math.log2(bandWidth(quantityBand(quantity)));
    }
  }

  /** Deal `j`'s first token and figure (0 without entries): read to bring them into the cache (`ScanColumns.warm`). */
  firstOf(j: number): number {
    const at = this.from[j] as number;
    return (this.ids[at] ?? 0) + (this.figures[at * FIGURES] ?? 0);
  }

  /**
   * How many entries deals `i` and `j` share, a token held twice on both sides twice (at most the
   * lines they can match); leaves in `firstMost` the most the first matched line can add: over
   * every two entries of one token, the lesser `whole` — and, for baskets that otherwise differ
   * (`partial`), at most the lesser cap plus what the two quantities' closeness can add — and in
   * `firstMostByLine` the same with the caps of a pair met by a line alone.
   */
  shared(i: number, j: number, partial: boolean): number {
    const ids = this.ids;
    let a = this.from[i] as number;
    let b = this.from[j] as number;
    const endA = this.from[i + 1] as number;
    const endB = this.from[j + 1] as number;
    let shared = 0;
    let first = Number.NEGATIVE_INFINITY;
    let firstByLine = Number.NEGATIVE_INFINITY;
    let precision = 0;
    while (a < endA && b < endB) {
      const x = ids[a] as number;
      const y = ids[b] as number;
      if (x < y) a++;
      else if (x > y) b++;
      else {
        // The runs of this token on both sides (two lines of one category make a run of two).
        let toA = a + 1;
        while (toA < endA && ids[toA] === x) toA++;
        let toB = b + 1;
        while (toB < endB && ids[toB] === x) toB++;
        shared += Math.min(toA - a, toB - b);
        for (let p = a; p < toA; p++)
          for (let q = b; q < toB; q++) {
            const close = this.precisionOf(p, q);
            if (close > precision) precision = close;
            const whole = this.wholeOf(p, q);
            if (!partial) {
              if (whole > first) first = whole;
              if (whole > firstByLine) firstByLine = whole;
              continue;
            }
            const most = Math.min(whole, this.capOf(p, q, CAP) + close);
            if (most > first) first = most;
            const byLine = Math.min(whole, this.capOf(p, q, CAP_BY_LINE) + close);
            if (byLine > firstByLine) firstByLine = byLine;
          }
        a = toA;
        b = toB;
      }
    }
    this.firstMost = first;
    this.firstMostByLine = firstByLine;
    this.precisionMost = precision;
    return shared;
  }

  /** The lesser `whole` of entries `p` and `q` (one token): the most either adds as the first line matched (see `LineMost`). */
  private wholeOf(p: number, q: number): number {
    const f = this.figures;
    return Math.min(f[p * FIGURES + WHOLE] as number, f[q * FIGURES + WHOLE] as number);
  }

  /** The lesser cap (`CAP` or `CAP_BY_LINE`) of entries `p` and `q`, for baskets that otherwise differ. */
  private capOf(p: number, q: number, cap: number): number {
    const f = this.figures;
    return Math.min(f[p * FIGURES + cap] as number, f[q * FIGURES + cap] as number);
  }

  /**
   * The most the matcher's `quantityPrecisionBits` gives the lines of entries `p` and `q`: it reads
   * the lesser quantity, nothing below `EXACT_QUANTITY_FROM`, in different bands or more than
   * `NEAR_RATIO` apart; else at most log2 of the band's width.
   */
  private precisionOf(p: number, q: number): number {
    const f = this.figures;
    if (f[p * FIGURES + BAND] !== f[q * FIGURES + BAND]) return 0;
    const a = f[p * FIGURES + QUANTITY] as number;
    const b = f[q * FIGURES + QUANTITY] as number;
    const least = Math.min(a, b);
    if (least < EXACT_QUANTITY_FROM || Math.max(a, b) > least / NEAR_RATIO) return 0;
    return f[p * FIGURES + BAND_BITS] as number;
  }
}

/** Numbers per entry in `MatchableLines.figures`, and where each lies. */
const FIGURES = 6;
const WHOLE = 0;
const CAP = 1;
const QUANTITY = 2;
const BAND = 3;
const BAND_BITS = 4;
const CAP_BY_LINE = 5;

/**
 * One token of one line, with what bounds `matchLines`'s credit for that line as the first line
 * matched, whatever line of the other deal it meets (two lines it credits share a token):
 * - `whole`: credit (at most 1) × the lesser surprise of the two lines, plus the exact quantity's
 *   bits for one SKU in one quantity — at most the line's own surprise (not below 0) plus its
 *   quantity's exact bits;
 * - for baskets not copied whole (different signatures), also at most its reading against the
 *   partners (`sharedLineCap`, not below 0: `cap`) plus how much closer than their band the two
 *   lines' quantities agree (`precisionMost` of the two `quantity`s); for a pair met by the line
 *   alone (`metByLine`), at most `capByLine` instead.
 */
export interface LineMost {
  token: number;
  whole: number;
  cap: number;
  capByLine: number;
  quantity: number;
}

/** `LineMost.whole` of a line of surprise `idf` in `quantity`. */
function lineWhole(idf: number, quantity: number, stats: CorpusStats): number {
  return Math.max(0, idf) + Math.max(0, stats.exactQuantityBits(quantity));
}

/**
 * The cap of a line by its statistics token, read as if the other side held this very token:
 * another token only adds holders, and more holders never weigh more (`sharedLineCap`), so that
 * is the most the line can be capped at. Without the partners' reading (`readsPartners` false:
 * the hand rule) nothing caps the first line.
 */
export function lineCap(stats: CorpusStats, itemToken: string, readsPartners: boolean): number {
  return readsPartners
    ? Math.max(0, sharedLineCap(stats, itemToken, itemToken).bits)
    : Number.POSITIVE_INFINITY;
}

/**
 * `lineCap` of a pair compared for the line alone (`metByLine`): read against the holders its
 * blocks pair it with (`comparedHolders`), below 0 for a line held past the block cap — most of the
 * pairs that reach the matcher at 100k are two customers met by a popular line, and `lineCap` (never
 * below 0) let them through. Up to the block cap the deals compared grow with the holders, so more
 * holders can read higher there: the most is the larger of the reading at this token's holders and
 * at the block cap or past it (beyond, more holders only read lower).
 */
export function lineCapByLine(stats: CorpusStats, itemToken: string, readsPartners: boolean): number {
  if (!readsPartners) return Number.POSITIVE_INFINITY;
  const own = sharedLineCap(stats, itemToken, itemToken, undefined, true);
  const partners = stats.weights.partnersPerDeal ?? stats.n;
  const past = Math.max(own.others, DEFAULT_MAX_BLOCK);
  return Math.max(own.bits, Math.log2(comparedHolders(partners, past, true) / (past + HOLDERS_PSEUDO)));
}

/**
 * The `LineMost` entries of many deals' lines (one per `matchTokens` token), with what lines share
 * worked out once: a SKU's match tokens as ids (numbered by first appearance), a line's cap by its
 * statistics token. A million deals hold a few thousand of each; building the token strings, and
 * reading the cap, line by line was a good part of building the scan's columns.
 */
export class LineEntries {
  private readonly tokenIds = new Map<string, number>();
  /** By SKU, the token ids of its last line read, under that line's category. */
  private readonly skuTokens = new Map<string, { category: string | null; ids: number[] }>();
  private readonly capOfToken = new Map<string, number>();
  private readonly capByLineOfToken = new Map<string, number>();

  constructor(
    private readonly stats: CorpusStats,
    private readonly readsPartners: boolean,
    /** The SKUs with one category (or none) on every line (`matchTokens`). */
    private readonly oneCategory: ReadonlySet<string>,
  ) {}

  /** Where each deal's entries start, the end of the last deal's last. */
  readonly from: number[] = [0];
  /** Per entry (see `LineMost`), in plain arrays of numbers: a million deals without an object per entry. */
  readonly tokens: number[] = [];
  readonly wholes: number[] = [];
  readonly caps: number[] = [];
  readonly capsByLine: number[] = [];
  readonly quantities: number[] = [];

  /**
   * Adds the entries of the next deal, `d` (`idfs`: its lines' surprises), by token id ascending,
   * entries of one token in line order.
   */
  add(d: PreparedDeal, idfs: readonly number[]): void {
    const start = this.tokens.length;
    d.items.forEach((l, k) => {
      const itemToken = d.tokens[k] as string;
      let cap = this.capOfToken.get(itemToken);
      if (cap === undefined) {
        cap = lineCap(this.stats, itemToken, this.readsPartners);
        this.capOfToken.set(itemToken, cap);
      }
      let capByLine = this.capByLineOfToken.get(itemToken);
      if (capByLine === undefined) {
        capByLine = lineCapByLine(this.stats, itemToken, this.readsPartners);
        this.capByLineOfToken.set(itemToken, capByLine);
      }
      const whole = lineWhole(idfs[k] as number, l.quantity, this.stats);
      for (const token of this.idsOf(l)) this.insert(start, token, whole, cap, capByLine, l.quantity);
    });
    this.from.push(this.tokens.length);
  }

  /** Appends an entry, moved before the entries from `start` with a greater token (a deal holds a few). */
  private insert(
    start: number,
    token: number,
    whole: number,
    cap: number,
    capByLine: number,
    quantity: number,
  ): void {
    let at = this.tokens.length;
    this.tokens.push(token);
    this.wholes.push(whole);
    this.caps.push(cap);
    this.capsByLine.push(capByLine);
    this.quantities.push(quantity);
    for (; at > start && (this.tokens[at - 1] as number) > token; at--) {
      this.tokens[at] = this.tokens[at - 1] as number;
      this.wholes[at] = this.wholes[at - 1] as number;
      this.caps[at] = this.caps[at - 1] as number;
      this.capsByLine[at] = this.capsByLine[at - 1] as number;
      this.quantities[at] = this.quantities[at - 1] as number;
    }
    this.tokens[at] = token;
    this.wholes[at] = whole;
    this.caps[at] = cap;
    this.capsByLine[at] = capByLine;
    this.quantities[at] = quantity;
  }

  /** The ids of `matchTokens` of line `l`. */
  private idsOf(l: DealLine): number[] {
    const known = this.skuTokens.get(l.sku);
    if (known !== undefined && known.category === l.category) return known.ids;
    const ids = matchTokens(l, this.oneCategory.has(l.sku)).map((t) => {
      let id = this.tokenIds.get(t);
      if (id === undefined) {
        id = this.tokenIds.size;
        this.tokenIds.set(t, id);
      }
      return id;
    });
    this.skuTokens.set(l.sku, { category: l.category, ids });
    return ids;
  }
}
