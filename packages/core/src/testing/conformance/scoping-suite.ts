import type { RowScope, TeamMemberRow } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { buildOpportunity } from './fixtures-deals.js';
import type { SuiteState } from './harness.js';
import {
  isNewestFirst,
  SCOPE_USERS,
  scopeAllowsRow,
  scopeArb,
  teamArb,
  teamRows,
  walkPages,
} from './scope-model.js';
import { at, DEAL_CHILDREN, type ScopedKind, SELF_GOVERNED } from './scoped-kinds.js';

interface Expected {
  id: string;
  ownerId: string;
  team: TeamMemberRow[];
}

async function checkScopes(
  state: SuiteState,
  tenantId: string,
  kind: ScopedKind,
  rows: Expected[],
  scopes: RowScope[],
  limit: number,
) {
  for (const scope of scopes) {
    const visible = rows.filter((r) => scopeAllowsRow(scope, r.ownerId, r.team)).map((r) => r.id);
    const { listed, counted } = await inTx(state, tenantId, async (tx) => ({
      listed: await walkPages((cursor) => kind.store(tx).list({ scope, limit, cursor }), rows.length),
      counted: await kind.store(tx).count(undefined, scope),
    }));
    const ids = listed.map((r) => r.id);
    const label = `${kind.name} ${JSON.stringify(scope)} limit ${limit}`;
    expect(new Set(ids).size, `${label}: no row twice`).toBe(ids.length);
    expect([...ids].sort(), label).toEqual([...visible].sort());
    expect(counted, label).toBe(visible.length);
    expect(isNewestFirst(listed), `${label}: newest first, then id: ${ids.join(',')}`).toBe(true);
  }
}

const rowArb = fc.record({ team: teamArb, day: fc.integer({ min: 0, max: 3 }) });
const runArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 10 }),
  scopes: fc.array(scopeArb, { minLength: 1, maxLength: 4 }),
  limit: fc.integer({ min: 1, max: 4 }),
});
const childArb = fc.record({
  deals: fc.array(teamArb, { minLength: 1, maxLength: 3 }),
  children: fc.array(
    fc.record({
      owner: fc.constantFrom(...SCOPE_USERS),
      deal: fc.nat(),
      day: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  scopes: fc.array(scopeArb, { minLength: 1, maxLength: 4 }),
  limit: fc.integer({ min: 1, max: 4 }),
});

/** Scoped list/count agree with the in-memory rule, and pagination walks each visible row once, in order. */
export function registerScoping(state: SuiteState): void {
  describe('scoping', () => {
    for (const kind of SELF_GOVERNED) {
      conformanceIt(
        state,
        `scoping.${kind.name}`,
        'list/count under all/none/scoped match the rule (own team)',
        async () => {
          await fc.assert(
            fc.asyncProperty(runArb, async ({ rows, scopes, limit }) => {
              const tenantId = await freshTenant(state);
              const prefix = Math.random().toString(36).slice(2, 8);
              const expected = rows.map(
                (r, i): Expected => ({
                  id: `${prefix}${String(i).padStart(3, '0')}`,
                  ownerId: r.team.owner,
                  team: teamRows(r.team),
                }),
              );
              await inTx(state, tenantId, async (tx) => {
                for (const [i, e] of expected.entries()) {
                  await kind
                    .store(tx)
                    .insert(kind.build(tenantId, e.id, e.ownerId, null, at(rows[i]?.day ?? 0)));
                  await tx.teams.replace(e.id, e.team);
                }
              });
              await checkScopes(state, tenantId, kind, expected, scopes, limit);
            }),
            { numRuns: 20 },
          );
        },
      );
    }
    for (const kind of DEAL_CHILDREN) {
      conformanceIt(
        state,
        `scoping.${kind.name}`,
        "list/count match the rule through the opportunity's team",
        async () => {
          await fc.assert(
            fc.asyncProperty(childArb, async ({ deals, children, scopes, limit }) => {
              const tenantId = await freshTenant(state);
              const prefix = Math.random().toString(36).slice(2, 8);
              const dealIds = deals.map((_, i) => `${prefix}d${i}`);
              const expected = children.map((c, i): Expected => {
                const d = c.deal % deals.length;
                return {
                  id: `${prefix}${String(i).padStart(3, '0')}`,
                  ownerId: c.owner,
                  team: teamRows(deals[d] ?? { owner: c.owner, members: [] }),
                };
              });
              await inTx(state, tenantId, async (tx) => {
                for (const [i, deal] of deals.entries()) {
                  const id = dealIds[i] ?? '';
                  await tx.opportunities.insert(
                    buildOpportunity(tenantId, { id, ownerId: deal.owner, accountId: 'a-1' }),
                  );
                  await tx.teams.replace(id, teamRows(deal));
                }
                for (const [i, c] of children.entries()) {
                  const parent = dealIds[c.deal % deals.length] ?? null;
                  await kind
                    .store(tx)
                    .insert(kind.build(tenantId, expected[i]?.id ?? '', c.owner, parent, at(c.day)));
                }
              });
              await checkScopes(state, tenantId, kind, expected, scopes, limit);
            }),
            { numRuns: 20 },
          );
        },
      );
    }
  });
}
