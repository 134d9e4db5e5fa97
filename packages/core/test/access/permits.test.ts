import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessSources } from '../../src/access/access-sources.js';
import { authorize, ownerPermits, permits } from '../../src/access/authorize.js';
import { ACTIONS, OrgChart } from '../../src/index.js';
import {
  orgScenarioArbitrary,
  tangledOrgUsersArbitrary,
} from '../../src/testing/arbitraries/org-arbitraries.js';

// The command path decides read and its own action from one list of sources (CommandContext's
// refusal); these hold that shortcut to `authorize`, the rule every other caller uses.
describe('permits — the command path’s one-list check', () => {
  it('answers exactly as authorize for every action, active or departed actor', () => {
    fc.assert(
      fc.property(orgScenarioArbitrary(), ({ users, actor, record }) => {
        const chart = new OrgChart(users);
        const sources = accessSources(chart, actor, record);
        for (const action of ACTIONS)
          expect(permits(sources, action)).toBe(authorize(chart, actor, action, record).allowed);
      }),
      { numRuns: 500 },
    );
  });

  it('ownerPermits: what it permits, authorize allows the active owner whatever the team, manager and subject', () => {
    fc.assert(
      fc.property(orgScenarioArbitrary(), ({ users, actor, record }) => {
        const chart = new OrgChart(users);
        // The same record owned by the actor: its grants, deal-team grants and subject as generated.
        const owned = { ...record, ownerId: actor.id };
        for (const action of ACTIONS) {
          const allowed = authorize(chart, actor, action, owned).allowed;
          if (actor.active && ownerPermits(action)) expect(allowed).toBe(true);
          // Not a shortcut for what the owner's grant alone does not permit: those still take the full check.
          if (!ownerPermits(action))
            expect(permits(accessSources(chart, actor, owned), action)).toBe(allowed);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ownerPermits is the owner grant of accessSources: read, edit and manage_team, never transfer or delete', () => {
    expect(ACTIONS.filter(ownerPermits)).toEqual(['read', 'edit', 'manage_team']);
  });

  it('levelsAbove walks the chain to the same answer as the list of managers, on tangled charts too', () => {
    fc.assert(
      fc.property(tangledOrgUsersArbitrary(), (users) => {
        const chart = new OrgChart(users);
        for (const manager of users)
          for (const user of users) {
            const index = chart.managersOf(user.id).indexOf(manager.id);
            expect(chart.levelsAbove(manager.id, user.id)).toBe(index < 0 ? null : index + 1);
          }
      }),
      { numRuns: 300 },
    );
  });
});
