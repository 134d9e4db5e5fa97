import type { Message } from '@gongfu/core';
import { basketReadAgainst, readAgainstCompared } from './account-reading.js';
import { basketBits, clamp, commonBasketCap, isCommonBasket } from './basket.js';
import { otherBusyGaps, timesCounted } from './busy-repeat-gaps.js';
import type { CorpusStats } from './corpus-stats.js';
import { accountCopies, GAP_BINS, gapBin, kitBuyers, type RepeatGaps } from './customer-kits.js';
import { sayDuplicate } from './duplicate-messages.js';
import { type Measure, measureCustomer } from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import { ADJUST_MIN, deliveryLevel, type ULevel, uOf } from './weights.js';

/**
 * Two deals of one customer holding one standard kit: a copy, or the customer ordering its kit
 * again? The basket's weight reads the kit against the partners a deal is compared with
 * (`commonBasketCap`) and "the same customer" is weighed apart, as if a customer's deals were no
 * likelier than anyone's to hold its kit. Given the customer, they are — as likely as the kit's
 * buyers buy it again. So between one customer's two deals the kit is read against its buyers'
 * own repeat orders (u = of their other deals, the share holding it again), and the delivery gap
 * against the gaps between one customer's orders of one kit — both counted over the tenant's deals
 * when its weights are estimated and stored with them (`customer-kits.ts`), the customer's own
 * counts read from the statistics, so the scan and the stored-key check weigh alike. A kit nobody re-orders, held twice by one customer days apart, is then
 * strong evidence of a copy; a consumable its buyers re-order every month stays weak.
 */

/** m of an identical basket (as `commonBasketCap` reads it): about half the deals entered twice keep it. */
const IDENTICAL_M = 0.5;
/**
 * Pseudo-deals a kit's repeat share is shrunk with towards the tenant's (over all its kits): a kit
 * whose buyers have few other deals says little of itself.
 */
const REPEAT_PSEUDO = 100;
/** Pseudo-pairs the gaps between repeat orders are shrunk with towards the candidate pairs' u. */
const GAP_PSEUDO = 100;
/**
 * The most the gap between one customer's two orders of one kit lifts a pair: as far up as any u
 * adjustment may move down (`ADJUST_MIN`), not `ADJUST_MAX`. The repeat gaps are already shrunk
 * towards the candidate pairs' u by `GAP_PSEUDO` pseudo-pairs, so the lift is bounded by the evidence
 * — log2((pairs + 100) / 100) with no repeat order this close — and a tenant with few repeat orders
 * gains little. At 3 bits the bound cut what the tenant's own gaps said: on the probe tenant (10k)
 * none of 4,076 repeat orders of a kit was due the same day, yet a customer's exact copy of its
 * contract gained 3 bits for it and stayed below 0 (bench/RESULTS.md, issue 14, helper h-probe95).
 */
const GAP_ADJUST_MAX = -ADJUST_MIN;

/** What a customer's two deals of one kit were weighed with: the figures the explanation names. */
export interface KitRepeats {
  /** Bits the pair moves from the reading that weighs the customer and the kit apart. */
  shift: number;
  /** Deals of this customer holding the kit, and its deals with a basket. */
  own: number;
  deals: number;
  /** The kit's other buyers, their orders of it beyond the first, and their other deals. */
  buyers: number;
  again: number;
  others: number;
  /** Of the pairs of one customer's orders of one kit, how many were delivered as close as these. */
  gapLevel: ULevel | null;
  gapSame: number;
  gapPairs: number;
  /** Read as a busy customer's pair: the gap alone, against its own compared pairs' gaps. */
  busy: boolean;
  /** A busy customer's: the tenant's other busy customers' compared pairs, and how many as close. */
  othersSame: number;
  othersPairs: number;
}

/**
 * Levels of the customer comparison that say two accounts are one customer entered twice (a shared
 * phone or credit code, the same name or trade name): their two deals of one kit are read given
 * that customer too, its count of the kit the two accounts' counts together.
 */
const ONE_CUSTOMER_LEVELS: ReadonlySet<string> = new Set(['same_identity', 'same_name']);

/**
 * Whether the customer comparison of two accounts' deals reads them as one customer: else
 * `kitRepeatsOf` does not apply to them (a scan keeps this per pair of customers).
 */
export function readsAsOneCustomer(customer: Measure): boolean {
  return ONE_CUSTOMER_LEVELS.has(customer.level);
}

/**
 * The reading of one customer's two deals holding one standard kit (identical signatures), or null
 * when it does not apply: other customers, other baskets, a basket few deals hold (weighed whole,
 * not capped as a kit), weights estimated before kit figures were, or statistics from an index
 * stored before each customer's baskets were counted.
 */
export function kitRepeatsOf(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): KitRepeats | null {
  if (x.items.length === 0 || x.signature !== y.signature) return null;
  const figures = stats.weights.kitRepeats;
  if (figures === undefined) return null;
  // Cheapest first: the scan asks this of every candidate pair holding one basket, and most are two
  // customers; the basket's count is a statistics lookup by a key built from the whole signature.
  const oneAccount = x.record.accountId === y.record.accountId;
  if (!oneAccount && !mayBeOneCustomer(x, y)) return null;
  if (!stats.accountBasketsMeasured()) return null;
  const xAccount = x.record.accountId;
  const yAccount = y.record.accountId;
  // A busy customer's gaps were counted over its compared pairs holding any one basket, kit or not
  // (`busyRepeatGapsOf`): its two deals of a basket few deals hold are read by them too. Read only
  // for kits, a giant customer's exact copy of a rare basket due the same day had no reading of its
  // delivery beyond the candidate pairs' (generator 2, 100k: −1.7 bits, a customer of 1,906 deals).
  const busyX = readAgainstCompared(stats, xAccount);
  const busyY = !oneAccount && readAgainstCompared(stats, yAccount);
  if (!busyX && !busyY && !isCommonBasket(x.signature, stats)) return null;
  if (!oneAccount && !readsAsOneCustomer(measureCustomer(x, y, stats))) return null;
  // A busy customer's deals meet only through what they share (its account block is over the cap),
  // and "the same customer" is already read against those compared own deals (`account-reading.ts`):
  // selected for sharing the kit, so reading the kit again given the customer would count it twice
  // (generator 2, 10k: 92 more false pairs, one customer of 149–226 deals re-ordering a kit in a week).
  // Its two deals of one kit are read by the delivery gap alone, against the gaps between its own
  // deals that hold one basket and are compared (`busy-repeat-gaps.ts`): the selection is in that count.
  // An account entered again for it reads the same figures: its re-orders are the busy account's.
  // (No array or closure per pair: the scan asks this of every pair of one customer holding one kit.)
  // Two accounts of one customer, both busy: read as one customer, their gaps together, so the
  // reading does not depend on which deal is asked first (the scan and each side's check agree).
  if (busyX && busyY) return busyKitRepeats(x, y, stats, xAccount, oneAccount, yAccount);
  if (busyX) return busyKitRepeats(x, y, stats, xAccount, oneAccount);
  if (busyY) return busyKitRepeats(x, y, stats, yAccount, oneAccount);
  const accounts = oneAccount ? [xAccount] : [xAccount, yAccount];
  let own = 0;
  let deals = 0;
  let ownAgain = 0;
  let ownOthers = 0;
  let holding = 0;
  for (const account of accounts) {
    // Orders, not rows: copies of one order (one kit, one day) count once, as in the kit figures.
    const copies = accountCopies(figures, account, x.signature);
    const held = Math.max(0, stats.accountBasketCount(account, x.signature) - copies.kit);
    const with_ = Math.max(held, stats.accountBasketDeals(account) - copies.all);
    own += held;
    deals += with_;
    // What each account of the customer put into the kit's figures, as one of its buyers.
    if (held > 0) {
      holding++;
      ownAgain += held - 1;
      ownOthers += with_ - 1;
    }
  }
  const kit = kitBuyers(figures, x.signature);
  // The other buyers' repeat orders, and this customer's beyond the pair being weighed.
  const again = Math.max(0, kit.again - ownAgain);
  const others = Math.max(0, kit.others - ownOthers);
  // The pair's own orders are left out: one when the two are copies of one order (one day), else two.
  const copy = x.deliveryDay !== null && x.deliveryDay === y.deliveryDay;
  const pair = copy ? 1 : 2;
  const u =
    (again + Math.max(0, own - pair) + REPEAT_PSEUDO * figures.rate) /
    (others + Math.max(0, deals - pair) + REPEAT_PSEUDO);
  const given = basketBits(Math.log2(IDENTICAL_M / Math.max(u, 1e-9)));
  // Moved from the cap the basket was actually weighed with: against all deals when the customer's
  // deals are all compared with each other (`basketReadAgainst`), else the partners compared.
  const cap = commonBasketCap(x.signature, stats, basketReadAgainst(x, y, stats));
  const basketShift = given - basketBits(cap);
  // The pair itself is one of the repeat-order pairs counted when one account holds both: left out.
  // Copies of one order are one order: their pair is not among the gaps between orders.
  const gap = gapShift(x, y, stats, figures.gaps, oneAccount && own >= 2 && !copy ? 1 : 0);
  return {
    shift: Math.round((basketShift + gap.shift) * 1000) / 1000,
    own,
    deals,
    buyers: Math.max(0, kit.buyers - holding),
    again,
    others,
    gapLevel: gap.level,
    gapSame: gap.same,
    gapPairs: gap.pairs,
    busy: false,
    othersSame: 0,
    othersPairs: 0,
  };
}

/**
 * A busy customer's two deals of one kit, or its deal and one of an account entered again for it
 * (`busy-repeat-gaps.ts`, `account` the busy one): the basket keeps its reading
 * against the partners compared, the delivery gap is read against the customer's own compared
 * pairs holding one basket instead of against the candidate pairs. Null for an estimate made
 * before those gaps were counted.
 */
function busyKitRepeats(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  account: string,
  oneAccount: boolean,
  second?: string,
): KitRepeats | null {
  const busyGaps = stats.weights.busyRepeatGaps;
  const first = busyGaps?.[account];
  if (busyGaps === undefined || first === undefined) return null;
  const also = second === undefined ? undefined : busyGaps[second];
  const gaps = also === undefined ? first : sumGaps(first, also);
  // Both deals the busy account's: the pair is among the compared pairs its gaps were counted over,
  // as often as the sample took it (`timesCounted`), and is counted out. An account entered again
  // for it holds one of the two: that pair is not among them.
  const itself = oneAccount ? timesCounted(stats.accountCount(account)) : 0;
  // Its own gaps are shrunk towards the other busy customers' (`otherBusyGaps`), not straight
  // towards the candidate pairs: their pairs were selected as its own were.
  const gap = gapShift(x, y, stats, gaps, itself, busyGaps, account, second);
  const both = second === undefined ? [account] : [account, second];
  return {
    shift: Math.round(gap.shift * 1000) / 1000,
    own: both.reduce((n, a) => n + stats.accountBasketCount(a, x.signature), 0),
    deals: both.reduce((n, a) => n + stats.accountBasketDeals(a), 0),
    buyers: 0,
    again: 0,
    others: 0,
    gapLevel: gap.level,
    gapSame: gap.same,
    gapPairs: gap.pairs,
    busy: true,
    othersSame: gap.othersSame,
    othersPairs: gap.othersPairs,
  };
}

/**
 * The delivery gap read against the gaps between one customer's orders of one kit instead of
 * against the candidate pairs: log2(u among candidates / u among repeat orders), bounded as any u
 * adjustment is. Repeat orders the tenant spaces a month apart make a same-week pair rare among
 * them; a tenant whose customers re-order weekly gains nothing. The repeat gaps are shrunk by
 * `GAP_PSEUDO` pseudo-pairs towards the candidate pairs' u; a busy customer's (`busy`, every busy
 * customer's gaps, and `account`) towards the other busy customers' share of the bin
 * (`otherBusyGaps`), itself shrunk towards the candidate pairs' u. No closure or array per pair:
 * the scan asks this of every busy customer's pair of one kit.
 */
function gapShift(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  gaps: RepeatGaps,
  itself: number,
  busy?: Readonly<Record<string, RepeatGaps>>,
  account = '',
  alsoOut?: string,
): GapReading {
  if (x.deliveryDay === null || y.deliveryDay === null) return NO_GAP;
  const level = deliveryLevel(x.deliveryDay, y.deliveryDay);
  if (level === null) return NO_GAP;
  const candidate = uOf(stats.weights, level);
  // The candidate pairs' u of the level, spread evenly over its days, for the days of the pair's bin.
  const days = Math.abs(x.deliveryDay - y.deliveryDay);
  const bin = gapBin(days);
  const candidateInBin = candidate * binShare(bin, level);
  const same = Math.max(0, (gaps.byBin[bin] ?? 0) - itself);
  const pairs = Math.max(0, gaps.pairs - itself);
  const others = busy === undefined ? undefined : otherBusyGaps(busy, account, bin, alsoOut);
  const toward = others
    ? shrunkShare(Math.max(0, others.same), Math.max(0, others.pairs), candidateInBin)
    : candidateInBin;
  const repeat = shrunkShare(same, pairs, toward);
  // The words name whole pairs (a close pair counts by its chance of being two orders, and a busy
  // customer's pair is counted out by its expected count).
  return {
    shift: clamp(Math.log2(candidateInBin / repeat), ADJUST_MIN, GAP_ADJUST_MAX),
    level,
    same: Math.round(same),
    pairs: Math.round(pairs),
    othersSame: Math.round(Math.max(0, others?.same ?? 0)),
    othersPairs: Math.round(Math.max(0, others?.pairs ?? 0)),
  };
}

/** Two accounts' gaps as one customer's (bin by bin). */
function sumGaps(a: RepeatGaps, b: RepeatGaps): RepeatGaps {
  return { pairs: a.pairs + b.pairs, byBin: a.byBin.map((n, i) => n + (b.byBin[i] ?? 0)) };
}

/**
 * The share `same / pairs` of the gaps falling in a bin, shrunk by `GAP_PSEUDO` pseudo-pairs
 * towards `toward`: few pairs say little of themselves, none leave `toward` as it is.
 */
export function shrunkShare(same: number, pairs: number, toward: number): number {
  return (same + GAP_PSEUDO * toward) / (pairs + GAP_PSEUDO);
}

/** What `gapShift` read: the shift, the level, and the counts the words name. */
interface GapReading {
  shift: number;
  level: ULevel | null;
  same: number;
  pairs: number;
  othersSame: number;
  othersPairs: number;
}

/** The days of a level (`deliveryLevel`) that fall in `GAP_BINS[bin]`: 1 for an open-ended level. */
function binShare(bin: number, level: ULevel): number {
  // Indexed, not destructured: destructuring allocated an iterator per pair.
  const days = GAP_BINS[bin] as readonly [number, number];
  const span = LEVEL_DAYS[level] ?? days;
  if (!Number.isFinite(span[1])) return 1;
  return (days[1] - days[0] + 1) / (span[1] - span[0] + 1);
}

/** `gapShift` where the gap says nothing (a date missing). */
const NO_GAP: GapReading = Object.freeze({
  shift: 0,
  level: null,
  same: 0,
  pairs: 0,
  othersSame: 0,
  othersPairs: 0,
});

/** The days each delivery level spans (`deliveryLevel`). */
const LEVEL_DAYS: Partial<Record<ULevel, readonly [number, number]>> = {
  'delivery.same_day': [0, 0],
  'delivery.within_week': [1, 7],
  'delivery.within_month': [8, 30],
  'delivery.within_quarter': [31, 90],
  'delivery.further': [91, Number.POSITIVE_INFINITY],
};

/**
 * False when two accounts cannot be one customer in `ONE_CUSTOMER_LEVELS`' sense: they share no
 * identity key, and neither their cleaned names, trade names nor pinyin are equal (the only ways
 * `compareCompanyNames` leads to `same_name`). The scan asks this of every candidate pair holding
 * one kit — generator 2 has millions at 100k — and it spares them the name comparison (bigrams)
 * that the full measure would run. A test holds it to `measureCustomer`.
 */
export function mayBeOneCustomer(x: PreparedDeal, y: PreparedDeal): boolean {
  const [a, b] = [x.customer, y.customer];
  if (a.clean === b.clean || a.tradeName === b.tradeName) return true;
  if (a.pinyin.length >= 4 && a.pinyin === b.pinyin) return true;
  for (const key of x.record.accountKeys) if (y.record.accountKeys.includes(key)) return true;
  return false;
}

/** The bits `kitRepeatsOf` moves a pair by: 0 where it does not apply. */
export function kitRepeatsShift(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): number {
  return kitRepeatsOf(x, y, stats)?.shift ?? 0;
}

/**
 * "The same customer" with the kit read given the customer (`kitRepeatsOf`) — the weight the
 * customer comparison carries for the pair. One function for `weighPair`, `scorePair` and the
 * scan's columns, so all three sum the same bits.
 */
export function customerWithKitRepeats(
  customer: Measure,
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
): Measure {
  const shift = kitRepeatsShift(x, y, stats);
  if (shift === 0) return customer;
  return Object.freeze({ level: customer.level, weight: customerWeightWithShift(customer.weight, shift) });
}

/** "The same customer"'s weight moved by a pair's `kitRepeatsShift` (the scan has the shift at hand). */
export function customerWeightWithShift(weight: number, shift: number): number {
  return shift === 0 ? weight : Math.round((weight + shift) * 1000) / 1000;
}

/** The customer's words with the figures `kitRepeatsOf` read the pair with, when it applies. */
export function kitRepeatsWords(
  customer: Message,
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
): Message {
  const k = kitRepeatsOf(x, y, stats);
  if (k === null) return customer;
  if (k.busy) {
    // With none of its own pairs left, the other busy customers' gaps alone may still move the
    // weight: the words then name theirs.
    if (k.gapLevel === null || (k.gapPairs === 0 && k.othersPairs === 0)) return customer;
    const own =
      k.gapPairs === 0
        ? customer
        : sayDuplicate('duplicate.customer.busyKitGap', { customer, pairs: k.gapPairs, close: k.gapSame });
    return k.othersPairs === 0
      ? own
      : sayDuplicate('duplicate.customer.busyKitGapOthers', {
          customer: own,
          pairs: k.othersPairs,
          close: k.othersSame,
        });
  }
  const said = sayDuplicate('duplicate.customer.kitRepeats', {
    customer,
    own: k.own,
    deals: k.deals,
    buyers: k.buyers,
    again: k.again,
    others: k.others,
  });
  if (k.gapLevel === null || k.gapPairs === 0) return said;
  return sayDuplicate('duplicate.customer.kitRepeatGap', {
    customer: said,
    pairs: k.gapPairs,
    close: k.gapSame,
  });
}
