import { fitAmongCopies, listedPairs } from './copy-delivery.js';
import { seeded } from './minhash.js';

/**
 * Who entered one customer's two deals: the salesperson (the deal's owner) as evidence between two
 * deals of one account, u and m both estimated in the tenant (Fellegi–Sunter, Splink-style).
 *
 * A busy customer's re-entry of one deal — the same basket, the same day — read below 0 on the
 * probe tenant (−4 to −8 bits: "the same account" and its kit are weak evidence for a customer with
 * hundreds of deals; bench/RESULTS.md, issue 14, helpers h-same7, h-sameday8). What its deals are
 * not is entered by anyone: where an account has its salesperson, two of its deals entered by two
 * people are rare among its orders and common among its re-entries (a colleague typing the order
 * again). Where a tenant's deals are spread over its reps whatever the customer, the owner says
 * nothing, and the fit finds that: u and m are then alike and the weight is about 0.
 *
 * - u: among pairs of one account's deals drawn at random (each deal with one other of its account,
 *   as the fen's own-account count draws them, `weights.ts`), the share entered by two people.
 *   Shrunk towards ½ by `U_PSEUDO` pseudo-pairs: a tenant with few such pairs says little.
 * - m: the share entered by two people among the copies, fitted by expectation–maximisation over
 *   the pairs the same-day fit lists (`copy-delivery.ts`: one account's two deals of one basket due
 *   within a month), each pair's posterior its detector score (prior included) plus the owner's
 *   bits; the start and the pseudo-copies carry m = u (no evidence either way), a floor under m.
 *
 * Read for one account's two deals only: two accounts' deals are entered by their own salespeople,
 * and two integrators' bids for one tender (the story) are two people's by nature.
 */

/** Pseudo-pairs carrying u = ½ (`u` above). */
const U_PSEUDO = 20;
/**
 * The most the owner moves a pair, either way: as far as a u adjustment may move down
 * (`ADJUST_MIN` of `weights.ts`, which imports this module: held equal by a test). The shrinkage bounds it by the evidence before this does: with u shrunk by 20
 * pseudo-pairs and m by 10 pseudo-copies, a tenant needs hundreds of single-owner pairs and tens of
 * copies entered by a colleague to reach it.
 */
export const OWNER_ADJUST_MAX = 6;

/** What the tenant's owners showed, stored with its weights (`DuplicateWeights.copyOwner`). */
export interface CopyOwnerFigures {
  /** Pairs of one account's deals drawn, both owners known, and how many of them by two people. */
  pairs: number;
  twoOwners: number;
  /** Pairs the m fit listed, the copies it read among them, and the share of those by two people. */
  listed: number;
  copies: number;
  m: number;
}

/** One deal as the fit reads it. */
export interface OwnerHolding {
  accountId: string;
  ownerId: string;
  signature: string;
  day: number | null;
}

/** u of "two owners": the share among one account's drawn pairs, shrunk towards ½. */
export function twoOwnersU(figures: Pick<CopyOwnerFigures, 'pairs' | 'twoOwners'>): number {
  return shrunkShare(figures.twoOwners, figures.pairs);
}

/** A share of `count` in `pairs`, shrunk towards ½ by `U_PSEUDO` pseudo-pairs: a u of a two-level comparison fitted in the tenant. */
export function shrunkShare(count: number, pairs: number): number {
  return (count + U_PSEUDO * 0.5) / (pairs + U_PSEUDO);
}

/**
 * Bits a pair moves for a two-level comparison whose share (`u` among pairs, `m` among copies) is
 * of the level the pair is at (`level`) or of the other, within `OWNER_ADJUST_MAX` either way.
 */
export function fittedLevelShift(u: number, m: number, level: boolean): number {
  const bits = level ? Math.log2(m / u) : Math.log2((1 - m) / (1 - u));
  return Math.round(Math.min(OWNER_ADJUST_MAX, Math.max(-OWNER_ADJUST_MAX, bits)) * 1000) / 1000;
}

/** One account's deals paired at random (each with one other of its own), deterministic per seed. */
function ownPairs(deals: readonly OwnerHolding[], seed: number): { pairs: number; twoOwners: number } {
  const byAccount = new Map<string, number[]>();
  deals.forEach((d, i) => {
    if (d.ownerId === '') return;
    const own = byAccount.get(d.accountId);
    if (own) own.push(i);
    else byAccount.set(d.accountId, [i]);
  });
  const next = seeded(seed);
  let pairs = 0;
  let twoOwners = 0;
  for (const own of byAccount.values()) {
    if (own.length < 2) continue;
    for (let k = 0; k < own.length; k++) {
      let other = Math.floor((next() / 4294967296) * (own.length - 1));
      if (other >= k) other++;
      pairs++;
      if (deals[own[k] as number]?.ownerId !== deals[own[other] as number]?.ownerId) twoOwners++;
    }
  }
  return { pairs, twoOwners };
}

/**
 * The tenant's owner figures, or undefined when no pair is drawn or listed, or the fit reads about
 * no copy. `weigh(i, j)` is the detector's score of two deals under the weights estimated so far
 * (−Infinity below the floor the caller weighs to: no posterior).
 */
export function copyOwnerFigures(
  deals: readonly OwnerHolding[],
  weigh: (i: number, j: number) => number,
  seed = 14,
): CopyOwnerFigures | undefined {
  const drawn = ownPairs(deals, seed);
  if (drawn.pairs === 0) return undefined;
  const listed = listedPairs(deals);
  const u = twoOwnersU(drawn);
  const result = fitAmongCopies(listed, weigh, [1 - u, u], (i, j) => {
    const [a, b] = [deals[i] as OwnerHolding, deals[j] as OwnerHolding];
    if (a.ownerId === '' || b.ownerId === '') return null;
    return a.ownerId === b.ownerId ? 0 : 1;
  });
  if (result === undefined) return undefined;
  return {
    pairs: drawn.pairs,
    twoOwners: drawn.twoOwners,
    listed: listed.length,
    copies: result.copies,
    m: Math.round((result.m[1] as number) * 10000) / 10000,
  };
}

/**
 * The owner figures a tenant's weights are read with: none where m and λ were fitted over all
 * candidate pairs (`fit-weights.ts` fits them without the owner), as the same-day share is not read then.
 */
export function ownerFigures(weights: {
  copyOwner?: CopyOwnerFigures;
  m?: unknown;
}): CopyOwnerFigures | undefined {
  return weights.m === undefined ? weights.copyOwner : undefined;
}

/** Bits one account's two deals move for being entered by one person (`same`) or two. */
export function ownerShift(figures: CopyOwnerFigures | undefined, same: boolean): number {
  if (figures === undefined) return 0;
  return fittedLevelShift(twoOwnersU(figures), figures.m, !same);
}

/** The most `ownerShift` adds to one account's pair (0 without figures): what a scan bounds it by. */
export function ownerShiftMost(figures: CopyOwnerFigures | undefined): number {
  return Math.max(0, ownerShift(figures, true), ownerShift(figures, false));
}

/** Bits two deals move for who entered them: one account's only, both owners known. */
export function pairOwnerShift(
  figures: CopyOwnerFigures | undefined,
  a: { accountId: string; ownerId: string },
  b: { accountId: string; ownerId: string },
): number {
  if (figures === undefined || a.accountId !== b.accountId || a.ownerId === '' || b.ownerId === '') return 0;
  return ownerShift(figures, a.ownerId === b.ownerId);
}

/** Whether a stored document holds figures the fit could have made (else the estimate is unreadable). */
export function isCopyOwnerFigures(doc: unknown): doc is CopyOwnerFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<CopyOwnerFigures>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!whole(d.pairs) || !whole(d.twoOwners) || d.twoOwners > d.pairs || !whole(d.listed)) return false;
  if (typeof d.copies !== 'number' || !(d.copies >= 0) || d.copies > d.listed) return false;
  return typeof d.m === 'number' && d.m > 0 && d.m < 1;
}
