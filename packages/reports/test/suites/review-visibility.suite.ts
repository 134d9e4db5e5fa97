import type { CrmStorage, EntityKind } from '@gongfu/core';
import { ENTITY } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewWith } from '../../src/review/morning-review.js';
import { loadVisible } from '../../src/shared/visible.js';
import { buildWorld, LEAK_RUNS, REVIEW_DAY, scenarioArb } from './leak-world.js';

/*
 * The morning review reads its records with the reviewer's scope applied in the database (one
 * statement per kind) instead of authorizing each record with the policy. On the leak suite's
 * generated worlds (org trees, seats, hand-overs, people who left), for every actor: the scoped
 * reading of every record of each kind equals the per-record one, and so does the whole review;
 * the merged due-reminder ranges equal each person's reminders merged by hand.
 */
export function describeReviewVisibility(makeStorage: StorageFactory, engine: string): void {
  describe(`morning review: scoped reading equals per-record authorization (${engine})`, () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it(
      'every actor of generated worlds: same visible records, same review, same due reminders',
      async () => {
        let compared = 0;
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (s) => {
            const { crm, model } = await buildWorld(storage, s);
            const kinds: EntityKind<{ id: string }>[] = [
              ENTITY.lead,
              ENTITY.opportunity,
              ENTITY.activity,
              ENTITY.order,
              ENTITY.cost,
              ENTITY.account,
              ENTITY.contact,
            ] as unknown as EntityKind<{ id: string }>[];
            const people = [...model.users.keys()];
            for (const actor of model.users.values()) {
              if (!actor.active) {
                await expect(
                  reviewWith(crm, actor, { day: REVIEW_DAY, findDuplicates: false }, 'scoped'),
                ).rejects.toThrow();
                continue;
              }
              await crm.runAs(actor, async (ctx) => {
                for (const kind of kinds) {
                  const all = await kind.store(ctx.tx).list({ scope: { kind: 'all' }, limit: 500 });
                  const ids = all.items.map((r) => r.id);
                  const scoped = await loadVisible(ctx, kind, ids, 'scoped');
                  const perRecord = await loadVisible(ctx, kind, ids, 'per-record');
                  expect([...scoped.keys()].sort(), `${kind.type} for ${actor.id}`).toEqual(
                    [...perRecord.keys()].sort(),
                  );
                  compared++;
                }
              });
              // The report aggregates (split in two arms for a scope over most of the tenant) equal
              // sums over the rows a list shows under the same scope.
              await crm.runAs(actor, async (ctx) => {
                const scope = ctx.scope();
                const sum = (rows: [string | null, string, number][]) => {
                  const out = new Map<string, [number, number]>();
                  for (const [k, c, a] of rows) {
                    const t = out.get(`${k}|${c}`) ?? [0, 0];
                    out.set(`${k}|${c}`, [t[0] + 1, t[1] + a]);
                  }
                  return out;
                };
                const costs = (await ctx.tx.costs.list({ scope, limit: 500 })).items;
                const costTotals = await ctx.tx.reports.costTotals(undefined, scope, 'incurred_by');
                expect(
                  new Map(costTotals.map((r) => [`${r.key}|${r.currency}`, [r.count, r.amount]])),
                ).toEqual(sum(costs.map((c) => [c.incurredBy, c.amount.currency, c.amount.amount])));
                const deals = (await ctx.tx.opportunities.list({ scope, limit: 500 })).items.filter(
                  (d) => d.closedAt !== null && d.duplicateOfId === null,
                );
                const closed = await ctx.tx.reports.closedTotals(undefined, scope, {}, 'owner');
                expect(
                  new Map(closed.map((r) => [`${r.key}|${r.currency}`, [r.won + r.lost, r.wonAmount]])),
                ).toEqual(
                  new Map(
                    [...sum(deals.map((d) => [d.ownerId, d.amount.currency, 0]))].map(([k, [n]]) => [
                      k,
                      [
                        n,
                        deals
                          .filter((d) => `${d.ownerId}|${d.amount.currency}` === k && d.stage === 'won')
                          .reduce((a, d) => a + d.amount.amount, 0),
                      ],
                    ]),
                  ),
                );
                compared += 2;
              });
              const options = { day: REVIEW_DAY, findDuplicates: false as const };
              expect(await reviewWith(crm, actor, options, 'scoped')).toEqual(
                await reviewWith(crm, actor, options, 'per-record'),
              );
              compared++;
            }
            // Due reminders of several people: the merged ranges equal each one's, merged here.
            await crm.runAs(model.users.values().next().value as { id: string }, async (ctx) => {
              for (const at of ['2026-03-05T00:00:00.000Z', '2026-06-01T00:00:00.000Z']) {
                const each = (
                  await Promise.all(people.map((p) => ctx.tx.reminders.due([p], at, 1000)))
                ).flat();
                each.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
                for (const limit of [1, 2, 5, 1000]) {
                  const merged = await ctx.tx.reminders.due([...people, ...people], at, limit);
                  expect(merged.map((r) => r.id)).toEqual(each.slice(0, limit).map((r) => r.id));
                }
              }
            });
          }),
          {
            numRuns: LEAK_RUNS,
            seed: process.env.GONGFU_LEAK_SEED ? Number(process.env.GONGFU_LEAK_SEED) : undefined,
          },
        );
        expect(compared).toBeGreaterThan(0);
      },
      60_000 + LEAK_RUNS * 20_000,
    );
  });
}
