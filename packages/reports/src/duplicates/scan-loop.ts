import type { CorpusStats } from './corpus-stats.js';
import type { PreparedDeal } from './prepared-deal.js';
import type { ScanColumns } from './scan-columns.js';
import { reachOf, weighPair } from './score-pair.js';

/** What scoring a deal against its later candidates reads: one build, read by every thread of a scan. */
export interface ScanInput {
  deals: readonly PreparedDeal[];
  stats: CorpusStats;
  /** The candidates of deal `i` with a greater ordinal (`CandidateIndex.laterCandidatesOf`). */
  laterOf: (i: number) => Int32Array;
  /** The columns the pruned scan drops pairs by; null weighs every candidate in full (`prune: false`). */
  columns: ScanColumns | null;
}

/** A pair of ordinals `i < j` scoring at least the scan's floor, with its score. */
export type ScanVisit = (i: number, j: number, score: number) => void;

/**
 * Deal `i` against its later candidates: each pair skipped when the columns show it cannot reach
 * `minScore`, else weighed, and handed to `visit` when it scores at least `minScore`. Returns how
 * many candidates it has.
 */
export function scoreAnchor(input: ScanInput, i: number, minScore: number, visit: ScanVisit): number {
  const { deals, stats, columns } = input;
  const x = deals[i] as PreparedDeal;
  const later = input.laterOf(i);
  if (columns === null) {
    for (let k = 0; k < later.length; k++) {
      const j = later[k] as number;
      const score = weighPair(x, deals[j] as PreparedDeal, stats, Number.NEGATIVE_INFINITY);
      if (score >= minScore) visit(i, j, score);
    }
    return later.length;
  }
  const reach = reachOf(minScore);
  columns.warm(later);
  const passed = columns.screen(i, later, reach);
  for (let k = 0; k < passed; k++) {
    if (!columns.finishes(i, k, reach)) continue;
    const j = columns.passedAt(k);
    const score = weighPair(x, deals[j] as PreparedDeal, stats, minScore);
    if (score >= minScore) visit(i, j, score);
  }
  return later.length;
}

/** `claims` slots: the next chunk of deals to take, and the deals scored so far (all threads). */
export const NEXT_CHUNK = 0;
export const DEALS_DONE = 1;
/** From this slot on, one per thread: how many times it went to take a chunk (see `scanInThreads`). */
export const TAKEN_FROM = 2;

/**
 * The deals of one scan taken a chunk at a time from a counter the threads share (`claims`), until
 * none is left: each deal, and so each unordered pair, is scored by exactly one thread. `afterChunk`
 * is told the deals scored by every thread so far. Returns how many candidate pairs this thread met.
 */
export function scoreClaimed(
  input: ScanInput,
  claims: Int32Array,
  thread: number,
  chunk: number,
  minScore: number,
  visit: ScanVisit,
  afterChunk?: (done: number) => void,
): number {
  const n = input.deals.length;
  let candidatePairs = 0;
  for (;;) {
    // Counted before taking: a thread seen never to have gone for a chunk can take none from here on.
    Atomics.add(claims, TAKEN_FROM + thread, 1);
    const from = Atomics.add(claims, NEXT_CHUNK, 1) * chunk;
    if (from >= n) return candidatePairs;
    const to = Math.min(n, from + chunk);
    for (let i = from; i < to; i++) candidatePairs += scoreAnchor(input, i, minScore, visit);
    const done = Atomics.add(claims, DEALS_DONE, to - from) + to - from;
    afterChunk?.(done);
  }
}
