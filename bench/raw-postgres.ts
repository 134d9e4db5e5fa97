/**
 * The raw baselines on PostgreSQL: hand-written `pg` transactions doing a command's reads and
 * writes one statement at a time (BEGIN, each statement, COMMIT: the way a developer writes them
 * with a pool client), row for row what the service stores — the same documents (copied from
 * records the service made), projected columns, history, team rows and reminders. History numbers
 * come from the sequence inside the INSERT, as the adapter draws them. Like the SQLite baseline they
 * also write what an app with search and a change feed must: a new record's search keys (one
 * multi-row insert per record) and the change-feed rows of every history entry, numbered from the
 * tenant's feed head and sent as one statement before COMMIT (the head row stays locked to COMMIT,
 * so seqs are in commit order, as the adapter keeps them).
 */
import type { Account, Activity, Contact, Lead, Opportunity } from '@gongfu/core';
import type pg from 'pg';
import type { Templates } from './raw-sqlite.js';
import {
  changes,
  type Diff,
  feedRowsOf,
  type HistoryMeta,
  movedToNeedsAnalysis,
  plusDays,
  type SearchKind,
  search,
  searchKeyRows,
  stageChangedEvent,
} from './raw-writes.js';

const FEED_COLUMNS = 8;
/** One tenant's feed rows of a transaction, numbered below the head it bumps by their count. */
const feedAppend = (count: number) => {
  const rows = Array.from({ length: count }, (_, r) => {
    const at = 3 + r * FEED_COLUMNS;
    return `(${Array.from({ length: FEED_COLUMNS }, (_, i) => `$${at + i}`).join(', ')})`;
  });
  return `with head as (insert into feed_heads (tenant_id, seq) values ($1, $2::bigint)
    on conflict (tenant_id) do update set seq = feed_heads.seq + excluded.seq returning seq),
    v(k, event_type, entity_type, entity_id, owner_id, team_key, at, payload) as (values ${rows.join(', ')})
    insert into feed_events (tenant_id, seq, event_type, entity_type, entity_id, owner_id, team_key, at, payload)
    select $1, head.seq - $2::bigint + v.k::bigint, v.event_type, v.entity_type, v.entity_id, v.owner_id, v.team_key,
      v.at::timestamptz, v.payload::jsonb from head, v order by v.k::int`;
};
const keyInsert = (count: number) =>
  `insert into search_terms (tenant_id, kind, record_id, field, term, pos, owner_id, team_key) values ${Array.from(
    { length: count },
    (_, r) => `(${Array.from({ length: 8 }, (_, i) => `$${r * 8 + i + 1}`).join(', ')})`,
  ).join(', ')}`;

const HISTORY = `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes, meta)
  values ($1, nextval('history_events_seq'), $2, $3, $4, $5, $6, $7, $8, $9)`;
const TEAM = `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner) values ($1, $2, $3, 'sales', 'edit', true)`;
const TEAM_OF =
  'select user_id, role, access, is_owner from team_members where tenant_id = $1 and team_key = $2 order by is_owner desc, user_id';
const REMINDER = `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, escalate_at, message, version)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)`;
const REMINDERS_OF =
  'select * from reminders where tenant_id = $1 and subject_type = $2 and subject_id = $3 order by due_at, id';
const UPDATE_REMINDER = `update reminders set key = $1, kind = $2, subject_type = $3, subject_id = $4, user_id = $5, due_at = $6,
  escalate_at = $7, message = $8, acknowledged_at = null, snoozed_until = null, delivered_at = null, escalated_at = null,
  version = $9 where tenant_id = $10 and id = $11 and version = $12`;
const LATEST_QUOTE =
  'select * from quote_entries where tenant_id = $1 and lead_id = $2 order by quoted_at desc, seq desc, id desc limit 1';
const LATEST_QUOTE_SKU =
  'select * from quote_entries where tenant_id = $1 and lead_id = $2 and sku = $3 order by quoted_at desc, seq desc, id desc limit 1';
const LEAD = `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel, source,
  received_at, account_id, last_contact_at, search) values ($1, $2, 1, $3, $3, $4, $2, $5, $6, $7, $8, $9, $10, $11, $12)`;
const UPDATE_LEAD = `update leads set version = $1, updated_at = $2, doc = $3, status = $4, account_id = $5, last_contact_at = $6,
  search = $7 where tenant_id = $8 and id = $9 and version = $10`;

interface Writer {
  history(
    type: string,
    id: string,
    event: string,
    at: string,
    v: number,
    diff: Diff,
    meta: HistoryMeta,
    teamKey?: string,
  ): Promise<unknown>;
  keys(kind: SearchKind, id: string, record: object, teamKey: string): Promise<unknown>;
}

export function rawPostgres(pool: pg.Pool, tenantId: string, ownerId: string, t: Templates) {
  /**
   * One transaction: the body writes through `w`, whose history appends collect the feed rows the
   * transaction sends in one statement before COMMIT.
   */
  const tx = async <T>(fn: (c: pg.PoolClient, w: Writer) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('begin isolation level read committed');
      const feed: unknown[][] = [];
      const w: Writer = {
        history: (type, id, event, at, v, diff, meta, teamKey = id) => {
          for (const row of feedRowsOf(ownerId, type, id, event, at, v, diff, meta))
            feed.push([row.type, type, id, ownerId, teamKey, at, JSON.stringify(row.payload)]);
          return c.query(HISTORY, [
            tenantId,
            type,
            id,
            event,
            ownerId,
            at,
            v,
            JSON.stringify(diff),
            meta === null ? null : JSON.stringify(meta),
          ]);
        },
        keys: (kind, id, record, teamKey) => {
          const rows = searchKeyRows(kind, record);
          return c.query(
            keyInsert(rows.length),
            rows.flatMap((k) => [tenantId, kind, id, k.field, k.term, k.pos, ownerId, teamKey]),
          );
        },
      };
      const out = await fn(c, w);
      if (feed.length > 0)
        await c.query(feedAppend(feed.length), [
          tenantId,
          feed.length,
          ...feed.flatMap((row, k) => [k + 1, ...row]),
        ]);
      await c.query('commit');
      return out;
    } catch (error) {
      await c.query('rollback');
      throw error;
    } finally {
      c.release();
    }
  };
  const getDoc = async <T>(c: pg.PoolClient, table: string, id: string) =>
    (await c.query(`select doc from ${table} where tenant_id = $1 and id = $2`, [tenantId, id])).rows[0]
      ?.doc as T;
  const followUp = (lead: Lead, from: string) => {
    const dueAt = plusDays(from, 3);
    return {
      key: `lead_follow_up:${lead.id}`,
      dueAt,
      escalateAt: plusDays(dueAt, 2),
      message: `No contact with ${lead.company} for 3 days — follow up`,
    };
  };
  const leadCols = (l: Lead) => [
    l.status,
    l.accountId,
    l.lastContactAt,
    search(l.company, l.contact.name, l.contact.phone),
  ];

  return {
    capture: (i: number, at: string) =>
      tx(async (c, w) => {
        const id = `raw_lead_${i}`;
        const lead: Lead = {
          ...t.lead,
          tenantId,
          id,
          version: 1,
          status: 'new',
          ownerId,
          createdAt: at,
          updatedAt: at,
          company: `${t.lead.company} ${i}`,
        };
        await c.query(LEAD, [
          tenantId,
          id,
          at,
          ownerId,
          JSON.stringify(lead),
          'new',
          lead.channel,
          lead.source,
          lead.receivedAt,
          null,
          null,
          search(lead.company, lead.contact.name, lead.contact.phone),
        ]);
        await w.history('lead', id, 'lead.captured', at, 1, changes(null, lead), { source: lead.source });
        await c.query(TEAM, [tenantId, id, ownerId]);
        await w.keys('lead', id, lead, id);
        const r = followUp(lead, lead.receivedAt);
        await c.query(REMINDER, [
          tenantId,
          `raw_rem_${i}`,
          r.key,
          'lead_follow_up',
          'lead',
          id,
          ownerId,
          r.dueAt,
          r.escalateAt,
          r.message,
        ]);
        return id;
      }),

    logContact: (leadId: string, at: string, n: number) =>
      tx(async (c, w) => {
        const lead = await getDoc<Lead>(c, 'leads', leadId);
        await c.query(TEAM_OF, [tenantId, leadId]);
        const id = `raw_act_${n}`;
        const a: Activity = {
          ...t.activity,
          tenantId,
          id,
          version: 1,
          leadId,
          ownerId,
          createdAt: at,
          updatedAt: at,
        };
        await c.query(
          `insert into activities (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, kind, status, start_at, end_at,
             lead_id, opportunity_id, account_id, completed_at) values ($1, $2, 1, $3, $3, $4, $5, $6, $7, $8, $9, $10, $5, null, null, $11)`,
          [
            tenantId,
            id,
            at,
            ownerId,
            leadId,
            JSON.stringify(a),
            a.kind,
            a.status,
            a.startAt,
            a.endAt,
            a.completedAt,
          ],
        );
        await w.history('activity', id, 'activity.logged', at, 1, changes(null, a), { leadId }, leadId);
        const next: Lead = {
          ...lead,
          version: lead.version + 1,
          updatedAt: at,
          status: 'working',
          lastContactAt: a.startAt,
        };
        const u = await c.query(UPDATE_LEAD, [
          next.version,
          at,
          JSON.stringify(next),
          ...leadCols(next),
          tenantId,
          leadId,
          lead.version,
        ]);
        if (u.rowCount !== 1) throw new Error('lost the compare-and-set');
        await w.history('lead', leadId, 'lead.contacted', at, next.version, changes(lead, next), {
          effects: [{ type: 'followUpReset' }],
        });
        await c.query(LATEST_QUOTE, [tenantId, leadId]);
        const r = followUp(next, next.lastContactAt ?? next.receivedAt);
        for (const row of (await c.query(REMINDERS_OF, [tenantId, 'lead', leadId])).rows) {
          await c.query(UPDATE_REMINDER, [
            r.key,
            'lead_follow_up',
            'lead',
            leadId,
            ownerId,
            r.dueAt,
            r.escalateAt,
            r.message,
            row.version + 1,
            tenantId,
            row.id,
            row.version,
          ]);
        }
      }),

    convert: (leadId: string, at: string, n: number) =>
      tx(async (c, w) => {
        const lead = await getDoc<Lead>(c, 'leads', leadId);
        await c.query(TEAM_OF, [tenantId, leadId]);
        const accountId = `raw_acct_${n}`;
        const account: Account = {
          ...t.account,
          tenantId,
          id: accountId,
          version: 1,
          ownerId,
          name: lead.company,
          createdAt: at,
          updatedAt: at,
        };
        await c.query(
          `insert into accounts (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, name, kind, channel, credit_code,
             merged_into_id, search) values ($1, $2, 1, $3, $3, $4, $2, $5, $6, $7, $8, null, null, $9)`,
          [
            tenantId,
            accountId,
            at,
            ownerId,
            JSON.stringify(account),
            account.name,
            account.kind,
            account.channel,
            search(account.name),
          ],
        );
        await w.history('account', accountId, 'account.created', at, 1, changes(null, account), null);
        await c.query(TEAM, [tenantId, accountId, ownerId]);
        await w.keys('account', accountId, account, accountId);
        const contactId = `raw_cont_${n}`;
        const contact: Contact = {
          ...t.contact,
          tenantId,
          id: contactId,
          version: 1,
          accountId,
          ownerId,
          createdAt: at,
          updatedAt: at,
        };
        await c.query(
          `insert into contacts (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, account_id, name, search)
             values ($1, $2, 1, $3, $3, $4, $5, $6, $5, $7, $8)`,
          [
            tenantId,
            contactId,
            at,
            ownerId,
            accountId,
            JSON.stringify(contact),
            contact.name,
            search(contact.name, contact.phone),
          ],
        );
        await w.history(
          'contact',
          contactId,
          'contact.created',
          at,
          1,
          changes(null, contact),
          null,
          accountId,
        );
        await w.keys('contact', contactId, contact, accountId);
        for (const interest of lead.interests)
          await c.query(LATEST_QUOTE_SKU, [tenantId, leadId, interest.sku]);
        await c.query(
          'select doc from products where tenant_id = $1 and sku = any($2) order by created_at desc, id desc limit 501',
          [tenantId, lead.interests.map((i) => i.sku)],
        );
        const dealId = `raw_opp_${n}`;
        const deal: Opportunity = {
          ...t.opportunity,
          tenantId,
          id: dealId,
          version: 1,
          stage: 'qualification',
          accountId,
          leadId,
          ownerId,
          createdAt: at,
          updatedAt: at,
          stageEnteredAt: at,
        };
        await c.query(
          `insert into opportunities (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, stage, channel, account_id,
             lead_id, amount_minor, currency, probability, forecast_category, stage_entered_at, expected_close, closed_at, duplicate_of_id)
           values ($1, $2, 1, $3, $3, $4, $2, $5, $6, $7, $8, $9, $10, $11, $12, $13, $3, $14, null, null)`,
          [
            tenantId,
            dealId,
            at,
            ownerId,
            JSON.stringify(deal),
            deal.stage,
            deal.channel,
            accountId,
            leadId,
            deal.amount.amount,
            deal.amount.currency,
            deal.probability,
            deal.forecastCategory,
            deal.expectedClose,
          ],
        );
        await w.history('opportunity', dealId, 'opportunity.created', at, 1, changes(null, deal), {
          leadId,
        });
        await c.query(TEAM, [tenantId, dealId, ownerId]);
        await w.keys('opportunity', dealId, deal, dealId);
        const staleAt = plusDays(at, 14);
        await c.query(REMINDER, [
          tenantId,
          `raw_rem_opp_${n}`,
          `stale_opportunity:${dealId}`,
          'stale_opportunity',
          'opportunity',
          dealId,
          ownerId,
          staleAt,
          plusDays(staleAt, 2),
          `${deal.name} has been in stage "qualification" for 14 days — move it on`,
        ]);
        await c.query(
          'update quote_entries set opportunity_id = $1, team_key = $1, account_id = $2 where tenant_id = $3 and lead_id = $4',
          [dealId, accountId, tenantId, leadId],
        );
        const next: Lead = {
          ...lead,
          version: lead.version + 1,
          updatedAt: at,
          status: 'converted',
          accountId,
          convertedAt: at,
          convertedOpportunityId: dealId,
          convertedContactId: contactId,
        };
        const u = await c.query(UPDATE_LEAD, [
          next.version,
          at,
          JSON.stringify(next),
          ...leadCols(next),
          tenantId,
          leadId,
          lead.version,
        ]);
        if (u.rowCount !== 1) throw new Error('lost the compare-and-set');
        await w.history('lead', leadId, 'lead.converted', at, next.version, changes(lead, next), {
          opportunityId: dealId,
          accountId,
          effects: [{ type: 'converted' }, { type: 'frozen' }],
        });
        await c.query(LATEST_QUOTE, [tenantId, leadId]);
        for (const row of (await c.query(REMINDERS_OF, [tenantId, 'lead', leadId])).rows) {
          await c.query('delete from reminders where tenant_id = $1 and id = $2', [tenantId, row.id]);
        }
        return dealId;
      }),

    advance: (dealId: string, at: string) =>
      tx(async (c, w) => {
        const before = await getDoc<Opportunity>(c, 'opportunities', dealId);
        await c.query(TEAM_OF, [tenantId, dealId]);
        await c.query('select count(*) as n from orders where tenant_id = $1 and opportunity_id = $2', [
          tenantId,
          dealId,
        ]);
        const after: Opportunity = movedToNeedsAnalysis(before, at);
        const u = await c.query(
          `update opportunities set version = $1, updated_at = $2, doc = $3, stage = $4, probability = $5, stage_entered_at = $2
           where tenant_id = $6 and id = $7 and version = $8`,
          [
            after.version,
            at,
            JSON.stringify(after),
            after.stage,
            after.probability,
            tenantId,
            dealId,
            before.version,
          ],
        );
        if (u.rowCount !== 1) throw new Error('lost the compare-and-set');
        await w.history(...stageChangedEvent(dealId, before, after, at));
        const dueAt = plusDays(at, 14);
        for (const row of (await c.query(REMINDERS_OF, [tenantId, 'opportunity', dealId])).rows) {
          await c.query(UPDATE_REMINDER, [
            row.key,
            'stale_opportunity',
            'opportunity',
            dealId,
            ownerId,
            dueAt,
            plusDays(dueAt, 2),
            `${after.name} has been in stage "needs_analysis" for 14 days — move it on`,
            row.version + 1,
            tenantId,
            row.id,
            row.version,
          ]);
        }
      }),
  };
}
