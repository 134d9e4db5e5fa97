/**
 * Lines one side lacks when the lines both hold were kept exactly: what the tenant's own pairs say.
 *
 * The hand rule weighs every line one basket has and the other lacks at −2.25 bits (averaged over
 * both sides, `UNMATCHED_PENALTY`): unrelated deals that share one popular item differ in the rest,
 * while a copy rarely loses a line. A copy whose lines were edited — a line swapped for another
 * product, as the "hard" pairs are — loses 2.25 bits per line swapped, and at large N such
 * pairs fell below 0 (generator 1, 1M: 14 of the bench's 100 checked partners; generator 2, 100k:
 * one swapped line each, −0.4 … −2.0; bench/RESULTS.md, issue 14, helper h-hard10).
 *
 * How the tenant's pairs differ on it depends on what else the pair shows. Among the pairs that keep
 * two or more lines exactly (the same SKU in the same quantity, every line they match: `keptCopy`),
 * the non-duplicates are mostly one standard kit held by both — nothing differs — while the
 * duplicates are copies with or without a line edited. So for those pairs whose lines were swapped
 * one for one (each side lacks as many lines as the other) the swapped lines are read as a
 * Fellegi–Sunter comparison of their own, its level how many lines were swapped (0 … `LEVELS` − 1
 * and more): u per level among the tenant's pairs of that kind (the bulk of them non-copies, as
 * Splink measures u among random pairs), m among its copies by expectation–maximisation over the
 * candidate pairs of a sample of the tenant's deals, each pair's posterior its detector score with
 * its unmatched lines not counted (the hand's penalty added back).
 *
 * Swapped one for one, not any line differing: one kit of quantity-linked lines (a device, its
 * battery, its cradle) held by two unrelated deals with lines of their own each keeps three lines
 * exactly and differs in two on one side and three on the other, and such pairs score as copies on
 * everything else, so a fit over "lines differ" counted them among its copies and lifted them
 * (generator 2 at 100k: 196 false pairs above 0, story precision .971 → .961). The reading is
 * bounded: never more against than the hand's penalty, never for (at most it counts nothing); pairs
 * that match a line only approximately, a single line, or lack unequal numbers of lines keep the
 * hand rule (two SKUs shared in unequal quantities are what the false pairs near the line hold).
 */

import { chanceOfMatch } from './em.js';

/** What the fit saw and found, stored with the tenant's weights (`DuplicateWeights.keptLines`). */
export interface KeptLinesFigures {
  /** Deals sampled (`SAMPLED_DEALS` at most): the pairs listed are their candidate pairs. */
  sampled: number;
  /** Pairs listed: candidate pairs of the sampled deals keeping two or more lines exactly. */
  pairs: number;
  /** Copies the fit expects among them (Σ of the posteriors). */
  copies: number;
  /** Per level (lines swapped one for one; the last and more) the share among the copies. */
  m: number[];
  /** Per level the share among all the pairs listed (most are not copies, as Splink reads u). */
  u: number[];
}

/** Levels: 0, 1, … lines swapped, the last one that many or more. */
export const LEVELS = 4;
/**
 * At most this many deals are sampled (evenly spread); their candidate pairs are listed. A cost
 * bound: 20,000 listed ~257,000 pairs at 100k deals (generator 1) and took 6.5 CPU s, more than the
 * rest of the estimate twice over.
 */
export const SAMPLED_DEALS = 5_000;
/**
 * Of the pairs listed with nothing swapped (most of them one kit held whole by two deals) one in this
 * many is weighed, standing for the others (`KeptPair.count`); every pair with a line swapped is.
 */
export const WHOLE_STRIDE = 8;
/** Fewer copies read than this: nothing fitted, the hand penalty stays (a share of a few is noise). */
const MIN_COPIES = 20;
/** Pseudo-copies at the hand's m (`handM`): a tenant with few copies keeps near the hand rule. */
const PRIOR_COPIES = 10;
/** No share below this. */
const SHARE_FLOOR = 0.001;
const ITERATIONS = 100;
const TOLERANCE = 1e-6;

/** One listed pair: its score with the unmatched lines not counted, and how many lines were swapped. */
export interface KeptPair {
  held: number;
  swapped: number;
  /** How many listed pairs it stands for (1 unless given). */
  count?: number;
}

/** The level of `swapped` lines. */
export const levelOf = (swapped: number) => Math.min(LEVELS - 1, swapped);

/** Shares summing to 1, none below the floor. */
function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const raw = counts.map((c) => (total > 0 ? Math.max(SHARE_FLOOR, c / total) : 1 / counts.length));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
}

/** The hand's m given u: each line swapped costs `perLine` bits, so m ∝ u · 2^(−perLine · level). */
function handM(u: readonly number[], perLine: number): number[] {
  return shares(u.map((x, l) => x * 2 ** (-perLine * l)));
}

/**
 * u per level among all the pairs listed (the bulk are not copies), m among the copies by EM with λ
 * held at ½ (each pair's `held` score holds the detector's prior); the start, and the pseudo-copies'
 * m, is the hand's reading (`perLine` bits a line swapped). Undefined with fewer than `MIN_COPIES`
 * copies read, or when no pair listed has a line swapped (nothing to read).
 */
export function fitKeptLines(
  pairs: readonly KeptPair[],
  perLine: number,
  sampled: number,
): KeptLinesFigures | undefined {
  const counts = new Array<number>(LEVELS).fill(0);
  let listed = 0;
  for (const p of pairs) {
    const n = p.count ?? 1;
    counts[levelOf(p.swapped)] = (counts[levelOf(p.swapped)] as number) + n;
    listed += n;
  }
  if (counts[0] === listed) return undefined;
  const u = shares(counts);
  const prior = handM(u, perLine);
  let m = prior;
  let copies = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const bits = m.map((x, l) => Math.log2(x / (u[l] as number)));
    const inCopies = new Array<number>(LEVELS).fill(0);
    copies = 0;
    for (const p of pairs) {
      const l = levelOf(p.swapped);
      const s = p.held + (bits[l] as number);
      const post = chanceOfMatch(s) * (p.count ?? 1);
      copies += post;
      inCopies[l] = (inCopies[l] as number) + post;
    }
    const nextM = shares(inCopies.map((c, l) => c + PRIOR_COPIES * (prior[l] as number)));
    let moved = 0;
    for (let l = 0; l < LEVELS; l++)
      moved = Math.max(moved, Math.abs((nextM[l] as number) - (m[l] as number)));
    m = nextM;
    if (moved < TOLERANCE) break;
  }
  if (copies < MIN_COPIES) return undefined;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return { sampled, pairs: listed, copies: Math.round(copies * 10) / 10, m: m.map(round), u: u.map(round) };
}

/**
 * What `differ` lines one side lacks cost a pair keeping two or more lines exactly, in bits: the
 * hand's `penalty` without figures, else −log2(m / u) of the level, at most the hand's and at least 0.
 */
export function keptLinesPenalty(
  figures: KeptLinesFigures | undefined,
  differ: number,
  penalty: number,
): number {
  if (figures === undefined || differ === 0) return penalty;
  const l = levelOf(differ);
  return Math.min(penalty, Math.max(0, -Math.log2((figures.m[l] as number) / (figures.u[l] as number))));
}

/**
 * Per count of lines swapped, the least the kept reading may cost at that count or more (a bound's
 * lines matched can be fewer, so more lines swapped): undefined without figures (the hand's).
 */
export function keptLinesLeast(figures: KeptLinesFigures | undefined): Float64Array | undefined {
  if (figures === undefined) return undefined;
  const least = new Float64Array(LEVELS);
  let lowest = Number.POSITIVE_INFINITY;
  for (let l = LEVELS - 1; l >= 1; l--) {
    lowest = Math.min(lowest, keptLinesPenalty(figures, l, Number.POSITIVE_INFINITY));
    least[l] = lowest;
  }
  least[0] = 0;
  return least;
}

/** What `keptLinesLeast` allows for `swapped` lines (∞ without figures: the hand's penalty bounds). */
export function keptLeastAt(least: Float64Array | undefined, swapped: number): number {
  return least === undefined ? Number.POSITIVE_INFINITY : (least[levelOf(swapped)] as number);
}

/** Whether a stored document holds figures the fit could have made (else the whole estimate is unread). */
export function isKeptLinesFigures(doc: unknown): doc is KeptLinesFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<KeptLinesFigures>;
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  // Rounded to four places each when made: each sums to 1 within the rounding.
  const table = (t: unknown) =>
    Array.isArray(t) &&
    t.length === LEVELS &&
    t.every((x) => typeof x === 'number' && x > 0 && x <= 1) &&
    Math.abs(t.reduce((a: number, b: number) => a + b, 0) - 1) < 0.01;
  return (
    count(d.sampled) &&
    Number.isInteger(d.sampled) &&
    count(d.pairs) &&
    Number.isInteger(d.pairs) &&
    count(d.copies) &&
    d.copies <= d.pairs &&
    table(d.m) &&
    table(d.u)
  );
}

/**
 * The deals sampled (evenly spread, at most `SAMPLED_DEALS`) and the pairs they list, each once;
 * returns how many deals were sampled.
 */
export function sampledPairs(
  deals: number,
  candidatesOf: (i: number) => Iterable<number>,
  visit: (i: number, j: number) => void,
): number {
  const stride = Math.max(1, Math.ceil(deals / SAMPLED_DEALS));
  for (let i = 0; i < deals; i += stride)
    for (const j of candidatesOf(i)) {
      // A pair of two sampled deals is listed from the first.
      if (j % stride === 0 && j < i) continue;
      visit(i, j);
    }
  return Math.ceil(deals / stride);
}
