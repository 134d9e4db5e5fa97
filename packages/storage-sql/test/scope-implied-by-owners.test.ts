import type { RowScope } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeImpliedByOwners } from '../src/records/scope-implied-by-owners.js';

const USERS = ['u0', 'u1', 'u2', 'u3'] as const;

const scopeArb: fc.Arbitrary<RowScope> = fc.oneof(
  fc.constant<RowScope>({ kind: 'all' }),
  fc.constant<RowScope>({ kind: 'none' }),
  fc.record({
    kind: fc.constant('scoped' as const),
    ownerIds: fc.subarray([...USERS]),
    memberIds: fc.subarray([...USERS]),
    minAccess: fc.constantFrom('read' as const, 'edit' as const),
  }),
);

/** The scope rule with the team and read-through arms folded into one flag: what the row's team grants. */
function visible(scope: RowScope, owner: string, teamGrants: boolean): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.ownerIds.includes(owner) || teamGrants;
}

describe('scopeImpliedByOwners', () => {
  it('passes, under the owner filter, exactly the rows the scope passes', () => {
    fc.assert(
      fc.property(
        scopeArb,
        fc.option(fc.subarray([...USERS]), { nil: undefined }),
        fc.constantFrom(...USERS),
        fc.boolean(),
        (scope, owners, owner, teamGrants) => {
          const kept = owners === undefined || owners.includes(owner);
          const implied = scopeImpliedByOwners(scope, owners);
          expect(kept && visible(implied, owner, teamGrants)).toBe(kept && visible(scope, owner, teamGrants));
        },
      ),
    );
  });

  it("drops a manager's scope for their team's calendar, and keeps it when one owner is outside it", () => {
    const scope: RowScope = {
      kind: 'scoped',
      ownerIds: ['m', 'r1', 'r2'],
      memberIds: ['m'],
      minAccess: 'read',
    };
    expect(scopeImpliedByOwners(scope, ['r2', 'm'])).toEqual({ kind: 'all' });
    expect(scopeImpliedByOwners(scope, ['r2', 'x'])).toBe(scope);
    expect(scopeImpliedByOwners(scope, [])).toBe(scope);
    expect(scopeImpliedByOwners(scope, undefined)).toBe(scope);
  });
});
