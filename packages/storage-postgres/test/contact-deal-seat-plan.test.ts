import { openWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { ON_SERVER, PG_URL, uniqueSchema } from './support/pg-target.js';

/**
 * A manager's activities page reads activities about contacts the scope sees, and a contact is seen
 * through a seat on the team of a deal of its account. At 1M records PostgreSQL drove that test from
 * the scope's seats (164k team rows per contact, through the team_members user index) into deals,
 * 6.1 s a page. The tenant here is shaped the same way, small: the scope's people hold many seats,
 * almost every deal is on one account (so the account index looks as unselective as it can), and
 * the contacts' own accounts have a deal or none. Whatever the statistics say, the test must go from
 * the contact's account to its deals and probe each deal's team for a seat: the rows the plan reads
 * stay far below the seats, which the seat-driven plan cannot do.
 */
const SEATS = 6000;

interface Traced {
  text: string;
  values: unknown[];
}

/** A pool that remembers the statements sent (plain queries and the pipeline's batches). */
function tracingPool(inner: pg.Pool) {
  const seen: Traced[] = [];
  // One proxy per pooled client: the pipeline (and its prepared statements) is keyed by the client.
  const proxies = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient) => {
    const known = proxies.get(client);
    if (known) return known;
    const proxy = new Proxy(client, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop !== 'query' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const batch = (args[0] as { statements?: Traced[] }).statements;
          if (batch) for (const s of batch) seen.push({ text: s.text, values: [...s.values] });
          else if (typeof args[0] === 'string')
            seen.push({ text: args[0], values: (args[1] as unknown[]) ?? [] });
          return value.apply(target, args);
        };
      },
    });
    proxies.set(client, proxy);
    return proxy;
  };
  return { seen, pool: { connect: async () => wrap(await inner.connect()), end: () => inner.end() } };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

describe.skipIf(!ON_SERVER)(
  'a manager’s activities about contacts seen through deal seats (PostgreSQL plan)',
  () => {
    const schema = uniqueSchema('seat');
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
    const inner = new pg.Pool({ connectionString: PG_URL, max: 2 });
    const traced = tracingPool(inner);
    beforeAll(async () => {
      await admin.query(`create schema "${schema}"`);
    });
    afterAll(async () => {
      await inner.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    it('go from the contact’s account to its deals, not from the scope’s seats', {
      timeout: 120_000,
    }, async () => {
      const storage = await postgresStorage({ pool: traced.pool }, { schema, migrate: true });
      try {
        const w = await openWorld(storage);
        const { crm, org } = w;
        // 分销员丙's customer: 甲 holds a seat on the deal's team, so 甲's manager sees its contact.
        const customer = async (company: string) => {
          const lead = await crm.leads.capture(org.otherRep, storyLead({ channel: 'distribution', company }));
          await crm.leads.logContact(org.otherRep, lead.id, {
            kind: 'visit',
            at: '2026-03-02T10:00:00+08:00',
            outcome: { metWith: '王工', opinion: 'positive', summary: '需要方案', newRequirements: [] },
          });
          return crm.leads.convert(org.otherRep, lead.id, {
            account: { kind: 'end_user' },
            requiredDelivery: '2026-06-30',
            region: { province: '37' },
          });
        };
        const { opportunity, contact } = await customer('山东恒通系统集成有限公司');
        await crm.opportunities.addTeamMember(org.otherRep, opportunity.id, {
          userId: org.repA.id,
          role: 'sales',
        });
        const visit = await crm.activities.schedule(org.otherRep, {
          kind: 'visit',
          subject: '拜访联系人',
          startAt: '2026-03-05T10:00:00+08:00',
          regarding: { kind: 'contact', id: contact.id },
        });
        // Other customers' contacts, seen by no one in the manager's scope, each with a visit.
        for (const company of ['济南另一家公司', '青岛第三家公司', '烟台第四家公司']) {
          const other = await customer(company);
          await crm.activities.schedule(org.otherRep, {
            kind: 'visit',
            subject: '拜访联系人',
            startAt: '2026-03-05T11:00:00+08:00',
            regarding: { kind: 'contact', id: other.contact.id },
          });
        }

        // The skew: thousands of deals on one other account, each owned by 甲 or 乙 (owner seats).
        const tenant = (await admin.query('select tenant_id from opportunities limit 1')).rows[0]
          .tenant_id as string;
        const bulkAccount = 'acct_bulk';
        await admin.query(
          `insert into opportunities
         select (jsonb_populate_record(null::opportunities, to_jsonb(o) || jsonb_build_object(
           'id', 'bulk_' || g, 'team_key', 'bulk_' || g, 'account_id', $2::text, 'lead_id', null))).*
         from opportunities o, generate_series(1, $3::int) g where o.tenant_id = $1 and o.id = $4`,
          [tenant, bulkAccount, SEATS, opportunity.id],
        );
        await admin.query(
          `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner)
         select $1, 'bulk_' || g, case when g % 2 = 0 then $2 else $3 end, 'sales', 'edit', true
         from generate_series(1, $4::int) g`,
          [tenant, org.repA.id, org.repB.id, SEATS],
        );
        // The 1M seed's statistics: every deal on one account, so the planner takes any account to
        // hold all the deals (n_distinct 1) and the account index for the least selective way in.
        await admin.query('alter table opportunities alter column account_id set (n_distinct = 1)');
        await admin.query('analyze');

        traced.seen.length = 0;
        const page = await crm.activities.list(org.manager, { limit: 50 });
        expect(page.items.map((a) => a.id)).toContain(visit.id);

        const throughContacts = traced.seen.filter(
          (s) => /from "activities"/.test(s.text) && /"contacts" as/.test(s.text),
        );
        expect(throughContacts.length).toBeGreaterThan(0);
        for (const s of throughContacts) {
          const { rows } = await admin.query(`explain (analyze, format json) ${s.text}`, s.values);
          const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]?.Plan as PlanNode;
          const all = [...nodes(plan)];
          // Rows each node produced or looked at and dropped (a scan's filter), over all its loops.
          const read = all.reduce(
            (sum, n) =>
              sum + ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1),
            0,
          );
          const indexes = all.map((n) => n['Index Name']).filter(Boolean);
          expect(indexes, s.text).toContain('opportunities_account_id_page_ix');
          // The seat-driven plan reads at least every seat of the scope (SEATS) per contact.
          expect(read, s.text).toBeLessThan(SEATS / 4);
        }
      } finally {
        await storage.close();
      }
    });
  },
);
