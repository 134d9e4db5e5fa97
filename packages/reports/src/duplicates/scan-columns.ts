import { readAgainstCompared } from './account-reading.js';
import {
  basketBits,
  basketBoundByOverlap,
  basketBoundOf,
  basketSurprise,
  basketWeight,
  commonBasketCap,
  isCommonBasket,
  siblingBestOf,
} from './basket.js';
import { mayReadCopies } from './copy-delivery.js';
import { ownerFigures, pairOwnerShift } from './copy-owner.js';
import type { CorpusStats } from './corpus-stats.js';
import { CustomerColumns } from './customer-columns.js';
import { DealClasses, mixNumber, sameCustomer, sameEndCustomer, sameLines } from './deal-classes.js';
import { keptLinesLeast } from './kept-lines.js';
import { customerWeightWithShift, kitRepeatsShift, readsAsOneCustomer } from './kit-repeats.js';
import { readsCoOccurrence } from './line-reading.js';
import { LineEntries, MatchableLines } from './matchable-lines.js';
import {
  amountMeasure,
  customerBound,
  deliveryMeasure,
  endCustomerKnown,
  kindMeasure,
  type Measure,
  measureCustomer,
  measureEndCustomer,
  regionMeasure,
} from './measures.js';
import { NumberMemo } from './number-memo.js';
import type { PreparedDeal } from './prepared-deal.js';
import { cheapSum, firstStageBound, priorWeight } from './score-pair.js';
import type { DealLine } from './types.js';

/** Small ordinals for the distinct values of one column, so pairs compare and index by number. */
class Interner<T> {
  private readonly ordinals = new Map<T, number>();
  readonly values: T[] = [];
  /** How many deals hold each value. */
  readonly counts: number[] = [];

  of(value: T): number {
    let ordinal = this.ordinals.get(value);
    if (ordinal === undefined) {
      ordinal = this.values.length;
      this.ordinals.set(value, ordinal);
      this.values.push(value);
      this.counts.push(0);
    }
    this.counts[ordinal] = (this.counts[ordinal] as number) + 1;
    return ordinal;
  }
}

/**
 * A comparison of two values of a column that depends on nothing else (for one version of the
 * statistics), made once per pair of values: a scan meets the same few provinces millions of times.
 */
class PairTable {
  private readonly cells: (Measure | undefined)[];

  constructor(
    private readonly values: readonly (string | null)[],
    private readonly compare: (a: string | null, b: string | null, sameAccount: boolean) => Measure,
  ) {
    this.cells = new Array(values.length * values.length * 2);
  }

  get(a: number, b: number, sameAccount: boolean): Measure {
    const cell = (a * this.values.length + b) * 2 + (sameAccount ? 1 : 0);
    let m = this.cells[cell];
    if (m === undefined) {
      m = this.compare(this.values[a] ?? null, this.values[b] ?? null, sameAccount);
      this.cells[cell] = m;
    }
    return m;
  }
}

/**
 * A pure comparison of two deals memoised by the classes of the two sides: deals of one class hold
 * everything the comparison reads, so a pair of classes weighs the same whichever deals stand for
 * them. Only pairs where a class has more than one deal are kept: only they can come again.
 */
class ClassPairMemo extends NumberMemo {
  constructor(
    private readonly classOf: Int32Array,
    private readonly counts: readonly number[],
  ) {
    super();
  }

  /** The memo key of a pair of ordinals, or -1 when the pair of classes cannot come again. */
  keyOf(i: number, j: number): number {
    const ci = this.classOf[i] as number;
    const cj = this.classOf[j] as number;
    if ((this.counts[ci] as number) < 2 && (this.counts[cj] as number) < 2) return -1;
    return ci * this.counts.length + cj;
  }
}

/**
 * Each deal's SKUs (or categories) as sorted small numbers in one flat column, so a scan can tell
 * how many two baskets share (see `basketBoundByOverlap`) without matching lines.
 */
class LineSets {
  readonly from: Int32Array;
  private readonly ids: Int32Array;

  /** Deal `i`'s members are `members[from[i] .. from[i + 1])`, in any order (sorted here). */
  constructor(from: readonly number[], members: readonly number[]) {
    this.from = Int32Array.from(from);
    const ids = Int32Array.from(members);
    this.ids = ids;
    // Insertion sort within each deal's few members (no view or call per deal).
    for (let i = 0; i + 1 < this.from.length; i++) {
      const start = this.from[i] as number;
      for (let m = start + 1; m < (this.from[i + 1] as number); m++) {
        const id = ids[m] as number;
        let at = m;
        for (; at > start && (ids[at - 1] as number) > id; at--) ids[at] = ids[at - 1] as number;
        ids[at] = id;
      }
    }
  }

  /** How many members the sets of deals `i` and `j` share, a member held twice on both sides twice. */
  shared(i: number, j: number): number {
    const from = this.from;
    return this.sharedIn(from[i] as number, from[i + 1] as number, from[j] as number, from[j + 1] as number);
  }

  /** The first member of deal `j`'s set (0 for an empty set): read to bring the set into the cache (`ScanColumns.warm`). */
  firstOf(j: number): number {
    return this.ids[this.from[j] as number] ?? 0;
  }

  /** `shared` of the sets at `[a, endA)` and `[b, endB)` (a deal's row holds where its set lies). */
  sharedIn(a: number, endA: number, b: number, endB: number): number {
    const ids = this.ids;
    let shared = 0;
    while (a < endA && b < endB) {
      const x = ids[a] as number;
      const y = ids[b] as number;
      if (x === y) {
        shared++;
        a++;
        b++;
      } else if (x < y) a++;
      else b++;
    }
    return shared;
  }
}

/**
 * What the first stage of `reaches` reads of each deal, one 64-byte row per deal (four doubles,
 * then eight 32-bit integers), instead of a column per field: a deal's candidates lie all over the
 * ordinals, and reading a dozen columns for each cost the scan a cache miss per column per pair.
 */
class Rows {
  static readonly BYTES = 64;
  readonly f64: Float64Array;
  readonly i32: Int32Array;

  constructor(n: number) {
    const buffer = new ArrayBuffer(n * Rows.BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }
}
/** Doubles of a row (index in `Rows.f64`, from the row's first double). */
const DAY = 0;
const AMOUNT = 1;
const BEST = 2;
const FURTHER = 3;
/** Integers of a row (index in `Rows.i32`, from the row's first integer). */
const PROVINCE = 8;
const CUSTOMER_KIND = 9;
const ACCOUNT = 10;
const CURRENCY = 11;
const SIGNATURE = 12;
const LINES = 13;
const END_KNOWN = 14;
/** Where the deal's sorted SKU ordinals start in `LineSets` (they run for `LINES` entries). */
const SKUS_FROM = 15;
const F64_PER_ROW = Rows.BYTES / 8;
/** Days between two deliveries past which `ScanColumns.kitShiftKey` keeps no key (+1: no date). */
const KIT_GAP_SPAN = 4096;
/** `ScanColumns.passedFlags` bits. */
const SAME_ACCOUNT = 1;
const BOTH_END_KNOWN = 2;
const BY_LINE = 4;
const I32_PER_ROW = Rows.BYTES / 4;

/**
 * A bound made from a larger reading than the one it stands for (`passesFirstStages`' first check),
 * lifted past any rounding of its sums: it may only drop a pair the exact bound drops.
 */
function upperBound(bound: number): number {
  return bound + 1e-6;
}

/** The SKUs with the same category (or none) on every line of every deal (see `matchTokens`). */
function skusOfOneCategory(deals: readonly PreparedDeal[]): Set<string> {
  const categoryOf = new Map<string, string | null>();
  const mixed = new Set<string>();
  for (const d of deals)
    for (const l of d.items) {
      const known = categoryOf.get(l.sku);
      if (known === undefined) categoryOf.set(l.sku, l.category);
      else if (known !== l.category) mixed.add(l.sku);
    }
  return new Set([...categoryOf.keys()].filter((sku) => !mixed.has(sku)));
}

/**
 * The stages of `weighPair` before its final sum, run over flat arrays by ordinal. A scan of a
 * million deals meets tens of millions of candidate pairs and drops nearly all of them in these
 * stages; reading columns, looking the province and kind comparisons up by value, and weighing a
 * pair of baskets or customers once per pair of classes keeps that cheap. Every number comes from
 * the functions `weighPair` calls and every bound is the one it holds against, so a pair dropped
 * here is one `weighPair` would drop (`scan({ prune: false })` checks this in the tests).
 */
export class ScanColumns {
  private readonly prior: number;
  /**
   * Per deal: delivery day, amount, `BasketSurprise.best` and `.further` (the most one of its lines
   * adds after the first), the ordinals of its province, kind, account, currency and signature,
   * its line count, whether it names an end customer, and where its SKUs lie in `skus`.
   */
  private readonly rows: Rows;
  private readonly siblingBest: Float64Array;
  private readonly skus: LineSets;
  /**
   * Each deal's lines' `matchTokens`: the tokens two deals share bound the lines they can match,
   * and what those lines are worth bounds the first match.
   */
  private readonly tokens: MatchableLines;
  /** Per account ordinal, the most "the same account" adds (`customerBound`). */
  private readonly sameAccountMost: Float64Array;
  private readonly otherAccountMost: number;
  /** Per signature ordinal, `commonBasketCap` of a standard bundle, +∞ for a basket that is not one. */
  private readonly kitCap: Float64Array;
  /** `kitCap` of a pair compared for the kit alone (`metByLine`: read against fewer holders, lower). */
  private readonly kitCapByLine: Float64Array;
  /**
   * Per signature ordinal, 1 when `kitRepeatsOf` may read a pair holding it (a standard kit, and
   * weights and statistics that count kit repeats): the scan asks for the rest only then.
   */
  private readonly kitRepeats: Uint8Array;
  /**
   * Per account ordinal, 1 for a busy customer (`readAgainstCompared`) when kit repeats are counted:
   * `kitRepeatsOf` reads its two deals of any one basket, not only of a kit.
   */
  private readonly busyAccount: Uint8Array;
  /** Customer names, end customers and identity keys as numbers (`metByLine`, `mayBeOneCustomer`). */
  private readonly customerColumns: CustomerColumns;
  private readonly region: PairTable;
  private readonly kinds: PairTable;
  private readonly baskets: ClassPairMemo;
  private readonly customers: ClassPairMemo;
  private readonly endCustomers: ClassPairMemo;
  /** `kitRepeatsShift` of one account's two deals of one basket (`kitShiftKey`). */
  private readonly kitShifts = new NumberMemo();
  /** `oneCustomer` per pair of customer classes (1 or 0), keyed as `customers`. */
  private readonly oneCustomers = new NumberMemo();
  private readonly signatureCount: number;
  /** What the last `warm` read, summed: kept (and public) so the compiler cannot drop the reads as unused. */
  warmed = 0;
  /** Of the pair `passesFirstStages` last passed: what the later stages read (`passesLaterStages`). */
  /** The least lines one side lacks cost when the lines matched are kept exactly (`keptLinesLeast`). */
  private readonly keptLeast: Float64Array | undefined;
  private cheap = 0;
  private customerMost = 0;
  private kitShift = 0;
  private sameAccount = false;
  private bothEndKnown = false;
  private byLine = false;
  /** Of the last `screen`: the candidates it passed, in order, and the figures above for each. */
  private passed = new Int32Array(256);
  private passedCheap = new Float64Array(256);
  private passedCustomerMost = new Float64Array(256);
  private passedKitShift = new Float64Array(256);
  private passedFlags = new Uint8Array(256);

  constructor(
    private readonly deals: readonly PreparedDeal[],
    private readonly stats: CorpusStats,
  ) {
    const n = deals.length;
    this.prior = priorWeight(stats.n, stats.weights);
    this.keptLeast = keptLinesLeast(stats.weights.keptLines);
    this.rows = new Rows(n);
    const { f64, i32 } = this.rows;
    this.siblingBest = new Float64Array(n);
    this.customerColumns = new CustomerColumns(deals);
    const basketClass = new Int32Array(n);
    const customerClass = new Int32Array(n);
    // −1 for a deal naming no end customer: its pairs never ask the end customers' memo.
    const endCustomerClass = new Int32Array(n);
    const provinces = new Interner<string | null>();
    const kinds = new Interner<string | null>();
    const accounts = new Interner<string>();
    const currencies = new Interner<string>();
    const basketClasses = new DealClasses((a, b) =>
      sameLines(deals[a] as PreparedDeal, deals[b] as PreparedDeal),
    );
    const customerClasses = new DealClasses((a, b) =>
      sameCustomer(deals[a] as PreparedDeal, deals[b] as PreparedDeal),
    );
    const endCustomerClasses = new DealClasses((a, b) =>
      sameEndCustomer(deals[a] as PreparedDeal, deals[b] as PreparedDeal),
    );
    const skuIds = new Interner<string>();
    const skusFrom = [0];
    const skuList: number[] = [];
    const lineEntries = new LineEntries(stats, readsCoOccurrence(stats), skusOfOneCategory(deals));
    const signatures = new Interner<string>();
    deals.forEach((d, i) => {
      const f = i * F64_PER_ROW;
      const k = i * I32_PER_ROW;
      f64[f + DAY] = d.deliveryDay ?? Number.NaN;
      f64[f + AMOUNT] = d.record.amountMinor;
      i32[k + LINES] = d.items.length;
      const surprise = basketSurprise(d, stats);
      f64[f + BEST] = surprise.best;
      f64[f + FURTHER] = surprise.further;
      this.siblingBest[i] = siblingBestOf(surprise);
      // Items hold one line per SKU. Deals with the same lines (`sameLines`) get the same number.
      let lines = d.items.length;
      for (const l of d.items) {
        const sku = skuIds.of(l.sku);
        skuList.push(sku);
        lines = mixNumber(mixNumber(lines, sku), l.quantity);
      }
      skusFrom.push(skuList.length);
      lineEntries.add(d, surprise.idfs);
      const endKnown = endCustomerKnown(d);
      i32[k + END_KNOWN] = endKnown ? 1 : 0;
      i32[k + PROVINCE] = provinces.of(d.record.province);
      i32[k + CUSTOMER_KIND] = kinds.of(d.record.accountKind);
      const account = accounts.of(d.record.accountId);
      i32[k + ACCOUNT] = account;
      i32[k + CURRENCY] = currencies.of(d.record.currency);
      i32[k + SIGNATURE] = signatures.of(d.signature);
      basketClass[i] = basketClasses.of(i, lines);
      customerClass[i] = customerClasses.of(i, account);
      endCustomerClass[i] = endKnown
        ? endCustomerClasses.of(i, this.customerColumns.endCustomerNumber(i))
        : -1;
    });
    this.skus = new LineSets(skusFrom, skuList);
    for (let i = 0; i < n; i++) i32[i * I32_PER_ROW + SKUS_FROM] = this.skus.from[i] as number;
    this.tokens = new MatchableLines(lineEntries);
    this.signatureCount = signatures.values.length;
    this.kitCap = Float64Array.from(signatures.values, (sig) =>
      isCommonBasket(sig, stats) ? commonBasketCap(sig, stats) : Number.POSITIVE_INFINITY,
    );
    this.kitCapByLine = Float64Array.from(signatures.values, (sig) =>
      isCommonBasket(sig, stats) ? commonBasketCap(sig, stats, undefined, true) : Number.POSITIVE_INFINITY,
    );
    const countsKitRepeats = stats.weights.kitRepeats !== undefined && stats.accountBasketsMeasured();
    this.kitRepeats = Uint8Array.from(signatures.values, (sig) =>
      countsKitRepeats && isCommonBasket(sig, stats) ? 1 : 0,
    );
    this.busyAccount = Uint8Array.from(accounts.values, (id) =>
      countsKitRepeats && readAgainstCompared(stats, id) ? 1 : 0,
    );
    this.sameAccountMost = Float64Array.from(accounts.values, (id) => customerBound(true, id, stats));
    this.otherAccountMost = customerBound(false, '', stats);
    this.region = new PairTable(provinces.values, (a, b, same) => regionMeasure(a, b, same, stats));
    this.kinds = new PairTable(kinds.values, (a, b, same) => kindMeasure(a, b, same, stats));
    this.baskets = new ClassPairMemo(basketClass, basketClasses.counts);
    this.customers = new ClassPairMemo(customerClass, customerClasses.counts);
    this.endCustomers = new ClassPairMemo(endCustomerClass, endCustomerClasses.counts);
  }

  /**
   * Reads what `reaches` reads first of each of `later` (a deal's candidates): its row, the start of
   * its SKUs and of its token entries, its sibling bound. The scan is bound by memory, not arithmetic: a candidate lies
   * anywhere in the ordinals, and `reaches`, asked pair by pair, waited for each of those cache
   * misses in turn (the profile put most of its own time on the first read of the candidate's row).
   * A tight loop of independent reads lets the processor have many misses in flight at once, and
   * the pairs then read from the cache. Changes nothing `reaches` answers.
   */
  warm(later: Int32Array): void {
    const i32 = this.rows.i32;
    let read = 0;
    for (let k = 0; k < later.length; k++) {
      const j = later[k] as number;
      const row = j * I32_PER_ROW;
      // Both ends of the row: a row need not start on a cache line.
      read += (i32[row] as number) + (i32[row + I32_PER_ROW - 1] as number);
      read += this.skus.firstOf(j) + this.tokens.firstOf(j) + (this.siblingBest[j] as number);
    }
    this.warmed = read;
  }

  /** `basketBoundOf` with `shared` SKUs shared, any line of the smaller basket matchable, the tenant's kept reading. */
  private basketBoundShared(
    linesI: number,
    linesJ: number,
    bestI: number,
    bestJ: number,
    furtherI: number,
    furtherJ: number,
    shared: number,
  ): number {
    const matchable = Math.min(linesI, linesJ);
    return basketBoundOf(linesI, linesJ, bestI, bestJ, furtherI, furtherJ, shared, matchable, this.keptLeast);
  }

  /**
   * The basket bound of two deals from the SKUs and categories they share (see
   * `basketBoundByOverlap`); `byLine`: of two deals compared for what they buy alone (`metByLine`),
   * whose first line and kit the matcher reads against fewer deals.
   */
  private overlapBound(i: number, j: number, sharedSkus: number, byLine: boolean): number {
    const { f64, i32 } = this.rows;
    const fi = i * F64_PER_ROW;
    const fj = j * F64_PER_ROW;
    const ki = i * I32_PER_ROW;
    const kj = j * I32_PER_ROW;
    const linesI = i32[ki + LINES] as number;
    const linesJ = i32[kj + LINES] as number;
    const signature = i32[ki + SIGNATURE] as number;
    const partial = signature !== i32[kj + SIGNATURE];
    const matchable = Math.min(linesI, linesJ, this.tokens.shared(i, j, partial));
    // Two deals of one customer may read their basket against all deals (`basketReadAgainst`),
    // while the token and kit caps below read against the partners: they do not bound such a pair.
    const oneCustomer = i32[ki + ACCOUNT] === i32[kj + ACCOUNT];
    // The first match is one of the lines behind a shared token (see `MatchableLines`).
    const first = oneCustomer
      ? Number.POSITIVE_INFINITY
      : byLine
        ? this.tokens.firstMostByLine
        : this.tokens.firstMost;
    const bound = basketBoundByOverlap(
      linesI,
      linesJ,
      Math.min(f64[fi + BEST] as number, first),
      Math.min(f64[fj + BEST] as number, first),
      f64[fi + FURTHER] as number,
      f64[fj + FURTHER] as number,
      Math.min(this.siblingBest[i] as number, first),
      Math.min(this.siblingBest[j] as number, first),
      sharedSkus,
      matchable,
      this.keptLeast,
    );
    if (partial || oneCustomer) return bound;
    // One standard bundle on both sides: the matcher caps it at the kit's rarity among the deals
    // compared plus its closest quantities, whatever its lines add (at 1M, most pairs that reach
    // the matcher are two holders of one kit in one province and month).
    const kit = (byLine ? this.kitCapByLine : this.kitCap)[signature] as number;
    if (kit === Number.POSITIVE_INFINITY) return bound;
    return Math.min(bound, basketBits(kit + this.tokens.precisionMost));
  }

  /**
   * The most the baskets of deals `i` and `j` can weigh, read from the columns (what `reaches` drops
   * pairs by); `byLine`: the two are compared for what they buy alone (`metByLine`).
   */
  basketBound(i: number, j: number, byLine = false): number {
    return this.overlapBound(i, j, this.skus.shared(i, j), byLine);
  }

  /** False when the pair of ordinals `i`, `j` cannot reach `reach` (see `reachOf`). */
  reaches(i: number, j: number, reach: number): boolean {
    return this.passesFirstStages(i, j, reach) && this.passesLaterStages(i, j, reach);
  }

  /**
   * `reaches` over a deal's candidates in two passes: the first stages (columns only) over all of
   * `later`, then the deals of those that passed read once in a tight loop (`warmDeals`), as
   * `warm` does for the columns; returns how many passed, each at `passedAt(k)` in the order of
   * `later`, to be finished by `finishes(i, k, reach)`. The later stages read the deals' objects (lines,
   * records, cached surprises: a cache miss each, one pair after another). Same answers as `reaches`.
   */
  screen(i: number, later: Int32Array, reach: number): number {
    if (this.passed.length < later.length) this.growPassed(later.length);
    let count = 0;
    for (let k = 0; k < later.length; k++) {
      const j = later[k] as number;
      if (!this.passesFirstStages(i, j, reach)) continue;
      this.passed[count] = j;
      this.passedCheap[count] = this.cheap;
      this.passedCustomerMost[count] = this.customerMost;
      this.passedKitShift[count] = this.kitShift;
      this.passedFlags[count] =
        (this.sameAccount ? SAME_ACCOUNT : 0) |
        (this.bothEndKnown ? BOTH_END_KNOWN : 0) |
        (this.byLine ? BY_LINE : 0);
      count++;
    }
    this.warmDeals(count);
    return count;
  }

  /** The `k`th candidate the last `screen` passed. */
  passedAt(k: number): number {
    return this.passed[k] as number;
  }

  /** `reaches` for the `k`th candidate the last `screen` (of deal `i`) passed: its later stages. */
  finishes(i: number, k: number, reach: number): boolean {
    const flags = this.passedFlags[k] as number;
    this.cheap = this.passedCheap[k] as number;
    this.customerMost = this.passedCustomerMost[k] as number;
    this.kitShift = this.passedKitShift[k] as number;
    this.sameAccount = (flags & SAME_ACCOUNT) !== 0;
    this.bothEndKnown = (flags & BOTH_END_KNOWN) !== 0;
    this.byLine = (flags & BY_LINE) !== 0;
    return this.passesLaterStages(i, this.passed[k] as number, reach);
  }

  /** Reads what the later stages read first of each deal `screen` passed (see `warm`). */
  private warmDeals(count: number): void {
    let read = 0;
    for (let k = 0; k < count; k++) {
      const y = this.deals[this.passed[k] as number] as PreparedDeal;
      const items = y.items;
      read += y.record.amountMinor + y.signature.length + (y.idfCache?.idfs[0] ?? 0);
      // Every line: the matcher reads each line's quantity (`creditOf`).
      for (let l = 0; l < items.length; l++) read += (items[l] as DealLine).quantity;
    }
    this.warmed = read;
  }

  private growPassed(size: number): void {
    const length = Math.max(size, this.passed.length * 2);
    this.passed = new Int32Array(length);
    this.passedCheap = new Float64Array(length);
    this.passedCustomerMost = new Float64Array(length);
    this.passedKitShift = new Float64Array(length);
    this.passedFlags = new Uint8Array(length);
  }

  /**
   * The stages of `weighPair` that read columns only: the cheap comparisons and the basket bounds.
   * Leaves what the later stages read in `cheap`, `customerMost`, `kitShift`, `sameAccount`,
   * `bothEndKnown` and `byLine`.
   */
  private passesFirstStages(i: number, j: number, reach: number): boolean {
    const { f64, i32 } = this.rows;
    const weights = this.stats.weights;
    const fi = i * F64_PER_ROW;
    const fj = j * F64_PER_ROW;
    const ki = i * I32_PER_ROW;
    const kj = j * I32_PER_ROW;
    const account = i32[ki + ACCOUNT] as number;
    const sameAccount = account === i32[kj + ACCOUNT];
    const dayI = f64[fi + DAY] as number;
    const dayJ = f64[fj + DAY] as number;
    const region = this.region.get(i32[ki + PROVINCE] as number, i32[kj + PROVINCE] as number, sameAccount);
    const kind = this.kinds.get(
      i32[ki + CUSTOMER_KIND] as number,
      i32[kj + CUSTOMER_KIND] as number,
      sameAccount,
    );
    const amount = amountMeasure(
      f64[fi + AMOUNT] as number,
      f64[fj + AMOUNT] as number,
      i32[ki + CURRENCY] === i32[kj + CURRENCY],
      weights,
      sameAccount,
    );
    // Two accounts' deals due close together are read where one customer's copies fall when the
    // customer columns say they may be one customer (`mayBeOneCustomer`): a read of the candidate's
    // customer columns (a cache miss), so every bound below is first taken with the better of the
    // two readings, and the columns read only for a pair that passes them all.
    const asOneOrNot = !sameAccount && mayReadCopies(weights, Math.abs(dayI - dayJ));
    let delivery = deliveryMeasure(dayI, dayJ, weights, sameAccount);
    if (asOneOrNot) {
      const asOne = deliveryMeasure(dayI, dayJ, weights, true);
      if (asOne.weight > delivery.weight) delivery = asOne;
    }
    let cheap = cheapSum(this.prior, delivery, region, kind, amount);
    const bothEndKnown = i32[ki + END_KNOWN] === 1 && i32[kj + END_KNOWN] === 1;
    const linesI = i32[ki + LINES] as number;
    const linesJ = i32[kj + LINES] as number;
    const bestI = f64[fi + BEST] as number;
    const bestJ = f64[fj + BEST] as number;
    const furtherI = f64[fi + FURTHER] as number;
    const furtherJ = f64[fj + FURTHER] as number;
    // One customer's two orders of one kit move "the same customer" (`kit-repeats.ts`): few pairs,
    // and only pairs holding one basket — told by the signature column, not by comparing signature
    // strings pair by pair (most of the scan's candidate pairs hold different baskets). What
    // `kitRepeatsOf` asks next (a standard kit, one customer) is read from columns too: most pairs
    // holding one kit are two customers.
    const signature = i32[ki + SIGNATURE] as number;
    const kitShift =
      signature === i32[kj + SIGNATURE] &&
      (this.kitRepeats[signature] === 1 ||
        this.busyAccount[account] === 1 ||
        this.busyAccount[i32[kj + ACCOUNT] as number] === 1) &&
      linesI > 0 &&
      (sameAccount || (this.customerColumns.mayBeOneCustomer(i, j) && this.oneCustomer(i, j)))
        ? this.kitShiftOf(i, j, sameAccount ? this.kitShiftKey(i, j, account, signature) : -1)
        : 0;
    const customerMost =
      (sameAccount ? (this.sameAccountMost[account] as number) : this.otherAccountMost) + kitShift;
    // Every line of the smaller basket taken as a shared SKU bounds the basket without merging the
    // two SKU lists (`basketBoundOf` grows with the SKUs shared).
    const mostShared = Math.min(linesI, linesJ);
    const basketMost = this.basketBoundShared(linesI, linesJ, bestI, bestJ, furtherI, furtherJ, mostShared);
    if (upperBound(firstStageBound(cheap, basketMost, bothEndKnown, customerMost)) < reach) return false;
    const skusI = i32[ki + SKUS_FROM] as number;
    const skusJ = i32[kj + SKUS_FROM] as number;
    const sharedSkus = this.skus.sharedIn(skusI, skusI + linesI, skusJ, skusJ + linesJ);
    const basketBound =
      sharedSkus === mostShared
        ? basketMost
        : this.basketBoundShared(linesI, linesJ, bestI, bestJ, furtherI, furtherJ, sharedSkus);
    if (firstStageBound(cheap, basketBound, bothEndKnown, customerMost) < reach) return false;
    // Most pairs that pass share one SKU of several lines each: the other lines cannot all match,
    // and what they leave unmatched drops most of them. Pairs met by customer, category or place
    // share no SKU and match siblings at best.
    const overlapBound = this.overlapBound(i, j, sharedSkus, false);
    if (firstStageBound(cheap, overlapBound, bothEndKnown, customerMost) < reach) return false;
    if (asOneOrNot) {
      // Both bounds again with the delivery as the customer columns read it.
      delivery = deliveryMeasure(dayI, dayJ, weights, this.customerColumns.mayBeOneCustomer(i, j));
      cheap = cheapSum(this.prior, delivery, region, kind, amount);
      if (firstStageBound(cheap, basketBound, bothEndKnown, customerMost) < reach) return false;
      if (firstStageBound(cheap, overlapBound, bothEndKnown, customerMost) < reach) return false;
    }
    // Two customers met by a popular line alone: the matcher reads the line (or kit) against the
    // few holders their blocks pair them with, below 0 past the block cap — most pairs that reached
    // the matcher (at 100k, ~0.97 M of ~1.16 M) were such pairs it then dropped at the basket. The
    // customer columns are read only for pairs that passed every bound above.
    const byLine = !sameAccount && this.customerColumns.metByLine(i, j);
    if (
      byLine &&
      firstStageBound(cheap, this.overlapBound(i, j, sharedSkus, true), bothEndKnown, customerMost) < reach
    )
      return false;
    this.cheap = cheap;
    this.customerMost = customerMost;
    this.kitShift = kitShift;
    this.sameAccount = sameAccount;
    this.bothEndKnown = bothEndKnown;
    this.byLine = byLine;
    return true;
  }

  /**
   * Whether the customer comparison reads two accounts' deals `i`, `j` as one customer
   * (`readsAsOneCustomer`), kept per pair of customer classes as the comparison's weight is: where
   * it does not, `kitRepeatsShift` is 0. Two customers with one trade name holding one kit were
   * most of the pairs the scan asked it of, each a comparison of the names.
   */
  private oneCustomer(i: number, j: number): boolean {
    const key = this.customers.keyOf(i, j);
    const known = this.oneCustomers.get(key);
    if (known !== undefined) return known === 1;
    const x = this.deals[i] as PreparedDeal;
    const one = readsAsOneCustomer(measureCustomer(x, this.deals[j] as PreparedDeal, this.stats));
    this.oneCustomers.set(key, one ? 1 : 0);
    return one;
  }

  /** `kitRepeatsShift` of deals `i` and `j`, kept under `key` when it is one (`kitShiftKey`). */
  private kitShiftOf(i: number, j: number, key: number): number {
    return (
      this.kitShifts.get(key) ??
      this.kitShifts.set(
        key,
        kitRepeatsShift(this.deals[i] as PreparedDeal, this.deals[j] as PreparedDeal, this.stats),
      )
    );
  }

  /**
   * The memo key of `kitRepeatsShift` for two deals of one account holding one basket (ordinals
   * `account`, `signature`), or −1. Of such a pair it reads the account, the basket and how many
   * days apart the two deliveries fall (none when a date is missing), nothing else of either deal:
   * a busy customer's many orders of one kit made the scan at 1M ask it again and again, each time
   * looking its counts up by keys built from the account and the whole signature.
   */
  private kitShiftKey(i: number, j: number, account: number, signature: number): number {
    const f64 = this.rows.f64;
    const dayI = f64[i * F64_PER_ROW + DAY] as number;
    const dayJ = f64[j * F64_PER_ROW + DAY] as number;
    const gap = Number.isNaN(dayI) || Number.isNaN(dayJ) ? 0 : Math.abs(dayI - dayJ) + 1;
    if (!(gap < KIT_GAP_SPAN)) return -1;
    const key = (account * this.signatureCount + signature) * KIT_GAP_SPAN + gap;
    return key <= Number.MAX_SAFE_INTEGER ? key : -1;
  }

  /** The stages of `weighPair` after the first, in its order, each bound the one it holds (after `passesFirstStages`). */
  private passesLaterStages(i: number, j: number, reach: number): boolean {
    const { cheap, customerMost, kitShift, sameAccount, bothEndKnown, byLine } = this;
    const x = this.deals[i] as PreparedDeal;
    const y = this.deals[j] as PreparedDeal;
    // Two deals of one customer may read their basket against all deals (`basketReadAgainst`), and
    // two customers sharing a name key read a popular line as before the cap (`metByLine`), which
    // their basket classes do not hold: weighed pair by pair, never memoised (there are few).
    const basketKey = byLine ? this.baskets.keyOf(i, j) : -1;
    const basket =
      this.baskets.get(basketKey) ??
      this.baskets.set(basketKey, basketWeight(x, y, this.stats, byLine, sameAccount).weight);
    if (firstStageBound(cheap, basket, bothEndKnown, customerMost) < reach) return false;
    const endKey = bothEndKnown ? this.endCustomers.keyOf(i, j) : -1;
    const end = bothEndKnown
      ? (this.endCustomers.get(endKey) ??
        this.endCustomers.set(endKey, measureEndCustomer(x, y, this.stats.weights).weight))
      : 0;
    if (firstStageBound(cheap + end, basket, false, customerMost) < reach) return false;
    const customerKey = this.customers.keyOf(i, j);
    const customer =
      this.customers.get(customerKey) ??
      this.customers.set(customerKey, measureCustomer(x, y, this.stats).weight);
    // The kit's shift as the first stages read it (`kitRepeatsShift`, pure): not asked again.
    // Who entered one account's two deals (`copy-owner.ts`), added as `weighPair` adds it.
    const owner = sameAccount ? pairOwnerShift(ownerFigures(this.stats.weights), x.record, y.record) : 0;
    return (
      cheap + basket + end + customerWeightWithShift(customerWeightWithShift(customer, kitShift), owner) >=
      reach
    );
  }
}
