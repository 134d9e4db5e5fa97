import type { TeamMemberRow } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { buildTeamMember } from './fixtures-work.js';
import { CONFORMANCE_TABLES, type SuiteState } from './harness.js';

const sorted = (rows: readonly TeamMemberRow[] | undefined) =>
  [...(rows ?? [])].sort((a, b) => (a.userId < b.userId ? -1 : 1));

/** Team membership per governing record: replace, members, membersOfMany, keysOfMember. */
export function registerTeams(state: SuiteState): void {
  describe('teams', () => {
    conformanceIt(
      state,
      'teams.replace',
      'replace swaps the whole membership; members reads it back',
      async () => {
        const tenantId = await freshTenant(state);
        const owner = buildTeamMember({ userId: 'u-owner', role: 'sales', access: 'edit', isOwner: true });
        const first = [owner, buildTeamMember({ access: 'read' }), buildTeamMember({ role: 'service' })];
        await inTx(state, tenantId, (tx) => tx.teams.replace('k1', first));
        expect(sorted(await inTx(state, tenantId, (tx) => tx.teams.members('k1')))).toEqual(sorted(first));
        expect(await rawRows(state, CONFORMANCE_TABLES.teams, tenantId, { team_key: 'k1' })).toHaveLength(3);
        const second = [owner, buildTeamMember({ access: 'read', role: 'sales' })];
        await inTx(state, tenantId, (tx) => tx.teams.replace('k1', second));
        expect(sorted(await inTx(state, tenantId, (tx) => tx.teams.members('k1')))).toEqual(sorted(second));
        expect(await rawRows(state, CONFORMANCE_TABLES.teams, tenantId, { team_key: 'k1' })).toHaveLength(2);
        await inTx(state, tenantId, (tx) => tx.teams.replace('k1', []));
        expect(await inTx(state, tenantId, (tx) => tx.teams.members('k1'))).toEqual([]);
        expect(await rawRows(state, CONFORMANCE_TABLES.teams, tenantId, { team_key: 'k1' })).toEqual([]);
      },
    );

    conformanceIt(
      state,
      'teams.create',
      'create writes the first members of a new team and refuses a second create of the same member',
      async () => {
        const tenantId = await freshTenant(state);
        const owner = buildTeamMember({ userId: 'u-owner', role: 'sales', access: 'edit', isOwner: true });
        const first = [owner, buildTeamMember({ access: 'read' })];
        await inTx(state, tenantId, (tx) => tx.teams.create('k1', first));
        expect(sorted(await inTx(state, tenantId, (tx) => tx.teams.members('k1')))).toEqual(sorted(first));
        const again = await inTx(state, tenantId, (tx) => tx.teams.create('k1', [owner])).catch(
          (e: unknown) => e,
        );
        expect(isCrmError(again, 'CONFLICT')).toBe(true);
        expect(await rawRows(state, CONFORMANCE_TABLES.teams, tenantId, { team_key: 'k1' })).toHaveLength(2);
      },
    );

    conformanceIt(
      state,
      'teams.members-of-many',
      'membersOfMany maps each asked key to its members',
      async () => {
        const tenantId = await freshTenant(state);
        const k1 = [buildTeamMember({ isOwner: true }), buildTeamMember()];
        const k2 = [buildTeamMember({ userId: 'u-shared', access: 'read' })];
        const k4 = [buildTeamMember({ userId: 'u-shared' })];
        await inTx(state, tenantId, async (tx) => {
          await tx.teams.replace('k1', k1);
          await tx.teams.replace('k2', k2);
          await tx.teams.replace('k4', k4);
        });
        const map = await inTx(state, tenantId, (tx) => tx.teams.membersOfMany(['k1', 'k2', 'k3']));
        expect(sorted(map.get('k1'))).toEqual(sorted(k1));
        expect(map.get('k2')).toEqual(k2);
        expect(map.get('k3') ?? []).toEqual([]);
        expect(map.has('k4'), 'a key that was not asked for').toBe(false);
        expect((await inTx(state, tenantId, (tx) => tx.teams.membersOfMany([]))).size).toBe(0);
      },
    );

    conformanceIt(
      state,
      'teams.keys-of-member',
      'keysOfMember lists the non-owner memberships of a user',
      async () => {
        const tenantId = await freshTenant(state);
        await inTx(state, tenantId, async (tx) => {
          await tx.teams.replace('k1', [buildTeamMember({ userId: 'u-x', access: 'read' })]);
          await tx.teams.replace('k2', [
            buildTeamMember({ isOwner: true }),
            buildTeamMember({ userId: 'u-x' }),
          ]);
          await tx.teams.replace('k3', [buildTeamMember({ userId: 'u-x', isOwner: true, role: 'sales' })]);
          await tx.teams.replace('k4', [buildTeamMember({ userId: 'u-y' })]);
        });
        const keys = await inTx(state, tenantId, (tx) => tx.teams.keysOfMember('u-x'));
        expect([...keys].sort()).toEqual(['k1', 'k2']);
        expect(await inTx(state, tenantId, (tx) => tx.teams.keysOfMember('u-nobody'))).toEqual([]);
      },
    );
  });
}
