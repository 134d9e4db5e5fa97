import { expectationMaximisation, withFloor } from './em.js';
import { deliveryLevel, type ULevel } from './weights.js';

/**
 * How close a tenant's copies are due: the m of the close delivery levels (the same day, within a
 * week, within a month) estimated in the tenant by expectation–maximisation, Splink-style — the hand
 * m as the start, a floor under every m, pseudo-copies that keep a tenant with few copies near the hand.
 *
 * The hand weights hold that about 5 % of copies due within a month keep their day (3 bits for the
 * same day against u₀ 0.0013, 2.5 for a week against 0.019). Tenants differ: one re-dates a copy
 * by a few days, another keeps the date it was given — on the probe tenant ~43 % of copies keep
 * the day, so a busy customer's exact copy due the same day stayed at −4 to −8 bits
 * (bench/RESULTS.md, issue 14, helper h-same7).
 *
 * The pairs: one account's two deals holding one basket, due within a month of each other. They
 * are selected on the account and the basket, not on the day, so among their copies the share
 * keeping the day is the m of "the same day" for one account's copies (Fellegi–Sunter's conditional
 * independence), and copies are common among them, so the fit has something to see. It is read for
 * one customer's two deals only (`oneCustomer`: one account, or two accounts that may be one):
 * two customers' duplicates (two integrators bidding for one tender) are not what it saw. Each
 * pair's posterior is the detector's own score (the prior included) moved by how far the fitted m
 * moved from the hand m; only the delivery level is fitted, λ and every other weight held. The fit
 * over all candidate pairs (`fit-weights.ts`) took "blocked together" for "one deal" and is off by
 * default; this one fits one comparison among pairs that are copies or one customer's re-orders.
 *
 * Only the share keeping the day is fitted, against the copies re-dated within a month; how those
 * split between a week and a month keeps the hand's ratio, and "within a quarter" and "further" keep
 * their hand m (pairs further apart are not listed: one customer's re-orders months apart are many,
 * and none is a copy). A fit of the three levels, read for every pair, moved "within a month" by
 * −4 bits on generator 2 (100k): its customers' copies of one basket are re-dated by days, its other
 * duplicates — a line swapped, another customer — by weeks, and 79 hard and 25 story pairs fell below
 * 0 (bench/RESULTS.md, issue 14, helper h-sameday8). The day is what the issue found tenants differ
 * in, and what is fitted.
 */

/** The levels whose m is read from the fit, from the most alike. */
export const CLOSE_LEVELS = ['delivery.same_day', 'delivery.within_week', 'delivery.within_month'] as const;
export type CloseLevel = (typeof CLOSE_LEVELS)[number];

/** A customer's two deals of one basket this many days apart at most are listed (`deliveryLevel`'s month). */
export const LISTED_DAYS = 30;
/**
 * Each deal is paired with at most this many of its customer's later deals of the basket: a
 * customer ordering one kit every day would list its square; a deal and its copy are adjacent in time.
 */
const NEIGHBOURS = 6;
/** Pairs scoring below this are certain non-copies for the fit (posterior under 2^-16): not weighed in full. */
export const WEIGH_FLOOR = -16;
/** Pseudo-copies that carry the hand m into every step: a tenant with a few copies keeps it. */
const PRIOR_COPIES = 10;
/** Fewer copies read than this among the listed pairs (about none): nothing fitted, the hand m stays. */
const MIN_COPIES = 0.5;
/** No fitted m below this: a level never seen among a tenant's copies is still possible. */
const M_FLOOR = 0.002;

/** What the fit of the close delivery levels saw and found, stored with the tenant's weights. */
export interface CopyDeliveryFigures {
  /** Pairs listed: one account's two deals of one basket due within a month of each other. */
  pairs: number;
  /** Copies the fit expects among them (Σ of the posteriors). */
  copies: number;
  /** m of each `CLOSE_LEVELS` level among copies due within a month (shares, summing to 1). */
  m: readonly [number, number, number];
}

/** One deal as the fit lists it: its customer, basket signature ('' for none) and delivery day. */
export interface CopyHolding {
  accountId: string;
  signature: string;
  day: number | null;
}

/**
 * The pairs the fit lists, by position in `deals`: per account and basket, its deals in day order,
 * each with its next ones within `LISTED_DAYS` (at most `NEIGHBOURS`).
 */
export function listedPairs(deals: readonly CopyHolding[]): [number, number][] {
  const groups = new Map<string, number[]>();
  deals.forEach((d, i) => {
    if (d.signature === '' || d.day === null) return;
    const key = `${d.accountId}\u0000${d.signature}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const pairs: [number, number][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => (deals[a]?.day as number) - (deals[b]?.day as number) || a - b);
    for (let k = 0; k < group.length; k++) {
      const from = deals[group[k] as number]?.day as number;
      for (let l = k + 1; l < group.length && l <= k + NEIGHBOURS; l++) {
        if ((deals[group[l] as number]?.day as number) - from > LISTED_DAYS) break;
        pairs.push([group[k] as number, group[l] as number]);
      }
    }
  }
  return pairs;
}

/** `CLOSE_LEVELS`' index of two days (-1 when further apart or a day unknown). */
function closeIndex(a: number | null, b: number | null): number {
  if (a === null || b === null) return -1;
  return CLOSE_LEVELS.indexOf(deliveryLevel(a, b) as CloseLevel);
}

/**
 * The tenant's m of the close delivery levels (above), or undefined when no pair is listed or the
 * fit reads about no copy among them: the pseudo-copies alone would then move the weight, and
 * the words would name a share of nothing.
 * `hand` is the hand m of `CLOSE_LEVELS` as shares (`handCloseShares`); `weigh(i, j)` the detector's
 * score of two deals under the weights estimated so far, or -Infinity below `WEIGH_FLOOR`.
 */
export function copyDeliveryFigures(
  deals: readonly CopyHolding[],
  hand: readonly number[],
  weigh: (i: number, j: number) => number,
): CopyDeliveryFigures | undefined {
  const pairs = listedPairs(deals);
  if (pairs.length === 0) return undefined;
  // Two levels are fitted: the same day, and 1–30 days apart (split as the hand splits it, below).
  const [day, week, month] = hand as [number, number, number];
  const start = withFloor([day, week + month], M_FLOOR);
  // u = the hand m: each level adds log2(m / m₀) to the pair's score, nothing at the start.
  const result = fitAmongCopies(pairs, weigh, start, (i, j) =>
    Math.min(1, closeIndex(deals[i]?.day ?? null, deals[j]?.day ?? null)),
  );
  if (result === undefined) return undefined;
  const [same, apart] = result.m as [number, number];
  const m = [same, (apart * week) / (week + month), (apart * month) / (week + month)];
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    pairs: pairs.length,
    copies: result.copies,
    m: [round(m[0] as number), round(m[1] as number), round(m[2] as number)],
  };
}

/**
 * Whether two accounts' deals `days` apart (NaN: a day unknown) could be moved by the fitted share:
 * the caller then asks whether the two accounts may be one customer (`mayBeOneCustomer`: a shared
 * phone or credit code, one name), whose copies these are too. One account's two deals always are;
 * two customers' never: two integrators' bids for one tender keeping one day is not what one
 * customer's copies show (generator 2, 100k, read so: story F1 .900 → .899).
 */
export function mayReadCopies(weights: { copyDelivery?: CopyDeliveryFigures }, days: number): boolean {
  return weights.copyDelivery !== undefined && days <= LISTED_DAYS;
}

/** The fitted share of one close level, or null for another level or without figures. */
export function copyShare(figures: CopyDeliveryFigures | undefined, level: ULevel): number | null {
  if (figures === undefined) return null;
  const k = CLOSE_LEVELS.indexOf(level as CloseLevel);
  return k < 0 ? null : (figures.m[k] as number);
}

/**
 * Whether a stored document holds figures the fit could have made: whole pairs, no more copies than
 * pairs, and shares that sum to 1 (a stored `[1, 1, 1]` would lift every close level). A document
 * failing this makes the whole stored estimate unreadable (`isDuplicateWeights`); an estimate made
 * before the figures existed has none and is read with the hand m.
 */
export function isCopyDeliveryFigures(doc: unknown): doc is CopyDeliveryFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<CopyDeliveryFigures>;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (!count(d.pairs) || !Number.isInteger(d.pairs) || !count(d.copies) || d.copies > d.pairs) return false;
  if (!Array.isArray(d.m) || d.m.length !== CLOSE_LEVELS.length) return false;
  if (!d.m.every((x) => typeof x === 'number' && x > 0 && x <= 1)) return false;
  // Rounded to four places each when made: their sum is 1 within the rounding.
  return Math.abs(d.m.reduce((sum: number, x: number) => sum + x, 0) - 1) < 0.01;
}

/**
 * One comparison's m among the copies, fitted by expectation–maximisation over listed pairs (the
 * same-day share here, who entered them in `copy-owner.ts`): each pair's posterior its detector
 * score (`weigh`, prior included) plus the level's bits; λ held at ½ (no prior bits: the score holds
 * the detector's prior), `PRIOR_COPIES` pseudo-copies at `start`, m floored at `M_FLOOR`. A pair
 * `levelOf` gives null, or that cannot reach the floor (a posterior of nothing), moves no m.
 * Undefined when the fit read fewer than `MIN_COPIES` copies: its figures would be a share of none.
 */
export function fitAmongCopies(
  pairs: readonly (readonly [number, number])[],
  weigh: (i: number, j: number) => number,
  start: number[],
  levelOf: (i: number, j: number) => number | null,
): { m: number[]; copies: number } | undefined {
  const levels: number[] = [];
  const held: number[] = [];
  for (const [i, j] of pairs) {
    const level = levelOf(i, j);
    if (level === null) continue;
    const score = weigh(i, j);
    if (score === Number.NEGATIVE_INFINITY) continue;
    levels.push(level);
    held.push(score);
  }
  if (levels.length === 0) return undefined;
  const result = expectationMaximisation({
    comparisons: [{ name: 'copies', u: start, m0: start }],
    levels: Int8Array.from(levels),
    held: Float64Array.from(held),
    lambda0: 0.5,
    options: { mFloor: M_FLOOR, priorMatches: PRIOR_COPIES, lambdaMin: 0.5, lambdaMax: 0.5 },
  });
  if (result.expectedMatches < MIN_COPIES) return undefined;
  return { m: result.m[0] as number[], copies: Math.round(result.expectedMatches * 10) / 10 };
}
