import { type Competition, withCompetition } from './competing-partners.js';
import type { CorpusStats } from './corpus-stats.js';
import type { PreparedDeal } from './prepared-deal.js';
import { dealSide, probabilityOf, scorePair, toDuplicate } from './score-pair.js';
import type { DealDuplicate } from './types.js';

/**
 * Pairs whose signals and explanation are put in words only when first read. A full scan returns
 * every pair at or above the floor, but a manager reads a page of them: weighing each pair again
 * with words cost a tenth of a 100k scan. The words are `scorePair`'s, read against the statistics
 * as they stood at the scan — `settle` puts every pending pair in words before the statistics
 * change (a deal added, the weights estimated again), so reading later gives the same words.
 */
export class ExplainedLater {
  private pending: (() => void)[] = [];

  /**
   * The public shape of a pair scored `score` by `weighPair` (the explained path sums the same
   * measures in the same order, so `scorePair` gives the same score to the bit).
   */
  pair(
    x: PreparedDeal,
    y: PreparedDeal,
    score: number,
    copy: boolean,
    stats: CorpusStats,
    competition: Competition | null = null,
  ): DealDuplicate {
    let words: DealDuplicate | null = null;
    const said = (): DealDuplicate => {
      words ??= toDuplicate(x, y, withCompetition(x, y, scorePair(x, y, stats), competition), copy);
      return words;
    };
    this.pending.push(said);
    let signals: DealDuplicate['signals'] | undefined;
    let explanation: DealDuplicate['explanation'] | undefined;
    // Own enumerable accessors, in `toDuplicate`'s key order: spreading, JSON and deep equality see
    // the same object an eagerly explained pair is.
    return {
      a: dealSide(x),
      b: dealSide(y),
      score,
      probability: probabilityOf(score),
      get signals() {
        signals ??= said().signals;
        return signals;
      },
      set signals(value) {
        signals = value;
      },
      get explanation() {
        explanation ??= said().explanation;
        return explanation;
      },
      set explanation(value) {
        explanation = value;
      },
      copy,
    };
  }

  /** Puts every pair still pending in words now, against the statistics as they stand. */
  settle(): void {
    const pending = this.pending;
    this.pending = [];
    for (const said of pending) said();
  }
}
