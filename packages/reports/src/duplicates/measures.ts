import { diceBigrams } from '../names/chinese-text.js';
import { compareCompanyNames } from '../names/company-name.js';
import { clamp } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import type { PreparedDeal } from './prepared-deal.js';

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

export function measureDelivery(x: PreparedDeal, y: PreparedDeal): Measure {
  return deliveryMeasure(x.deliveryDay ?? Number.NaN, y.deliveryDay ?? Number.NaN);
}

/** `measureDelivery` on day numbers (NaN: unknown), for a scan reading them from columns. */
export function deliveryMeasure(a: number, b: number): Measure {
  if (Number.isNaN(a) || Number.isNaN(b)) return UNKNOWN;
  const days = Math.abs(a - b);
  if (days === 0) return DELIVERY.sameDay;
  if (days <= 7) return DELIVERY.withinWeek;
  if (days <= 30) return DELIVERY.withinMonth;
  return days <= 90 ? DELIVERY.withinQuarter : DELIVERY.further;
}

/**
 * A value both deals either share or not (the province, the customer's kind). Sharing it is worth
 * more the rarer the value is — log2(m / share), Splink's term-frequency adjustment — and nothing
 * between two deals of one account, which share it as a matter of course.
 */
interface Categorical {
  different: Measure;
  sameCustomer: Measure;
  /** The chance two deals of one project share the value. */
  m: number;
  min: number;
  max: number;
  share: (stats: CorpusStats, value: string) => number;
  /** `same` measures by value, made once per version of one corpus's statistics. */
  memo: { stats: CorpusStats | null; version: number; byValue: Map<string, Measure> };
}

function categorical(spec: Omit<Categorical, 'memo'>): Categorical {
  return { ...spec, memo: { stats: null, version: -1, byValue: new Map() } };
}

function categoricalMeasure(
  c: Categorical,
  a: string | null,
  b: string | null,
  sameAccount: boolean,
  stats: CorpusStats,
): Measure {
  if (a === null || b === null) return UNKNOWN;
  if (a !== b) return c.different;
  if (sameAccount) return c.sameCustomer;
  const memo = c.memo;
  if (memo.stats !== stats || memo.version !== stats.version) {
    memo.stats = stats;
    memo.version = stats.version;
    memo.byValue.clear();
  }
  let same = memo.byValue.get(a);
  if (!same) {
    same = measure('same', clamp(Math.log2(c.m / c.share(stats, a)), c.min, c.max));
    memo.byValue.set(a, same);
  }
  return same;
}

const REGION = categorical({
  different: measure('different', -3),
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

const KIND = categorical({
  // The end user and an integrator often register one project each: a mild penalty only.
  different: measure('different', -0.5),
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
/** The most an end-customer comparison adds: a bound for pairs the scan may drop unweighed. */
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
export function measureEndCustomer(x: PreparedDeal, y: PreparedDeal): Measure {
  const customer = sameEndCustomer(x, y);
  if (x.tender !== null && y.tender !== null) {
    if (x.tender === y.tender) return END_CUSTOMER.sameTender;
    return customer === 'same' ? END_CUSTOMER.otherTender : END_CUSTOMER.different;
  }
  if (customer === 'unknown') return UNKNOWN;
  return customer === 'same'
    ? END_CUSTOMER.same
    : customer === 'similar'
      ? END_CUSTOMER.similar
      : END_CUSTOMER.different;
}

function sameEndCustomer(x: PreparedDeal, y: PreparedDeal): 'same' | 'similar' | 'different' | 'unknown' {
  const [a, b] = [x.endCustomerAccountId, y.endCustomerAccountId];
  if (a !== null && b !== null) return a === b ? 'same' : 'different';
  if (x.endCustomer === null || y.endCustomer === null) return 'unknown';
  if (x.endCustomer === y.endCustomer) return 'same';
  return diceBigrams(x.endCustomer, y.endCustomer) >= 0.6 ? 'similar' : 'different';
}

export const AMOUNT = {
  same: measure('same', 2),
  // Identical baskets at list price have equal amounts: that evidence is counted once, not twice.
  sameAsBasket: measure('same', 0.5),
  close: measure('close', 1),
  different: measure('different', -0.5),
  far: measure('far', -2),
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

export function measureAmount(x: PreparedDeal, y: PreparedDeal): Measure {
  const [a, b] = [x.record, y.record];
  return amountMeasure(a.amountMinor, b.amountMinor, a.currency === b.currency);
}

export function amountMeasure(a: number, b: number, sameCurrency: boolean): Measure {
  if (!sameCurrency || a <= 0 || b <= 0) return UNKNOWN;
  const ratio = Math.min(a, b) / Math.max(a, b);
  if (ratio >= 0.95) return AMOUNT.same;
  if (ratio >= 0.8) return AMOUNT.close;
  return ratio >= 0.5 ? AMOUNT.different : AMOUNT.far;
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
/** The most any customer comparison adds: a bound for pairs the scan may drop unweighed. */
export const CUSTOMER_MAX_WEIGHT = CUSTOMER.sameIdentity.weight;

export function measureCustomer(x: PreparedDeal, y: PreparedDeal): Measure {
  if (x.record.accountId === y.record.accountId) return CUSTOMER.sameAccount;
  if (sharesKey(x.record.accountKeys, y.record.accountKeys)) return CUSTOMER.sameIdentity;
  const names = compareCompanyNames(x.customer, y.customer);
  if (names === 'different') return CUSTOMER.different;
  if (x.record.accountKeys.some(isCreditKey) && y.record.accountKeys.some(isCreditKey))
    return CUSTOMER.differentIdentity;
  if (x.customer.branch !== y.customer.branch) return CUSTOMER.branch;
  if (names === 'similar') return CUSTOMER.similarName;
  return names === 'same' ? CUSTOMER.sameName : CUSTOMER.sameTradeName;
}

function sharesKey(a: readonly string[], b: readonly string[]): boolean {
  for (const k of a) if (b.includes(k)) return true;
  return false;
}

export function isCreditKey(key: string): boolean {
  return key.startsWith('cc:');
}
