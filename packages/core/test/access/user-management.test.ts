import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeCreateUser, canCreateUser, canManageUser, OrgChart } from '../../src/index.js';
import { orgUsersArbitrary } from '../../src/testing/arbitraries/org-arbitraries.js';
import { naiveAncestors, org, USERS } from './org-fixture.js';

describe('canManageUser', () => {
  it('allows admins and managers above the target, nobody else', () => {
    expect(canManageUser(org, USERS.admin, USERS.r1)).toBe(true);
    expect(canManageUser(org, USERS.gm, USERS.r1)).toBe(true);
    expect(canManageUser(org, USERS.m1, USERS.left)).toBe(true);
    expect(canManageUser(org, USERS.m2, USERS.r1)).toBe(false);
    expect(canManageUser(org, USERS.r1, USERS.r2)).toBe(false);
    expect(canManageUser(org, USERS.m1, USERS.m1)).toBe(false);
    expect(canManageUser(org, { ...USERS.admin, active: false }, USERS.r1)).toBe(false);
  });

  it('property: admin, or active manager above a non-admin target', () => {
    fc.assert(
      fc.property(orgUsersArbitrary(), (users) => {
        const chart = new OrgChart(users);
        for (const actor of users) {
          for (const target of users) {
            const above = naiveAncestors(users, target.id).includes(actor.id);
            const expected = actor.active && (actor.role === 'admin' || (above && target.role !== 'admin'));
            expect(canManageUser(chart, actor, target)).toBe(expected);
          }
        }
      }),
    );
  });
});

describe('canCreateUser', () => {
  it('lets an admin create anyone anywhere', () => {
    expect(canCreateUser(org, USERS.admin, { role: 'admin', managerId: null })).toBe(true);
    expect(canCreateUser(org, USERS.admin, { role: 'sales_rep', managerId: 'm2' })).toBe(true);
  });

  it('lets a sales manager add non-admins only inside their own subtree', () => {
    expect(canCreateUser(org, USERS.gm, { role: 'sales_rep', managerId: 'm1' })).toBe(true);
    expect(canCreateUser(org, USERS.m1, { role: 'sales_manager', managerId: 'm1' })).toBe(true);
    expect(canCreateUser(org, USERS.m1, { role: 'sales_rep', managerId: 'm2' })).toBe(false);
    expect(canCreateUser(org, USERS.m1, { role: 'sales_rep', managerId: null })).toBe(false);
    expect(authorizeCreateUser(org, USERS.m1, { role: 'admin', managerId: 'm1' })).toMatchObject({
      allowed: false,
      reason: 'only an administrator may create an administrator',
    });
  });

  it('refuses reps, engineers and anyone who has left', () => {
    expect(canCreateUser(org, USERS.r1, { role: 'sales_rep', managerId: 'r1' })).toBe(false);
    expect(canCreateUser(org, USERS.pre1, { role: 'presales_engineer', managerId: 'pre1' })).toBe(false);
    expect(canCreateUser(org, { ...USERS.gm, active: false }, { role: 'sales_rep', managerId: 'gm' })).toBe(
      false,
    );
  });
});
