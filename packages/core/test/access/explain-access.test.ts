import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize, explainAccess, OrgChart } from '../../src/index.js';
import { orgArbitrary } from '../../src/testing/arbitraries/org-arbitraries.js';
import { org, recordOf, USERS } from './org-fixture.js';

describe('explainAccess', () => {
  const deal = recordOf('r1', [
    { userId: 'm1', role: 'sales', access: 'read' },
    { userId: 'svc1', role: 'service', access: 'read' },
  ]);

  it('lists every reason, including read-only ones that do not allow editing', () => {
    const why = explainAccess(org, USERS.m1, deal);
    expect(why.canRead).toBe(true);
    expect(why.canEdit).toBe(true);
    expect(why.grants.map((g) => g.kind)).toEqual(['manager', 'team']);
    expect(why.summary).toBe(
      "经理甲 can read and edit this record because 经理甲 manages 销售员甲 (1 level up) and is on the record's team as sales with read access.",
    );
  });

  it('says read but not edit for a read-only team member', () => {
    expect(explainAccess(org, USERS.svc1, deal).summary).toBe(
      "服务工程师 can read but not edit this record because 服务工程师 is on the record's team as service with read access.",
    );
  });

  it('gives the denial reason when the user cannot see the record', () => {
    const why = explainAccess(org, USERS.r2, deal);
    expect(why).toMatchObject({ canRead: false, canEdit: false, grants: [] });
    expect(why.summary).toBe(
      "销售员乙 cannot see this record: 销售员乙 is not the owner, not above the owner (销售员甲) in the reporting line, and not on the record's team.",
    );
    expect(explainAccess(org, USERS.left, recordOf('left')).summary).toMatch(/离职员工 is no longer active/);
  });

  it('property: always agrees with authorize for read and edit', () => {
    fc.assert(
      fc.property(orgArbitrary(), ({ users, records }) => {
        const chart = new OrgChart(users);
        for (const actor of users) {
          for (const r of records) {
            const why = explainAccess(chart, actor, r);
            expect(why.canRead).toBe(authorize(chart, actor, 'read', r).allowed);
            expect(why.canEdit).toBe(authorize(chart, actor, 'edit', r).allowed);
            expect(why.grants.length > 0).toBe(why.canRead);
            expect(why.grants.some((g) => g.level === 'edit')).toBe(why.canEdit);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
