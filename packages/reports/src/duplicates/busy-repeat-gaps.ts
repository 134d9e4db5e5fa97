import type { CandidateIndex } from './blocking.js';
import { COPY_BINS_TO, GAP_BINS, gapBin, type KitHolding, type RepeatGaps } from './customer-kits.js';

/**
 * The delivery gaps between a busy customer's own deals that hold one basket and are compared with
 * each other: what its copy of a kit is told from its re-order of it by (`kit-repeats.ts`).
 *
 * A customer with more deals than the block cap has its account block skipped, and a deal of it
 * meets only the few of its own that share a line with it in its province and delivery month
 * (`account-reading.ts`). Its two deals of one kit were read with no kit reading at all: read against
 * the tenant's repeat orders, spread over months, a same-week pair would look rarer than it is among
 * the pairs the scan actually compares, which the split block already brought within a month
 * (generator 2, 10k: 92 false pairs of one customer re-ordering a kit in a week; h-kitstore). Counted
 * among its own compared pairs instead, the selection is in the count: a customer that re-orders its
 * kits weekly shows close gaps there and gains nothing; one whose compared re-orders are weeks apart
 * makes a copy re-dated by a day or two rare (probe, 10k: copies of customers with 184–875 deals at
 * −1.6 to −7 bits).
 */

/** Deals of one busy customer whose compared partners are read; spread evenly over its deals. */
const SAMPLE_PER_ACCOUNT = 200;

/**
 * Per busy customer (those `accountPartners` lists): the gaps between a sample of its deals and
 * their compared own partners holding the same basket, both with a delivery day; with `copyChance`,
 * each close pair by its chance of being two orders, as `kitRepeatFigures` counts them. A pair both of
 * whose deals are sampled counts twice, as each deal's partner: the share of each bin is what is read.
 */
export function busyRepeatGapsOf(
  deals: readonly KitHolding[],
  busy: Readonly<Record<string, number>>,
  index: Pick<CandidateIndex, 'candidateList'>,
  copyChance?: (i: number, j: number) => number,
): Record<string, RepeatGaps> {
  const ordinals = new Map<string, number[]>();
  /** Deals of each busy customer holding each basket: one no other deal of it holds has no such partner. */
  const held = new Map<string, number>();
  for (let ordinal = 0; ordinal < deals.length; ordinal++) {
    const { accountId: account, signature } = deals[ordinal] as KitHolding;
    if (!Object.hasOwn(busy, account)) continue;
    const own = ordinals.get(account);
    if (own) own.push(ordinal);
    else ordinals.set(account, [ordinal]);
    const key = `${account}|${signature}`;
    held.set(key, (held.get(key) ?? 0) + 1);
  }
  const gaps: Record<string, RepeatGaps> = {};
  for (const [account, own] of [...ordinals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const byBin = GAP_BINS.map(() => 0);
    let pairs = 0;
    const taken = Math.min(own.length, SAMPLE_PER_ACCOUNT);
    for (let k = 0; k < taken; k++) {
      const ordinal = own[Math.floor((k * own.length) / taken)] as number;
      const deal = deals[ordinal] as KitHolding;
      if (deal.signature === '' || deal.day === null) continue;
      // Skipped unread, as its partners would add no pair: the costly part is listing them.
      if ((held.get(`${account}|${deal.signature}`) ?? 0) < 2) continue;
      for (const partner of index.candidateList(ordinal)) {
        const other = deals[partner] as KitHolding;
        if (other.accountId !== account || other.signature !== deal.signature || other.day === null) continue;
        const bin = gapBin(Math.abs(deal.day - other.day));
        // A pair as likely one deal as two is half a re-order (`kitRepeatFigures`' `copyChance`).
        const repeat = copyChance && bin <= COPY_BINS_TO ? 1 - copyChance(ordinal, partner) : 1;
        pairs += repeat;
        byBin[bin] = (byBin[bin] ?? 0) + repeat;
      }
    }
    gaps[account] = { pairs, byBin };
  }
  return gaps;
}

/**
 * How often, on average, one pair of a busy customer's deals holding one basket and compared with
 * each other is among the pairs `busyRepeatGapsOf` counted for a customer with `deals` deals: once
 * as each sampled deal's partner, each of its two deals sampled with the share sampled. The pair
 * being weighed is counted out of the gaps it is read against by this much (leave-one-out): a copy
 * counted among its customer's re-orders made its own gap look ordinary (probe, 10k: of a customer's
 * 86 compared pairs holding one basket, the 2 within the copy's gap were the copy itself, twice).
 */
export function timesCounted(deals: number): number {
  return deals <= 0 ? 0 : 2 * Math.min(1, SAMPLE_PER_ACCOUNT / deals);
}

/** Per stored gaps object: every busy customer's gaps summed, worked out once. */
const POOLED = new WeakMap<Readonly<Record<string, RepeatGaps>>, RepeatGaps>();

/**
 * The gaps of the tenant's other busy customers, summed: what one busy customer's own gaps are
 * shrunk towards (`kit-repeats.ts`), before the candidate pairs. Each busy customer's gaps are
 * counted under the same selection — its own compared deals holding one basket, brought together by
 * a line in its province and month — so the others say how close such re-orders fall where one
 * customer's few hundred pairs cannot: on the probe tenant (10k) 南京中源's 556 compared pairs
 * hold 0 due the same day, and read against the candidate pairs alone its exact copy of a kit
 * gained 2.7 bits for the day, no more than 556 pairs can prove. The customer itself is left out,
 * so its own pairs are not counted twice.
 */
export function otherBusyGaps(
  all: Readonly<Record<string, RepeatGaps>>,
  account: string,
  bin: number,
  alsoOut?: string,
): { pairs: number; same: number } {
  let pooled = POOLED.get(all);
  if (!pooled) {
    const byBin = GAP_BINS.map(() => 0);
    let pairs = 0;
    for (const gaps of Object.values(all)) {
      pairs += gaps.pairs;
      for (let b = 0; b < byBin.length; b++) byBin[b] = (byBin[b] as number) + (gaps.byBin[b] ?? 0);
    }
    pooled = { pairs, byBin };
    POOLED.set(all, pooled);
  }
  // The customer's own accounts are left out: one account, or two accounts of one customer (the
  // same phone, credit code or name) when both are busy — neither is "another customer".
  let pairs = pooled.pairs;
  let same = pooled.byBin[bin] ?? 0;
  for (const out of alsoOut === undefined || alsoOut === account ? [account] : [account, alsoOut]) {
    const own = Object.hasOwn(all, out) ? (all[out] as RepeatGaps) : undefined;
    pairs -= own?.pairs ?? 0;
    same -= own?.byBin[bin] ?? 0;
  }
  return { pairs, same };
}

/** Whether a stored document holds usable per-customer gaps (an older or foreign shape is ignored). */
export function isBusyRepeatGaps(doc: unknown): doc is Record<string, RepeatGaps> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const count = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  return Object.values(doc).every((g: Partial<RepeatGaps> | null) => {
    if (typeof g !== 'object' || g === null || !count(g.pairs) || !Array.isArray(g.byBin)) return false;
    return g.byBin.length === GAP_BINS.length && g.byBin.every(count);
  });
}
