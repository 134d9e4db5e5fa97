import { accountPartnersOf, readAgainstCompared } from './account-reading.js';
import { isCommonBasket, keptCopySwapped, UNMATCHED_PENALTY } from './basket.js';
import { type BlockingOptions, type BlockingStats, CandidateIndex } from './blocking.js';
import { busyRepeatGapsOf } from './busy-repeat-gaps.js';
import {
  type Competition,
  competedScore,
  competitionIn,
  competitionOf,
  PROPOSED,
  proposalsOf,
  withCompetition,
} from './competing-partners.js';
import { copyDeliveryFigures, WEIGH_FLOOR } from './copy-delivery.js';
import { copyOwnerFigures } from './copy-owner.js';
import { CorpusStats } from './corpus-stats.js';
import { type KitHolding, kitRepeatFigures } from './customer-kits.js';
import { deliveryDayFigures } from './delivery-days.js';
import { chanceOfMatch } from './em.js';
import { endCustomerFigures } from './end-customers.js';
import { ExplainedLater } from './explained-later.js';
import { fitDuplicateWeights } from './fit-weights.js';
import {
  fitKeptLines,
  type KeptLinesFigures,
  type KeptPair,
  sampledPairs,
  WHOLE_STRIDE,
} from './kept-lines.js';
import { readsAsOneCustomer } from './kit-repeats.js';
import { handCloseShares, holdsOnlyTheDeal, measureCustomer } from './measures.js';
import { onlyDealFigures } from './only-deal.js';
import { DealPreparer, type PreparedDeal } from './prepared-deal.js';
import { ScanColumns } from './scan-columns.js';
import { type ScanInput, scoreAnchor } from './scan-loop.js';
import { checkScanOptions } from './scan-options.js';
import { ScanThreads, threadsFor } from './scan-threads.js';
import { type PairScore, scorePair, toDuplicate, weighPair } from './score-pair.js';
import type { DealDuplicate, DealRecord, DuplicateScanOptions } from './types.js';
import { type DuplicateWeights, estimateDuplicateWeights } from './weights.js';

export interface EngineScanOptions extends DuplicateScanOptions {
  /** True for a pair that must not be proposed (resolved, or not visible together). */
  exclude?: (a: DealRecord, b: DealRecord) => boolean;
  /**
   * False weighs every candidate pair in full instead of dropping the pairs whose bound cannot
   * reach `minScore`, and explains every pair returned at once instead of when first read: the
   * straightforward scan, slower, same result — the tests hold the pruned scan against it.
   */
  prune?: boolean;
}

export interface EngineOptions extends BlockingOptions {
  /** Statistics of the whole corpus, when the deals added are only part of it (what one actor sees). */
  stats?: CorpusStats;
  /**
   * The tenant's u-probabilities (a stored estimate). Without them — and without `stats` — the
   * engine estimates them from its own deals before it first weighs a pair.
   */
  weights?: DuplicateWeights;
  /**
   * True fits m and λ by expectation–maximisation over the candidate pairs when the engine estimates
   * its own weights (`fit-weights.ts`; about as costly as a scan at floor −12). What a tenant's stored
   * estimate does (`estimateTenantWeights`); off by default, so an engine that re-estimates as it
   * grows does not pay for it each time.
   */
  fitWeights?: boolean;
}

/** Deals added since the last estimate, as a share of those it saw, before the engine estimates again. */
const REESTIMATE_GROWTH = 0.1;

export interface ScanReport {
  pairs: DealDuplicate[];
  /** Distinct candidate pairs the blocking produced (each scored once). */
  candidatePairs: number;
  blocking: BlockingStats;
}

const PROGRESS_EVERY = 1000;

/** The key of an unordered pair of ids. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/**
 * The pure duplicate-deal engine: records in, explained pairs out. Never looks at all pairs —
 * candidates come from `CandidateIndex`; scores from `scorePair` against this corpus's statistics.
 * `add` keeps the index and statistics current, so one engine serves many incremental checks.
 */
export class DealDuplicateEngine {
  readonly stats: CorpusStats;
  readonly index: CandidateIndex;
  /** False when the statistics were given: they describe a wider corpus than the deals added. */
  private readonly ownStats: boolean;
  private readonly preparer = new DealPreparer();
  private readonly deals: PreparedDeal[] = [];
  private readonly ordinals = new Map<string, number>();
  /** Deals the engine's own estimate was drawn from; null when weights were given. */
  private estimatedAt: number | null = 0;
  private readonly fit: boolean;
  /** Pairs a scan returned that are not yet in words: put in words before the statistics change. */
  private readonly unexplained = new ExplainedLater();

  constructor(records: Iterable<DealRecord> = [], options: EngineOptions = {}) {
    this.index = new CandidateIndex(options);
    this.stats = options.stats ?? new CorpusStats();
    this.ownStats = options.stats === undefined;
    this.fit = options.fitWeights ?? false;
    if (options.weights) this.stats.weights = options.weights;
    if (options.weights || !this.ownStats) this.estimatedAt = null;
    for (const r of records) this.add(r);
  }

  /**
   * The tenant's u from its own deals (random and candidate pairs) and, with `fitWeights`, m and λ
   * fitted over its candidate pairs (`fit-weights.ts`), unless given; again once it grew by a tenth.
   */
  private weigh(): void {
    if (this.estimatedAt === null) return;
    const n = this.deals.length;
    if (this.estimatedAt > 0 && n - this.estimatedAt <= this.estimatedAt * REESTIMATE_GROWTH) return;
    this.unexplained.settle();
    this.estimatedAt = Math.max(1, n);
    const holdings = this.deals.map((d) => ({
      accountId: d.record.accountId,
      signature: d.items.length > 0 ? d.signature : '',
      day: d.deliveryDay,
    }));
    const accountPartners = accountPartnersOf(
      this.deals.map((d) => d.record.accountId),
      this.index,
    );
    this.stats.weights = {
      ...estimateDuplicateWeights(this.deals.map((d) => d.record)),
      partnersPerDeal: Math.round(this.index.meanCandidates() * 100) / 100,
      accountPartners,
      kitRepeats: kitRepeatFigures(holdings),
      deliveryDays: deliveryDayFigures(orderDays(holdings)),
      endCustomers: endCustomerFigures(this.deals),
      busyRepeatGaps: busyRepeatGapsOf(holdings, accountPartners, this.index),
    };
    // The gaps between a customer's repeat orders of a kit counted again, each close pair by its
    // chance of being two orders under the weights just estimated (`kitRepeatFigures`): u among the
    // non-duplicates. Both counts are made with the first estimate, then both replaced.
    const deals = this.deals;
    const stats = this.stats;
    this.recountKitGaps(holdings, accountPartners);
    // How close the tenant's copies are due, fitted among one account's deals of one basket under
    // the weights just made (`copy-delivery.ts`): read by one customer's pairs due within a month.
    const copyDelivery = copyDeliveryFigures(holdings, handCloseShares(), (i, j) =>
      weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, WEIGH_FLOOR),
    );
    if (copyDelivery) this.stats.weights = { ...this.stats.weights, copyDelivery };
    // Who enters one account's deals, among its deals and among its copies (`copy-owner.ts`), fitted
    // over the same pairs under the weights just made: read by one account's two deals.
    const copyOwner = copyOwnerFigures(
      deals.map((d, i) => ({ ...(holdings[i] as (typeof holdings)[number]), ownerId: d.record.ownerId })),
      (i, j) => weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, WEIGH_FLOOR),
    );
    if (copyOwner) this.stats.weights = { ...this.stats.weights, copyOwner };
    // What a line one side lacks says when the lines matched were kept exactly, fitted over the
    // candidate pairs of a sample of deals under the weights just made (`kept-lines.ts`).
    // The same pass lists the pairs of one busy customer under two accounts for the next fit.
    const oneCustomerPairs: [number, number][] = [];
    const keptLines = this.keptLinesFit(oneCustomerPairs);
    if (keptLines) this.stats.weights = { ...this.stats.weights, keptLines };
    // How often such a pair's re-typed account holds only that deal, among them and among their
    // copies (`only-deal.ts`), fitted under the weights just made: read by `oneCustomerShift`.
    const onlyDeal = onlyDealFigures(
      oneCustomerPairs,
      (i, j) =>
        holdsOnlyTheDeal(
          (deals[i] as PreparedDeal).record.accountId,
          (deals[j] as PreparedDeal).record.accountId,
          stats,
        )
          ? 1
          : 0,
      (i, j) => weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, WEIGH_FLOOR),
    );
    if (onlyDeal) this.stats.weights = { ...this.stats.weights, onlyDeal };
    // Once more under the finished weights: the fits since read a busy customer's copies higher
    // (who entered them, how close they are due), so less of them counts as its re-orders, and its
    // copies are read against its re-orders more than against each other (probe 30k: 9 more
    // planted pairs proposed, none false). Counting until the figures settle found 2 more there
    // but cost some 0.5 CPU s a count at 100k, and generator 1 had not settled after 4 (bench/RESULTS.md).
    this.recountKitGaps(holdings, accountPartners);
    if (this.fit) this.stats.weights = fitDuplicateWeights(this, this.stats.weights);
  }

  /**
   * The kit figures' gaps (`kitRepeatFigures`) and the busy customers' (`busyRepeatGapsOf`) counted
   * with each close pair weighed by its chance of being one deal under the current weights; a pair
   * is weighed once however many counts and samples ask for it.
   */
  private recountKitGaps(
    holdings: readonly KitHolding[],
    accountPartners: Readonly<Record<string, number>>,
  ): void {
    const { deals, stats } = this;
    const chances = new Map<number, number>();
    const copyChance = (i: number, j: number) => {
      const key = Math.min(i, j) * deals.length + Math.max(i, j);
      let chance = chances.get(key);
      if (chance === undefined) {
        // Below the fits' floor a pair is a certain repeat order: -Infinity, chance 0.
        chance = chanceOfMatch(
          weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, WEIGH_FLOOR),
        );
        chances.set(key, chance);
      }
      return chance;
    };
    const kitRepeats = kitRepeatFigures(holdings, copyChance);
    const busyRepeatGaps = busyRepeatGapsOf(holdings, accountPartners, this.index, copyChance);
    this.stats.weights = { ...this.stats.weights, kitRepeats, busyRepeatGaps };
  }

  /**
   * `fitKeptLines` over the candidate pairs of the sampled deals that keep two or more lines exactly
   * and swap the others one for one, each held at its score with the hand's penalty for its swapped
   * lines added back (2.25 bits a line swapped: one on each side). Lists into `oneCustomer` the
   * sampled pairs of two accounts that read as one customer where one is busy (`only-deal.ts`).
   */
  private keptLinesFit(oneCustomer: [number, number][]): KeptLinesFigures | undefined {
    const deals = this.deals;
    const stats = this.stats;
    const pairs: KeptPair[] = [];
    let whole = 0;
    // Each deal's line count, read in one pass: `keptCopySwapped` answers −1 for two deals of
    // different sizes, or of fewer than two lines, so most of the million pairs sampled at 100k
    // are told so from this column before their lines are compared.
    const lines = Int32Array.from(deals, (d) => d.items.length);
    const sampled = sampledPairs(
      deals.length,
      (i) => this.index.candidateList(i),
      (i, j) => {
        const x = deals[i] as PreparedDeal;
        const y = deals[j] as PreparedDeal;
        if (busyOneCustomer(x, y, stats)) oneCustomer.push([i, j]);
        const size = lines[i] as number;
        if (size < 2 || size !== lines[j]) return;
        const swapped = keptCopySwapped(x, y, stats);
        if (swapped < 0) return;
        // Of the pairs with nothing swapped one in `WHOLE_STRIDE` is weighed and stands for that many.
        if (swapped === 0 && ++whole % WHOLE_STRIDE !== 0) return;
        const score = weighPair(x, y, stats, WEIGH_FLOOR);
        const count = swapped === 0 ? WHOLE_STRIDE : 1;
        pairs.push({ held: score + UNMATCHED_PENALTY * swapped, swapped, count });
      },
    );
    return fitKeptLines(pairs, UNMATCHED_PENALTY, sampled);
  }

  /** The weights this engine weighs with: given, or estimated from its own deals. */
  weights(): DuplicateWeights {
    this.weigh();
    return this.stats.weights;
  }

  /**
   * Weighs with `weights` from now on and never estimates again, as an engine given them would: the
   * engine that just estimated a tenant's weights scans with the version stored from them instead
   * of the tenant's deals being read, prepared and indexed a second time (a tenant's first scan).
   * The scan is the same as a fresh engine's with `weights` (a test holds the two to one result).
   */
  adoptWeights(weights: DuplicateWeights): this {
    this.unexplained.settle();
    this.stats.weights = weights;
    this.estimatedAt = null;
    return this;
  }

  /**
   * Every candidate pair scoring at least `floor` under the current weights, handed to `visit`
   * (the weights' fit lists them); returns how many candidate pairs there are in all.
   */
  visitCandidates(floor: number, visit: (x: PreparedDeal, y: PreparedDeal) => void): number {
    return this.eachCandidate(floor, true, (x, y) => visit(x, y));
  }

  /**
   * The scan's loop: every later candidate of every deal, skipped when the columns show it cannot
   * reach `minScore` (with `prune`), weighed, and handed to `visit` when it scores at least
   * `minScore`; `afterDeal` is told each deal done. Returns how many candidate pairs there are.
   */
  private eachCandidate(
    minScore: number,
    prune: boolean,
    visit: (x: PreparedDeal, y: PreparedDeal, score: number) => void,
    afterDeal?: (done: number) => void,
  ): number {
    const input = this.scanInput(prune);
    const deals = this.deals;
    const hit = (i: number, j: number, score: number) =>
      visit(deals[i] as PreparedDeal, deals[j] as PreparedDeal, score);
    let candidatePairs = 0;
    for (let i = 0; i < deals.length; i++) {
      candidatePairs += scoreAnchor(input, i, minScore, hit);
      afterDeal?.(i + 1);
    }
    return candidatePairs;
  }

  /** What the scan's loop reads; with `prune`, the columns it drops pairs by (built here). */
  private scanInput(prune: boolean): ScanInput {
    return {
      deals: this.deals,
      stats: this.stats,
      laterOf: (i) => this.index.laterCandidatesOf(i),
      columns: prune ? new ScanColumns(this.deals, this.stats) : null,
    };
  }

  /**
   * One deal weighed against given partners (candidates found elsewhere, e.g. in stored blocking
   * keys), each pair once: `proposed` names the partners it is proposed with, before their
   * competition; `ranked` ranks the pairs exactly as `check` would with the same statistics, once
   * the caller has read each proposed partner's own proposals (`competing-partners.ts`). Split so
   * a stored check weighs its pairs once, not once to learn its proposals and again to rank them.
   * `preparer`: shared by the checks of one request, so a deal met by several is prepared once.
   */
  static weighAgainst(
    record: DealRecord,
    partners: readonly DealRecord[],
    stats: CorpusStats,
    options: EngineScanOptions = {},
    preparer: DealPreparer = new DealPreparer(),
  ): WeighedCheck {
    const minScore = options.minScore ?? 0;
    const x = preparer.prepare(record);
    const others = partners.filter((r) => r.id !== record.id).map((r) => preparer.prepare(r));
    const found = foundAmong(x, others, stats, Math.min(minScore, PROPOSED), options.exclude);
    const own = proposedOf(found);
    return {
      proposed: own,
      ranked(rivals = new Map(), limit = options.limit) {
        for (const f of found) {
          if (f.score >= PROPOSED)
            f.competition = competitionOf(
              record.id,
              f.y.record.id,
              own,
              rivals.get(f.y.record.id) ?? new Map(),
            );
        }
        return rank(competed(found, minScore), limit, stats, null);
      },
    };
  }

  /** `weighAgainst` ranked at once, with the proposed partners' own proposals already read. */
  static checkAgainst(
    record: DealRecord,
    partners: readonly DealRecord[],
    stats: CorpusStats,
    options: EngineScanOptions = {},
    rivals: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
  ): DealDuplicate[] {
    return DealDuplicateEngine.weighAgainst(record, partners, stats, options).ranked(rivals);
  }

  /**
   * The partners a deal is proposed with (id → score, at or above `PROPOSED`) among the given ones,
   * before the competition between them (`competing-partners.ts`): what a stored check reads for
   * each partner it proposes, to weigh its proposal as the scan does.
   */
  static proposedAmong(
    record: DealRecord,
    partners: readonly DealRecord[],
    stats: CorpusStats,
    exclude?: (a: DealRecord, b: DealRecord) => boolean,
    preparer?: DealPreparer,
  ): Map<string, number> {
    return new Map(
      DealDuplicateEngine.weighAgainst(record, partners, stats, { minScore: PROPOSED, exclude }, preparer)
        .proposed,
    );
  }

  get size(): number {
    return this.deals.length;
  }

  add(record: DealRecord): void {
    if (this.ordinals.has(record.id)) throw new Error(`deal ${record.id} is already indexed`);
    this.unexplained.settle();
    const prepared = this.preparer.prepare(record);
    this.ordinals.set(record.id, this.index.add(prepared));
    this.deals.push(prepared);
    if (this.ownStats) this.stats.addBasket(record, prepared.tokens, prepared.signature, prepared.items);
  }

  /** Scores one pair of indexed deals, with its signals in words (for tests and the bench). */
  score(aId: string, bId: string): PairScore {
    this.weigh();
    return scorePair(this.prepared(aId), this.prepared(bId), this.stats);
  }

  /** Every candidate pair once, as ordinals `i < j` (the bench measures completeness on it). */
  *candidatePairs(): Generator<[number, number]> {
    for (let i = 0; i < this.deals.length; i++) {
      // Copied: the index reuses its answer's buffer, and a consumer may scan between two yields.
      for (const j of Array.from(this.index.laterCandidatesOf(i))) yield [i, j];
    }
  }

  recordAt(ordinal: number): DealRecord {
    const deal = this.deals[ordinal];
    if (!deal) throw new Error(`no deal at ${ordinal}`);
    return deal.record;
  }

  /** The full scan: every candidate pair scored once, best first, on the calling thread. */
  scan(options: EngineScanOptions = {}): ScanReport {
    this.weigh();
    const minScore = options.minScore ?? 0;
    const found: Found[] = [];
    const total = this.deals.length;
    const onProgress = options.onProgress;
    const candidatePairs = this.eachCandidate(
      Math.min(minScore, PROPOSED),
      options.prune ?? true,
      this.keeper(found, options),
      onProgress && ((done) => (done % PROGRESS_EVERY === 0 || done === total) && onProgress(done, total)),
    );
    if (total === 0) options.onProgress?.(0, 0);
    return this.report(found, candidatePairs, options);
  }

  /**
   * `scan` with its scored stage on `options.threads` threads (`scan-threads.ts`; `scan` itself
   * runs on the calling thread whatever `threads` says): the index and statistics built once here
   * and handed to the workers before the weights are estimated (the weights after), the deals split between the
   * threads, the same pairs scored, ranked as `scan` ranks them — the same result. One thread, or
   * `prune: false`, is `scan` itself. A failed thread fails the scan (`DuplicateScanThreadError`).
   * `started`: workers started before this engine was built (`startScanThreads`), used in place of
   * `threads` and ended with the scan, whichever way it ends.
   */
  async scanAsync(options: EngineScanOptions = {}, started: ScanThreads | null = null): Promise<ScanReport> {
    let pool = started;
    try {
      // Checked here too: a bad count would start workers before the typed array sized by it refused it.
      checkScanOptions({ threads: options.threads });
      const threads = pool?.threads ?? threadsFor(options.threads, this.deals.length);
      if (threads <= 1 || !(options.prune ?? true) || this.deals.length === 0) return this.scan(options);
      pool ??= new ScanThreads(threads);
      const deals = this.deals;
      const share = { deals, stats: this.stats, blocks: this.index.laidBlocks() };
      // Sent before the weights are estimated: the workers receive the deals while this thread
      // weighs, then only the weights once they are made (the estimate replaces them, never edits them).
      pool.share(share);
      this.weigh();
      const minScore = options.minScore ?? 0;
      const found: Found[] = [];
      const total = deals.length;
      const keep = this.keeper(found, options);
      const onProgress = options.onProgress;
      let told = 0;
      const candidatePairs = await pool.score(
        share,
        () => this.scanInput(true),
        Math.min(minScore, PROPOSED),
        (i, j, score) => keep(deals[i] as PreparedDeal, deals[j] as PreparedDeal, score),
        onProgress &&
          ((done) => {
            // Told at each thousand deals passed, as `scan` tells it, and at the end.
            const step = done === total ? done : done - (done % PROGRESS_EVERY);
            if (step > told) {
              told = step;
              onProgress(step, total);
            }
          }),
      );
      if (onProgress && told < total) onProgress(total, total);
      return this.report(found, candidatePairs, options);
    } finally {
      await pool?.close();
    }
  }

  /** The scan's `visit`: a pair that reached the floor kept unless excluded. */
  private keeper(found: Found[], options: EngineScanOptions) {
    return (x: PreparedDeal, y: PreparedDeal, score: number) => {
      if (!options.exclude?.(x.record, y.record)) found.push({ x, y, score, competition: null });
    };
  }

  private report(found: Found[], candidatePairs: number, options: EngineScanOptions): ScanReport {
    const explain = (options.prune ?? true) ? this.unexplained : null;
    const proposals = proposalsOf(found.map((f) => ({ a: f.x.record.id, b: f.y.record.id, score: f.score })));
    for (const f of found) {
      if (f.score >= PROPOSED) f.competition = competitionIn(proposals, f.x.record.id, f.y.record.id);
    }
    return {
      pairs: rank(competed(found, options.minScore ?? 0), options.limit, this.stats, explain),
      candidatePairs,
      blocking: this.index.stats(),
    };
  }

  /**
   * The incremental check: one deal (indexed or not) against everything indexed, through the same
   * blocking keys, so it finds exactly the partners the full scan pairs it with.
   */
  check(record: DealRecord, options: EngineScanOptions = {}): DealDuplicate[] {
    this.weigh();
    const minScore = options.minScore ?? 0;
    const self = this.ordinals.get(record.id) ?? -1;
    const x = self >= 0 ? (this.deals[self] as PreparedDeal) : this.preparer.prepare(record);
    const candidates = self >= 0 ? this.index.candidatesOf(self) : this.index.candidates(x);
    const found = foundAmong(
      x,
      this.dealsAt(candidates),
      this.stats,
      Math.min(minScore, PROPOSED),
      options.exclude,
    );
    // Each partner proposed is weighed against its own other proposals, as the scan weighs it.
    const own = proposedOf(found);
    for (const f of found) {
      if (f.score < PROPOSED) continue;
      const theirs = this.proposedWith(f.y, options);
      // A deal checked before it is indexed is one of its partners' proposals all the same.
      theirs.set(x.record.id, f.score);
      f.competition = competitionOf(x.record.id, f.y.record.id, own, theirs);
    }
    return rank(competed(found, minScore), options.limit, this.stats, null);
  }

  /** The indexed deals `y` is proposed with (id → score before the competition). */
  private proposedWith(y: PreparedDeal, options: EngineScanOptions): Map<string, number> {
    const self = this.ordinals.get(y.record.id);
    if (self === undefined) return new Map();
    return proposedOf(
      foundAmong(y, this.dealsAt(this.index.candidatesOf(self)), this.stats, PROPOSED, options.exclude),
    );
  }

  /** The indexed deals at these ordinals, as they are read. */
  private *dealsAt(ordinals: Iterable<number>): Generator<PreparedDeal> {
    for (const j of ordinals) yield this.deals[j] as PreparedDeal;
  }

  private prepared(id: string): PreparedDeal {
    const deal = this.deals[this.ordinals.get(id) ?? -1];
    if (!deal) throw new Error(`deal ${id} is not indexed`);
    return deal;
  }
}

/** A pair that reached the floor, with its score in bits (before its competition, when it has one). */
interface Found {
  x: PreparedDeal;
  y: PreparedDeal;
  score: number;
  competition: Competition | null;
}

/** One deal's pairs with the given deals that reach `floor` (excluded pairs left out), each weighed once. */
function foundAmong(
  x: PreparedDeal,
  ys: Iterable<PreparedDeal>,
  stats: CorpusStats,
  floor: number,
  exclude?: (a: DealRecord, b: DealRecord) => boolean,
): Found[] {
  const found: Found[] = [];
  for (const y of ys) {
    if (exclude?.(x.record, y.record)) continue;
    const score = weighPair(x, y, stats, floor);
    if (score >= floor) found.push({ x, y, score, competition: null });
  }
  return found;
}

/** A deal weighed against its partners, before the ranking (`DealDuplicateEngine.weighAgainst`). */
export interface WeighedCheck {
  /** Partner id → score, for the partners proposed (at or above `PROPOSED`) before their competition. */
  readonly proposed: ReadonlyMap<string, number>;
  /** The pairs ranked, each proposed partner weighed against `rivals.get(its id)`: its own proposals. */
  ranked(rivals?: ReadonlyMap<string, ReadonlyMap<string, number>>, limit?: number): DealDuplicate[];
}

/** The checked deal's proposals among its found pairs (partner id → score). */
function proposedOf(found: readonly Found[]): Map<string, number> {
  const own = new Map<string, number>();
  for (const f of found) if (f.score >= PROPOSED) own.set(f.y.record.id, f.score);
  return own;
}

/** The found pairs with their competition's bits taken off, those still at or above `minScore`. */
function competed(found: readonly Found[], minScore: number): Found[] {
  const kept: Found[] = [];
  for (const f of found) {
    const score = competedScore(f.score, f.competition);
    if (score >= minScore) kept.push(score === f.score ? f : { ...f, score });
  }
  return kept;
}

/**
 * Copies first (see `isCopy`), then best score first; only the pairs returned are weighed again
 * with words, to explain them — at once, or when first read (`later`; a full scan returns far more
 * pairs than anyone reads).
 */
function rank(
  found: Found[],
  limit: number | undefined,
  stats: CorpusStats,
  later: ExplainedLater | null,
): DealDuplicate[] {
  // Each pair's copy flag and key worked out once, not in every comparison of the sort.
  const ranked = found.map((f) => ({
    f,
    copy: f.score >= 0 && isCopy(f.x, f.y, stats),
    key: pairKey(f.x.record.id, f.y.record.id),
  }));
  ranked.sort((p, q) => Number(q.copy) - Number(p.copy) || q.f.score - p.f.score || (p.key < q.key ? -1 : 1));
  return ranked
    .slice(0, limit ?? 50)
    .map(({ f, copy }) =>
      later
        ? later.pair(f.x, f.y, f.score, copy, stats, f.competition)
        : toDuplicate(f.x, f.y, withCompetition(f.x, f.y, scorePair(f.x, f.y, stats), f.competition), copy),
    );
}

/**
 * An exact or near-exact copy: one customer (the account, or a shared phone or credit code), the
 * same basket to the quantity band, delivery within a week — and a basket no other deal holds, so
 * a standard kit a customer re-orders is not a copy. A manager's queue starts with these.
 */
export function isCopy(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): boolean {
  if (x.items.length === 0 || x.signature !== y.signature) return false;
  const sameCustomer =
    x.record.accountId === y.record.accountId ||
    x.record.accountKeys.some((k) => y.record.accountKeys.includes(k));
  if (!sameCustomer) return false;
  if ((x.deliveryDay === null) !== (y.deliveryDay === null)) return false;
  if (x.deliveryDay !== null && y.deliveryDay !== null && Math.abs(x.deliveryDay - y.deliveryDay) > 7)
    return false;
  return !isCommonBasket(x.signature, stats);
}

/**
 * The delivery days of the tenant's orders: a customer's copies of one order (one basket, one day)
 * count once, so a deal entered eight times does not make its own day common (`delivery-days.ts`).
 */
function orderDays(holdings: readonly KitHolding[]): (number | null)[] {
  const seen = new Set<string>();
  const days: (number | null)[] = [];
  for (const { accountId, signature, day } of holdings) {
    if (day !== null && signature !== '') {
      const key = `${accountId}\u0000${signature}\u0000${day}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    days.push(day);
  }
  return days;
}

/** Two accounts' deals that read as one customer where one account is busy: the pairs `oneCustomerShift` moves. */
function busyOneCustomer(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): boolean {
  const [xAccount, yAccount] = [x.record.accountId, y.record.accountId];
  if (xAccount === yAccount) return false;
  if (!readAgainstCompared(stats, xAccount) && !readAgainstCompared(stats, yAccount)) return false;
  return readsAsOneCustomer(measureCustomer(x, y, stats));
}
