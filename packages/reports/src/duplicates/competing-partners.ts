/**
 * A copy has one original. Each pair is weighed as if it were the only one its two deals are in
 * (Fellegi–Sunter: pairs independent), but a deal entered once more has one partner it is a copy
 * of, not several: when a deal is proposed (score ≥ 0) with other deals too, those proposals
 * compete for it, and the evidence for this pair is shared among them. Under "each deal is one
 * deal's copy at most" the posterior odds of the pair (x, y) are its own odds over one plus the odds
 * of x's other proposals, and again for y's — in bits, log2(1 + Σ 2^score) off for each side.
 *
 * Three copies of one deal are one cluster, not three rivals: a partner z of x that is proposed
 * with y too is the same deal again, and does not compete (else every pair of a triple lost its
 * place to the other two).
 *
 * Only proposed pairs compete and only proposed pairs are moved: the line (0 bits, probability ½)
 * is the one the scan proposes by, no constant fitted. Measured on generator 2 at 100k before it was
 * built (bench/RESULTS.md, issue 14, helper h-same12): on every deal, with no cluster exception,
 * the same-customer F1 fell from .94 to .79 (triples); read so, the false pairs proposed beside a
 * deal's copy fall below the line.
 */
import { renderBuiltIn } from '@gongfu/core';
import { listOf, sayDuplicate } from './duplicate-messages.js';
import type { PreparedDeal } from './prepared-deal.js';
import { type PairScore, probabilityOf } from './score-pair.js';
import type { Signal } from './types.js';

/** One side's rivals: the deal's other proposals not proposed with the other side too. */
export interface Rivals {
  /** How many. */
  count: number;
  /** The best rival's score in bits (−Infinity without one). */
  best: number;
  /** Bits this side takes off: log2(1 + Σ 2^score). */
  bits: number;
}

/** What a proposed pair loses to the other proposals of its two deals. */
export interface Competition {
  a: Rivals;
  b: Rivals;
  /** The bits taken off the pair (≤ 0), rounded to thousandths as every score is. */
  weight: number;
}

export const NO_RIVALS: Rivals = Object.freeze({ count: 0, best: Number.NEGATIVE_INFINITY, bits: 0 });

/** A pair's score before this reading: proposed (and so moved, and a rival of others) at 0 or more. */
export const PROPOSED = 0;

/**
 * The rivals of `x`'s proposal with `y`: `x`'s other proposals (`ofX`, partner id → score), less the
 * partners proposed with `y` too (`ofY`).
 */
export function rivalsOf(
  y: string,
  ofX: ReadonlyMap<string, number>,
  ofY: ReadonlyMap<string, number>,
): Rivals {
  let count = 0;
  let best = Number.NEGATIVE_INFINITY;
  let odds = 0;
  for (const [z, score] of ofX) {
    if (z === y || ofY.has(z)) continue;
    count++;
    if (score > best) best = score;
    odds += 2 ** score;
  }
  return count === 0 ? NO_RIVALS : { count, best, bits: Math.log2(1 + odds) };
}

/**
 * The competition of the proposed pair (x, y), given each deal's proposals (partner id → score at
 * or above `PROPOSED`, before this reading); null when neither deal has a rival.
 */
export function competitionOf(
  x: string,
  y: string,
  ofX: ReadonlyMap<string, number>,
  ofY: ReadonlyMap<string, number>,
): Competition | null {
  const a = rivalsOf(y, ofX, ofY);
  const b = rivalsOf(x, ofY, ofX);
  if (a.count === 0 && b.count === 0) return null;
  return { a, b, weight: -Math.round((a.bits + b.bits) * 1000) / 1000 };
}

/** Each deal's proposals (partner id → score), from scored pairs: those at or above `PROPOSED`. */
export function proposalsOf(
  pairs: Iterable<{ a: string; b: string; score: number }>,
): Map<string, Map<string, number>> {
  const of = new Map<string, Map<string, number>>();
  const add = (x: string, y: string, score: number) => {
    let own = of.get(x);
    if (!own) {
      own = new Map();
      of.set(x, own);
    }
    own.set(y, score);
  };
  for (const { a, b, score } of pairs) {
    if (score < PROPOSED) continue;
    add(a, b, score);
    add(b, a, score);
  }
  return of;
}

const NONE: ReadonlyMap<string, number> = new Map();

/** `competitionOf` with the proposals held in one map (`proposalsOf`). */
export function competitionIn(
  proposals: ReadonlyMap<string, ReadonlyMap<string, number>>,
  x: string,
  y: string,
): Competition | null {
  return competitionOf(x, y, proposals.get(x) ?? NONE, proposals.get(y) ?? NONE);
}

/** The bits a side's best rival scores, as the words show them. */
const bitsShown = (bits: number) => Math.round(bits * 10) / 10;

/** The competition as a signal: its weight, both sides' rivals and the words a manager reads. */
export function competitionSignal(x: PreparedDeal, y: PreparedDeal, c: Competition): Signal {
  const side = (deal: PreparedDeal, r: Rivals) =>
    sayDuplicate('duplicate.competition.side', {
      deal: deal.record.name,
      count: r.count,
      best: bitsShown(r.best),
    });
  const sides = [...(c.a.count > 0 ? [side(x, c.a)] : []), ...(c.b.count > 0 ? [side(y, c.b)] : [])];
  const said = sayDuplicate('duplicate.competition.rivals', { sides: listOf(sides) });
  return {
    name: 'competition',
    level: 'rivals',
    weight: c.weight,
    a: c.a.count,
    b: c.b.count,
    text: renderBuiltIn(said),
    message: said,
  };
}

/** A pair's score with its competition added (its signal last), or as it was without one. */
export function withCompetition(
  x: PreparedDeal,
  y: PreparedDeal,
  s: PairScore,
  c: Competition | null,
): PairScore {
  if (c === null) return s;
  const score = competedScore(s.score, c);
  return { score, probability: probabilityOf(score), signals: [...s.signals, competitionSignal(x, y, c)] };
}

/** A score with the competition's bits taken off, rounded as every score is. */
export function competedScore(score: number, c: Competition | null): number {
  return c === null ? score : Math.round((score + c.weight) * 1000) / 1000;
}
