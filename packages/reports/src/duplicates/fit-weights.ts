import { basketWeight } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import { type EmComparison, expectationMaximisation, withFloor } from './em.js';
import { exactAmountShift } from './exact-amount.js';
import {
  FITTED_LADDERS,
  type FittedComparison,
  handPrior,
  kindMeasure,
  measureAmount,
  measureCustomer,
  measureEndCustomer,
  regionMeasure,
} from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import { amountGiven, priorWeight } from './score-pair.js';
import {
  amountLevel,
  type DuplicateFit,
  type DuplicateWeights,
  deliveryLevel,
  type ULevel,
  uOf,
} from './weights.js';

/**
 * The m-probabilities and λ of one tenant, fitted by expectation–maximisation (`em.ts`) over its
 * candidate pairs, the way Splink estimates m: u held at the tenant's measured candidate u, the hand
 * weights as the starting point (m₀ = u₀ · 2^hand), a floor under every m. Fitted are the comparisons
 * whose levels are the same for every tenant — delivery, amount, province, customer kind. The basket,
 * the customer and the end customer are weighed by term frequency and by rule; they are held, as
 * Splink holds a blocked-on comparison: they move each pair's posterior, they are not re-estimated.
 *
 * Only pairs that score at least `FIT_FLOOR` bits under the weights before the fit are listed; the
 * other candidate pairs count as certain non-duplicates (a posterior under 2^FIT_FLOOR each) and
 * enter λ's denominator only.
 *
 * A fit is used only if it describes duplicates at all; else it is stored, with why, and the hand
 * priors and the fixed prior weigh (`DuplicateFit.rejected`). Unlabelled EM over candidate pairs
 * finds the largest structure among them, and blocking makes structure: on the benchmark corpora it
 * fits "two deals of one big customer" or "one province, one month" instead of "one deal entered
 * twice" (bench/RESULTS.md, issue 14). Rejected: not converged; more duplicate pairs expected than
 * the tenant has deals (each deal would have a twin); a likelihood ratio that rises as agreement falls
 * (`descending`).
 */

/** Pairs below this (bits, before the fit) are certain non-duplicates for the fit. */
export const FIT_FLOOR = -12;
/** No m below this: a level never seen among a tenant's duplicates is still possible. */
export const M_FLOOR = 0.002;
/** Pseudo-duplicates that carry the hand m into every step: a tenant with few duplicates keeps them. */
export const PRIOR_MATCHES = 10;
/** Pseudo-pairs that carry the prior λ likewise: a 3-deal tenant keeps it. */
export const PRIOR_PAIRS = 5000;

/** What the fit needs of a scan: its statistics, and the candidate pairs that reach a floor. */
export interface CandidateSource {
  readonly stats: CorpusStats;
  /** Visits every candidate pair scoring at least `floor`; returns how many candidate pairs there are in all. */
  visitCandidates(floor: number, visit: (x: PreparedDeal, y: PreparedDeal) => void): number;
}

/** The fitted comparisons, in the order of each pair's levels. */
const COMPARISONS: readonly FittedComparison[] = ['delivery', 'amount', 'region', 'kind'];
/** Level 0 of province and kind is "the same value", level 1 the `ULevel` "different". */
const SAME = 0;
const DIFFERENT = 1;

interface Fitted extends EmComparison {
  /** log2 of the hand m's sum (`handPrior`): added for every pair the comparison is made on. */
  offset: number;
}

/**
 * Each fitted comparison with the tenant's u and the hand m as the start. Starting from the m of an
 * earlier fit would let fits drift; each estimate starts from the hand priors afresh.
 */
function comparisonsOf(weights: DuplicateWeights): Fitted[] {
  return COMPARISONS.map((name) => {
    const { m0, offset } = handPrior(name);
    const ladder: readonly ULevel[] = FITTED_LADDERS[name];
    const u = ladder.map((l) => uOf(weights, l));
    if (name === 'region' || name === 'kind') u.unshift(1 - (u[0] as number));
    // A small tenant's u, shrunk level by level, need not sum to 1: EM reads them as shares, and the
    // offset keeps each weight log2(m / u) + offset as `tenantMeasure` makes it.
    const sum = u.reduce((a, b) => a + b, 0);
    return { name, u: u.map((x) => x / sum), m0: withFloor(m0, M_FLOOR), offset: offset - Math.log2(sum) };
  });
}

/**
 * One pair's levels of the fitted comparisons (-1: not compared) and the bits of everything held:
 * basket, end customer, customer, an amount the basket explains, the term-frequency part of a
 * shared province or kind (its weight less log2(m₀ / u)), and each made comparison's offset.
 */
export function pairLevels(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  comparisons: readonly Fitted[],
  into: Int8Array,
  at: number,
): number {
  const [delivery, amount, region, kind] = comparisons as [Fitted, Fitted, Fitted, Fitted];
  const basket = basketWeight(x, y, stats);
  let held =
    basket.weight + measureEndCustomer(x, y, stats.weights).weight + measureCustomer(x, y, stats).weight;
  const day = deliveryLevel(x.deliveryDay ?? Number.NaN, y.deliveryDay ?? Number.NaN);
  into[at] = day === null ? -1 : (FITTED_LADDERS.delivery as readonly ULevel[]).indexOf(day);
  if (day !== null) held += delivery.offset;
  const raw = measureAmount(x, y, stats);
  const given = amountGiven(basket, raw, x.signature === y.signature);
  const money = amountLevel(
    x.record.amountMinor,
    y.record.amountMinor,
    x.record.currency === y.record.currency,
  );
  if (given !== raw || money === null) {
    into[at + 1] = -1;
    held += given.weight;
  } else {
    into[at + 1] = (FITTED_LADDERS.amount as readonly ULevel[]).indexOf(money);
    // The fen's part (`exact-amount.ts`) is read from u alone, not fitted: held as it is.
    const own = x.record.accountId === y.record.accountId;
    held += amount.offset + (raw.level === 'exact' ? exactAmountShift(stats.weights.exactAmount, own) : 0);
  }
  const sameAccount = x.record.accountId === y.record.accountId;
  const categorical = (k: 2 | 3, c: Fitted, a: string | null, b: string | null, weight: number) => {
    if (a === null || b === null || sameAccount) {
      into[at + k] = -1;
      held += weight;
    } else if (a !== b) {
      into[at + k] = DIFFERENT;
      held += c.offset;
    } else {
      into[at + k] = SAME;
      held += weight - Math.log2((c.m0[SAME] as number) / (c.u[SAME] as number));
    }
  };
  const [rx, ry] = [x.record, y.record];
  categorical(
    2,
    region,
    rx.province,
    ry.province,
    regionMeasure(rx.province, ry.province, sameAccount, stats).weight,
  );
  const kinds = kindMeasure(rx.accountKind, ry.accountKind, sameAccount, stats).weight;
  categorical(3, kind, rx.accountKind, ry.accountKind, kinds);
  return held;
}

/**
 * The tenant's weights with m and λ fitted over `source`'s candidate pairs (see above). The u stay
 * as measured; the result is a new estimate (the caller stores and versions it).
 */
export function fitDuplicateWeights(source: CandidateSource, weights: DuplicateWeights): DuplicateWeights {
  const stats = source.stats;
  const comparisons = comparisonsOf(weights);
  const c = COMPARISONS.length;
  let levels = new Int8Array(1024 * c);
  let held = new Float64Array(1024);
  let n = 0;
  const total = source.visitCandidates(FIT_FLOOR, (x, y) => {
    if (n === held.length) {
      const wider = new Int8Array(levels.length * 2);
      wider.set(levels);
      levels = wider;
      const more = new Float64Array(held.length * 2);
      more.set(held);
      held = more;
    }
    held[n] = pairLevels(x, y, stats, comparisons, levels, n * c);
    n++;
  });
  const prior = priorWeight(stats.n, weights);
  const lambda0 = 2 ** prior / (1 + 2 ** prior);
  const result = expectationMaximisation({
    comparisons,
    levels: levels.subarray(0, n * c),
    held: held.subarray(0, n),
    totalPairs: total,
    lambda0,
    options: { mFloor: M_FLOOR, priorMatches: PRIOR_MATCHES, priorPairs: PRIOR_PAIRS },
  });
  const fitted = {} as Record<ULevel, number>;
  COMPARISONS.forEach((name, k) => {
    const own = name === 'region' || name === 'kind' ? 1 : 0;
    (FITTED_LADDERS[name] as readonly ULevel[]).forEach((level, i) => {
      fitted[level] = result.m[k]?.[i + own] as number;
    });
  });
  const rejected = !result.converged
    ? 'not_converged'
    : result.expectedMatches > stats.n
      ? 'too_many'
      : comparisons.some((k, i) => !descending(result.m[i] as number[], k.u))
        ? 'not_monotone'
        : null;
  const fit: DuplicateFit = {
    candidatePairs: total,
    pairs: n,
    expectedMatches: Math.round(result.expectedMatches * 10) / 10,
    iterations: result.iterations,
    converged: result.converged,
    lambda: result.lambda,
    m: fitted,
    ...(rejected ? { rejected } : {}),
  };
  return rejected ? { ...weights, fit } : { ...weights, m: fitted, lambda: result.lambda, fit };
}

/**
 * Whether the likelihood ratio m / u never rises from one level to the next: the levels of every
 * fitted comparison run from the most alike to the least (same day … months apart; same amount …
 * far apart; same province, other province), so a duplicate can never be likelier than a non-duplicate
 * to show a lesser agreement than a greater one.
 */
export function descending(m: readonly number[], u: readonly number[]): boolean {
  for (let l = 1; l < m.length; l++)
    if ((m[l] as number) / (u[l] as number) > (m[l - 1] as number) / (u[l - 1] as number)) return false;
  return true;
}
