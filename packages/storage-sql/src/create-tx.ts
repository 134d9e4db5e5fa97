import type { StorageTx } from '@gongfu/core';
import type { AnyDb } from './any-db.js';
import type { SqlEngine } from './engine/sql-engine.js';
import { guardStore } from './guard-store.js';
import type { RecordSpec } from './records/record-spec.js';
import { leadSpec, opportunitySpec, orderSpec } from './records/specs-deals.js';
import { activitySpec, costSpec, demoLoanSpec, serviceCaseSpec } from './records/specs-operations.js';
import { accountSpec, contactSpec, productSpec, userSpec } from './records/specs-parties.js';
import { SqlRecordStore } from './records/sql-record-store.js';
import type { StoreContext } from './records/store-context.js';
import { SqlDuplicateResolutionStore } from './stores/duplicate-resolution-store.js';
import { SqlHistoryLog } from './stores/history-log.js';
import { SqlMergeStore } from './stores/merge-store.js';
import { SqlOrgStamp } from './stores/org-stamp.js';
import { SqlQuoteLedger } from './stores/quote-ledger.js';
import { SqlReminderStore } from './stores/reminder-store.js';
import { SqlReportStore } from './stores/report-store.js';
import { SqlTeamStore } from './stores/team-store.js';

/** Every store of a transaction, bound to its handle `trx` and to one tenant. */
export function createTx(trx: AnyDb, engine: SqlEngine, tenantId: string): StorageTx {
  const ctx: StoreContext = { db: trx, engine, tenantId };
  // biome-ignore lint/suspicious/noExplicitAny: specs differ in record and filter type; each store is typed by StorageTx below.
  const records = (spec: RecordSpec<any, any>) =>
    guardStore(new SqlRecordStore(ctx, spec), spec.entity, engine);
  return {
    tenantId,
    users: records(userSpec),
    accounts: records(accountSpec),
    contacts: records(contactSpec),
    products: records(productSpec),
    leads: records(leadSpec),
    opportunities: records(opportunitySpec),
    orders: records(orderSpec),
    serviceCases: records(serviceCaseSpec),
    activities: records(activitySpec),
    demoLoans: records(demoLoanSpec),
    costs: records(costSpec),
    teams: guardStore(new SqlTeamStore(ctx), 'team', engine),
    quotes: guardStore(new SqlQuoteLedger(ctx), 'quote', engine),
    reminders: guardStore(new SqlReminderStore(ctx), 'reminder', engine),
    history: guardStore(new SqlHistoryLog(ctx), 'history', engine),
    merges: guardStore(new SqlMergeStore(ctx), 'merge', engine),
    duplicates: guardStore(new SqlDuplicateResolutionStore(ctx), 'duplicate_resolution', engine),
    reports: guardStore(new SqlReportStore(ctx), 'report', engine),
    org: guardStore(new SqlOrgStamp(ctx), 'user', engine),
  };
}
