import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EmComparison,
  expectationMaximisation,
  logLikelihood,
  withFloor,
} from '../../src/duplicates/em.js';
import { seeded } from '../../src/duplicates/minhash.js';

/** A deterministic uniform generator in [0, 1) (the package's own mulberry32). */
function uniform(seed: number): () => number {
  const next = seeded(seed);
  return () => next() / 4294967296;
}

function draw(p: readonly number[], r: number): number {
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    acc += p[i] as number;
    if (r < acc) return i;
  }
  return p.length - 1;
}

/** Pairs drawn from a known mixture: matches with probability λ, levels from m or u, conditionally independent. */
function mixture(m: number[][], u: number[][], lambda: number, pairs: number, seed: number): Int8Array {
  const next = uniform(seed);
  const levels = new Int8Array(pairs * m.length);
  for (let p = 0; p < pairs; p++) {
    const match = next() < lambda;
    for (let k = 0; k < m.length; k++)
      levels[p * m.length + k] = draw((match ? m : u)[k] as number[], next());
  }
  return levels;
}

/** Every m within `tolerance` of the truth. */
function expectNear(m: number[][], truth: number[][], tolerance: number): void {
  for (let k = 0; k < truth.length; k++)
    for (let l = 0; l < (truth[k] as number[]).length; l++)
      expect(Math.abs((m[k]?.[l] as number) - (truth[k]?.[l] as number))).toBeLessThan(tolerance);
}

const TRUE_M = [
  [0.6, 0.3, 0.1],
  [0.7, 0.2, 0.1],
  [0.9, 0.1],
  [0.8, 0.15, 0.05],
];
const TRUE_U = [
  [0.02, 0.08, 0.9],
  [0.05, 0.15, 0.8],
  [0.3, 0.7],
  [0.01, 0.09, 0.9],
];

describe('expectation–maximisation of m and λ', () => {
  it('recovers known m and λ from a synthetic mixture, starting from wrong priors', () => {
    const levels = mixture(TRUE_M, TRUE_U, 0.04, 60_000, 7);
    const comparisons: EmComparison[] = TRUE_U.map((u, k) => ({
      name: `c${k}`,
      u,
      // Priors far from the truth: flat.
      m0: u.map(() => 1),
    }));
    const fit = expectationMaximisation({ comparisons, levels, lambda0: 0.001 });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeGreaterThan(0.036);
    expect(fit.lambda).toBeLessThan(0.044);
    expectNear(fit.m, TRUE_M, 0.03);
    expect(fit.expectedMatches / 60_000).toBeCloseTo(fit.lambda, 3);
  });

  it('estimates λ among all pairs when only the pairs that could match are listed', () => {
    const n = 80_000;
    const levels = mixture(TRUE_M, TRUE_U, 0.01, n, 11);
    const comparisons = TRUE_U.map((u, k) => ({ name: `c${k}`, u, m0: u.map(() => 1) }));
    const all = expectationMaximisation({ comparisons, levels, lambda0: 0.01 });
    // Leave out every pair at the most non-match-like level of all four comparisons (posterior ~ 1e-4).
    const c = comparisons.length;
    const kept: number[] = [];
    for (let p = 0; p < n; p++) {
      let worst = true;
      for (let k = 0; k < c; k++) if (levels[p * c + k] !== (TRUE_U[k] as number[]).length - 1) worst = false;
      if (!worst) kept.push(p);
    }
    expect(kept.length).toBeLessThan(n * 0.6);
    const listed = new Int8Array(kept.length * c);
    kept.forEach((p, i) => {
      listed.set(levels.subarray(p * c, p * c + c), i * c);
    });
    const part = expectationMaximisation({ comparisons, levels: listed, lambda0: 0.01, totalPairs: n });
    expect(part.converged).toBe(true);
    expect(Math.abs(part.lambda - all.lambda) / all.lambda).toBeLessThan(0.05);
    expect(part.lambda).toBeGreaterThan(0.008);
    expect(part.lambda).toBeLessThan(0.012);
  });

  it('held bits move the posteriors: a strong held comparison separates what the others cannot', () => {
    // One comparison that does not tell matches apart; the held bits do.
    const next = uniform(3);
    const n = 20_000;
    const levels = new Int8Array(n);
    const held = new Float64Array(n);
    let matches = 0;
    for (let p = 0; p < n; p++) {
      const match = next() < 0.1;
      if (match) matches++;
      levels[p] = draw(match ? [0.9, 0.1] : [0.5, 0.5], next());
      held[p] = match ? 20 : -20;
    }
    const fit = expectationMaximisation({
      comparisons: [{ name: 'c', u: [0.5, 0.5], m0: [0.5, 0.5] }],
      levels,
      held,
      lambda0: 0.5,
    });
    expect(fit.expectedMatches).toBeCloseTo(matches, 0);
    expect(fit.m[0]?.[0]).toBeGreaterThan(0.85);
    expect(fit.m[0]?.[0]).toBeLessThan(0.95);
  });

  it('never lets an m fall below the floor, and every comparison sums to 1', () => {
    // Level 2 of the first comparison never occurs among matches.
    const m = [[0.7, 0.3, 0], TRUE_M[1] as number[]];
    const u = [[0.1, 0.1, 0.8], TRUE_U[1] as number[]];
    const levels = mixture(m, u, 0.1, 30_000, 5);
    const comparisons = u.map((row, k) => ({ name: `c${k}`, u: row, m0: row.map(() => 1) }));
    for (const floor of [0.001, 0.01, 0.05]) {
      const fit = expectationMaximisation({ comparisons, levels, lambda0: 0.05, options: { mFloor: floor } });
      for (const row of fit.m) {
        expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
        for (const x of row) expect(x).toBeGreaterThanOrEqual(floor - 1e-12);
      }
      expect(fit.m[0]?.[2]).toBeCloseTo(floor, 6);
    }
  });

  it('with pseudo-matches and pseudo-pairs a handful of pairs stays at the priors', () => {
    const comparisons = TRUE_U.map((u, k) => ({ name: `c${k}`, u, m0: TRUE_M[k] as number[] }));
    const levels = Int8Array.from([0, 0, 0, 0, 2, 2, 1, 2, 0, 0, 0, 0]);
    const fit = expectationMaximisation({
      comparisons,
      levels,
      lambda0: 0.001,
      options: { priorMatches: 50, priorPairs: 5000 },
    });
    expect(fit.lambda).toBeLessThan(0.002);
    expectNear(fit.m, TRUE_M, 0.05);
  });

  it('never lowers the log-likelihood from one iteration to the next (no floor, no priors)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 0.3 }),
        (seed, lambda) => {
          const levels = mixture(TRUE_M, TRUE_U, lambda, 3000, seed);
          const comparisons = TRUE_U.map((u, k) => ({ name: `c${k}`, u, m0: u.map(() => 1) }));
          const input = { comparisons, levels, lambda0: 0.01, options: { mFloor: 0 } };
          let last = Number.NEGATIVE_INFINITY;
          for (const iterations of [1, 2, 3, 5, 8, 13]) {
            const fit = expectationMaximisation({
              ...input,
              options: { ...input.options, maxIterations: iterations },
            });
            const ll = logLikelihood(input, fit.m, fit.lambda);
            expect(ll).toBeGreaterThanOrEqual(last - 1e-6);
            last = ll;
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('withFloor keeps the sum when a level holds a subnormal mass (found by the property below)', () => {
    const out = withFloor([5e-324, 0], 0.01);
    expect(out.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(out).toEqual([0.99, 0.01]);
  });

  it('withFloor keeps the order of the levels and the sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (raw) => {
          const out = withFloor(raw, 0.01);
          expect(out.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
          for (const x of out) expect(x).toBeGreaterThanOrEqual(Math.min(0.01, 1 / raw.length) - 1e-12);
          for (let i = 0; i < raw.length; i++)
            for (let j = 0; j < raw.length; j++)
              if ((raw[i] as number) > (raw[j] as number))
                expect(out[i]).toBeGreaterThanOrEqual(out[j] as number);
        },
      ),
    );
  });
});
