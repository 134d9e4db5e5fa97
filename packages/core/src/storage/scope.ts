import type { AccessLevel } from '../domain/enums.js';

/**
 * Who may see which rows, as data a storage engine compiles into a WHERE clause (so lists are
 * scoped in the database, never fetched and then filtered). Produced by the access policy.
 *
 * A row is visible when
 *   - `all`: always (admins);
 *   - `none`: never (users who have left);
 *   - `scoped`: its `owner_id` is in `ownerIds`, OR a member of the row's governing team
 *     (`team_key`) is in `memberIds` with access at least `minAccess`.
 * The governing team of a record is the deal it hangs off (an opportunity for its orders,
 * activities and costs; a lead for its quotes and calls; an account for its contacts), and it
 * always holds that deal's owner, so a new owner sees the deal's whole history.
 */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'scoped';
      ownerIds: readonly string[];
      memberIds: readonly string[];
      minAccess: AccessLevel;
      /**
       * The tenant's other people (every user not in `ownerIds`), when the producer holds the org
       * chart anyway: a storage that splits a wide scope by owner then need not read the user ids.
       * Absent: the storage reads them itself. Never changes which rows are visible.
       */
      outsiders?: readonly string[];
    };
