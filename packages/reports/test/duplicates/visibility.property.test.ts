import type { Opportunity } from '@gongfu/core';
import { checkDealForDuplicates, findDuplicateDeals, pairKey } from '@gongfu/reports';
import { openWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deal, STORY_BASKET } from './story-world.js';

const everything = { minScore: -1e9, limit: 10_000 };
const storage = sqliteStorage({ filename: ':memory:' });

type Owner = 'repA' | 'repB' | 'otherRep';
const generatedDeal = fc.record({
  owner: fc.constantFrom<Owner>('repA', 'repB', 'otherRep'),
  member: fc.option(
    fc.constantFrom('presales', 'repB', 'service') as fc.Arbitrary<'presales' | 'repB' | 'service'>,
    {
      nil: null,
    },
  ),
  // The 200 laser scanners always stay, so every two generated deals meet in a block.
  drop: fc.integer({ min: 1, max: 4 }),
  deliveryDay: fc.integer({ min: 20, max: 30 }),
});

/** A fresh tenant holding the generated deals, all variations of the story's basket so they pair up. */
type DealSpec = typeof generatedDeal extends fc.Arbitrary<infer T> ? T : never;

async function generatedWorld(specs: DealSpec[]) {
  const world = await openWorld(await storage);
  const { crm, org } = world;
  const accounts = new Map<Owner, Awaited<ReturnType<typeof crm.accounts.create>>>();
  for (const owner of ['repA', 'repB', 'otherRep'] as const) {
    accounts.set(
      owner,
      await crm.accounts.create(org[owner], { name: `${owner} 系统集成有限公司`, kind: 'system_integrator' }),
    );
  }
  const deals: Opportunity[] = [];
  for (const [i, s] of specs.entries()) {
    const lines = STORY_BASKET.filter((_, k) => k !== s.drop);
    const opp = await deal(
      crm,
      org[s.owner],
      accounts.get(s.owner)!,
      `deal ${i}`,
      lines,
      `2026-06-${s.deliveryDay}`,
    );
    if (s.member && org[s.member].id !== opp.ownerId) {
      const role = s.member === 'repB' ? 'sales' : s.member === 'presales' ? 'presales' : 'service';
      await crm.opportunities.addTeamMember(org[s.owner], opp.id, {
        userId: org[s.member].id,
        role,
        access: 'read',
      });
    }
    deals.push(opp);
  }
  return { ...world, deals };
}

describe('duplicate results respect who may see what (generated org and deals, SQLite)', () => {
  it('no pair in a scan or a check ever names a deal the actor may not see', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(generatedDeal, { minLength: 2, maxLength: 7 }), async (specs) => {
        const w = await generatedWorld(specs);
        const admins = await findDuplicateDeals(w.crm, w.org.admin, everything);
        // Every deal shares the story's basket, so the admin sees every deal in some pair.
        expect(new Set(admins.flatMap((p) => [p.a.id, p.b.id]))).toEqual(new Set(w.deals.map((d) => d.id)));
        for (const actor of Object.values(w.org)) {
          const visible = new Set(
            (await w.crm.opportunities.list(actor, { open: true, limit: 500 })).items.map((o) => o.id),
          );
          const pairs = await findDuplicateDeals(w.crm, actor, everything);
          for (const p of pairs) {
            expect(visible.has(p.a.id) && visible.has(p.b.id), `${actor.name} sees ${p.a.id}/${p.b.id}`).toBe(
              true,
            );
          }
          // Exactly the admin's pairs restricted to what this actor sees: nothing hidden is lost.
          const expected = admins.filter((p) => visible.has(p.a.id) && visible.has(p.b.id));
          expect(new Set(pairs.map((p) => pairKey(p.a.id, p.b.id)))).toEqual(
            new Set(expected.map((p) => pairKey(p.a.id, p.b.id))),
          );
          for (const id of visible) {
            for (const p of await checkDealForDuplicates(w.crm, actor, id, everything)) {
              expect(visible.has(p.a.id) && visible.has(p.b.id)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 6 },
    );
  });

  it('the stored-key check gives each deal exactly the partners and scores the scan gives it, for every actor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedDeal, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        async (specs, pick) => {
          const w = await generatedWorld(specs);
          // An edit after the keys were first stored: the check must see the deal as it is now.
          await findDuplicateDeals(w.crm, w.org.repA, everything);
          const edited = w.deals[pick % w.deals.length]!;
          await w.crm.opportunities.update(w.org.admin, edited.id, { requiredDelivery: '2026-07-20' });
          for (const actor of Object.values(w.org)) {
            const scan = await findDuplicateDeals(w.crm, actor, everything);
            const visible = (await w.crm.opportunities.list(actor, { open: true, limit: 500 })).items;
            for (const { id } of visible) {
              const fromScan = scan
                .filter((p) => p.a.id === id || p.b.id === id)
                .map((p): [string, number] => [pairKey(p.a.id, p.b.id), p.score]);
              const fromCheck = (await checkDealForDuplicates(w.crm, actor, id, everything)).map(
                (p): [string, number] => [pairKey(p.a.id, p.b.id), p.score],
              );
              expect(new Map(fromCheck), `${actor.name} checks ${id}`).toEqual(new Map(fromScan));
            }
          }
        },
      ),
      {
        numRuns: 6,
        // One rep's four deals of one basket: a standard kit entered again by one customer, read
        // with the tenant's kit figures and the customer's own count (`kit-repeats.ts`).
        examples: [
          [
            [
              ...[20, 22, 25, 29].map((deliveryDay) => ({
                owner: 'repA' as Owner,
                member: null,
                drop: 2,
                deliveryDay,
              })),
              { owner: 'repB', member: 'presales', drop: 2, deliveryDay: 21 },
            ],
            1,
          ],
        ],
      },
    );
  });

  it('a resolved pair never resurfaces, whichever way it was resolved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedDeal, { minLength: 2, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        async (specs, pick, link) => {
          const w = await generatedWorld(specs);
          const before = await findDuplicateDeals(w.crm, w.org.admin, everything);
          const chosen = before[pick % before.length]!;
          const key = pairKey(chosen.a.id, chosen.b.id);
          if (link)
            await w.crm.duplicates.linkAsSameDeal(w.org.admin, {
              keepId: chosen.a.id,
              releaseId: chosen.b.id,
            });
          else await w.crm.duplicates.markNotDuplicate(w.org.admin, { aId: chosen.a.id, bId: chosen.b.id });
          const keys = (ps: { a: { id: string }; b: { id: string } }[]) =>
            ps.map((p) => pairKey(p.a.id, p.b.id));
          expect(keys(await findDuplicateDeals(w.crm, w.org.admin, everything))).not.toContain(key);
          expect(
            keys(await checkDealForDuplicates(w.crm, w.org.admin, chosen.a.id, everything)),
          ).not.toContain(key);
          if (link) await w.crm.opportunities.reopen(w.org.admin, chosen.b.id);
          expect(
            keys(await checkDealForDuplicates(w.crm, w.org.admin, chosen.b.id, everything)),
          ).not.toContain(key);
          const resolutions = await w.crm.duplicates.resolutions(w.org.admin);
          expect(resolutions.map((r) => pairKey(r.aId, r.bId))).toEqual([key]);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('never pairs deals across tenants, even identical ones', async () => {
    const mine = await generatedWorld([{ owner: 'repA', member: null, drop: 4, deliveryDay: 28 }]);
    const theirs = await generatedWorld([
      { owner: 'repA', member: null, drop: 4, deliveryDay: 28 },
      { owner: 'repB', member: null, drop: 4, deliveryDay: 28 },
    ]);
    expect(await findDuplicateDeals(mine.crm, mine.org.admin, everything)).toEqual([]);
    expect(await checkDealForDuplicates(mine.crm, mine.org.admin, mine.deals[0]!.id, everything)).toEqual([]);
    expect(await findDuplicateDeals(theirs.crm, theirs.org.admin, everything)).toHaveLength(1);
  });
});
