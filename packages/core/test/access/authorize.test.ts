import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, OrgUser, ProtectedRecord } from '../../src/index.js';
import { ACTIONS, authorize, OrgChart, requireAuthorized } from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';
import {
  grantArbitrary,
  orgArbitrary,
  orgScenarioArbitrary,
} from '../../src/testing/arbitraries/org-arbitraries.js';
import { naiveAncestors, org, recordOf, USERS } from './org-fixture.js';

const allowedActions = (actor: OrgUser, record: ProtectedRecord, chart = org): Action[] =>
  ACTIONS.filter((a) => authorize(chart, actor, a, record).allowed);

describe('authorize — examples', () => {
  const r1Deal = recordOf('r1', [
    { userId: 'pre1', role: 'presales', access: 'edit' },
    { userId: 'svc1', role: 'service', access: 'read' },
  ]);

  it('owner may read, edit and manage the team, but not give the record away or delete it', () => {
    expect(allowedActions(USERS.r1, r1Deal)).toMatchObject(['read', 'edit', 'manage_team']);
    const transfer = authorize(org, USERS.r1, 'transfer', r1Deal);
    expect(transfer).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/owner cannot give a record away/),
    });
  });

  it('every manager above the owner may do everything, and says how far up they are', () => {
    expect(allowedActions(USERS.m1, r1Deal)).toMatchObject([...ACTIONS]);
    expect(allowedActions(USERS.gm, r1Deal)).toMatchObject([...ACTIONS]);
    const read = authorize(org, USERS.gm, 'read', r1Deal);
    expect(read).toMatchObject({
      allowed: true,
      grants: [{ kind: 'manager', detail: 'manages 销售员甲 (2 levels up)', level: 'edit' }],
    });
  });

  it('team members get exactly their level and nothing more', () => {
    expect(allowedActions(USERS.pre1, r1Deal)).toMatchObject(['read', 'edit']);
    expect(allowedActions(USERS.svc1, r1Deal)).toMatchObject(['read']);
    expect(authorize(org, USERS.svc1, 'edit', r1Deal)).toMatchObject({
      allowed: false,
      reason: "服务工程师 is on the record's team with read access only",
    });
  });

  it('a manager sees what their people see, at their level, and no more', () => {
    const deal = recordOf('r2', [{ userId: 'pre1', role: 'presales', access: 'read' }]);
    expect(allowedActions(USERS.pm, deal)).toMatchObject(['read']);
    expect(authorize(org, USERS.pm, 'read', deal)).toMatchObject({
      allowed: true,
      grants: [
        {
          kind: 'team',
          detail: "manages 售前工程师, who is on the record's team as presales with read access",
          level: 'read',
        },
      ],
    });
    expect(authorize(org, USERS.pm, 'edit', deal).allowed).toBe(false);
    expect(authorize(org, USERS.pm, 'manage_team', deal)).toMatchObject({
      allowed: false,
      reason: 'only the owner, a manager above the owner or an administrator may change the team',
    });
  });

  it('peers and managers of other teams see nothing', () => {
    expect(allowedActions(USERS.r2, r1Deal)).toMatchObject([]);
    expect(allowedActions(USERS.r3, r1Deal)).toMatchObject([]);
    expect(allowedActions(USERS.m2, r1Deal)).toMatchObject([]);
  });

  it('admin may do everything; an inactive user nothing, not even on their own record', () => {
    expect(allowedActions(USERS.admin, r1Deal)).toMatchObject([...ACTIONS]);
    expect(allowedActions({ ...USERS.admin, active: false }, r1Deal)).toMatchObject([]);
    expect(allowedActions(USERS.left, recordOf('left'))).toMatchObject([]);
    expect(authorize(org, USERS.left, 'read', recordOf('left'))).toMatchObject({
      allowed: false,
      reason: '离职员工 is no longer active',
    });
  });

  it('managers keep seeing the records of someone who has left', () => {
    expect(allowedActions(USERS.m1, recordOf('left'))).toMatchObject([...ACTIONS]);
  });

  it('requireAuthorized returns the grants or throws PermissionDeniedError', () => {
    expect(requireAuthorized(org, USERS.r1, 'edit', r1Deal)).toMatchObject([
      { kind: 'owner', detail: 'owns the record', level: 'edit' },
    ]);
    try {
      requireAuthorized(org, USERS.r2, 'read', r1Deal);
      expect.unreachable();
    } catch (e) {
      expect(isCrmError(e, 'PERMISSION_DENIED')).toBe(true);
      if (isCrmError(e, 'PERMISSION_DENIED')) expect(e.action).toBe('read');
      expect(String(e)).toMatch(/not allowed to read: 销售员乙 is not the owner/);
    }
  });
});

describe('authorize — properties over generated org trees', () => {
  const scenarios = orgScenarioArbitrary();
  const runs = { numRuns: 500 };

  it('matches an independent reading of the rules for every action', () => {
    fc.assert(
      fc.property(scenarios, ({ users, actor, record }) => {
        const chart = new OrgChart(users);
        const above = naiveAncestors(users, record.ownerId).includes(actor.id);
        const own = record.ownerId === actor.id;
        // Team access: the actor's own grant, or a grant held by anyone below the actor (at any depth).
        const team = record.grants.filter(
          (g) => g.userId === actor.id || naiveAncestors(users, g.userId).includes(actor.id),
        );
        const admin = actor.role === 'admin';
        const expected: Record<Action, boolean> = {
          read: admin || own || above || team.length > 0,
          edit: admin || own || above || team.some((g) => g.access === 'edit'),
          manage_team: admin || own || above,
          transfer: admin || above,
          delete: admin || above,
        };
        for (const action of ACTIONS) {
          const result = authorize(chart, actor, action, record);
          expect(result.allowed).toBe(actor.active && expected[action]);
          if (result.allowed) expect(result.grants.length).toBeGreaterThan(0);
          else expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  // These iterate over every (user, record) pair of a generated org rather than filtering with fc.pre,
  // so rare shapes (peers, deep chains) are not skipped.
  const orgs = orgArbitrary();

  it('a non-admin sees exactly their subtree’s records plus records anyone in their subtree is granted on, at that grant’s level', () => {
    fc.assert(
      fc.property(orgs, ({ users, records }) => {
        const chart = new OrgChart(users);
        for (const actor of users.filter((u) => u.active && u.role !== 'admin')) {
          const below = users.filter((u) => naiveAncestors(users, u.id).includes(actor.id)).map((u) => u.id);
          const subtree = new Set([actor.id, ...below]);
          for (const r of records) {
            const owned = subtree.has(r.ownerId);
            const granted = r.grants.filter((g) => subtree.has(g.userId));
            expect(authorize(chart, actor, 'read', r).allowed).toBe(owned || granted.length > 0);
            expect(authorize(chart, actor, 'edit', r).allowed).toBe(
              owned || granted.some((g) => g.access === 'edit'),
            );
          }
        }
      }),
      runs,
    );
  });

  it('peers (same manager, not admin, neither they nor anyone below them on the team) never see each other’s records', () => {
    fc.assert(
      fc.property(orgs, ({ users, records }) => {
        const chart = new OrgChart(users);
        const byId = new Map(users.map((u) => [u.id, u]));
        for (const actor of users.filter((u) => u.role !== 'admin' && u.managerId !== null)) {
          const mineOrBelow = (id: string) => id === actor.id || naiveAncestors(users, id).includes(actor.id);
          for (const r of records) {
            const owner = byId.get(r.ownerId)!;
            const peer = owner.id !== actor.id && owner.managerId === actor.managerId;
            if (!peer || r.grants.some((g) => mineOrBelow(g.userId))) continue;
            expect(allowedActions(actor, r, chart)).toMatchObject([]);
          }
        }
      }),
      runs,
    );
  });

  it('team access alone (own grant or one held below) gives exactly the best such level: read ⇒ read only, edit ⇒ read and edit', () => {
    fc.assert(
      fc.property(orgs, ({ users, records }) => {
        const chart = new OrgChart(users);
        for (const actor of users.filter((u) => u.active && u.role !== 'admin')) {
          const mineOrBelow = (id: string) => id === actor.id || naiveAncestors(users, id).includes(actor.id);
          for (const r of records) {
            const team = r.grants.filter((g) => mineOrBelow(g.userId));
            if (team.length === 0 || mineOrBelow(r.ownerId)) continue;
            expect(allowedActions(actor, r, chart)).toMatchObject(
              team.some((g) => g.access === 'edit') ? ['read', 'edit'] : ['read'],
            );
            // One 'team' source per such grant, each at that grant's level.
            const read = authorize(chart, actor, 'read', r);
            expect(read.allowed && read.grants.map((g) => [g.kind, g.level]).sort()).toMatchObject(
              team.map((g) => ['team', g.access]).sort(),
            );
          }
        }
      }),
      runs,
    );
  });

  // The service reads a customer's deal teams only when the rest does not allow an action
  // (CommandContext.refusal): sound only while more grants never take an action away.
  it('grants only add: deal-team grants on a customer never remove an action the rest allows', () => {
    fc.assert(
      fc.property(
        scenarios.chain((s) =>
          fc
            .array(grantArbitrary(s.users.map((u) => u.id)), { maxLength: 4 })
            .map((dealTeamGrants) => ({ ...s, dealTeamGrants })),
        ),
        ({ users, actor, record, dealTeamGrants }) => {
          const chart = new OrgChart(users);
          const without = allowedActions(actor, record, chart);
          const withTeams = allowedActions(actor, { ...record, dealTeamGrants }, chart);
          expect(withTeams).toEqual(expect.arrayContaining(without));
        },
      ),
      runs,
    );
  });

  it('inactive users are allowed nothing', () => {
    fc.assert(
      fc.property(scenarios, ({ users, actor, records, record }) => {
        const gone = { ...actor, active: false };
        for (const r of [record, ...records])
          expect(allowedActions(gone, r, new OrgChart(users))).toMatchObject([]);
      }),
    );
  });
});
