import type { CrmStorage, Lead, RowScope, TeamMemberRow } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead, minutesAfter } from './support/builders.js';
import { memoryStorage } from './support/open-storage.js';

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const user = fc.constantFrom(...USERS);

const world = fc.record({
  leads: fc.array(fc.record({ owner: user, minute: fc.integer({ min: 0, max: 20 }) }), { maxLength: 25 }),
  teams: fc.array(
    fc.uniqueArray(fc.record({ userId: user, access: fc.constantFrom('read' as const, 'edit' as const) }), {
      selector: (m) => m.userId,
      maxLength: 3,
    }),
    { maxLength: 25 },
  ),
  scope: fc.oneof(
    fc.constant<RowScope>({ kind: 'all' }),
    fc.constant<RowScope>({ kind: 'none' }),
    fc.record({
      kind: fc.constant('scoped' as const),
      ownerIds: fc.uniqueArray(user, { maxLength: 3 }),
      memberIds: fc.uniqueArray(user, { maxLength: 3 }),
      minAccess: fc.constantFrom('read' as const, 'edit' as const),
    }),
  ),
});

/** The pure reading of RowScope that the SQL must agree with. */
function visible(lead: Lead, team: readonly TeamMemberRow[], scope: RowScope): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  if (scope.ownerIds.includes(lead.ownerId)) return true;
  return team.some(
    (m) => scope.memberIds.includes(m.userId) && (scope.minAccess === 'read' || m.access === 'edit'),
  );
}

let storage: CrmStorage;
let run = 0;
beforeAll(async () => {
  storage = await memoryStorage([]);
});
afterAll(() => storage.close());

describe('scoped lists', () => {
  it('equal an in-memory filter (owner in ownerIds OR team member with enough access)', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ leads: specs, teams, scope }) => {
        // A fresh tenant per run: each run sees only its own rows.
        run += 1;
        const tenantId = `prop-${run}`;
        await storage.tenants.create({ id: tenantId, name: tenantId, createdAt: minutesAfter(0) });
        const leads = specs.map((s) => {
          const at = minutesAfter(s.minute);
          return buildLead(tenantId, { ownerId: s.owner, createdAt: at, updatedAt: at });
        });
        const teamOf = new Map<string, TeamMemberRow[]>();
        await storage.transaction({ tenantId }, async (tx) => {
          for (const [i, lead] of leads.entries()) {
            await tx.leads.insert(lead);
            const team = (teams[i] ?? []).map((m) => ({ ...m, role: 'sales' as const, isOwner: false }));
            teamOf.set(lead.id, team);
            await tx.teams.replace(lead.id, team);
          }
        });
        const expected = leads
          .filter((l) => visible(l, teamOf.get(l.id) ?? [], scope))
          .map((l) => l.id)
          .sort();
        const { items, count } = await storage.read({ tenantId }, async (tx) => ({
          items: (await tx.leads.list({ scope, limit: 500 })).items.map((l) => l.id),
          count: await tx.leads.count(undefined, scope),
        }));
        expect([...items].sort()).toEqual(expected);
        expect(count).toBe(expected.length);
      }),
      { numRuns: 150 },
    );
  });
});
