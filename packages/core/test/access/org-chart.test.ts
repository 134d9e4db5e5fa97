import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../src/index.js';
import { OrgChart } from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';
import {
  orgUsersArbitrary,
  tangledOrgUsersArbitrary,
} from '../../src/testing/arbitraries/org-arbitraries.js';
import { naiveAncestors, org } from './org-fixture.js';

const user = (id: string, managerId: string | null): OrgUser => ({
  id,
  role: 'sales_rep',
  managerId,
  active: true,
});

describe('OrgChart', () => {
  it('walks reporting lines of any depth', () => {
    expect(org.managersOf('r1')).toEqual(['m1', 'gm']);
    expect(org.subtreeOf('gm').sort()).toEqual(['gm', 'left', 'm1', 'm2', 'r1', 'r2', 'r3']);
    expect(org.subtreeOf('r1')).toEqual(['r1']);
    expect(org.isAbove('gm', 'r1')).toBe(true);
    expect(org.levelsAbove('gm', 'r1')).toBe(2);
    expect(org.isAbove('r1', 'r1')).toBe(false);
    expect(org.isAbove('m1', 'r3')).toBe(false);
    expect(org.nameOf('r1')).toBe('销售员甲');
    expect(org.nameOf('stranger')).toBe('stranger');
  });

  it('cuts loops and unknown managers instead of hanging, and reports them', () => {
    const chart = new OrgChart([
      user('a', 'b'),
      user('b', 'a'),
      user('self', 'self'),
      user('c', 'a'),
      user('d', 'x'),
    ]);
    expect(chart.managersOf('a')).toEqual([]);
    expect(chart.managersOf('c')).toEqual(['a']);
    expect(chart.isAbove('b', 'a')).toBe(false);
    expect(chart.subtreeOf('self')).toEqual(['self']);
    expect(chart.brokenLinks).toEqual([
      { userId: 'a', managerId: 'b', reason: 'cycle' },
      { userId: 'b', managerId: 'a', reason: 'cycle' },
      { userId: 'self', managerId: 'self', reason: 'cycle' },
      { userId: 'd', managerId: 'x', reason: 'unknown_manager' },
    ]);
  });

  it('rejects duplicate user ids', () => {
    const attempt = () => new OrgChart([user('a', null), user('a', null)]);
    expect(attempt).toThrow(/duplicate user id a/);
    try {
      attempt();
    } catch (e) {
      expect(isCrmError(e, 'VALIDATION')).toBe(true);
    }
  });

  it('property: any managerId data (loops, self, unknown) yields a finite, consistent forest', () => {
    fc.assert(
      fc.property(tangledOrgUsersArbitrary(), (users) => {
        const chart = new OrgChart(users);
        for (const u of users) {
          const up = chart.managersOf(u.id);
          expect(new Set(up).size).toBe(up.length);
          expect(up).not.toContain(u.id);
          const down = chart.subtreeOf(u.id);
          expect(new Set(down).size).toBe(down.length);
          // The outsiders a wide report's storage trusts instead of reading the user ids: exactly
          // the users not in the subtree, so its two arms still cover every visible row once.
          const outside = chart.outsidersOf(u.id);
          expect([...outside, ...down].sort()).toEqual(users.map((v) => v.id).sort());
          expect(chart.outsidersOf(u.id)).toBe(outside);
          for (const v of users) {
            expect(chart.isAbove(u.id, v.id)).toBe(u.id !== v.id && down.includes(v.id));
            if (chart.isAbove(u.id, v.id)) expect(chart.isAbove(v.id, u.id)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a generated forest is kept exactly as given', () => {
    fc.assert(
      fc.property(orgUsersArbitrary(), (users) => {
        const chart = new OrgChart(users);
        expect(chart.brokenLinks).toEqual([]);
        for (const u of users) expect(chart.managersOf(u.id)).toEqual(naiveAncestors(users, u.id));
      }),
    );
  });
});
