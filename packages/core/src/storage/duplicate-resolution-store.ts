import type { Instant } from '../kernel/time.js';

/** What kind of records a resolved pair holds. */
export type DuplicateKind = 'opportunity' | 'account' | 'contact';

/**
 * A manager's verdict on a candidate duplicate pair:
 * - `same_deal`: one opportunity was kept and the other released as its duplicate;
 * - `not_duplicate`: the two look alike but are different business; never propose them again.
 */
export type DuplicateVerdict = 'same_deal' | 'not_duplicate';

/** One resolved pair. The pair is unordered; stores keep it with the smaller id first (`aId < bId`). */
export interface DuplicateResolution {
  kind: DuplicateKind;
  aId: string;
  bId: string;
  resolution: DuplicateVerdict;
  resolvedBy: string;
  at: Instant;
}

/** The pair `(x, y)` in the order stores keep it: smaller id (by code unit) first. */
export function orderedPair(x: string, y: string): { aId: string; bId: string } {
  return x < y ? { aId: x, bId: y } : { aId: y, bId: x };
}

/**
 * Verdicts on duplicate pairs, within the transaction's tenant.
 *
 * - `put` MUST store the pair in canonical order whatever order it is given in, and MUST replace an
 *   existing verdict on the same (kind, pair) — a manager may change their mind — never duplicate it.
 * - `get` returns null when the pair was never resolved; `(x, y)` and `(y, x)` are the same pair.
 * - `touching` returns every verdict of `kind` whose pair contains any of `ids` (for the incremental
 *   check and for scans, which exclude resolved pairs).
 * - `list` is newest first (then by pair), at most `limit` rows.
 */
export interface DuplicateResolutionStore {
  put(resolution: DuplicateResolution): Promise<void>;
  get(kind: DuplicateKind, x: string, y: string): Promise<DuplicateResolution | null>;
  touching(kind: DuplicateKind, ids: readonly string[]): Promise<DuplicateResolution[]>;
  list(kind: DuplicateKind | undefined, limit: number): Promise<DuplicateResolution[]>;
}
