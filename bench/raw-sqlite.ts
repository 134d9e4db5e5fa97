/**
 * The raw baselines on SQLite: hand-written better-sqlite3 transactions (BEGIN IMMEDIATE, prepared
 * statements) doing the reads and writes of a command, row for row what the service stores — the
 * same JSON documents (copied from records the service made, ids changed), the same projected
 * columns and so the same indexes, the same history rows, team rows and reminders. What they skip
 * is everything a framework adds: validation, the org chart, authorization, the lifecycle machine,
 * reminder rules, SQL building. They read the history's max(seq) once per transaction, as a
 * careful hand-written transaction would, and an update sets only the columns whose value changes
 * (plus the document and version), as Gongfu's updates do: SQLite rewrites the index entries of
 * every column named in SET, changed or not (`bench/write-trace.ts` checks that both sides write
 * the same rows and name the same columns). They also keep what an app with search and a change feed
 * must keep: a new record's search keys (computed by the same function; an update that changes no
 * name or phone leaves them alone, as a careful hand-written app would) and one change-feed row per
 * change and per lifecycle effect, with the same JSON payload, numbered from max(seq) read once.
 */
import type { Account, Activity, Contact, Lead, Opportunity } from '@gongfu/core';
import type Database from 'better-sqlite3';
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

/** A row's columns by name. */
type Row = Record<string, unknown>;
/** The projected columns `leadColumns` and `dealColumns` give values for, in their order. */
const LEAD_COLUMNS = [
  'status',
  'channel',
  'source',
  'received_at',
  'account_id',
  'last_contact_at',
  'search',
];
const DEAL_COLUMNS = [
  'stage',
  'channel',
  'account_id',
  'lead_id',
  'amount_minor',
  'currency',
  'probability',
  'forecast_category',
  'stage_entered_at',
  'expected_close',
  'closed_at',
  'duplicate_of_id',
  'end_customer_id',
];

export interface Templates {
  lead: Lead;
  activity: Activity;
  account: Account;
  contact: Contact;
  opportunity: Opportunity;
}

export function rawSqlite(db: Database.Database, tenantId: string, ownerId: string, t: Templates) {
  const p = (sql: string) => db.prepare(sql);
  const topSeq = p('select coalesce(max(seq), 0) as top from history_events where tenant_id = ?');
  const history = p(
    `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes, meta)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const team = p(
    `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner) values (?, ?, ?, 'sales', 'edit', 1)`,
  );
  const teamOf = p(
    'select user_id, role, access, is_owner from team_members where tenant_id = ? and team_key = ? order by is_owner desc, user_id',
  );
  const insertReminder = p(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, escalate_at, message,
       message_key, message_params, acknowledged_at, snoozed_until, delivered_at, escalated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, 1)`,
  );
  const remindersOf = p(
    'select * from reminders where tenant_id = ? and subject_type = ? and subject_id = ? order by due_at, id',
  );
  /**
   * Compare-and-set updates naming only the columns whose value changes, besides `doc` (records
   * only: `doc`, the new document, is always set) and `version`: one prepared statement per table
   * and column set.
   */
  const updates = new Map<string, Database.Statement>();
  const updateChanged = (
    table: string,
    stored: Row,
    next: Row,
    id: string,
    expected: number,
    doc?: object,
  ) => {
    if (doc !== undefined) next.doc = JSON.stringify(doc);
    const columns = Object.keys(next).filter(
      (c) => c === 'doc' || c === 'version' || !Object.is(stored[c], next[c]),
    );
    const key = `${table} ${columns.join(' ')}`;
    let statement = updates.get(key);
    if (statement === undefined) {
      statement = p(
        `update ${table} set ${columns.map((c) => `${c} = ?`).join(', ')} where tenant_id = ? and id = ? and version = ?`,
      );
      updates.set(key, statement);
    }
    const changed = statement.run(...columns.map((c) => next[c]), tenantId, id, expected);
    if (changed.changes !== 1) throw new Error('lost the compare-and-set');
  };
  const deleteReminder = p('delete from reminders where tenant_id = ? and id = ?');
  const latestQuote = p(
    'select * from quote_entries where tenant_id = ? and lead_id = ? order by quoted_at desc, seq desc, id desc limit 1',
  );
  const latestQuoteOfSku = p(
    'select * from quote_entries where tenant_id = ? and lead_id = ? and sku = ? order by quoted_at desc, seq desc, id desc limit 1',
  );
  const products = p(
    `select doc from products where tenant_id = ? and sku in (?, ?) order by created_at desc, id desc limit 501`,
  );
  const linkQuotes = p(
    'update quote_entries set opportunity_id = ?, team_key = ?, account_id = ? where tenant_id = ? and lead_id = ?',
  );
  const getDoc = (table: string) => p(`select doc from ${table} where tenant_id = ? and id = ?`);
  const getLead = getDoc('leads');
  const getDeal = getDoc('opportunities');
  const insertLead = p(
    `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel,
       source, received_at, account_id, last_contact_at, search) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertActivity = p(
    `insert into activities (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, kind, status,
       start_at, end_at, lead_id, opportunity_id, account_id, completed_at, contact_id, order_id, service_case_id,
       regarding_kind) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, 'lead')`,
  );
  const insertAccount = p(
    `insert into accounts (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, name, kind, channel,
       credit_code, merged_into_id, search) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertContact = p(
    `insert into contacts (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, account_id, name, search)
     values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeal = p(
    `insert into opportunities (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, stage, channel,
       account_id, lead_id, amount_minor, currency, probability, forecast_category, stage_entered_at, expected_close,
       closed_at, duplicate_of_id, end_customer_id) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const countOrders = p('select count(*) as n from orders where tenant_id = ? and opportunity_id = ?');
  const feedTop = p('select max(seq) as top from feed_events where tenant_id = ?');
  const feedRow = p(
    `insert into feed_events (tenant_id, seq, event_type, entity_type, entity_id, owner_id, team_key, at, payload)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** One multi-row insert per key count, prepared once: the keys of one record in one statement. */
  const keyInserts = new Map<number, Database.Statement>();
  const insertKeys = (kind: SearchKind, id: string, record: object, ownerId: string, teamKey: string) => {
    const rows = searchKeyRows(kind, record);
    let statement = keyInserts.get(rows.length);
    if (statement === undefined) {
      statement = p(
        `insert into search_terms (tenant_id, kind, record_id, field, term, pos, owner_id, team_key) values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      keyInserts.set(rows.length, statement);
    }
    statement.run(rows.flatMap((t) => [tenantId, kind, id, t.field, t.term, t.pos, ownerId, teamKey]));
  };

  /**
   * History appends of one transaction: max(seq) read once, then counted on; each change also goes
   * to the change feed (record created/changed, then one row per lifecycle effect), numbered the
   * same way from the feed's max(seq).
   */
  const historyWriter = () => {
    let next = 0;
    let nextFeed = 0;
    const feed = (
      type: string,
      entityType: string,
      id: string,
      teamKey: string,
      at: string,
      payload: object,
    ) => {
      if (nextFeed === 0) nextFeed = ((feedTop.get(tenantId) as { top: number | null }).top ?? 0) + 1;
      feedRow.run(tenantId, nextFeed++, type, entityType, id, ownerId, teamKey, at, JSON.stringify(payload));
    };
    return (
      type: string,
      id: string,
      event: string,
      at: string,
      version: number,
      diff: Diff,
      meta: HistoryMeta,
      teamKey: string = id,
    ) => {
      if (next === 0) next = (topSeq.get(tenantId) as { top: number }).top + 1;
      history.run(
        tenantId,
        next++,
        type,
        id,
        event,
        ownerId,
        at,
        version,
        JSON.stringify(diff),
        meta === null ? null : JSON.stringify(meta),
      );
      for (const row of feedRowsOf(ownerId, type, id, event, at, version, diff, meta))
        feed(row.type, type, id, teamKey, at, row.payload);
    };
  };

  const leadColumns = (l: Lead) => [
    l.status,
    l.channel,
    l.source,
    l.receivedAt,
    l.accountId,
    l.lastContactAt,
    search(l.company, l.contact.name, l.contact.phone, l.contact.mobile, l.contact.email, l.contact.wechat),
  ];
  const dealColumns = (o: Opportunity) => [
    o.stage,
    o.channel,
    o.accountId,
    o.leadId,
    o.amount.amount,
    o.amount.currency,
    o.probability,
    o.forecastCategory,
    o.stageEnteredAt,
    o.expectedClose,
    o.closedAt ?? null,
    o.duplicateOfId ?? null,
    o.endCustomer?.accountId ?? null,
  ];
  /** A record's stored columns but its document, by name, as an update compares them. */
  const named = (r: Lead | Opportunity, names: readonly string[], values: readonly unknown[]): Row => {
    const row: Row = {
      version: r.version,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      owner_id: ownerId,
      team_key: r.id,
    };
    names.forEach((name, i) => {
      row[name] = values[i];
    });
    return row;
  };
  const leadRow = (l: Lead) => named(l, LEAD_COLUMNS, leadColumns(l));
  const dealRow = (o: Opportunity) => named(o, DEAL_COLUMNS, dealColumns(o));

  /** A reminder as Gongfu stores it: the English text, and its message key and parameters. */
  interface Due {
    key: string;
    kind: string;
    subjectType: string;
    subjectId: string;
    dueAt: string;
    escalateAt: string;
    message: string;
    messageKey: string;
    params: object;
  }
  const reminderRow = (r: Due, version: number): Row => ({
    key: r.key,
    kind: r.kind,
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    user_id: ownerId,
    due_at: r.dueAt,
    escalate_at: r.escalateAt,
    message: r.message,
    message_key: r.messageKey,
    message_params: JSON.stringify(r.params),
    acknowledged_at: null,
    snoozed_until: null,
    delivered_at: null,
    escalated_at: null,
    version,
  });
  const addReminder = (id: string, r: Due) =>
    insertReminder.run(
      tenantId,
      id,
      r.key,
      r.kind,
      r.subjectType,
      r.subjectId,
      ownerId,
      r.dueAt,
      r.escalateAt,
      r.message,
      r.messageKey,
      JSON.stringify(r.params),
    );
  /** Each stored reminder of the subject moved to `r`, naming only what changes. */
  const moveReminders = (r: Due) => {
    for (const row of remindersOf.all(tenantId, r.subjectType, r.subjectId) as Row[]) {
      const version = row.version as number;
      updateChanged('reminders', row, reminderRow(r, version + 1), row.id as string, version);
    }
  };

  const followUp = (lead: Lead, from: string): Due => {
    const dueAt = plusDays(from, 3);
    return {
      key: `lead_follow_up:${lead.id}`,
      kind: 'lead_follow_up',
      subjectType: 'lead',
      subjectId: lead.id,
      dueAt,
      escalateAt: plusDays(dueAt, 2),
      message: `No contact with ${lead.company} for 3 days — follow up`,
      messageKey: 'reminder.leadFollowUp',
      params: { label: lead.company, days: 3 },
    };
  };
  const STAGE_NAMES: Record<string, string> = {
    qualification: 'Qualification',
    needs_analysis: 'Needs analysis',
  };
  const stale = (deal: Opportunity): Due => {
    const dueAt = plusDays(deal.stageEnteredAt, 30);
    return {
      key: `stale_opportunity:${deal.id}`,
      kind: 'stale_opportunity',
      subjectType: 'opportunity',
      subjectId: deal.id,
      dueAt,
      escalateAt: plusDays(dueAt, 2),
      message: `${deal.name} has been in stage "${STAGE_NAMES[deal.stage]}" for 30 days — move it on`,
      messageKey: 'reminder.staleOpportunity',
      params: {
        label: deal.name,
        stage: { key: `opportunity.stage.${deal.stage}`, params: {} },
        days: 30,
      },
    };
  };

  const capture = db.transaction((i: number, at: string, company: string) => {
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
      company,
    };
    insertLead.run(tenantId, id, at, at, ownerId, id, JSON.stringify(lead), ...leadColumns(lead));
    historyWriter()('lead', id, 'lead.captured', at, 1, changes(null, lead), { source: lead.source });
    team.run(tenantId, id, ownerId);
    insertKeys('lead', id, lead, ownerId, id);
    addReminder(`raw_rem_${i}`, followUp(lead, lead.receivedAt));
    return id;
  });

  const logContact = db.transaction((leadId: string, at: string, n: number) => {
    const lead = JSON.parse((getLead.get(tenantId, leadId) as { doc: string }).doc) as Lead;
    teamOf.all(tenantId, leadId);
    const id = `raw_act_${n}`;
    const activity: Activity = {
      ...t.activity,
      tenantId,
      id,
      version: 1,
      leadId,
      ownerId,
      createdAt: at,
      updatedAt: at,
    };
    insertActivity.run(
      tenantId,
      id,
      at,
      at,
      ownerId,
      leadId,
      JSON.stringify(activity),
      activity.kind,
      activity.status,
      activity.startAt,
      activity.endAt,
      leadId,
      null,
      null,
      activity.completedAt,
    );
    const write = historyWriter();
    write('activity', id, 'activity.logged', at, 1, changes(null, activity), { leadId }, leadId);
    const next: Lead = {
      ...lead,
      version: lead.version + 1,
      updatedAt: at,
      status: 'working',
      lastContactAt: activity.startAt,
    };
    updateChanged('leads', leadRow(lead), leadRow(next), leadId, lead.version, next);
    write('lead', leadId, 'lead.contacted', at, next.version, changes(lead, next), {
      effects: [{ type: 'followUpReset' }],
    });
    latestQuote.get(tenantId, leadId);
    moveReminders(followUp(next, next.lastContactAt ?? next.receivedAt));
  });

  const convert = db.transaction((leadId: string, at: string, n: number) => {
    const lead = JSON.parse((getLead.get(tenantId, leadId) as { doc: string }).doc) as Lead;
    teamOf.all(tenantId, leadId);
    const write = historyWriter();
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
    insertAccount.run(
      tenantId,
      accountId,
      at,
      at,
      ownerId,
      accountId,
      JSON.stringify(account),
      account.name,
      account.kind,
      account.channel,
      account.creditCode,
      null,
      search(account.name, ...account.aliases, ...account.phones, ...account.emails),
    );
    write('account', accountId, 'account.created', at, 1, changes(null, account), null);
    insertKeys('account', accountId, account, ownerId, accountId);
    team.run(tenantId, accountId, ownerId);
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
    insertContact.run(
      tenantId,
      contactId,
      at,
      at,
      ownerId,
      accountId,
      JSON.stringify(contact),
      accountId,
      contact.name,
      search(contact.name, contact.title, contact.phone, contact.mobile, contact.email, contact.wechat),
    );
    write('contact', contactId, 'contact.created', at, 1, changes(null, contact), null, accountId);
    insertKeys('contact', contactId, contact, ownerId, accountId);
    for (const interest of lead.interests) latestQuoteOfSku.get(tenantId, leadId, interest.sku);
    products.all(tenantId, 'LS2208', 'SRV-R740');
    const dealId = `raw_opp_${n}`;
    const deal: Opportunity = {
      ...t.opportunity,
      tenantId,
      id: dealId,
      version: 1,
      // Named as Gongfu names it: the company, then what the lead asked for (as in the template).
      name: t.opportunity.name.replace(/^.*? — /, `${lead.company} — `),
      stage: 'qualification',
      accountId,
      leadId,
      ownerId,
      createdAt: at,
      updatedAt: at,
      stageEnteredAt: at,
    };
    insertDeal.run(tenantId, dealId, at, at, ownerId, dealId, JSON.stringify(deal), ...dealColumns(deal));
    write('opportunity', dealId, 'opportunity.created', at, 1, changes(null, deal), { leadId });
    insertKeys('opportunity', dealId, deal, ownerId, dealId);
    team.run(tenantId, dealId, ownerId);
    addReminder(`raw_rem_opp_${n}`, stale(deal));
    linkQuotes.run(dealId, dealId, accountId, tenantId, leadId);
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
    updateChanged('leads', leadRow(lead), leadRow(next), leadId, lead.version, next);
    write('lead', leadId, 'lead.converted', at, next.version, changes(lead, next), {
      opportunityId: dealId,
      accountId,
      effects: [{ type: 'converted' }, { type: 'frozen' }],
    });
    latestQuote.get(tenantId, leadId);
    for (const row of remindersOf.all(tenantId, 'lead', leadId) as { id: string }[])
      deleteReminder.run(tenantId, row.id);
    return dealId;
  });

  /**
   * `lean`: without the deal's team and its order count, the two reads Gongfu's advance no longer
   * makes (the owner's grant decides an owner's edit; no gate of a stage move reads the orders).
   */
  const advanceTx = (lean: boolean) =>
    db.transaction((dealId: string, at: string) => {
      const before = JSON.parse((getDeal.get(tenantId, dealId) as { doc: string }).doc) as Opportunity;
      if (!lean) {
        teamOf.all(tenantId, dealId);
        countOrders.get(tenantId, dealId);
      }
      const after: Opportunity = movedToNeedsAnalysis(before, at);
      updateChanged('opportunities', dealRow(before), dealRow(after), dealId, before.version, after);
      historyWriter()(...stageChangedEvent(dealId, before, after, at));
      moveReminders(stale(after));
    });
  const advance = advanceTx(false);
  const advanceLean = advanceTx(true);

  return {
    /** `company` defaults to the template's name and the number, as before. */
    capture: (i: number, at: string, company = `${t.lead.company} ${i}`) => capture.immediate(i, at, company),
    logContact: (leadId: string, at: string, n: number) => logContact.immediate(leadId, at, n),
    convert: (leadId: string, at: string, n: number) => convert.immediate(leadId, at, n),
    advance: (dealId: string, at: string) => advance.immediate(dealId, at),
    /** `advance` without the team read and the order count (see `advanceTx`). */
    advanceLean: (dealId: string, at: string) => advanceLean.immediate(dealId, at),
  };
}
