import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessLevel } from '../../src/index.js';
import { authorize, OrgChart, scopeAllows, visibilityScope } from '../../src/index.js';
import {
  grantArbitrary,
  orgArbitrary,
  tangledOrgUsersArbitrary,
} from '../../src/testing/arbitraries/org-arbitraries.js';
import { org, recordOf, USERS } from './org-fixture.js';

describe('visibilityScope', () => {
  it('is all for an admin, none for anyone who has left', () => {
    expect(visibilityScope(org, USERS.admin)).toEqual({ kind: 'all' });
    expect(visibilityScope(org, USERS.left, 'edit')).toEqual({ kind: 'none' });
    expect(scopeAllows({ kind: 'none' }, recordOf('left'))).toBe(false);
  });

  it('is the actor plus every subordinate, at any depth, both as owners and as team members', () => {
    const scope = visibilityScope(org, USERS.gm);
    const gmSubtree = ['gm', 'left', 'm1', 'm2', 'r1', 'r2', 'r3'];
    expect(scope.kind === 'scoped' && [...scope.ownerIds].sort()).toEqual(gmSubtree);
    expect(scope.kind === 'scoped' && [...scope.memberIds].sort()).toEqual(gmSubtree);
    expect(visibilityScope(org, USERS.r1, 'edit')).toEqual({
      kind: 'scoped',
      ownerIds: ['r1'],
      memberIds: ['r1'],
      minAccess: 'edit',
    });
  });

  it('lets a manager see a record one of their people is on the team of, at that grant’s level', () => {
    const deal = recordOf('r2', [{ userId: 'pre1', role: 'presales', access: 'read' }]);
    expect(scopeAllows(visibilityScope(org, USERS.pm, 'read'), deal)).toBe(true);
    expect(scopeAllows(visibilityScope(org, USERS.pm, 'edit'), deal)).toBe(false);
    expect(scopeAllows(visibilityScope(org, USERS.svc1, 'read'), deal)).toBe(false);
  });

  it('compares team access with edit above read', () => {
    const readGrant = recordOf('r2', [{ userId: 'r1', role: 'sales', access: 'read' }]);
    expect(scopeAllows(visibilityScope(org, USERS.r1, 'read'), readGrant)).toBe(true);
    expect(scopeAllows(visibilityScope(org, USERS.r1, 'edit'), readGrant)).toBe(false);
  });

  // The property that lets a storage adapter's SQL filter be trusted: the scope is the same rule as authorize.
  for (const level of ['read', 'edit'] satisfies AccessLevel[]) {
    it(`property: scopeAllows(visibilityScope(actor, '${level}'), r) === authorize(actor, '${level}', r).allowed`, () => {
      fc.assert(
        fc.property(orgArbitrary(), ({ users, records }) => {
          const chart = new OrgChart(users);
          for (const actor of users) {
            const scope = visibilityScope(chart, actor, level);
            for (const r of records) {
              expect(scopeAllows(scope, r)).toBe(authorize(chart, actor, level, r).allowed);
            }
          }
        }),
        { numRuns: 500 },
      );
    });
  }

  it('property: agrees with authorize even on looping or dangling reporting lines', () => {
    fc.assert(
      fc.property(
        tangledOrgUsersArbitrary().chain((users) =>
          fc.tuple(
            fc.constant(users),
            fc.constantFrom(...users),
            fc.constantFrom(...users),
            fc.option(grantArbitrary(users.map((u) => u.id))),
          ),
        ),
        ([users, actor, owner, grant]) => {
          const chart = new OrgChart(users);
          const r = recordOf(owner.id, grant === null ? [] : [grant]);
          for (const level of ['read', 'edit'] as const) {
            expect(scopeAllows(visibilityScope(chart, actor, level), r)).toBe(
              authorize(chart, actor, level, r).allowed,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Issue 11: a deal team reads the deal's customer. Customers with random deal-team seats on them.
  const customersArbitrary = orgArbitrary().chain(({ users, records }) => {
    const ids = users.map((u) => u.id);
    const seats = fc.uniqueArray(grantArbitrary(ids), { selector: (g) => g.userId, maxLength: 4 });
    return fc.tuple(...records.map(() => seats)).map((dealSeats) => ({
      users,
      customers: records.map((r, i) => ({ ...r, dealTeamGrants: dealSeats[i] ?? [] })),
    }));
  });

  it('property: on a customer, deal-team seats (and managers above them) read, never edit, and SQL scope agrees', () => {
    fc.assert(
      fc.property(customersArbitrary, ({ users, customers }) => {
        const chart = new OrgChart(users);
        for (const actor of users) {
          for (const c of customers) {
            for (const level of ['read', 'edit'] satisfies AccessLevel[]) {
              const allowed = authorize(chart, actor, level, c).allowed;
              expect(scopeAllows(visibilityScope(chart, actor, level), c)).toBe(allowed);
            }
            const without = { ownerId: c.ownerId, grants: c.grants };
            expect(authorize(chart, actor, 'edit', c).allowed).toBe(
              authorize(chart, actor, 'edit', without).allowed,
            );
            const seated = c.dealTeamGrants.some(
              (g) => g.userId === actor.id || chart.isAbove(actor.id, g.userId),
            );
            if (actor.active && seated) expect(authorize(chart, actor, 'read', c).allowed).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  // Issue 17: an activity about a contact, order or case is read by whoever reads that record.
  const activitiesArbitrary = customersArbitrary.chain(({ users, customers }) =>
    fc
      .tuple(...customers.map(() => fc.tuple(fc.constantFrom(...customers), fc.constantFrom(...users))))
      .map((picks) => ({
        users,
        activities: picks.map(([subject, owner], i) => ({
          ownerId: owner.id,
          grants: customers[i]?.grants ?? [],
          subject,
        })),
      })),
  );

  it('property: an activity is read through its subject (never edited through it), and SQL scope agrees', () => {
    fc.assert(
      fc.property(activitiesArbitrary, ({ users, activities }) => {
        const chart = new OrgChart(users);
        for (const actor of users) {
          for (const a of activities) {
            for (const level of ['read', 'edit'] satisfies AccessLevel[]) {
              expect(scopeAllows(visibilityScope(chart, actor, level), a)).toBe(
                authorize(chart, actor, level, a).allowed,
              );
            }
            const own = { ownerId: a.ownerId, grants: a.grants };
            const subjectReads = authorize(chart, actor, 'read', a.subject).allowed;
            expect(authorize(chart, actor, 'read', a).allowed).toBe(
              subjectReads || authorize(chart, actor, 'read', own).allowed,
            );
            expect(authorize(chart, actor, 'edit', a).allowed).toBe(
              authorize(chart, actor, 'edit', own).allowed,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
