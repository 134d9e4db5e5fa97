import { type CrmStorage, isCrmError, type User } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COST_ROLLUP_BY,
  checkDealForDuplicates,
  costRollup,
  findDuplicateAccounts,
  findDuplicateContacts,
  findDuplicateDeals,
  morningReview,
  pipeline,
} from '../../src/index.js';
import { openReportTenant, type ReportTenant } from './report-tenants.js';

const ALL = { minScore: -1000, limit: 1000 };
const pairOf = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort();

/** Every string anywhere in a report (ids, keys, labels), so no field can hide a foreign id. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Both directions (A reading beside B, B beside A), as the manager and as the admin. */
function readers(tenants: readonly [ReportTenant, ReportTenant]) {
  const [a, b] = tenants;
  return [a, b].flatMap((mine) => {
    const theirs = mine === a ? b : a;
    return [mine.org.manager, mine.org.admin].map((actor) => ({ mine, theirs, actor }));
  });
}

/**
 * Every report of @gongfu/reports confined to the actor's tenant (issue 6), on any engine: two
 * tenants on one storage hold the same story, customers, costs, activities and deals, so a pair
 * across them would score as a certain duplicate and a mixed total would be off by a whole tenant.
 */
export function describeReportTenantIsolation(makeStorage: StorageFactory): void {
  describe('reports: tenant isolation', () => {
    let storage: CrmStorage;
    let tenants: [ReportTenant, ReportTenant];
    beforeAll(async () => {
      storage = await makeStorage();
      tenants = [await openReportTenant(storage, 'a'), await openReportTenant(storage, 'b')];
    });
    afterAll(async () => {
      await storage.close();
    });

    const expectNoForeign = (report: unknown, theirs: ReportTenant, what: string) =>
      expect(
        stringsIn(report).filter((s) => theirs.ownId.test(s)),
        what,
      ).toEqual([]);

    it('duplicate scans and checks pair only records of the tenant, and still find its own pairs', async () => {
      // The foreign-id checks below lean on the tags telling the tenants apart.
      const [a, b] = tenants;
      expect([a.ownId.test(a.dealA.id), b.ownId.test(a.dealA.id), b.ownId.test(b.won.id)]).toEqual([
        true,
        false,
        true,
      ]);
      for (const { mine, theirs, actor } of readers(tenants)) {
        const who = `${actor.name} of ${mine.crm.tenantId}`;
        const deals = await findDuplicateDeals(mine.crm, actor, ALL);
        expectNoForeign(deals, theirs, `deal scan as ${who}`);
        expect(deals[0] && pairOf(deals[0]), who).toEqual([mine.dealA.id, mine.dealB.id].sort());
        const check = await checkDealForDuplicates(mine.crm, actor, mine.dealA.id, ALL);
        expectNoForeign(check, theirs, `deal check as ${who}`);
        expect(check.map(pairOf)).toContainEqual([mine.dealA.id, mine.dealB.id].sort());
        const accounts = await findDuplicateAccounts(mine.crm, actor, ALL);
        expectNoForeign(accounts, theirs, `account scan as ${who}`);
        expect(accounts.map(pairOf)).toContainEqual(mine.accountPair.map((x) => x.id).sort());
        const contacts = await findDuplicateContacts(mine.crm, actor, ALL);
        expectNoForeign(contacts, theirs, `contact scan as ${who}`);
        expect(contacts.map(pairOf)).toContainEqual(mine.contactPair.map((x) => x.id).sort());
      }
    });

    it("checking the other tenant's deal is NOT_FOUND, like a missing id", async () => {
      const [a, b] = tenants;
      const refusal = async (id: string) => {
        const e = await checkDealForDuplicates(a.crm, a.org.admin, id).catch((x: unknown) => x);
        if (!isCrmError(e, 'NOT_FOUND')) throw new Error(`expected NOT_FOUND for ${id}, got ${String(e)}`);
        return e.message.split(id).join('<id>');
      };
      expect(await refusal(b.dealA.id)).toBe(await refusal('opp_missing'));
    });

    it("cost rollups equal a brute-force sum over the tenant's own costs, in every grouping", async () => {
      for (const { mine, theirs, actor } of readers(tenants)) {
        const sum = mine.costs.reduce((s, c) => s + c.amount, 0);
        const perDeal = new Map<string | null, number>();
        for (const c of mine.costs)
          perDeal.set(c.opportunityId, (perDeal.get(c.opportunityId) ?? 0) + c.amount);
        for (const by of COST_ROLLUP_BY) {
          const report = await costRollup(mine.crm, actor, { by });
          expectNoForeign(report, theirs, `costs by ${by} as ${actor.name}`);
          expect(report.totals.map((t) => [t.currency, t.count, t.amount, t.wonDeals, t.wonRevenue])).toEqual(
            [['CNY', mine.costs.length, sum, 1, mine.won.amount.amount]],
          );
          if (by === 'opportunity')
            expect(new Map(report.rows.map((r) => [r.key, r.amount]))).toEqual(perDeal);
        }
      }
    });

    it("the pipeline counts and sums the tenant's own deals only", async () => {
      for (const { mine, theirs, actor } of readers(tenants)) {
        const open = mine.deals.filter((d) => d.id !== mine.won.id);
        const report = await pipeline(mine.crm, actor);
        expectNoForeign(report, theirs, `pipeline as ${actor.name}`);
        expect(report.open.byStage.map((r) => [r.key, r.count, r.amount])).toEqual([
          ['qualification', open.length, open.reduce((s, d) => s + d.amount.amount, 0)],
        ]);
        const perOwner = new Map<string, number>();
        for (const d of open) perOwner.set(d.ownerId, (perOwner.get(d.ownerId) ?? 0) + 1);
        expect(new Map(report.open.byOwner.map((r) => [r.key, r.count]))).toEqual(perOwner);
        expect(report.closed.map((c) => [c.won, c.lost, c.wonAmount])).toEqual([
          [1, 0, mine.won.amount.amount],
        ]);
        expect(report.funnel).toMatchObject({
          leads: 2,
          opportunities: mine.deals.length,
          wonOpportunities: 1,
        });
      }
    });

    it("the morning review holds the tenant's own people and records only", async () => {
      const sorted = (ids: Iterable<string>) => [...ids].sort();
      for (const { mine, theirs, actor } of readers(tenants)) {
        const review = await morningReview(mine.crm, actor, { day: '2026-03-03' });
        expectNoForeign(review, theirs, `morning review as ${actor.name}`);
        const { org } = mine;
        const people: User[] =
          actor.role === 'admin'
            ? [...Object.values(org).filter((u) => u.id !== org.admin.id), mine.extraRep]
            : [org.repA, org.repB, mine.extraRep];
        expect(sorted(review.people.map((p) => p.userId))).toEqual(sorted(people.map((u) => u.id)));
        const all = review.people;
        expect(sorted(all.flatMap((p) => p.newOpportunities.map((o) => o.id)))).toEqual(
          sorted(mine.deals.map((d) => d.id)),
        );
        expect(sorted(all.flatMap((p) => p.costs.map((c) => c.id)))).toEqual(
          sorted(mine.costs.map((c) => c.id)),
        );
        expect(all.flatMap((p) => p.newLeads)).toHaveLength(2);
        expect(all.flatMap((p) => p.activities)).toHaveLength(1);
        expect(review.duplicateAlerts.map(pairOf)).toEqual([[mine.dealA.id, mine.dealB.id].sort()]);
      }
    });
  });
}
