import type { CrmStorage } from '@gongfu/core';
import { openWorld, quoteAs, type ServiceWorld } from '@gongfu/service-suites';
import { postgresStorage } from '@gongfu/storage-postgres';
import { countingPool } from '@gongfu/storage-postgres/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costRollup, morningReview } from '../../src/index.js';
import { cny } from '../suites/fixtures.js';

const PG_URL = process.env.GONGFU_PG_URL || undefined;

/**
 * Round trips of the manager's morning and of a rollup on a real server. Every section of the
 * review is read in one transaction, and the reads that do not wait for each other are asked for
 * together, so the review waits once per step of its longest chain (the day's events → the day's
 * records and quoted leads → what their activities name → whether the reader may open a contact),
 * not once per statement or per section. A rollup asks for its costs and its revenue together.
 */
describe.skipIf(PG_URL === undefined)(
  'reports: round trips on PostgreSQL [skipped on PGlite: it is in-process, there is no network to count]',
  () => {
    const schema = `gf_rep_trips_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const real = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const counter = countingPool(real);
    let storage: CrmStorage;
    let w: ServiceWorld;

    beforeAll(async () => {
      await admin.query(`create schema "${schema}"`);
      storage = await postgresStorage({ pool: counter.pool }, { schema });
      w = await openWorld(storage);
      const { crm, org, clock } = w;
      // 2 March: repA quotes; a quota for the quarter. 5 March, the reviewed day: repB quotes the
      // same customer another price (a new conflict), a call about a contact, a lead and a cost.
      await crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026-Q1', target: cny(10_000_00) });
      await quoteAs(w, org.repA, '烟台港务集团', 'LS2208', 980_00);
      clock.advanceDays(3);
      const lead = await quoteAs(w, org.repB, '烟台港务集团', 'LS2208', 900_00);
      const account = await crm.accounts.create(org.repA, {
        name: '恒通系统集成',
        kind: 'system_integrator',
      });
      const wang = await crm.contacts.create(org.repA, { accountId: account.id, name: '王工（信息中心）' });
      const call = await crm.activities.schedule(org.repA, {
        kind: 'call',
        subject: '确认验收时间',
        startAt: '2026-03-05T10:00:00+08:00',
        regarding: { kind: 'contact', id: wang.id },
      });
      await crm.activities.complete(org.repA, call.id, { outcome: { summary: '下周验收' } });
      await crm.leads.logContact(org.repB, lead.id, {
        kind: 'call',
        at: '2026-03-05T11:00:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive', summary: '要方案' },
      });
      await crm.costs.record(org.repA, {
        category: 'travel',
        amount: cny(126_050),
        incurredOn: '2026-03-05',
        accountId: account.id,
      });
    });

    afterAll(async () => {
      await storage?.close();
      await real.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    it('the morning review: one transaction, one wait per step of its longest chain', async () => {
      const { crm, org } = w;
      const review = () => morningReview(crm, org.manager, { day: '2026-03-06', findDuplicates: false });
      await review(); // warm: the org chart is cached, as on a running app server
      let read: Awaited<ReturnType<typeof review>> | undefined;
      const trips = await counter.count(async () => {
        read = await review();
      });
      // Every section is there, so every chain of reads ran.
      const a = read?.people.find((p) => p.userId === org.repA.id);
      const b = read?.people.find((p) => p.userId === org.repB.id);
      expect(a?.activities.map((x) => x.regarding)).toEqual(['王工（信息中心）']);
      expect(a?.costs.map((c) => c.amount?.amount)).toEqual([126_050]);
      expect(b?.quotes.map((q) => q.unitPrice.amount)).toEqual([900_00]);
      expect(b?.activities.map((x) => x.regarding)).toEqual(['烟台港务集团']);
      expect(read?.quoteConflicts.map((c) => c.customer)).toEqual(['烟台港务集团']);
      expect(read?.quotas.map((q) => q.quota.userId)).toEqual([org.repA.id]);
      // BEGIN + the day's events, due reminders, the month's quote events, the quotas | the day's
      // records by kind, the quoted leads and their quotes, booked orders and open deals | the
      // contact the call is about, the lead the other call names. COMMIT travels first in the
      // connection's next round trip (storage-postgres' owed COMMIT), not in this read's. The
      // contact's account's deal teams are not read: the manager already opens it as its owner's manager.
      expect(trips).toBe(3);
    });

    it('a rollup: costs and revenue asked for together, with BEGIN, in one round trip', async () => {
      const { crm, org } = w;
      const rollup = () =>
        costRollup(crm, org.admin, { by: 'salesperson', from: '2026-03-01', to: '2026-03-31' });
      await rollup();
      const trips = await counter.count(async () => {
        expect((await rollup()).totals.map((t) => t.amount)).toEqual([126_050]);
      });
      // Costs then revenue, one wait each, was 3; with the COMMIT in a round trip of its own, 2.
      expect(trips).toBe(1);
    });

    it("a rollup over most of the tenant: the owners' arm is its own GROUP BY, asked for with the rest", async () => {
      // A manager over 16 of the tenant's 21 people: the scope is split into the rows its people
      // own and the outsiders' rows a seat shows (`SqlReportStore.splitScope`).
      const wide = await openWorld(storage);
      const { crm, org } = wide;
      for (let i = 0; i < 13; i++)
        await crm.users.create(org.manager, {
          name: `销售员${i}`,
          role: 'sales_rep',
          managerId: org.manager.id,
        });
      const account = await crm.accounts.create(org.repA, { name: '山东恒通', kind: 'system_integrator' });
      const deal = await crm.opportunities.create(org.repA, {
        name: '恒通 WMS',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: org.presales.id, role: 'presales' }],
      });
      await crm.costs.record(org.repA, {
        category: 'travel',
        amount: cny(50_00),
        incurredOn: '2026-03-02',
        opportunityId: deal.id,
      });
      const rollup = () =>
        costRollup(crm, org.manager, { by: 'salesperson', from: '2026-03-01', to: '2026-03-31' });
      await rollup();
      counter.sent.length = 0;
      const trips = await counter.count(async () => {
        expect((await rollup()).rows.map((r) => [r.key, r.amount])).toEqual([[org.repA.id, 50_00]]);
      });
      // BEGIN and two arms each of costs and revenue (COMMIT goes with the next round trip). The
      // outsiders come from the org chart the service holds, not from a read of the tenant's user ids
      // (which took a trip of its own). Each aggregate one statement over both arms' rows, one after
      // the other, was 5 with COMMIT.
      expect(trips).toBe(1);
      expect(counter.sent.filter((st) => /from "users"/.test(st.text))).toEqual([]);
      const costs = counter.sent.filter((st) => /from "cost_entries"/.test(st.text));
      expect(costs).toHaveLength(2);
      // The owners' arm: owner in the list and the period, no seat test and no union: the plan of a
      // hand-written GROUP BY (a parallel scan with partial aggregates on a large table).
      const owners = costs.find((st) => !/team_members/.test(st.text));
      expect(owners?.text).not.toMatch(/union/i);
      // The owners travel as one array parameter, not one text parameter each (16 here, 199 for
      // the head of the bench's tree): the same rows and plan, a fixed text.
      expect(owners?.text).toMatch(/"owner_id" = any\(\$\d+::text\[\]\)/);
      expect(owners?.text).not.toMatch(/"owner_id" in \(/);
      expect(owners?.values.length).toBeLessThan(16);
      // The outsiders' arm (the seats' subqueries) has a fixed text: prepared and planned once.
      const seated = costs.find((st) => /team_members/.test(st.text));
      expect(seated?.name).toBeDefined();
      const at = counter.sent.indexOf(seated as (typeof counter.sent)[number]);
      expect(counter.sent[at - 1]?.text).toMatch(/'plan_cache_mode', 'force_generic_plan'/);
      // The costs' and the revenue's outsiders' arms share that one switch, though each aggregate
      // asked for its owners' arm between them: the owners' arms run outside it (custom plans).
      expect(counter.sent.filter((st) => /'force_generic_plan'/.test(st.text))).toHaveLength(1);
      const undo = counter.sent.findIndex((st) =>
        /^select set_config\('plan_cache_mode', current_setting/.test(st.text),
      );
      expect(counter.sent.slice(at, undo).filter((st) => /team_members/.test(st.text))).toHaveLength(2);
      const owned = counter.sent.filter(
        (st) => /"owner_id" = any/.test(st.text) && !/team_members/.test(st.text),
      );
      expect(owned).toHaveLength(2);
      for (const st of owned)
        expect(counter.sent.indexOf(st) < at - 1 || counter.sent.indexOf(st) > undo).toBe(true);
    });
  },
);
