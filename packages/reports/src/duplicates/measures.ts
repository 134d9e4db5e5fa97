import { diceBigrams } from '../names/chinese-text.js';
import { type CompanyName, compareCompanyNames, registeredApart } from '../names/company-name.js';
import { businessRelation } from '../names/industry-words.js';
import { comparedOwnDeals, readAgainstCompared } from './account-reading.js';
import { clamp } from './basket.js';
import { CLOSE_LEVELS, copyShare, mayReadCopies } from './copy-delivery.js';
import { ownerFigures, ownerShiftMost } from './copy-owner.js';
import type { CorpusStats } from './corpus-stats.js';
import { sharedDay } from './delivery-days.js';
import { readEndCustomer, sharedEndCustomer } from './end-customers.js';
import { industryConcepts } from './entities/company-facets.js';
import { exactAmountShift } from './exact-amount.js';
import { mayBeOneCustomer } from './kit-repeats.js';
import { onlyDealFiguresOf, onlyDealShift } from './only-deal.js';
import type { PreparedDeal } from './prepared-deal.js';
import {
  ADJUST_MAX,
  ADJUST_MIN,
  accountAdjustment,
  amountLevel,
  type DuplicateWeights,
  deliveryLevel,
  mSame,
  REFERENCE_CANDIDATE_U,
  REFERENCE_PARTNERS_PER_DEAL,
  type ULevel,
  uAdjustment,
} from './weights.js';

/**
 * One comparison's outcome in numbers only: its level and its log2 likelihood-ratio weight. The
 * scan weighs every candidate pair with these and puts words (`signals.ts`) to the few it shows.
 */
export interface Measure {
  readonly level: string;
  readonly weight: number;
}

const measure = (level: string, weight: number): Measure => Object.freeze({ level, weight });
const UNKNOWN = measure('unknown', 0);

export const DELIVERY = {
  sameDay: measure('same_day', 3),
  withinWeek: measure('within_week', 2.5),
  withinMonth: measure('within_month', 0.5),
  // One project is not delivered twice months apart.
  withinQuarter: measure('further', -3.5),
  further: measure('further', -6),
};

export function measureDelivery(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  const [a, b] = [x.deliveryDay ?? Number.NaN, y.deliveryDay ?? Number.NaN];
  return deliveryMeasure(a, b, stats.weights, oneCustomer(x, y, stats.weights, Math.abs(a - b)));
}

/**
 * Whether two deals are read with where one customer's copies fall (`copy-delivery.ts`): one
 * account's, or two accounts that may be one customer, when the figures could move them.
 */
export function oneCustomer(
  x: PreparedDeal,
  y: PreparedDeal,
  weights: DuplicateWeights,
  days: number,
): boolean {
  if (x.record.accountId === y.record.accountId) return true;
  return mayReadCopies(weights, days) && mayBeOneCustomer(x, y);
}

/** The hand weight of each level the tenant's u moves (`weights.ts`): log2(m / u₀). */
export const HAND: Readonly<Record<ULevel, Measure>> = {
  'delivery.same_day': DELIVERY.sameDay,
  'delivery.within_week': DELIVERY.withinWeek,
  'delivery.within_month': DELIVERY.withinMonth,
  'delivery.within_quarter': DELIVERY.withinQuarter,
  'delivery.further': DELIVERY.further,
  'amount.same': measure('same', 2),
  'amount.close': measure('close', 1),
  'amount.different': measure('different', -0.5),
  'amount.far': measure('far', -2),
  'region.different': measure('different', -3),
  'kind.different': measure('different', -0.5),
};

/** The levels of each comparison whose m is fitted (`fit-weights.ts`), from the most alike to the least. */
export const FITTED_LADDERS = {
  delivery: [
    'delivery.same_day',
    'delivery.within_week',
    'delivery.within_month',
    'delivery.within_quarter',
    'delivery.further',
  ],
  amount: ['amount.same', 'amount.close', 'amount.different', 'amount.far'],
  region: ['region.different'],
  kind: ['kind.different'],
} as const satisfies Record<string, readonly ULevel[]>;
export type FittedComparison = keyof typeof FITTED_LADDERS;

/**
 * The hand priors as m-probabilities: m₀ = u₀ · 2^hand per level (u₀ the reference candidate u), and
 * for province and kind "the same value" first with its hand m. The hand m of one comparison need not
 * sum to 1; they are read as shares of their sum (`m0`) and log2 of the sum (`offset`) is kept, so
 * a fit that stays at its start weighs exactly as the hand weights do: weight = log2(m / u) + offset.
 */
export function handPrior(comparison: FittedComparison): { m0: number[]; offset: number } {
  const levels: readonly ULevel[] = FITTED_LADDERS[comparison];
  const raw = levels.map((l) => REFERENCE_CANDIDATE_U[l] * 2 ** (HAND[l] as Measure).weight);
  if (comparison === 'region') raw.unshift(REGION.m);
  if (comparison === 'kind') raw.unshift(KIND.m);
  const sum = raw.reduce((a, b) => a + b, 0);
  return { m0: raw.map((x) => x / sum), offset: Math.log2(sum) };
}

let handPriors: Record<FittedComparison, { m0: number[]; offset: number }> | null = null;

/** `handPrior` of every fitted comparison, made once (on first use: REGION and KIND come below). */
function handPriorsOf(): Record<FittedComparison, { m0: number[]; offset: number }> {
  handPriors ??= Object.fromEntries(
    (Object.keys(FITTED_LADDERS) as FittedComparison[]).map((c) => [c, handPrior(c)]),
  ) as Record<FittedComparison, { m0: number[]; offset: number }>;
  return handPriors;
}

/** The hand m₀ (as a share) of one fitted level. */
function handM0(level: ULevel): number {
  const comparison = level.slice(0, level.indexOf('.')) as FittedComparison;
  const ladder: readonly ULevel[] = FITTED_LADDERS[comparison];
  const own = comparison === 'region' || comparison === 'kind' ? 1 : 0;
  return handPriorsOf()[comparison].m0[ladder.indexOf(level) + own] as number;
}

/** Bits a fitted m moves a level from its hand weight: log2(m / m₀); 0 without a fit. */
export function fitShift(weights: DuplicateWeights, level: ULevel): number {
  return weights.m ? Math.log2(weights.m[level] / handM0(level)) : 0;
}

/** The hand m of the close delivery levels (`copy-delivery.ts`) as shares of their sum. */
export function handCloseShares(): number[] {
  const m0 = handPriorsOf().delivery.m0.slice(0, CLOSE_LEVELS.length);
  const sum = m0.reduce((a, b) => a + b, 0);
  return m0.map((x) => x / sum);
}

/**
 * Bits a close delivery level moves because the tenant's copies fall on it more or less often than
 * the hand m holds (`copy-delivery.ts`): log2(fitted share / hand share), bounded as a u-adjustment
 * is; read for one customer's two deals (`deliveryMeasure`). Nothing for a tenant whose m were
 * fitted over all candidate pairs (`fitShift` moves them), for an estimate made before the figures,
 * and for the levels beyond a month.
 */
export function copyDeliveryShift(weights: DuplicateWeights, level: ULevel): number {
  if (weights.m) return 0;
  const share = copyShare(weights.copyDelivery, level);
  if (share === null) return 0;
  const hand = handCloseShares()[CLOSE_LEVELS.indexOf(level as (typeof CLOSE_LEVELS)[number])] as number;
  return Math.min(ADJUST_MAX, Math.max(ADJUST_MIN, Math.log2(share / hand)));
}

/** The m of "the same province / kind": the hand m moved as the fit moved its share. */
function sameM(weights: DuplicateWeights, c: Categorical): number {
  const fitted = mSame(weights, c.different);
  if (fitted === null) return c.m;
  const comparison = c.different === 'region.different' ? 'region' : 'kind';
  return c.m * (fitted / (handPriorsOf()[comparison].m0[0] as number));
}

/** Each level's measure for one tenant's weights, made once per estimate. */
const TABLES = new WeakMap<DuplicateWeights, Record<ULevel, Measure>>();

/**
 * The table last looked up: a scan asks twice per candidate pair (tens of millions at 1M) with one
 * tenant's weights, and a hit here skips the `WeakMap` lookup.
 */
let lastTable: { weights: DuplicateWeights; table: Record<ULevel, Measure> } | null = null;

export function tenantMeasure(weights: DuplicateWeights, level: ULevel): Measure {
  if (lastTable !== null && lastTable.weights === weights) return lastTable.table[level];
  let table = TABLES.get(weights);
  if (!table) {
    const made = {} as Record<ULevel, Measure>;
    for (const [key, hand] of Object.entries(HAND) as [ULevel, Measure][]) {
      // The hand weight moved by the tenant's u, and by how far its fitted m moved from the hand m.
      const shift = uAdjustment(weights, key) + fitShift(weights, key);
      made[key] = shift === 0 ? hand : measure(hand.level, Math.round((hand.weight + shift) * 1000) / 1000);
    }
    table = made;
    TABLES.set(weights, table);
  }
  lastTable = { weights, table };
  return table[level];
}

/**
 * `measureDelivery` on day numbers (NaN: unknown), for a scan reading them from columns. One
 * customer's two deals (`oneCustomer`) are read with the m fitted among one account's copies
 * (`copy-delivery.ts`); two customers' with the hand m: whether two integrators' bids for one tender
 * keep one day is not what one customer's copies show (on generator 2, 100k, read so, false pairs
 * of two customers due on one day rose above 0: bench/RESULTS.md, issue 14, helper h-sameday8).
 */
export function deliveryMeasure(
  a: number,
  b: number,
  weights: DuplicateWeights,
  oneCustomer = false,
): Measure {
  const level = deliveryLevel(a, b);
  if (level === null) return UNKNOWN;
  const measured = oneCustomer ? ownMeasure(weights, level) : tenantMeasure(weights, level);
  return level === 'delivery.same_day' ? onSharedDay(measured, a, weights, oneCustomer) : measured;
}

/** Each delivery level's measure for one customer's two deals, per estimate (`copyDeliveryShift`). */
const OWN_TABLES = new WeakMap<DuplicateWeights, Partial<Record<ULevel, Measure>>>();

/** A level's measure for one customer's two deals: the tenant's, moved by where its copies fall. */
function ownMeasure(weights: DuplicateWeights, level: ULevel): Measure {
  if (weights.copyDelivery === undefined) return tenantMeasure(weights, level);
  let table = OWN_TABLES.get(weights);
  if (!table) {
    table = {};
    OWN_TABLES.set(weights, table);
  }
  let m = table[level];
  if (!m) {
    const of = tenantMeasure(weights, level);
    const shift = copyDeliveryShift(weights, level);
    m = shift === 0 ? of : measure(of.level, Math.round((of.weight + shift) * 1000) / 1000);
    table[level] = m;
  }
  return m;
}

/**
 * An exact match never counts against a pair (Splink's u floor): two deals due on one day are at
 * least as likely to be one deal as two, however many deals share that day (copies among them) or
 * however common close dates are among the pairs compared.
 */
function atLeastNeutral(m: Measure): Measure {
  return m.weight >= 0 ? m : measure(m.level, 0);
}

/** "The same day" by day, per estimate, for two accounts [0] and one [1]: a scan asks for each pair due on one day. */
const SAME_DAY = [
  new WeakMap<DuplicateWeights, Map<number, Measure>>(),
  new WeakMap<DuplicateWeights, Map<number, Measure>>(),
] as const;

/** The level's measure moved for the day the pair shares (`delivery-days.ts`). */
function onSharedDay(level: Measure, day: number, weights: DuplicateWeights, sameAccount: boolean): Measure {
  if (weights.deliveryDays === undefined) return atLeastNeutral(level);
  const memo = SAME_DAY[sameAccount ? 1 : 0];
  let byDay = memo.get(weights);
  if (!byDay) {
    byDay = new Map();
    memo.set(weights, byDay);
  }
  let m = byDay.get(day);
  if (!m) {
    const shift = sharedDay(weights.deliveryDays, day)?.shift ?? 0;
    m = atLeastNeutral(
      shift === 0 ? level : measure(level.level, Math.round((level.weight + shift) * 1000) / 1000),
    );
    byDay.set(day, m);
  }
  return m;
}

/**
 * A value both deals either share or not (the province, the customer's kind). Sharing it is worth
 * more the rarer the value is — log2(m / share), Splink's term-frequency adjustment — and nothing
 * between two deals of one account, which share it as a matter of course.
 */
interface Categorical {
  different: 'region.different' | 'kind.different';
  sameCustomer: Measure;
  /** The chance two deals of one project share the value (the hand prior; a fitted m replaces it). */
  m: number;
  min: number;
  max: number;
  share: (stats: CorpusStats, value: string) => number;
  /** `same` measures by value, made once per version of one corpus's statistics. */
  memo: {
    stats: CorpusStats | null;
    version: number;
    weights: DuplicateWeights | null;
    byValue: Map<string, Measure>;
  };
}

function categorical(spec: Omit<Categorical, 'memo'>): Categorical {
  return { ...spec, memo: { stats: null, version: -1, weights: null, byValue: new Map() } };
}

function categoricalMeasure(
  c: Categorical,
  a: string | null,
  b: string | null,
  sameAccount: boolean,
  stats: CorpusStats,
): Measure {
  if (a === null || b === null) return UNKNOWN;
  if (a !== b) return tenantMeasure(stats.weights, c.different);
  if (sameAccount) return c.sameCustomer;
  const memo = c.memo;
  if (memo.stats !== stats || memo.version !== stats.version || memo.weights !== stats.weights) {
    memo.stats = stats;
    memo.version = stats.version;
    memo.weights = stats.weights;
    memo.byValue.clear();
  }
  let same = memo.byValue.get(a);
  if (!same) {
    const m = sameM(stats.weights, c);
    same = measure('same', clamp(Math.log2(m / c.share(stats, a)), c.min, c.max));
    memo.byValue.set(a, same);
  }
  return same;
}

export const REGION = categorical({
  different: 'region.different',
  // A customer buys where it is: two deals of one account share its province as a matter of course.
  sameCustomer: measure('same_customer', 0),
  m: 0.95,
  min: 0.5,
  max: 5,
  share: (stats, province) => stats.provinceShare(province),
});

export function measureRegion(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  const sameAccount = x.record.accountId === y.record.accountId;
  return regionMeasure(x.record.province, y.record.province, sameAccount, stats);
}

export function regionMeasure(
  a: string | null,
  b: string | null,
  sameAccount: boolean,
  stats: CorpusStats,
): Measure {
  return categoricalMeasure(REGION, a, b, sameAccount, stats);
}

export const KIND = categorical({
  // The end user and an integrator often register one project each: a mild penalty only.
  different: 'kind.different',
  // One account has one kind: the customer signal already counts that evidence.
  sameCustomer: measure('same_customer', 0),
  m: 0.8,
  min: 0.3,
  max: 2.5,
  share: (stats, kind) => stats.kindShare(kind),
});

export function measureCustomerKind(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  const sameAccount = x.record.accountId === y.record.accountId;
  return kindMeasure(x.record.accountKind, y.record.accountKind, sameAccount, stats);
}

export function kindMeasure(
  a: string | null,
  b: string | null,
  sameAccount: boolean,
  stats: CorpusStats,
): Measure {
  return categoricalMeasure(KIND, a, b, sameAccount, stats);
}

export const END_CUSTOMER = {
  /**
   * One tender number on both: a tender is the end customer's own number for one purchase, and
   * two integrators bidding for it is the story itself. Stronger than any other single signal.
   */
  sameTender: measure('same_tender', 9),
  /** One linked end-user account (or one name, when unlinked) and no tender telling them apart. */
  same: measure('same', 6),
  similar: measure('similar', 3),
  different: measure('different', -5),
  /**
   * One end customer, two tender numbers: two purchases of one buyer, whatever else they share
   * (a customer re-tendering its kit for the next site). Strong enough to outweigh an identical
   * basket, so such a pair is never proposed.
   */
  otherTender: measure('other_tender', -16),
};
/**
 * The most an end-customer comparison adds: a bound for pairs the scan may drop unweighed. A rare
 * end customer lifts "the same" by at most `ADJUST_MAX` (`end-customers.ts`): 6 + 3, no more than
 * one tender (held by a test; not computed here, as `weights.ts` may load after this module).
 */
export const END_CUSTOMER_MAX_WEIGHT = END_CUSTOMER.sameTender.weight;

/** True when the deal names an end customer (linked or by name) or a tender: only then can it weigh. */
export function endCustomerKnown(p: PreparedDeal): boolean {
  return p.endCustomer !== null || p.endCustomerAccountId !== null || p.tender !== null;
}

/**
 * The end customer behind two deals. Linked accounts are compared by id, unlinked ones by name;
 * tender numbers, when both deals have one, decide first: one tender is one deal, two tenders of
 * one end customer are two.
 */
export function measureEndCustomer(x: PreparedDeal, y: PreparedDeal, weights: DuplicateWeights): Measure {
  const customer = sameEndCustomer(x, y, weights);
  if (x.tender !== null && y.tender !== null) {
    if (x.tender === y.tender) return END_CUSTOMER.sameTender;
    return customer === 'same' ? END_CUSTOMER.otherTender : END_CUSTOMER.different;
  }
  if (customer === 'unknown') return UNKNOWN;
  if (customer === 'different') return END_CUSTOMER.different;
  if (customer === 'similar') return END_CUSTOMER.similar;
  // One end customer: read against how many of the tenant's deals name it (`end-customers.ts`).
  const shift = sharedEndCustomer(weights.endCustomers, x, y)?.shift ?? 0;
  return shift === 0 ? END_CUSTOMER.same : sameEndCustomerShifted(shift);
}

/** "The same end customer" by shift (thousandths within the u bounds: few), made once: a scan asks for many pairs. */
const SHIFTED = new Map<number, Measure>();

function sameEndCustomerShifted(shift: number): Measure {
  let m = SHIFTED.get(shift);
  if (!m) {
    m = measure(END_CUSTOMER.same.level, Math.round((END_CUSTOMER.same.weight + shift) * 1000) / 1000);
    SHIFTED.set(shift, m);
  }
  return m;
}

/**
 * Names are compared as the tenant's figures read them (`readEndCustomer`): without the characters
 * most of its end-customer names hold, so one name typed with or without "采购项目" is one, and two
 * names alike only in the words every name carries are not similar.
 */
function sameEndCustomer(
  x: PreparedDeal,
  y: PreparedDeal,
  weights: DuplicateWeights,
): 'same' | 'similar' | 'different' | 'unknown' {
  const [a, b] = [x.endCustomerAccountId, y.endCustomerAccountId];
  if (a !== null && b !== null) return a === b ? 'same' : 'different';
  if (x.endCustomer === null || y.endCustomer === null) return 'unknown';
  if (x.endCustomer === y.endCustomer) return 'same';
  const [nameA, nameB] = [readEndCustomer(x, weights.endCustomers), readEndCustomer(y, weights.endCustomers)];
  if (nameA === nameB) return 'same';
  return diceBigrams(nameA as string, nameB as string) >= 0.6 ? 'similar' : 'different';
}

// Identical baskets at list price have equal amounts: that evidence is counted once, not twice.
const SAME_AS_BASKET = measure('same', 0.5);

export const AMOUNT = {
  same: HAND['amount.same'],
  sameAsBasket: SAME_AS_BASKET,
  close: HAND['amount.close'],
  different: HAND['amount.different'],
  far: HAND['amount.far'],
};

/**
 * When the baskets differ in some line (one swapped for another product), a far-off amount is
 * what the swapped line explains, not evidence of two deals: it weighs no more than "differ".
 */
export const AMOUNT_EXPLAINED = AMOUNT.different;

/** The most an amount comparison can weigh once the baskets are known: a bound for the first stage. */
export function amountBound(m: Measure): number {
  return Math.max(m.weight, AMOUNT_EXPLAINED.weight);
}

export function measureAmount(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  const [a, b] = [x.record, y.record];
  return amountMeasure(
    a.amountMinor,
    b.amountMinor,
    a.currency === b.currency,
    stats.weights,
    a.accountId === b.accountId,
  );
}

export function amountMeasure(
  a: number,
  b: number,
  sameCurrency: boolean,
  weights: DuplicateWeights,
  sameAccount = false,
): Measure {
  const level = amountLevel(a, b, sameCurrency);
  if (level === null) return UNKNOWN;
  const measured = tenantMeasure(weights, level);
  return a === b && level === 'amount.same' ? exactAmountOf(weights, measured, sameAccount) : measured;
}

/** "Equal to the fen" per tenant's weights, for two customers [0] and one [1], made once per estimate. */
const EXACT = new WeakMap<DuplicateWeights, [Measure | null, Measure | null]>();

/** "Within 5%" moved by what the fen says in this tenant (`exact-amount.ts`); itself when it says nothing. */
function exactAmountOf(weights: DuplicateWeights, same: Measure, sameAccount: boolean): Measure {
  const shift = exactAmountShift(weights.exactAmount, sameAccount);
  if (shift === 0) return same;
  let made = EXACT.get(weights);
  if (!made) {
    made = [null, null];
    EXACT.set(weights, made);
  }
  const at = sameAccount ? 1 : 0;
  let exact = made[at];
  if (!exact) {
    exact = measure('exact', Math.round((same.weight + shift) * 1000) / 1000);
    made[at] = exact;
    // Where the basket explains "within 5%" it weighs `sameAsBasket`; the fen's part is added to that.
    const onBasket = Math.round((Math.min(same.weight, SAME_AS_BASKET.weight) + shift) * 1000) / 1000;
    EXACT_ON_BASKET.set(exact, onBasket === exact.weight ? exact : measure('exact', onBasket));
  }
  return exact;
}

/** Each "equal to the fen" measure's reading when the basket explains amounts within 5%. */
const EXACT_ON_BASKET = new WeakMap<Measure, Measure>();

/**
 * "Equal to the fen" for a pair whose basket explains amounts within 5% (`amountGiven`): the
 * basket's figure plus the fen's part, never more than the measure itself (the scan's bound holds).
 */
export function exactGivenBasket(exact: Measure): Measure {
  return EXACT_ON_BASKET.get(exact) ?? exact;
}

export const CUSTOMER = {
  // A customer has several deals, so the same account is evidence, not proof.
  sameAccount: measure('same_account', 4),
  sameIdentity: measure('same_identity', 5),
  // Different integrators bidding for one tender is exactly the story: no penalty for other names.
  different: measure('different', 0),
  // Two companies can share a trade name; different credit codes prove they are two.
  differentIdentity: measure('different_identity', -3),
  branch: measure('branch', 1),
  similarName: measure('similar_name', 2),
  sameName: measure('same_name', 4.5),
  sameTradeName: measure('same_name', 4),
};

/** "The same account", moved by how many other deals of the account a deal is compared with (`accountAdjustment`), by count. */
const SAME_ACCOUNT = new Map<number, Measure>();

/** "The same account" for a customer whose deal is compared with `others` of its other deals (`comparedOwnDeals`). */
export function sameAccountMeasure(others: number): Measure {
  let m = SAME_ACCOUNT.get(others);
  if (!m) {
    const weight = Math.round((CUSTOMER.sameAccount.weight + accountAdjustment(others + 1)) * 1000) / 1000;
    m = measure(CUSTOMER.sameAccount.level, weight);
    if (SAME_ACCOUNT.size < 100_000) SAME_ACCOUNT.set(others, m);
  }
  return m;
}

/** `sameAccountMeasure` moved by `partnersShift`, per estimate and count of own deals compared. */
const SAME_ACCOUNT_BY_WEIGHTS = new WeakMap<DuplicateWeights, Map<number, Measure>>();

/** "The same account" of this customer, read against the deals of it a deal is compared with. */
export function sameAccountOf(accountId: string, stats: CorpusStats): Measure {
  const others = comparedOwnDeals(stats, accountId);
  const shift = partnersShift(stats.weights);
  if (shift === 0) return sameAccountMeasure(others);
  let byOthers = SAME_ACCOUNT_BY_WEIGHTS.get(stats.weights);
  if (!byOthers) {
    byOthers = new Map();
    SAME_ACCOUNT_BY_WEIGHTS.set(stats.weights, byOthers);
  }
  let m = byOthers.get(others);
  if (!m) {
    const base = sameAccountMeasure(others);
    m = measure(base.level, Math.round((base.weight + shift) * 1000) / 1000);
    byOthers.set(others, m);
  }
  return m;
}

/**
 * Bits "the same account" moves because a deal of this tenant is compared with more partners than
 * one of the corpus its hand weight was set on: its u is the share of a deal's compared partners that
 * are the customer's own, K / partners (`account-reading.ts`), and the hand weight (with
 * `accountAdjustment`) read K against `REFERENCE_PARTNERS_PER_DEAL` partners. Never below 0, as
 * the prior never rises above its hand value (`priorWeight`).
 */
export function partnersShift(weights: DuplicateWeights): number {
  const partners = weights.partnersPerDeal;
  if (partners === undefined) return 0;
  return Math.max(0, Math.log2(partners / REFERENCE_PARTNERS_PER_DEAL));
}

/**
 * Bits "one customer under two accounts" moves (`readsAsOneCustomer`: a shared identity key, or
 * names that read as one) where one of the accounts is a busy customer's (its deals outnumber the
 * block cap, so "the same account" is read against its measured compared deals, `account-reading.ts`):
 * read as that account is — against the partners a deal is compared with (`partnersShift`) and the
 * customer's deals a deal of it meets under both accounts (`accountAdjustment` of `comparedOwnDeals`
 * of each, and the other side's deal itself), never above the hand weight. Its u is the share of a
 * deal's compared partners that are the customer's own, whichever account they were entered under: a
 * busy customer's re-typed account meets them all under "the same name" (generator 2, 100k: 56 of the
 * 66 false pairs touching a copy were a giant's or a busy customer's re-typed account against its
 * other deals, each read at a flat 4–5 bits). A customer within the cap keeps the hand weight, as do
 * estimates made before the partners were counted. Symmetric in the two accounts. Where the tenant's
 * re-typed accounts were fitted (`only-deal.ts`), whether one account holds only the deal compared
 * moves it by the bits its u and m say, still never above the hand weight (the scan's bound).
 */
export function oneCustomerShift(xAccount: string, yAccount: string, stats: CorpusStats): number {
  const shift = busyCustomerShift(xAccount, yAccount, stats);
  if (shift === null) return 0;
  return Math.round(Math.min(0, shift + onlyDealBits(xAccount, yAccount, stats)) * 1000) / 1000;
}

/** `oneCustomerShift` before the hand weight's bound and the re-typed account's figures; null where it is not read. */
function busyCustomerShift(xAccount: string, yAccount: string, stats: CorpusStats): number | null {
  if (stats.weights.partnersPerDeal === undefined) return null;
  if (!readAgainstCompared(stats, xAccount) && !readAgainstCompared(stats, yAccount)) return null;
  const others = oneCustomerOthers(xAccount, yAccount, stats);
  return partnersShift(stats.weights) + accountAdjustment(others + 1);
}

/** The fitted bits of one account holding only the deal compared, or not (`only-deal.ts`); 0 without figures. */
function onlyDealBits(xAccount: string, yAccount: string, stats: CorpusStats): number {
  const figures = onlyDealFiguresOf(stats.weights);
  if (figures === undefined) return 0;
  return onlyDealShift(figures, holdsOnlyTheDeal(xAccount, yAccount, stats));
}

/**
 * How far the re-typed account's figures moved `oneCustomerShift` (0 where they did not apply, or
 * the hand weight's bound took the move): what its words say.
 */
export function onlyDealMoved(xAccount: string, yAccount: string, stats: CorpusStats): number {
  const shift = busyCustomerShift(xAccount, yAccount, stats);
  if (shift === null) return 0;
  const bits = onlyDealBits(xAccount, yAccount, stats);
  return Math.round((Math.min(0, shift + bits) - Math.min(0, shift)) * 1000) / 1000;
}

/**
 * Whether one of two accounts holds no deal but the one compared (`only-deal.ts`): an account opened
 * for that entry. A deal checked before it is stored counts none for its account.
 */
export function holdsOnlyTheDeal(xAccount: string, yAccount: string, stats: CorpusStats): boolean {
  return stats.accountCount(xAccount) <= 1 || stats.accountCount(yAccount) <= 1;
}

/** The deals of one customer under two accounts a deal of it is compared with: each account's own, and the other side's deal. */
export function oneCustomerOthers(xAccount: string, yAccount: string, stats: CorpusStats): number {
  return comparedOwnDeals(stats, xAccount) + comparedOwnDeals(stats, yAccount) + 1;
}

/** A one-customer level of two accounts moved by `shift`, made once per level and shift. */
const ONE_CUSTOMER = new Map<Measure, Map<number, Measure>>();
function shiftedOneCustomer(level: Measure, shift: number): Measure {
  if (shift === 0) return level;
  let byShift = ONE_CUSTOMER.get(level);
  if (!byShift) {
    byShift = new Map();
    ONE_CUSTOMER.set(level, byShift);
  }
  let m = byShift.get(shift);
  if (!m) {
    m = measure(level.level, Math.round((level.weight + shift) * 1000) / 1000);
    if (byShift.size < 100_000) byShift.set(shift, m);
  }
  return m;
}

/** The most a customer comparison of two accounts adds (`oneCustomerShift` never lifts): a bound for pairs the scan may drop unweighed. */
export const CUSTOMER_MAX_WEIGHT = CUSTOMER.sameIdentity.weight;

/** The most the customer comparison can add to a pair: what a scan bounds it by before comparing names. */
export function customerBound(sameAccount: boolean, accountId: string, stats: CorpusStats): number {
  // One account's two deals may also gain for who entered them (`copy-owner.ts`).
  return sameAccount
    ? sameAccountOf(accountId, stats).weight + ownerShiftMost(ownerFigures(stats.weights))
    : CUSTOMER_MAX_WEIGHT;
}
export function measureCustomer(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  if (x.record.accountId === y.record.accountId) return sameAccountOf(x.record.accountId, stats);
  const level = twoAccounts(x, y);
  // One customer under two accounts: read against that customer's deals, as its own account is.
  if (level === CUSTOMER.sameIdentity || level === CUSTOMER.sameName || level === CUSTOMER.sameTradeName)
    return shiftedOneCustomer(level, oneCustomerShift(x.record.accountId, y.record.accountId, stats));
  return level;
}

/** The customer comparison of two accounts' deals at its hand weight. */
function twoAccounts(x: PreparedDeal, y: PreparedDeal): Measure {
  if (sharesKey(x.record.accountKeys, y.record.accountKeys)) return CUSTOMER.sameIdentity;
  const names = compareCompanyNames(x.customer, y.customer);
  if (names === 'different') return CUSTOMER.different;
  if (x.record.accountKeys.some(isCreditKey) && y.record.accountKeys.some(isCreditKey))
    return CUSTOMER.differentIdentity;
  if (x.customer.branch !== y.customer.branch) return CUSTOMER.branch;
  if (names === 'same') return CUSTOMER.sameName;
  // One trade name registered in two cities (潍坊工源 / 烟台工源) is two companies: the names then say
  // nothing either way (at 100,000 deals the probe's trade names recur across cities, and such
  // pairs of one kit read as one customer's copy; bench/RESULTS.md).
  if (registeredApart(x.customer, y.customer)) return CUSTOMER.different;
  if (names === 'similar') return CUSTOMER.similarName;
  // One trade name in two unrelated businesses (海鑫食品 / 海鑫钢铁) is two registrations, as the
  // account matcher reads it (`industrySignal`): the names then say nothing either way.
  if (businessRelation(conceptsOf(x.customer), conceptsOf(y.customer)) === 'different')
    return CUSTOMER.different;
  return CUSTOMER.sameTradeName;
}

const CONCEPTS = new WeakMap<CompanyName, string[]>();
function conceptsOf(name: CompanyName): string[] {
  let concepts = CONCEPTS.get(name);
  if (concepts === undefined) {
    concepts = industryConcepts(name);
    CONCEPTS.set(name, concepts);
  }
  return concepts;
}

function sharesKey(a: readonly string[], b: readonly string[]): boolean {
  for (const k of a) if (b.includes(k)) return true;
  return false;
}

export function isCreditKey(key: string): boolean {
  return key.startsWith('cc:');
}
