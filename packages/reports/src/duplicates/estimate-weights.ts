import { basketWeight } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import {
  type Measure,
  measureAmount,
  measureCustomer,
  measureCustomerKind,
  measureDelivery,
  measureEndCustomer,
  measureRegion,
} from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';

/**
 * Weights estimated from a tenant's own deals, the way Splink does it: for every comparison level,
 * u (how often two unrelated deals fall in it) from random pairs of the tenant's deals, and m (how
 * often two entries of one deal do) by expectation–maximisation over the candidate pairs, starting
 * from the hand weights and held above a floor. The weight of a level is log2(m / u).
 */
export interface LevelFigures {
  /** Share of duplicate pairs in this level (EM estimate). */
  m: number;
  /** Share of random pairs in this level. */
  u: number;
  /** log2(m / u), bits. */
  weight: number;
  /** The hand weight it started from (mean over the pairs seen in this level). */
  prior: number;
}

export interface EstimatedWeights {
  /** Moves with every estimate: a stored explanation names the version whose figures it used. */
  version: number;
  deals: number;
  randomPairs: number;
  candidatePairs: number;
  iterations: number;
  /** Share of candidate pairs taken to be duplicates (the prior, held fixed). */
  lambda: number;
  /** Expected duplicates among the candidate pairs under the final estimate. */
  expectedDuplicates: number;
  comparisons: Record<string, Record<string, LevelFigures>>;
}

type Compare = (x: PreparedDeal, y: PreparedDeal, stats: CorpusStats) => Measure;

/**
 * The comparisons estimated, by the signal name they feed. The basket, the province and the
 * customer's kind are not: the blocking chose the candidate pairs by them (Splink likewise never
 * trains a comparison on pairs blocked by it), and their weights already follow each value's
 * frequency (term-frequency adjustment). EM counts them at each pair's own weight.
 */
export const ESTIMATED: Readonly<Record<string, Compare>> = {
  delivery: (x, y) => measureDelivery(x, y),
  end_customer: (x, y) => measureEndCustomer(x, y),
  amount: (x, y) => measureAmount(x, y),
  customer: (x, y) => measureCustomer(x, y),
};

/** The comparisons held at their own (term-frequency adjusted) weight per pair. */
const FIXED: readonly Compare[] = [
  (x, y, stats) => basketWeight(x, y, stats),
  (x, y, stats) => measureRegion(x, y, stats),
  (x, y, stats) => measureCustomerKind(x, y, stats),
];

/** m never falls below this: a level EM saw no duplicate in may still hold one. */
const M_FLOOR = 0.001;
/** Pseudo-pairs of the hand prior in each m update, so a small tenant stays near the priors. */
const PRIOR_PAIRS = 20;
/** Pseudo-count of u per level, so a level no random pair fell in is not infinitely telling. */
const U_PSEUDO = 0.5;

export interface EstimateOptions {
  randomPairs?: number;
  maxCandidates?: number;
  iterations?: number;
  seed?: number;
  version?: number;
  /** Share of candidate pairs that are duplicates (the prior). */
  lambda?: number;
}

/** A small deterministic generator: the same tenant gives the same estimate. */
function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tally {
  /** level → index, per comparison. */
  levels: Map<string, number>[];
  /** Per pair and comparison, the level index. */
  codes: Int32Array;
  /** Sum of hand weights per comparison and level, and counts. */
  handSum: number[][];
  handCount: number[][];
  /** Per pair, the sum of the FIXED comparisons' weights. */
  fixed: Float64Array;
  pairs: number;
}

const NAMES = Object.keys(ESTIMATED);

function tally(
  pairs: Iterable<[PreparedDeal, PreparedDeal]>,
  stats: CorpusStats,
  levels: Map<string, number>[],
  limit: number,
): Tally {
  const codes = new Int32Array(limit * NAMES.length);
  const handSum = NAMES.map(() => [] as number[]);
  const handCount = NAMES.map(() => [] as number[]);
  const fixed = new Float64Array(limit);
  let n = 0;
  for (const [x, y] of pairs) {
    if (n >= limit) break;
    for (const f of FIXED) fixed[n] = (fixed[n] as number) + f(x, y, stats).weight;
    NAMES.forEach((name, c) => {
      const m = (ESTIMATED[name] as Compare)(x, y, stats);
      const byLevel = levels[c] as Map<string, number>;
      let code = byLevel.get(m.level);
      if (code === undefined) {
        code = byLevel.size;
        byLevel.set(m.level, code);
      }
      codes[n * NAMES.length + c] = code;
      const sums = handSum[c] as number[];
      const counts = handCount[c] as number[];
      sums[code] = (sums[code] ?? 0) + m.weight;
      counts[code] = (counts[code] ?? 0) + 1;
    });
    n++;
  }
  return { levels, codes, handSum, handCount, fixed, pairs: n };
}

/**
 * Estimates u from `randomPairs` random pairs of `deals` and m by EM over `candidates` (the pairs the
 * blocking proposes), per comparison level. Pure; the caller stores the result with the tenant.
 */
export function estimateWeights(
  deals: readonly PreparedDeal[],
  candidates: Iterable<[PreparedDeal, PreparedDeal]>,
  stats: CorpusStats,
  options: EstimateOptions = {},
): EstimatedWeights {
  const random = mulberry(options.seed ?? 1);
  const wanted = Math.min(options.randomPairs ?? 50_000, (deals.length * (deals.length - 1)) / 2);
  function* randomPairs(): Generator<[PreparedDeal, PreparedDeal]> {
    for (let k = 0; k < wanted; k++) {
      const i = Math.floor(random() * deals.length);
      let j = Math.floor(random() * (deals.length - 1));
      if (j >= i) j++;
      yield [deals[i] as PreparedDeal, deals[j] as PreparedDeal];
    }
  }
  const levels = NAMES.map(() => new Map<string, number>());
  const u = tally(randomPairs(), stats, levels, wanted);
  const cand = tally(candidates, stats, levels, options.maxCandidates ?? 300_000);
  const L = NAMES.length;
  // u per level, smoothed; the hand weight per level (mean over random and candidate pairs).
  const uShare = levels.map((byLevel, c) =>
    [...byLevel.values()].map(
      (code) => ((u.handCount[c]?.[code] ?? 0) + U_PSEUDO) / (u.pairs + U_PSEUDO * byLevel.size),
    ),
  );
  const hand = levels.map((byLevel, c) =>
    [...byLevel.values()].map((code) => {
      const count = (u.handCount[c]?.[code] ?? 0) + (cand.handCount[c]?.[code] ?? 0);
      const sum = (u.handSum[c]?.[code] ?? 0) + (cand.handSum[c]?.[code] ?? 0);
      return count === 0 ? 0 : sum / count;
    }),
  );
  // The prior m of a level: its u times 2^(hand weight), normalised over the comparison's levels.
  const prior = uShare.map((us, c) => {
    const raw = us.map((x, l) => x * 2 ** (hand[c]?.[l] ?? 0));
    const total = raw.reduce((s, x) => s + x, 0);
    return raw.map((x) => Math.max(M_FLOOR, x / total));
  });
  let m = prior.map((p) => [...p]);
  // λ, the share of duplicates among candidate pairs, is held at the engine's prior: left free, EM
  // takes "alike enough to be blocked together" for "one deal" (the comparisons are not
  // independent) and λ runs to a half.
  const lambda = options.lambda ?? 0.001;
  const iterations = options.iterations ?? 15;
  const post = new Float64Array(cand.pairs);
  let expected = 0;
  for (let it = 0; it < iterations; it++) {
    const logRatio = m.map((ms, c) => ms.map((x, l) => Math.log2(x / (uShare[c]?.[l] ?? 1))));
    const priorLogit = Math.log2(lambda / (1 - lambda));
    let total = 0;
    for (let i = 0; i < cand.pairs; i++) {
      let s = priorLogit + (cand.fixed[i] as number);
      for (let c = 0; c < L; c++) s += logRatio[c]?.[cand.codes[i * L + c] as number] ?? 0;
      const p = 1 / (1 + 2 ** -s);
      post[i] = p;
      total += p;
    }
    expected = total;
    m = m.map((ms, c) => {
      const sums = ms.map(() => 0);
      for (let i = 0; i < cand.pairs; i++) {
        const code = cand.codes[i * L + c] as number;
        sums[code] = (sums[code] ?? 0) + (post[i] as number);
      }
      return sums.map((x, l) =>
        Math.max(M_FLOOR, (x + PRIOR_PAIRS * (prior[c]?.[l] ?? 0)) / (total + PRIOR_PAIRS)),
      );
    });
  }
  const comparisons: Record<string, Record<string, LevelFigures>> = {};
  NAMES.forEach((name, c) => {
    const out: Record<string, LevelFigures> = {};
    for (const [level, code] of levels[c] as Map<string, number>) {
      const mm = m[c]?.[code] ?? M_FLOOR;
      const uu = uShare[c]?.[code] ?? 1;
      out[level] = { m: mm, u: uu, weight: Math.log2(mm / uu), prior: hand[c]?.[code] ?? 0 };
    }
    comparisons[name] = out;
  });
  return {
    version: options.version ?? 1,
    deals: deals.length,
    randomPairs: u.pairs,
    candidatePairs: cand.pairs,
    iterations,
    lambda,
    expectedDuplicates: expected,
    comparisons,
  };
}
