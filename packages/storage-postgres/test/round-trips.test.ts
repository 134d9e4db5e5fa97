import { type CrmStorage, createCrm, isCrmError } from '@gongfu/core';
import { openWorld, type ServiceWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { type CountingPool, countingPool } from '../src/testing/counting-pool.js';
import { ON_SERVER, PG_URL, uniqueSchema } from './support/pg-target.js';

/**
 * Round trips per command on a real server: the unit of a PostgreSQL command's cost. Each figure is
 * the number of reads the command must wait for, plus one for COMMIT (which carries the writes);
 * a change that adds a waited statement to a command fails here. BEGIN, the tenant binding and the
 * check of the org stamp this server remembers travel with the first statement. The same commands
 * without the pipeline are the control: they prove the counter sees every statement.
 */
const PIPELINED = {
  // The test world checks lines against the catalogue (`catalogue: { skus: 'checked' }`). The
  // products a line names are remembered per service while the catalogue stamp holds, and that
  // stamp is assumed and checked like the org stamp: a warm server waits for no catalogue read.
  capture: 1, // BEGIN, tenant, org check, catalogue check, lead, history, team, reminder, search keys, feed, COMMIT
  quote: 5, // lead + its team | recent quotes of the SKU (conflicts) | latest quote | reminders | catalogue check, quote, history, reminder + COMMIT
  logContact: 4, // lead + team | latest quote | reminders | activity, lead, history, reminder + COMMIT
  // The pipeline in force comes with the command's context (cached beside the org chart), not read.
  convert: 7, // lead + team | two quotes | linkLead | latest quote | reminders | COMMIT
  // A stage move counts the deal's orders only where a gate reads them (REOPEN of a won deal).
  advance: 3, // deal + team | reminders | deal, history, reminder + COMMIT
  // A read-only transaction's COMMIT cannot fail: it is not sent on its own but travels first in the
  // next round trip on the connection (the next transaction's, or alone at the next turn of the
  // event loop, after the count).
  list: 1, // the page
} as const;

// Each write command has one statement more than before the change feed: the outbox append, which
// the pipeline sends with COMMIT (so PIPELINED is unchanged). A read appends nothing.
// Each write of a lead, deal, account or contact has up to two more: its search keys (delete, insert;
// a record created in the command has nothing to delete) — only when a name or phone changed, so a
// quote, a logged contact, a conversion (of the lead) and a stage change write none. Conversion reads the catalogue stamp once
// where it read the products twice (checking the interests, then their categories and list prices).
// A quote reads the SKU's recent quotes once, to find another rep's conflicting price.
// Every transaction checks that its tenant is not being imported (one primary-key lookup): the
// pipeline sends it with the first statement (PIPELINED unchanged); statement by statement it reads
// the org stamp from the same tenant row, so the stamp's own lookup is gone and the count is as it
// was before the check.
// The owner acting on their own record reads no team (the owner grant permits read and edit
// outright): one statement fewer for quote, logContact, convert and advance; advance also counts no
// orders (no gate of a stage move reads them).
const STATEMENT_BY_STATEMENT = {
  capture: 11,
  quote: 14,
  logContact: 13,
  convert: 27,
  advance: 10,
  list: 5,
} as const;

type Command = keyof typeof PIPELINED;

async function tripsPerCommand(world: ServiceWorld, counter: CountingPool): Promise<Record<Command, number>> {
  const rep = world.org.repA;
  const { crm } = world;
  // Warm: the org chart is cached and every hot statement prepared, as in a running app server.
  await crm.leads.capture(rep, storyLead({ company: 'warm-up' }));
  let leadId = '';
  let dealId = '';
  const capture = await counter.count(async () => {
    leadId = (await crm.leads.capture(rep, storyLead())).id;
  });
  const quote = await counter.count(() =>
    crm.leads.quote(rep, leadId, {
      sku: 'LS2208',
      quantity: 200,
      unitPrice: { amount: 980_00, currency: 'CNY' },
      validUntil: '2026-03-31',
    }),
  );
  const logContact = await counter.count(() =>
    crm.leads.logContact(rep, leadId, {
      kind: 'call',
      at: '2026-03-02T10:00:00+08:00',
      outcome: { metWith: '王工', opinion: 'positive', summary: '招标下月发布' },
    }),
  );
  const convert = await counter.count(async () => {
    dealId = (await crm.leads.convert(rep, leadId)).opportunity.id;
  });
  const advance = await counter.count(() => crm.opportunities.advance(rep, dealId, { to: 'needs_analysis' }));
  const list = await counter.count(() => crm.leads.list(rep, { limit: 50 }));
  return { capture, quote, logContact, convert, advance, list };
}

describe.skipIf(!ON_SERVER)(
  `round trips per command [skipped on PGlite: it is in-process, there is no network to count]`,
  () => {
    const schema = uniqueSchema('gf_trips');
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const real = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const counter = countingPool(real);
    const storages: CrmStorage[] = [];

    beforeAll(async () => {
      await admin.query(`create schema "${schema}"`);
    });

    afterAll(async () => {
      for (const s of storages) await s.close();
      await real.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    const open = async (pipeline: boolean) => {
      const storage = await postgresStorage({ pool: counter.pool }, { schema, pipeline });
      storages.push(storage);
      return openWorld(storage);
    };

    it('pipelined: one round trip per read the command waits for, plus COMMIT', async () => {
      expect(await tripsPerCommand(await open(true), counter)).toEqual(PIPELINED);
    });

    it('control: statement by statement the same commands make every round trip', async () => {
      expect(await tripsPerCommand(await open(false), counter)).toEqual(STATEMENT_BY_STATEMENT);
    });

    it('an org change made by another app server is seen by the very next command here', async () => {
      const here = await open(true);
      const { crm, org } = here;
      await crm.leads.capture(org.repA, storyLead({ company: 'remembered stamp' }));
      // Another server, with a pool of its own, deactivates 销售员甲.
      const elsewhere = await postgresStorage(
        { pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) },
        { schema, migrate: false },
      );
      storages.push(elsewhere);
      const other = createCrm({ storage: elsewhere, tenant: crm.tenantId, clock: here.clock });
      await other.users.deactivate(org.admin, org.repA.id);
      // A read answered from the cached org chart alone still checks the stamp before it answers.
      expect((await crm.users.get(org.admin, org.repA.id)).active).toBe(false);
      await other.users.update(org.admin, org.repA.id, { name: '甲（已离职）' });
      // Here the remembered stamp fails its check, the command reruns with the new org chart.
      const trips = await counter.count(async () => {
        const error = await crm.leads.capture(org.repA, storyLead()).then(
          () => null,
          (e: unknown) => e,
        );
        expect(isCrmError(error, 'PERMISSION_DENIED'), String(error)).toBe(true);
      });
      // Refused at once on the cached chart, so the assumed stamp is checked with the ROLLBACK and
      // fails (and a second ROLLBACK ends the aborted transaction); the rerun: the stamp read, the
      // users read, the configuration read (cached with them), the ROLLBACK of the refusal.
      expect(trips).toBe(6);
      // And a change made here is seen here: the remembered stamp was dropped with the write.
      await crm.users.update(org.admin, org.repB.id, { role: 'presales_engineer' });
      expect((await crm.users.get(org.admin, org.repB.id)).role).toBe('presales_engineer');
      expect(await counter.count(() => crm.leads.list(org.manager, { limit: 5 }))).toBe(PIPELINED.list);
    });

    it('reads asked for together share one round trip (a customer timeline: one per step, not per list)', async () => {
      const { crm, org } = await open(true);
      const contact = {
        kind: 'call' as const,
        at: '2026-03-02T10:00:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive' as const, summary: '招标下月发布' },
      };
      const lead = await crm.leads.capture(org.repA, storyLead({ company: '时间线客户' }));
      await crm.leads.logContact(org.repA, lead.id, contact);
      const { opportunity } = await crm.leads.convert(org.repA, lead.id);
      await crm.opportunities.advance(org.repA, opportunity.id, { to: 'needs_analysis' });
      const second = await crm.leads.capture(org.repA, storyLead({ company: '时间线客户二' }));
      await crm.leads.logContact(org.repA, second.id, contact);
      await crm.leads.convert(org.repA, second.id, { account: { existingId: opportunity.accountId } });
      // Three lists in one read transaction: one round trip for the three (COMMIT travels later).
      const storage = storages[storages.length - 1] as CrmStorage;
      const all = { scope: { kind: 'all' as const }, limit: 10 };
      const together = await counter.count(() =>
        storage.read({ tenantId: crm.tenantId }, (tx) =>
          Promise.all([tx.leads.list(all), tx.opportunities.list(all), tx.costs.list(all)]),
        ),
      );
      expect(together).toBe(1);
      // The timeline: the account with every list of the customer | every deal's history, the
      // account's and its quotes (COMMIT travels later) — whatever the number of deals (each deal's
      // history was a round trip of its own; the lists waited for the account's check). The
      // customer's owner (and their manager) read it without its deals' teams, which are two
      // round trips more.
      const trips = await counter.count(() => crm.accounts.timeline(org.repA, opportunity.accountId));
      expect(trips).toBe(2);
      expect(await counter.count(() => crm.accounts.timeline(org.manager, opportunity.accountId))).toBe(2);
      // A reader through a seat on one of its deals only: the deals' teams are read to let them in.
      await crm.opportunities.addTeamMember(org.repA, opportunity.id, {
        userId: org.presales.id,
        role: 'presales',
      });
      const seated = await counter.count(() => crm.accounts.timeline(org.presales, opportunity.accountId));
      expect(seated).toBe(4);
    });

    it('a calendar reads the records its entries are about together (one round trip for all)', async () => {
      const { crm, org } = await open(true);
      // A visit to a new lead of 甲's, in the week read below.
      const visitNewLead = async (company: string, startAt: string) => {
        const lead = await crm.leads.capture(org.repA, storyLead({ company }));
        await crm.activities.schedule(org.repA, {
          kind: 'visit',
          subject: `拜访 ${company}`,
          startAt,
          leadId: lead.id,
        });
      };
      for (const company of ['日程一', '日程二', '日程三'])
        await visitNewLead(company, '2026-03-04T10:00:00+08:00');
      let labels: (string | null)[] = [];
      const trips = await counter.count(async () => {
        const week = await crm.activities.calendar(org.repA, { view: 'week', date: '2026-03-04' });
        labels = week.days.flatMap((d) => d.activities.map((a) => a.regardingLabel));
      });
      expect([...labels].sort()).toEqual(['日程一', '日程三', '日程二'].sort());
      // The week's page | the three leads it is about (one round trip per lead before).
      expect(trips).toBe(2);

      // Read again, the week sends its rows' keys it answered last time: no document comes back or
      // is parsed, and no round trip is added. After one is rescheduled, that one alone comes back.
      const parsedActivities = async (read: () => Promise<unknown>) => {
        // Every jsonb value the driver parses passes here (3802: jsonb's type oid).
        const jsonb = pg.types.getTypeParser(3802);
        let counted = 0;
        pg.types.setTypeParser(3802, (text: string) => {
          if (text.includes('"startAt"')) counted++;
          return jsonb(text);
        });
        try {
          const roundTrips = await counter.count(async () => {
            await read();
          });
          return { roundTrips, counted };
        } finally {
          pg.types.setTypeParser(3802, jsonb);
        }
      };
      const readWeek = () => crm.activities.calendar(org.repA, { view: 'week', date: '2026-03-04' });
      const first = await readWeek();
      // The leads this read labelled last time are asked for beside the week's page: page and
      // leads, one round trip.
      expect(await parsedActivities(readWeek)).toEqual({ roundTrips: 1, counted: 0 });
      const moved = first.days.flatMap((d) => d.activities)[0];
      await crm.activities.reschedule(org.repA, moved?.id ?? '', { startAt: '2026-03-05T09:00:00+08:00' });
      let again: Awaited<ReturnType<typeof readWeek>> | undefined;
      expect(
        await parsedActivities(async () => {
          again = await readWeek();
        }),
      ).toEqual({ roundTrips: 1, counted: 1 });
      const entries = again?.days.flatMap((d) => d.activities) ?? [];
      expect(entries.find((a) => a.id === moved?.id)?.startAt).toBe('2026-03-05T01:00:00.000Z');
      expect(entries).toHaveLength(3);

      // A record the week was not about last time is read after the page, and labelled as well.
      await visitNewLead('日程四', '2026-03-06T10:00:00+08:00');
      let grown: Awaited<ReturnType<typeof readWeek>> | undefined;
      expect(
        await counter.count(async () => {
          grown = await readWeek();
        }),
      ).toBe(2);
      const grownLabels = grown?.days.flatMap((d) => d.activities.map((a) => a.regardingLabel)) ?? [];
      expect([...grownLabels].sort()).toEqual(['日程一', '日程三', '日程二', '日程四'].sort());
      expect(await counter.count(readWeek)).toBe(1);
    });

    it('a product retired by another app server is refused by the very next command here', async () => {
      const here = await open(true);
      const { crm, org } = here;
      // Warm: LS2208 and SRV-R740 are remembered with the catalogue stamp.
      await crm.leads.capture(org.repA, storyLead({ company: 'remembered catalogue' }));
      const elsewhere = await postgresStorage(
        { pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) },
        { schema, migrate: false },
      );
      storages.push(elsewhere);
      const other = createCrm({ storage: elsewhere, tenant: crm.tenantId, clock: here.clock });
      await other.products.update(org.manager, 'LS2208', { active: false });
      // The assumed stamp fails its check with the command's writes; the rerun reads the catalogue.
      const error = await crm.leads.capture(org.repA, storyLead()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isCrmError(error, 'VALIDATION'), String(error)).toBe(true);
      expect(JSON.stringify((error as { issues: unknown }).issues)).toMatch(/LS2208/);
      // A product stocked elsewhere is sold here at once, and a warm capture is one round trip again.
      await other.products.create(org.manager, { sku: 'LS9208', name: 'LS9208', category: 'laser_scanner' });
      const interests = [{ sku: 'LS9208', quantity: 5 }];
      await crm.leads.capture(org.repA, storyLead({ interests }));
      const trips = await counter.count(() => crm.leads.capture(org.repA, storyLead({ interests })));
      expect(trips).toBe(PIPELINED.capture);
    });
  },
);
