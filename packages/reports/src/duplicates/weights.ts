import { isBusyRepeatGaps } from './busy-repeat-gaps.js';
import { type CopyDeliveryFigures, isCopyDeliveryFigures } from './copy-delivery.js';
import { type CopyOwnerFigures, isCopyOwnerFigures } from './copy-owner.js';
import { isKitRepeatFigures, type KitRepeatFigures, type RepeatGaps } from './customer-kits.js';
import { type DeliveryDayFigures, isDeliveryDayFigures } from './delivery-days.js';
import { type EndCustomerFigures, isEndCustomerFigures } from './end-customers.js';
import {
  ExactAmountCounter,
  type ExactAmountFigures,
  exactAmountFigures,
  isExactAmountFigures,
} from './exact-amount.js';
import { isKeptLinesFigures, type KeptLinesFigures } from './kept-lines.js';
import { seeded } from './minhash.js';
import { isOnlyDealFigures, type OnlyDealFigures } from './only-deal.js';
import { dayNumber } from './prepared-deal.js';
import type { DealRecord } from './types.js';

/**
 * The tenant's own u-probabilities: how often each comparison level occurs between two deals drawn
 * at random from the tenant (Fellegi–Sunter's u; Splink estimates it the same way). Where tenants
 * differ is here — one delivers at month-ends, one sells standard kits at list price, one has a
 * customer with a fifth of all deals — and random pairs measure it robustly, with no labels.
 *
 * The hand weights of `measures.ts` are log2(m / u₀) with u₀ = `REFERENCE_CANDIDATE_U` below; a
 * tenant's weight is log2(m / u) = hand weight + log2(u₀ / u), u measured among its candidate pairs
 * (deals sharing a product line, `candidatePairsOf`): the prior is per candidate pair, so a u per
 * random pair would count twice whatever the blocking selected on (a shared line brings a close
 * amount with it). The random-pair u (`u`) is kept: it says how common a level is in words, and it
 * stands in for the candidate u until a tenant has candidate pairs enough. The m-probabilities
 * (how often one deal entered twice shows the level) stay the hand priors: EM over the candidate
 * pairs was tried and took "blocked together" for "one deal" (bench/RESULTS.md, issue 14).
 */
export const U_LEVELS = [
  'delivery.same_day',
  'delivery.within_week',
  'delivery.within_month',
  'delivery.within_quarter',
  'delivery.further',
  'amount.same',
  'amount.close',
  'amount.different',
  'amount.far',
  'region.different',
  'kind.different',
] as const;
export type ULevel = (typeof U_LEVELS)[number];

/** One estimate of a tenant's u-probabilities, as stored (JSON) and versioned with the tenant. */
export interface DuplicateWeights {
  /** 1, 2, … per tenant as re-estimated; 0 for `REFERENCE_WEIGHTS` (nothing estimated yet). */
  version: number;
  /** Open deals the estimate was drawn from. */
  deals: number;
  /** Random pairs of them compared. */
  pairs: number;
  /** u per level, each among the pairs where both deals have the value compared. */
  u: Readonly<Record<ULevel, number>>;
  /**
   * u per level among the tenant's candidate pairs (`candidatePairsOf`): what the weights are moved
   * by when present; absent in estimates stored before it existed (then `u` moves them).
   */
  candidateU?: Readonly<Record<ULevel, number>>;
  /** Candidate pairs `candidateU` was measured on. */
  candidatePairs?: number;
  /**
   * How many other deals one deal is compared with, on average (its candidate partners in the
   * scan's blocking): the denominator of "a candidate partner holds this exact basket too", the u a
   * standard kit is weighed by (`commonBasketCap`). Absent in estimates made before it (then all
   * deals are that denominator, as the random-pair reading had it).
   */
  partnersPerDeal?: number;
  /**
   * How matched lines of two baskets are read (`line-reading.ts`): 'co-occurrence' = the first one
   * against the partners a deal is compared with, each further one by how often the tenant's deals
   * holding the lines already matched hold it too (counted in the statistics, not stored here).
   * Absent in estimates made before it: each further line then adds at most the hand rule's 1.5 bits.
   */
  lineReading?: 'co-occurrence';
  /**
   * Per customer with more open deals than the block cap (its account block does not pair them):
   * how many of its other deals one deal of it is compared with (`account-reading.ts`), what "the
   * same customer" is read against for it. Absent for other customers (a deal meets all its
   * customer's deals) and in estimates made before it (then every customer is read against all its deals).
   */
  accountPartners?: Readonly<Record<string, number>>;
  /**
   * Each standard kit's buyers and repeat orders, the tenant's repeat rate and the delivery gaps
   * between one customer's orders of one kit (`customer-kits.ts`): what one customer's two deals of
   * one kit are read against (`kit-repeats.ts`). Absent in estimates made before it (then the kit
   * is read against the partners compared only, as for two customers).
   */
  kitRepeats?: KitRepeatFigures;
  /**
   * The tenant's deals by delivery day (`delivery-days.ts`): what "the same day" is read against
   * for the day a pair shares. Absent in estimates made before it (then the level's u alone).
   */
  deliveryDays?: DeliveryDayFigures;
  /**
   * The tenant's deals by end customer (`end-customers.ts`): what "the same end customer" is read
   * against for the end customer a pair shares. Absent in estimates made before it (then the level alone).
   */
  endCustomers?: EndCustomerFigures;
  /**
   * Per busy customer (those `accountPartners` lists): the delivery gaps between its own compared
   * deals holding one basket (`busy-repeat-gaps.ts`), what its two deals of one kit are read
   * against. Absent in estimates made before it (then such a pair gets no kit reading).
   */
  busyRepeatGaps?: Readonly<Record<string, RepeatGaps>>;
  /**
   * How often two candidate deals with amounts within 5% agree to the fen (`exact-amount.ts`): what
   * "the same amount" is read against. Absent in estimates made before it (then the fen adds nothing).
   */
  exactAmount?: ExactAmountFigures;
  /**
   * How close the tenant's copies are due: the m of the same day, within a week and within a month
   * fitted among one customer's deals of one basket (`copy-delivery.ts`). Absent in estimates made
   * before it (then the hand m of those levels weigh); not read when `m` is fitted.
   */
  copyDelivery?: CopyDeliveryFigures;
  /**
   * Who enters one customer's deals: how often two of one account's deals are entered by two people,
   * among its deals and among its copies (`copy-owner.ts`). Absent in estimates made before it (then
   * the owner is not read).
   */
  copyOwner?: CopyOwnerFigures;
  /**
   * How often a busy customer's re-typed account holds only the deal compared, among the pairs that
   * read as that customer under two accounts and among their copies (`only-deal.ts`). Absent in
   * estimates made before it (then the level is not read).
   */
  onlyDeal?: OnlyDealFigures;
  /**
   * What a line one side lacks says when the lines two deals match were kept exactly: its m among the
   * tenant's copies and u among its other pairs of that kind (`kept-lines.ts`). Absent in estimates
   * made before it, and for a tenant with few such copies (then the hand penalty weighs).
   */
  keptLines?: KeptLinesFigures;
  /**
   * m per level fitted by expectation–maximisation over the tenant's candidate pairs (`fit-weights.ts`),
   * from the hand priors; absent in estimates made before it (then the hand priors, moved by u, weigh).
   * `region.different` and `kind.different` stand for their comparison: "same" is 1 − m of it.
   */
  m?: Readonly<Record<ULevel, number>>;
  /** λ: the share of duplicates among the candidate pairs, fitted with `m`; the prior is log2(λ / (1 − λ)). */
  lambda?: number;
  /** How the fit went. */
  fit?: DuplicateFit;
}

/** What the expectation–maximisation of one estimate saw and did. */
export interface DuplicateFit {
  /** Candidate pairs λ is a share of. */
  candidatePairs: number;
  /** Pairs listed to the fit: those that could be duplicates at all (the rest count as certain non-duplicates). */
  pairs: number;
  /** Duplicates the fit expects among the candidate pairs (Σ of the posteriors). */
  expectedMatches: number;
  iterations: number;
  converged: boolean;
  /** The fitted λ and m, kept whether used or not. */
  lambda: number;
  m: Readonly<Record<ULevel, number>>;
  /** Why the fit is not used (absent: it is, as `DuplicateWeights.m` and `lambda`). */
  rejected?: 'not_converged' | 'too_many' | 'not_monotone';
}

/**
 * u₀: the u-probabilities the hand weights were set against — random pairs of the 10,000-deal
 * benchmark corpus they were tuned on (bench/duplicates-data.ts, measured with
 * `estimateDuplicateWeights`). A tenant like that one keeps the hand weights exactly.
 */
export const REFERENCE_U: Readonly<Record<ULevel, number>> = Object.freeze({
  'delivery.same_day': 0.0014,
  'delivery.within_week': 0.0195,
  'delivery.within_month': 0.063,
  'delivery.within_quarter': 0.153,
  'delivery.further': 0.763,
  'amount.same': 0.036,
  'amount.close': 0.041,
  'amount.different': 0.114,
  'amount.far': 0.809,
  'region.different': 0.911,
  'kind.different': 0.723,
});

/**
 * The customer's term frequency (Splink's tf adjustment on "same account"): in that corpus a deal's
 * customer had on average 2.35 other open deals. A customer with many more makes "the same
 * customer" weak evidence — its legitimate re-orders share it too — and one with none makes it
 * strong: the weight moves by log2(2.35 / other deals of the customer).
 */
export const REFERENCE_OTHER_DEALS = 2.35;

/**
 * Candidate partners per deal (`DuplicateWeights.partnersPerDeal`) in the corpus `PRIOR_WEIGHT` and
 * the customer's hand weight were tuned on: generator 1 at 10,000 deals
 * (bench/duplicates-weights-by-n.ts, 62.87).
 */
export const REFERENCE_PARTNERS_PER_DEAL = 63;
export const ACCOUNT_ADJUST_MIN = -8;
export const ACCOUNT_ADJUST_MAX = 1.5;

/** Bits "the same customer" moves for a customer with `deals` open deals in all. */
export function accountAdjustment(deals: number): number {
  const shift = Math.log2(REFERENCE_OTHER_DEALS / Math.max(1, deals - 1));
  return Math.min(ACCOUNT_ADJUST_MAX, Math.max(ACCOUNT_ADJUST_MIN, shift));
}

export const REFERENCE_WEIGHTS: DuplicateWeights = Object.freeze({
  version: 0,
  deals: 0,
  pairs: 0,
  u: REFERENCE_U,
});

/** Pseudo-pairs that carry u₀: a small tenant's few pairs (not independent: each deal is in many) move its weights little. */
const PSEUDO_PAIRS = 5000;
/** Random pairs drawn; a tenant with fewer pairs than this is compared pair by pair. */
export const DEFAULT_SAMPLE_PAIRS = 50_000;
/** A weight moves at most this far below / above its hand value: u is evidence, not a switch. */
export const ADJUST_MIN = -6;
export const ADJUST_MAX = 3;

/** Which comparison, and whether both deals have the value it compares. */
const COMPARISON_OF: Record<ULevel, string> = Object.fromEntries(
  U_LEVELS.map((level) => [level, level.slice(0, level.indexOf('.'))]),
) as Record<ULevel, string>;

export function deliveryLevel(a: number, b: number): ULevel | null {
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  const days = Math.abs(a - b);
  if (days === 0) return 'delivery.same_day';
  if (days <= 7) return 'delivery.within_week';
  if (days <= 30) return 'delivery.within_month';
  return days <= 90 ? 'delivery.within_quarter' : 'delivery.further';
}

export function amountLevel(a: number, b: number, sameCurrency: boolean): ULevel | null {
  if (!sameCurrency || a <= 0 || b <= 0) return null;
  const ratio = Math.min(a, b) / Math.max(a, b);
  if (ratio >= 0.95) return 'amount.same';
  if (ratio >= 0.8) return 'amount.close';
  return ratio >= 0.5 ? 'amount.different' : 'amount.far';
}

/** Uniform in [0, 1), deterministic per seed: one tenant's estimate is the same on every run. */
function random(seed: number): () => number {
  const next = seeded(seed);
  return () => next() / 4294967296;
}

/** Every pair of `n` when few, else `count` pairs drawn at random (without the same deal twice). */
function* pairsOf(n: number, count: number, seed: number): Generator<[number, number]> {
  if ((n * (n - 1)) / 2 <= count) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
    return;
  }
  const next = random(seed);
  for (let k = 0; k < count; k++) {
    const i = Math.floor(next() * n);
    let j = Math.floor(next() * (n - 1));
    if (j >= i) j++;
    yield [i, j];
  }
}

interface Sampled {
  day: number;
  amount: number;
  currency: string;
  province: string | null;
  kind: string | null;
}

function sampled(r: DealRecord): Sampled {
  return {
    day: r.requiredDelivery ? dayNumber(r.requiredDelivery) : Number.NaN,
    amount: r.amountMinor,
    currency: r.currency,
    province: r.province,
    kind: r.accountKind,
  };
}

/** The levels one pair shows, and the comparisons it could be measured on. */
function levelsOf(a: Sampled, b: Sampled, into: (level: ULevel | null, comparison: string) => void): void {
  into(deliveryLevel(a.day, b.day), 'delivery');
  into(amountLevel(a.amount, b.amount, a.currency === b.currency), 'amount');
  if (a.province !== null && b.province !== null)
    into(a.province !== b.province ? 'region.different' : null, 'region');
  if (a.kind !== null && b.kind !== null) into(a.kind !== b.kind ? 'kind.different' : null, 'kind');
}

export interface EstimateOptions {
  /** Random pairs to compare (default 50,000). */
  pairs?: number;
  seed?: number;
  /** The version the estimate is stored under (default 1). */
  version?: number;
}

/**
 * The tenant's u per level from random pairs of its deals, each shrunk towards u₀ by
 * `PSEUDO_PAIRS` pseudo-pairs — so a 3-deal tenant keeps the hand weights and a 10,000-deal one
 * speaks for itself. Deterministic for one set of deals in one order.
 */
export function estimateDuplicateWeights(
  records: readonly DealRecord[],
  options: EstimateOptions = {},
): DuplicateWeights {
  const deals = records.map(sampled);
  const seed = options.seed ?? 14;
  // The fen is counted on random and candidate pairs alike: past the block cap few candidate pairs
  // are sampled (2,347 at 30,000 deals of generator 2), and a price list or a quote's discount makes
  // two deals' amounts agree whether or not they share a line.
  const exact = new ExactAmountCounter();
  const random = uOfPairs(
    deals,
    withinFivePercent(deals, pairsOf(deals.length, options.pairs ?? DEFAULT_SAMPLE_PAIRS, seed), exact),
    REFERENCE_U,
  );
  // Few candidate pairs (a small tenant, or one whose lines are all small) speak little: until they
  // do, the candidate u is the reference's moved as the tenant's random pairs move it.
  const expected = Object.fromEntries(
    U_LEVELS.map((level) => [
      level,
      Math.min(0.99, (REFERENCE_CANDIDATE_U[level] * random.u[level]) / REFERENCE_U[level]),
    ]),
  ) as Record<ULevel, number>;
  const candidates = uOfPairs(
    deals,
    withinFivePercent(deals, candidatePairsOf(records, options.pairs ?? DEFAULT_SAMPLE_PAIRS, seed), exact),
    expected,
  );
  return {
    version: options.version ?? 1,
    deals: deals.length,
    pairs: random.pairs,
    u: random.u,
    candidateU: candidates.u,
    candidatePairs: candidates.pairs,
    lineReading: 'co-occurrence',
    exactAmount: exactAmountFigures(exact, ownExact(records, deals, seed)),
  };
}

/**
 * Pairs of one customer's deals within 5% counted: each deal with another of its customer's drawn at
 * random (not the next one entered: a copy is often entered right after its original).
 */
function ownExact(
  records: readonly DealRecord[],
  deals: readonly Sampled[],
  seed: number,
): ExactAmountCounter {
  const counter = new ExactAmountCounter();
  const byAccount = new Map<string, number[]>();
  records.forEach((r, i) => {
    const own = byAccount.get(r.accountId);
    if (own) own.push(i);
    else byAccount.set(r.accountId, [i]);
  });
  const next = random(seed + 2);
  for (const own of byAccount.values()) {
    if (own.length < 2) continue;
    for (let k = 0; k < own.length; k++) {
      let other = Math.floor(next() * (own.length - 1));
      if (other >= k) other++;
      const [a, b] = [deals[own[k] as number] as Sampled, deals[own[other] as number] as Sampled];
      if (amountLevel(a.amount, b.amount, a.currency === b.currency) === 'amount.same')
        counter.add(a.amount, b.amount);
    }
  }
  return counter;
}

/** `pairs` passed on, those with amounts within 5% counted into `counter` on the way. */
function* withinFivePercent(
  deals: readonly Sampled[],
  pairs: Iterable<[number, number]>,
  counter: ExactAmountCounter,
): Generator<[number, number]> {
  for (const pair of pairs) {
    const [a, b] = [deals[pair[0]] as Sampled, deals[pair[1]] as Sampled];
    if (amountLevel(a.amount, b.amount, a.currency === b.currency) === 'amount.same')
      counter.add(a.amount, b.amount);
    yield pair;
  }
}

/** u per level over `pairs`, each shrunk towards `prior` by `PSEUDO_PAIRS` pseudo-pairs. */
function uOfPairs(
  deals: readonly Sampled[],
  pairs: Iterable<[number, number]>,
  prior: Readonly<Record<ULevel, number>>,
): { pairs: number; u: Record<ULevel, number> } {
  const hits = new Map<string, number>();
  const known = new Map<string, number>();
  let count = 0;
  for (const [i, j] of pairs) {
    count++;
    levelsOf(deals[i] as Sampled, deals[j] as Sampled, (level, comparison) => {
      // Delivery and amount levels are null only when a value is missing: not measured then.
      if (level === null && (comparison === 'delivery' || comparison === 'amount')) return;
      known.set(comparison, (known.get(comparison) ?? 0) + 1);
      if (level !== null) hits.set(level, (hits.get(level) ?? 0) + 1);
    });
  }
  const u = Object.fromEntries(
    U_LEVELS.map((level) => {
      const seen = known.get(COMPARISON_OF[level]) ?? 0;
      return [level, ((hits.get(level) ?? 0) + PSEUDO_PAIRS * prior[level]) / (seen + PSEUDO_PAIRS)];
    }),
  ) as Record<ULevel, number>;
  return { pairs: count, u };
}

/** Lines below this quantity make no candidate key (as in the blocking's `ri` keys). */
const CANDIDATE_LINE_FROM = 10;
/** Blocks larger than this pair nothing in the scan (`DEFAULT_MAX_BLOCK`), so none here either. */
const CANDIDATE_MAX_BLOCK = 100;

/**
 * Pairs of deals that share a line — one SKU in one decade of quantity, the blocking's `ri` key —
 * drawn at random (every pair when fewer than `count`). These are the pairs the scan weighs, and
 * the key is built on none of the comparisons measured here (delivery, amount, province, kind), so
 * what the blocking selected on is measured among candidates, not counted again. Duplicates are
 * some 1 in 1,000 of them: the bulk stands for the non-duplicates.
 */
function* candidatePairsOf(
  records: readonly DealRecord[],
  count: number,
  seed: number,
): Generator<[number, number]> {
  const blocks = new Map<string, number[]>();
  records.forEach((r, index) => {
    const skus = new Set<string>();
    for (const line of r.lines) {
      if (line.quantity < CANDIDATE_LINE_FROM) continue;
      const key = `${line.sku}|${Math.floor(Math.log10(line.quantity))}`;
      if (skus.has(key)) continue;
      skus.add(key);
      const members = blocks.get(key);
      if (members) members.push(index);
      else blocks.set(key, [index]);
    }
  });
  const pairing = [...blocks.values()].filter((m) => m.length >= 2 && m.length <= CANDIDATE_MAX_BLOCK);
  const cumulative: number[] = [];
  let total = 0;
  for (const m of pairing) {
    total += (m.length * (m.length - 1)) / 2;
    cumulative.push(total);
  }
  if (total <= count) {
    for (const m of pairing)
      for (let i = 0; i < m.length; i++)
        for (let j = i + 1; j < m.length; j++) yield [m[i] as number, m[j] as number];
    return;
  }
  const next = random(seed + 1);
  for (let k = 0; k < count; k++) {
    // A block by its share of the pairs, then a pair within it: uniform over the candidate pairs.
    const target = next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    const m = pairing[lo] as number[];
    const i = Math.floor(next() * m.length);
    let j = Math.floor(next() * (m.length - 1));
    if (j >= i) j++;
    yield [m[i] as number, m[j] as number];
  }
}

/**
 * u₀ among candidate pairs: the same reference corpus's candidate pairs (`candidatePairsOf`),
 * measured with `estimateDuplicateWeights`. The hand weights are read as log2(m / u₀) against these.
 */
export const REFERENCE_CANDIDATE_U: Readonly<Record<ULevel, number>> = Object.freeze({
  'delivery.same_day': 0.0013,
  'delivery.within_week': 0.019,
  'delivery.within_month': 0.0565,
  'delivery.within_quarter': 0.1553,
  'delivery.further': 0.77,
  'amount.same': 0.0388,
  'amount.close': 0.1237,
  'amount.different': 0.3126,
  'amount.far': 0.5239,
  'region.different': 0.9133,
  'kind.different': 0.7487,
});

/** The u the weights are read against: among candidate pairs when measured, else among random pairs. */
export function uOf(weights: DuplicateWeights, level: ULevel): number {
  return (weights.candidateU ?? weights.u)[level];
}

/** The m of "the same value" of a two-level comparison (province, customer kind), when fitted. */
export function mSame(
  weights: DuplicateWeights,
  different: 'region.different' | 'kind.different',
): number | null {
  return weights.m ? 1 - weights.m[different] : null;
}

/** Bits a level's hand weight moves for this tenant: log2(u₀ / u), bounded. */
export function uAdjustment(weights: DuplicateWeights, level: ULevel): number {
  const shift = weights.candidateU
    ? Math.log2(REFERENCE_CANDIDATE_U[level] / weights.candidateU[level])
    : Math.log2(REFERENCE_U[level] / weights.u[level]);
  return Math.min(ADJUST_MAX, Math.max(ADJUST_MIN, shift));
}

/** Whether a stored document is a usable estimate (an older or foreign shape is ignored). */
export function isDuplicateWeights(doc: unknown): doc is DuplicateWeights {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<DuplicateWeights>;
  if (typeof d.version !== 'number' || typeof d.u !== 'object' || d.u === null) return false;
  if (d.candidateU !== undefined && !isUTable(d.candidateU)) return false;
  if (d.m !== undefined && !isUTable(d.m)) return false;
  if (d.lambda !== undefined && !(typeof d.lambda === 'number' && d.lambda > 0 && d.lambda < 1)) return false;
  if (d.partnersPerDeal !== undefined && !(typeof d.partnersPerDeal === 'number' && d.partnersPerDeal >= 0))
    return false;
  if (d.lineReading !== undefined && d.lineReading !== 'co-occurrence') return false;
  if (d.accountPartners !== undefined && !isCountTable(d.accountPartners)) return false;
  if (d.kitRepeats !== undefined && !isKitRepeatFigures(d.kitRepeats)) return false;
  if (d.deliveryDays !== undefined && !isDeliveryDayFigures(d.deliveryDays)) return false;
  if (d.endCustomers !== undefined && !isEndCustomerFigures(d.endCustomers)) return false;
  if (d.busyRepeatGaps !== undefined && !isBusyRepeatGaps(d.busyRepeatGaps)) return false;
  if (d.exactAmount !== undefined && !isExactAmountFigures(d.exactAmount)) return false;
  if (d.copyDelivery !== undefined && !isCopyDeliveryFigures(d.copyDelivery)) return false;
  if (d.copyOwner !== undefined && !isCopyOwnerFigures(d.copyOwner)) return false;
  if (d.onlyDeal !== undefined && !isOnlyDealFigures(d.onlyDeal)) return false;
  if (d.keptLines !== undefined && !isKeptLinesFigures(d.keptLines)) return false;
  return isUTable(d.u);
}

function isCountTable(table: unknown): boolean {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return false;
  return Object.values(table).every((n) => typeof n === 'number' && n >= 0);
}

function isUTable(table: unknown): boolean {
  if (typeof table !== 'object' || table === null) return false;
  const u = table as Record<string, unknown>;
  return U_LEVELS.every((level) => typeof u[level] === 'number' && (u[level] as number) > 0);
}
