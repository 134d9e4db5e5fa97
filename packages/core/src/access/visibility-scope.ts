import type { AccessLevel, OrgUser, ProtectedRecord } from './model.js';
import { accessAtLeast } from './model.js';
import type { OrgChart } from './org-chart.js';

/**
 * The read/edit rule of `authorize`, as data a storage adapter turns into a WHERE clause, so lists are
 * scoped in the database instead of filtered afterwards. A row is visible iff
 *   `owner_id IN (ownerIds)` OR a grant exists on the row's governing team with
 *   `user_id IN (memberIds) AND access >= minAccess` (`edit` > `read`) OR, on a customer (account or
 *   contact) at `read`, a member of the team of a deal on that customer is in memberIds OR (an
 *   activity about a contact, order or service case, at `read`) that record is visible. memberIds
 *   is the actor's subtree: a manager sees what the people below them see.
 */
export type VisibilityScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'scoped'; ownerIds: readonly string[]; memberIds: readonly string[]; minAccess: AccessLevel };

/**
 * `ownerIds` is the actor plus everyone below them in the reporting tree (just the actor for someone with
 * no reports). Owners and managers hold `edit`, so the owner branch is the same for both levels; only the
 * team branch depends on `level`.
 */
export function visibilityScope(org: OrgChart, actor: OrgUser, level: AccessLevel = 'read'): VisibilityScope {
  if (!actor.active) return { kind: 'none' };
  if (actor.role === 'admin') return { kind: 'all' };
  const subtree = org.subtreeOf(actor.id);
  return { kind: 'scoped', ownerIds: subtree, memberIds: subtree, minAccess: level };
}

/**
 * The in-memory reading of a scope. Storage test suites compare their SQL against this, and property
 * tests compare this against `authorize`, which together make the SQL filter trustworthy.
 */
export function scopeAllows(scope: VisibilityScope, record: ProtectedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'scoped':
      return (
        scope.ownerIds.includes(record.ownerId) ||
        record.grants.some(
          (g) => scope.memberIds.includes(g.userId) && accessAtLeast(g.access, scope.minAccess),
        ) ||
        // Deal-team seats read the customer and never edit it.
        (scope.minAccess === 'read' &&
          (record.dealTeamGrants ?? []).some((g) => scope.memberIds.includes(g.userId))) ||
        // An activity about a contact, order or case is read by whoever reads that record.
        (scope.minAccess === 'read' && record.subject !== undefined && scopeAllows(scope, record.subject))
      );
  }
}
