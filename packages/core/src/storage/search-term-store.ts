import type { RowScope } from './scope.js';

/** The record kinds the one search covers. */
export type SearchKind = 'account' | 'contact' | 'lead' | 'opportunity';

/**
 * What a search key was derived from: the whole normalised name (`exact`, probed by equality and by
 * prefix), the name from its second to tenth character on (`name`), the trade name on, without the
 * region before it and the legal form after it (`trade`: 恒通系统集成 of 山东恒通系统集成有限公司),
 * pinyin and pinyin initials from one syllable on, phone digits, the credit code.
 */
export type SearchField = 'exact' | 'name' | 'trade' | 'pinyin' | 'initials' | 'phone' | 'credit';

/** One derived key of a record; `pos` is where in the name it starts (0 = the beginning). */
export interface SearchTerm {
  field: SearchField;
  term: string;
  pos: number;
}

/** One lookup: keys of `field` equal to `term` (`prefix: false`) or starting with it. */
export interface SearchProbe {
  field: SearchField;
  term: string;
  prefix: boolean;
  /**
   * Read at most this many matching keys, visible or not (a substring of a common word matches a
   * large share of all keys): the answer then says `capped` instead of reading on.
   */
  cap?: number;
}

/** Who may see a record: its owner and its governing team (the columns the list scope tests). */
export interface SearchAccess {
  ownerId: string;
  teamKey: string;
}

/** A record whose key matched a probe: its id and where the matching key started. */
export interface SearchTermHit {
  id: string;
  pos: number;
}

/** What one probe found; `capped`: it stopped at `probe.cap` keys read, so more records may match. */
export interface SearchTermFound {
  hits: SearchTermHit[];
  capped: boolean;
}

/**
 * The search keys of accounts, contacts, leads and deals, kept by the command context on every
 * write of those records (derived data, in the same transaction as the write).
 *
 * - `replace` MUST drop every key the record had and store exactly `terms` (duplicates ignored),
 *   each with the record's current `access` (the service calls it on every write of the record, so
 *   an owner or team change reaches the keys in the same transaction).
 * - `find` MUST return only records of `kind` visible under `scope` (the same owner /
 *   governing-team rule the lists apply, evaluated in the database on the keys' own access
 *   columns, without reading the record), each id at most once, at most `limit` of them, keys
 *   starting nearer the beginning first as far as the rows it read allow; with `probe.cap`, it
 *   reads at most that many matching keys and says `capped` when it stopped there.
 */
export interface SearchTermStore {
  /** `fresh`: the record was created in this transaction, so it has no keys to delete yet. */
  replace(
    kind: SearchKind,
    id: string,
    access: SearchAccess,
    terms: readonly SearchTerm[],
    options?: { fresh?: boolean },
  ): Promise<void>;
  find(kind: SearchKind, probe: SearchProbe, scope: RowScope, limit: number): Promise<SearchTermFound>;
}
