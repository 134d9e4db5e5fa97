import type { Instant } from '../kernel/time.js';

/** What one opportunity's keys were computed from, so a later refresh can tell they went stale. */
export interface DedupeSource {
  opportunityId: string;
  /** The opportunity's version when its keys were computed. */
  version: number;
  /** Its bill-to account's version then (customer names and phones are keys too); null if missing. */
  accountVersion: number | null;
  /** The later of the two records' `updatedAt`: refreshes look again only at changes after it. */
  seenAt: Instant;
}

/** One opportunity's keys as `replace` takes them: what they were computed from, and the keys. */
export interface DedupeEntry {
  source: DedupeSource;
  keys: readonly string[];
  /**
   * What the detector compares of the deal as it was keyed (opaque to the storage; written and read
   * by `@gongfu/reports`), returned by `rows`; absent: no row (the deal left every block).
   */
  row?: string;
}

/** One blocking block as stored: how many opportunities share the key, and which (within the cap). */
export interface DedupeBlock {
  key: string;
  size: number;
  /** Members, ascending; empty when `size` exceeds the cap asked for. */
  opportunityIds: string[];
}

/**
 * What one `replaceCurrent` moved: the tenant's block stamp before and after it, and every key whose
 * members it touched (gained or lost a deal, whatever the net size), with the deals it re-keyed.
 * A reader holding blocks read under `before` may keep all but these under `after`.
 */
export interface DedupeResize {
  before: string | null;
  after: string;
  keys: string[];
  opportunityIds: string[];
}

/**
 * The duplicate detector's blocking keys, persisted so one deal can be checked against a million
 * stored ones by key lookup. Derived data, kept by `@gongfu/reports` (never by commands): the store
 * knows nothing about what a key means, only which opportunities share it.
 *
 * - `replace` MUST, for each entry, drop every key the opportunity had and store exactly `keys`
 *   (duplicates ignored; none = the opportunity leaves every block) and its source, keeping block
 *   sizes exact; all entries in one go.
 * - `replaceBatches` MUST leave exactly what `replace` of every batch in turn would, block sizes
 *   included; an entry may come again in a later batch. For a re-key too large to hold in memory:
 *   each batch is written as it comes and dropped, while the block sizes, which every batch moves,
 *   are written in bulk — so they are exact once it resolves, and the code producing the batches
 *   MUST NOT read `blocks` meanwhile.
 * - `blocks` returns one row per distinct key asked for that has members (size ≥ 1), members
 *   listed only when `size ≤ cap`.
 * - `stale` returns ids of opportunities whose indexed source differs from the stored records —
 *   never indexed, or the opportunity's or its account's version changed — among those whose
 *   opportunity or account `updatedAt` is at or after `since` (every one when `since` is undefined);
 *   ascending, each once.
 * - `replaceCurrent` MUST do what `replace` does, in the caller's transaction, for the entries
 *   computed from the records as stored now (the opportunity's and its account's versions equal
 *   the entry's source) whose stored source differs (not keyed already, e.g. by a concurrent
 *   refresh), block sizes included; it returns the ids of the entries whose records moved on since
 *   they were read (not written). Calls for one tenant MUST serialise (PostgreSQL: an advisory lock
 *   held to the end of the transaction), so concurrent refreshes never collide on a key and keep
 *   block sizes exact. A refresh reads and computes a page outside any write transaction and hands
 *   it to this, so the write lock is held only for the writes. `resized` is what its writes moved
 *   (`DedupeResize`), or null when they moved no block.
 * - `stamp` names the state of the tenant's blocks: every write that moves a block's members or size
 *   (`replace`, `replaceBatches`, `replaceCurrent`) MUST give it a value no reader has seen, in the
 *   same transaction; null before the first such write. A reader holding blocks read under one
 *   stamp may keep them only while the stamp is unchanged (`@gongfu/reports`' check does, between
 *   checks).
 * - `rows` returns the `row` each of the given opportunities was last keyed with (`replace`,
 *   `replaceBatches` and `replaceCurrent` MUST replace it, or drop it for an entry without one,
 *   with its keys), by opportunity id; an opportunity without a row is left out.
 * - `markRefreshed(at)` records that every change committed before `at` has been keyed.
 * - `watermark` is the last `at` marked, or null before the first. Not the keyed sources' `seenAt`:
 *   a refresh stopped halfway (a crash, a kill) has keyed some deals, and the deals it has not
 *   reached are older than those; the watermark stays where the last finished refresh put it, so
 *   the next refresh looks at them again and skips what was keyed (their sources match).
 */
export interface DedupeKeyStore {
  replace(entries: readonly DedupeEntry[]): Promise<void>;
  replaceBatches(batches: AsyncIterable<readonly DedupeEntry[]>): Promise<void>;
  replaceCurrent(entries: readonly DedupeEntry[]): Promise<{ moved: string[]; resized: DedupeResize | null }>;
  stamp(): Promise<string | null>;
  blocks(keys: readonly string[], cap: number): Promise<DedupeBlock[]>;
  rows(opportunityIds: readonly string[]): Promise<Map<string, string>>;
  stale(since: Instant | undefined): Promise<string[]>;
  markRefreshed(at: Instant): Promise<void>;
  watermark(): Promise<Instant | null>;
}
