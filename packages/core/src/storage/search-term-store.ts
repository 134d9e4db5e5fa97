import type { RowScope } from './scope.js';

/** The record kinds the one search covers. */
export type SearchKind = 'account' | 'contact' | 'lead' | 'opportunity';

/**
 * What a search key was derived from: the whole normalised name (`exact`), the name from one
 * character on (`name`), pinyin and pinyin initials from one syllable on, phone digits, the credit code.
 */
export type SearchField = 'exact' | 'name' | 'pinyin' | 'initials' | 'phone' | 'credit';

/** One derived key of a record; `pos` is where in the name it starts (0 = the beginning). */
export interface SearchTerm {
  field: SearchField;
  term: string;
  pos: number;
}

/** One lookup: keys of `field` equal to `term` (`prefix: false`) or starting with it; `pos` bounds where. */
export interface SearchProbe {
  field: SearchField;
  term: string;
  prefix: boolean;
  /** Only keys starting at the name's beginning (`'start'`) or only inside it (`'inside'`). */
  pos?: 'start' | 'inside';
}

/** A record whose key matched a probe: its id and where the matching key started. */
export interface SearchTermHit {
  id: string;
  pos: number;
}

/**
 * The search keys of accounts, contacts, leads and deals, kept by the command context on every
 * write of those records (derived data, in the same transaction as the write).
 *
 * - `replace` MUST drop every key the record had and store exactly `terms` (duplicates ignored).
 * - `find` MUST return only records of `kind` whose stored row is visible under `scope` (the same
 *   owner / governing-team rule the lists apply, evaluated in the database against the record's
 *   current row), each id at most once, at most `limit` of them, keys starting nearer the
 *   beginning first as far as the rows it read allow.
 */
export interface SearchTermStore {
  /** `fresh`: the record was created in this transaction, so it has no keys to delete yet. */
  replace(
    kind: SearchKind,
    id: string,
    terms: readonly SearchTerm[],
    options?: { fresh?: boolean },
  ): Promise<void>;
  find(kind: SearchKind, probe: SearchProbe, scope: RowScope, limit: number): Promise<SearchTermHit[]>;
}
