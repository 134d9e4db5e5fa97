/**
 * Expectation–maximisation for a Fellegi–Sunter model (Splink's `estimate_m_using_expectation_
 * maximisation`): given pairs of records, each with a level per comparison, and the u-probabilities
 * (held fixed, as Splink holds them — measured among the pairs, where non-matches are the bulk),
 * find the m-probabilities and λ, the share of matches among the pairs, that best explain the levels
 * seen. A pure function over arrays: no records, no statistics.
 *
 * Comparisons not estimated here (those weighed by term frequency, or by rules) enter each pair as
 * `held` bits: they move its posterior but are not themselves re-estimated.
 */

export interface EmComparison {
  /** Name, for the result only. */
  name: string;
  /** u per level (fixed during the fit). */
  u: readonly number[];
  /** m per level to start from (the hand priors); need not sum to 1, it is normalised. */
  m0: readonly number[];
}

export interface EmOptions {
  /** No m falls below this (default 0.001): a level never seen among matches is still possible. */
  mFloor?: number;
  /** λ stays within these (default 1e-7 … 0.5). */
  lambdaMin?: number;
  lambdaMax?: number;
  /** Stop when no m moves by more than this and λ by more than this share of itself (default 1e-5). */
  tolerance?: number;
  /** At most this many iterations (default 200). */
  maxIterations?: number;
  /**
   * Pseudo-matches that carry `m0` into every M-step (a Dirichlet prior): a tenant whose matches are
   * few keeps close to the priors. Default 0 (plain maximum likelihood).
   */
  priorMatches?: number;
  /** Pseudo-pairs that carry `lambda0` likewise (default 0). */
  priorPairs?: number;
}

export interface EmInput {
  comparisons: readonly EmComparison[];
  /**
   * Pair by pair, one level per comparison (`pairs × comparisons.length` entries, pair-major);
   * -1 where the comparison could not be made (a value missing): it is left out of that pair.
   */
  levels: Int8Array;
  /** Bits each pair's held comparisons add (log2 of their likelihood ratio); zeros when absent. */
  held?: Float64Array;
  /** How many pairs each row stands for (default 1 each): identical rows may be given once. */
  counts?: Float64Array;
  /**
   * The pairs λ is a share of. Pairs beyond those listed are certain non-matches (their posterior is
   * negligible): a fit may list only the pairs that could be matches and still estimate λ among all.
   * Default: the pairs listed.
   */
  totalPairs?: number;
  /** λ to start from. */
  lambda0: number;
  options?: EmOptions;
}

export interface EmResult {
  /** m per comparison and level, each comparison summing to 1, none below the floor. */
  m: number[][];
  lambda: number;
  /** Σ of the posteriors: the matches the fit expects among all pairs. */
  expectedMatches: number;
  iterations: number;
  converged: boolean;
  /** Log-likelihood (bits) of the pairs listed under the final parameters. */
  logLikelihood: number;
}

/**
 * The chance a pair is a match given its total weight in bits (the log-odds, prior included): the
 * E-step of every fit here. Beyond ±60 bits the answer is 0 or 1 to double precision.
 */
export function chanceOfMatch(bits: number): number {
  return bits > 60 ? 1 : bits < -60 ? 0 : 1 / (1 + 2 ** -bits);
}

/** `m` normalised to sum 1 with no entry below `floor` (entries at the floor, the rest scaled). */
export function withFloor(m: readonly number[], floor: number): number[] {
  const k = m.length;
  const f = Math.min(floor, 1 / Math.max(1, k));
  const v = m.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const pinned = new Set<number>();
  // Pin the entries that fall below the floor and scale the rest into what is left, until none falls.
  for (;;) {
    let free = 0;
    for (let i = 0; i < k; i++) if (!pinned.has(i)) free += v[i] as number;
    const left = 1 - f * pinned.size;
    // x / free first: with subnormal masses x · left rounds back to x and the sum overshoots 1.
    const out = v.map((x, i) =>
      pinned.has(i) ? f : free > 0 ? (x / free) * left : left / (k - pinned.size),
    );
    let again = false;
    for (let i = 0; i < k; i++)
      if (!pinned.has(i) && (out[i] as number) < f) {
        pinned.add(i);
        again = true;
      }
    if (!again) return out;
  }
}

const log2 = Math.log2;

/** Fits m and λ by expectation–maximisation; u and the held bits stay as given. */
export function expectationMaximisation(input: EmInput): EmResult {
  const { comparisons, levels } = input;
  const c = comparisons.length;
  const n = c === 0 ? 0 : Math.floor(levels.length / c);
  if (c > 0 && levels.length !== n * c)
    throw new RangeError('levels must hold one level per pair and comparison');
  const options = input.options ?? {};
  const floor = options.mFloor ?? 0.001;
  const lambdaMin = options.lambdaMin ?? 1e-7;
  const lambdaMax = options.lambdaMax ?? 0.5;
  const tolerance = options.tolerance ?? 1e-5;
  const maxIterations = options.maxIterations ?? 200;
  const priorMatches = options.priorMatches ?? 0;
  const priorPairs = options.priorPairs ?? 0;
  const counts = input.counts;
  const held = input.held;
  let listed = 0;
  for (let p = 0; p < n; p++) listed += counts ? (counts[p] as number) : 1;
  const total = Math.max(input.totalPairs ?? listed, listed);
  const clampLambda = (x: number) => Math.min(lambdaMax, Math.max(lambdaMin, x));
  const m0 = comparisons.map((k) => withFloor(k.m0, floor));
  const logU = comparisons.map((k) => k.u.map((x) => log2(x)));
  let m = m0.map((row) => [...row]);
  let lambda = clampLambda(input.lambda0);
  const posterior = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  let expected = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    // E-step: each pair's posterior of being a match.
    const bits = m.map((row, k) => row.map((x, l) => log2(x) - (logU[k]?.[l] as number)));
    const prior = log2(lambda / (1 - lambda));
    expected = 0;
    for (let p = 0; p < n; p++) {
      let s = prior + (held ? (held[p] as number) : 0);
      for (let k = 0; k < c; k++) {
        const l = levels[p * c + k] as number;
        if (l >= 0) s += bits[k]?.[l] as number;
      }
      const post = chanceOfMatch(s);
      posterior[p] = post;
      expected += post * (counts ? (counts[p] as number) : 1);
    }
    // M-step: m per level among the (expected) matches where the comparison was made; λ their share.
    const next = m.map((row, k) => {
      const num = new Float64Array(row.length);
      let den = 0;
      for (let p = 0; p < n; p++) {
        const l = levels[p * c + k] as number;
        if (l < 0) continue;
        const w = (posterior[p] as number) * (counts ? (counts[p] as number) : 1);
        num[l] = (num[l] as number) + w;
        den += w;
      }
      const start = m0[k] as number[];
      const raw = Array.from(num, (x, l) => (x + priorMatches * (start[l] as number)) / (den + priorMatches));
      return den + priorMatches > 0 ? withFloor(raw, floor) : [...row];
    });
    const nextLambda = clampLambda((expected + priorPairs * input.lambda0) / (total + priorPairs));
    let moved = Math.abs(nextLambda - lambda) / lambda;
    for (let k = 0; k < c; k++)
      for (let l = 0; l < (next[k] as number[]).length; l++)
        moved = Math.max(moved, Math.abs((next[k]?.[l] as number) - (m[k]?.[l] as number)));
    m = next;
    lambda = nextLambda;
    converged = moved < tolerance;
  }
  return {
    m,
    lambda,
    expectedMatches: expected,
    iterations,
    converged,
    logLikelihood: logLikelihood(input, m, lambda),
  };
}

/** Log-likelihood (bits) of the listed pairs under m, u and λ: EM never lowers it (without floors and priors). */
export function logLikelihood(input: EmInput, m: readonly (readonly number[])[], lambda: number): number {
  const { comparisons, levels, held, counts } = input;
  const c = comparisons.length;
  const n = c === 0 ? 0 : Math.floor(levels.length / c);
  let sum = 0;
  for (let p = 0; p < n; p++) {
    // log2(λ ∏m·2^held + (1−λ) ∏u): the held bits are a ratio, so they scale the match side only.
    let match = log2(lambda) + (held ? (held[p] as number) : 0);
    let non = log2(1 - lambda);
    for (let k = 0; k < c; k++) {
      const l = levels[p * c + k] as number;
      if (l < 0) continue;
      match += log2(m[k]?.[l] as number);
      non += log2(comparisons[k]?.u[l] as number);
    }
    const hi = Math.max(match, non);
    sum += (hi + log2(2 ** (match - hi) + 2 ** (non - hi))) * (counts ? (counts[p] as number) : 1);
  }
  return sum;
}
