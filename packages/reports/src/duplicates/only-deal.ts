import { fitAmongCopies } from './copy-delivery.js';
import { fittedLevelShift, shrunkShare } from './copy-owner.js';

/**
 * A busy customer's re-typed account that holds only the deal compared: how often such an account's
 * only deal is a copy, u and m both estimated in the tenant (Fellegi–Sunter, Splink-style), as who
 * entered one account's two deals is (`copy-owner.ts`).
 *
 * One customer under two accounts, one of them a busy customer's, is read against that customer's
 * deals a deal of it is compared with (`oneCustomerShift`): its u is the share of a deal's partners
 * that are the customer's, so a giant's re-typed account weighs little — rightly for the giant's
 * other deals its one deal meets, but its copy weighs as little (generator 2, 100k: 49 copies of a
 * busy customer entered under a second account scored below 0, the names at −2.7 to +2.7 bits;
 * bench/RESULTS.md, issue 14, helper h-same10). What the re-typed account often is, is an account
 * opened for that one entry: it holds that deal and no other. Whether that says "copy" is the
 * tenant's to show: where customers are often entered once under a spelling of their own, it says
 * nothing, and the fit finds u and m alike.
 *
 * - The pairs: candidate pairs of a sample of deals (`sampledPairs`, the kept-lines fit's) whose two
 *   accounts read as one customer where one of them is busy — the pairs the shift is read for.
 * - u: among them, the share where one account holds only that deal, shrunk towards ½ by the
 *   owner's pseudo-pairs (`shrunkShare`) (the copies among them are few against the busy customer's other deals).
 * - m: that share among their copies, fitted by expectation–maximisation (`fitAmongCopies`), each
 *   pair's posterior its detector score plus the level's bits; the start and the pseudo-copies carry
 *   m = u (no evidence either way). Bounded as the owner's shift is (`fittedLevelShift`).
 */

/** What the tenant's re-typed accounts showed, stored with its weights (`DuplicateWeights.onlyDeal`). */
export interface OnlyDealFigures {
  /** Pairs listed (one customer under two accounts, one busy) and how many had an account holding only that deal. */
  pairs: number;
  onlyDeal: number;
  /** Copies the fit read among them, and the share of those with an account holding only that deal. */
  copies: number;
  m: number;
}

/** u of "an account holds only this deal": the share among the listed pairs, shrunk towards ½. */
export function onlyDealU(figures: Pick<OnlyDealFigures, 'pairs' | 'onlyDeal'>): number {
  return shrunkShare(figures.onlyDeal, figures.pairs);
}

/**
 * The tenant's figures over the listed pairs (`levelOf(i, j)`: 1 where an account holds only that
 * deal, else 0), or undefined when none is listed or the fit reads about no copy among them.
 * `weigh(i, j)` is the detector's score under the weights estimated so far (−Infinity below its floor).
 */
export function onlyDealFigures(
  pairs: readonly (readonly [number, number])[],
  levelOf: (i: number, j: number) => number,
  weigh: (i: number, j: number) => number,
): OnlyDealFigures | undefined {
  if (pairs.length === 0) return undefined;
  let onlyDeal = 0;
  for (const [i, j] of pairs) onlyDeal += levelOf(i, j);
  const u = onlyDealU({ pairs: pairs.length, onlyDeal });
  const result = fitAmongCopies(pairs, weigh, [1 - u, u], levelOf);
  if (result === undefined) return undefined;
  return {
    pairs: pairs.length,
    onlyDeal,
    copies: result.copies,
    m: Math.round((result.m[1] as number) * 10000) / 10000,
  };
}

/** Bits one customer's two accounts move for one of them holding only the deal compared (`only`) or not. */
export function onlyDealShift(figures: OnlyDealFigures | undefined, only: boolean): number {
  if (figures === undefined) return 0;
  return fittedLevelShift(onlyDealU(figures), figures.m, only);
}

/**
 * The figures a tenant's weights are read with: none where m and λ were fitted over all candidate
 * pairs (`fit-weights.ts` fits them without this level), as for the owner (`ownerFigures`).
 */
export function onlyDealFiguresOf(weights: {
  onlyDeal?: OnlyDealFigures;
  m?: unknown;
}): OnlyDealFigures | undefined {
  return weights.m === undefined ? weights.onlyDeal : undefined;
}

/** Whether a stored document holds figures the fit could have made (else the estimate is unreadable). */
export function isOnlyDealFigures(doc: unknown): doc is OnlyDealFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<OnlyDealFigures>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!whole(d.pairs) || !whole(d.onlyDeal) || d.onlyDeal > d.pairs) return false;
  if (typeof d.copies !== 'number' || !(d.copies >= 0) || d.copies > d.pairs) return false;
  return typeof d.m === 'number' && d.m > 0 && d.m < 1;
}
