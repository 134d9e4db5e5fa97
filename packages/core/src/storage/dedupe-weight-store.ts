import type { Instant } from '../kernel/time.js';

/** One version of a tenant's duplicate-detection weights, as `@gongfu/reports` estimated them. */
export interface StoredDedupeWeights {
  /** 1, 2, … per tenant. */
  version: number;
  /** The estimate as JSON (its shape is the reports package's business, not the store's). */
  weights: unknown;
  estimatedAt: Instant;
}

/**
 * The duplicate detector's weights estimated from the tenant's own deals, versioned, so a scan
 * and an incremental check weigh with one estimate and a manager can see which. Derived data, kept
 * by `@gongfu/reports` (never by commands).
 *
 * - `latest` returns the highest version, or null before the first estimate.
 * - `latestVersion` returns that version's number alone (without reading the estimate), or null
 *   before the first: a reader that holds a version decoded asks this to know it is still current.
 * - `append` MUST throw ConflictError when the version already exists (two re-estimates at once:
 *   one wins), and MUST NOT change an existing version.
 */
export interface DedupeWeightStore {
  latest(): Promise<StoredDedupeWeights | null>;
  latestVersion(): Promise<number | null>;
  append(entry: StoredDedupeWeights): Promise<void>;
}
