import type { StorageTx } from '@gongfu/core';
import type { SqlEngine } from './engine/sql-engine.js';
import { guardStore, type TxState } from './guard-store.js';
import type { RecordSpec } from './records/record-spec.js';
import { leadSpec, opportunitySpec, orderSpec } from './records/specs-deals.js';
import { activitySpec, costSpec, demoLoanSpec, serviceCaseSpec } from './records/specs-operations.js';
import { accountSpec, contactSpec, productSpec, userSpec } from './records/specs-parties.js';
import { SqlRecordStore } from './records/sql-record-store.js';
import type { StoreContext } from './records/store-context.js';
import type { TxConnection } from './sql-transactor.js';
import { SqlCounterStore } from './stores/counter-store.js';
import { SqlDedupeKeyStore } from './stores/dedupe-key-store.js';
import { SqlDuplicateResolutionStore } from './stores/duplicate-resolution-store.js';
import { SqlHistoryLog } from './stores/history-log.js';
import { SqlMergeStore } from './stores/merge-store.js';
import { SqlOrgStamp } from './stores/org-stamp.js';
import { SqlQuoteLedger } from './stores/quote-ledger.js';
import { SqlReminderStore } from './stores/reminder-store.js';
import { SqlReportStore } from './stores/report-store.js';
import { SqlTeamStore } from './stores/team-store.js';

type Stores = Omit<StorageTx, 'tenantId'>;
type Make<K extends keyof Stores> = (ctx: StoreContext, state: TxState) => Stores[K];

// biome-ignore lint/suspicious/noExplicitAny: specs differ in record and filter type; each store is typed by Stores below.
const records = (spec: RecordSpec<any, any>) => (ctx: StoreContext, state: TxState) =>
  guardStore(new SqlRecordStore(ctx, spec), spec.entity, ctx.engine, state);

const other =
  <S extends object>(Store: new (ctx: StoreContext) => S, entity: string) =>
  (ctx: StoreContext, state: TxState) =>
    guardStore(new Store(ctx), entity, ctx.engine, state);

/** How each store of a transaction is made; a command touches a few of them, so they are made on first use. */
const MAKERS: { readonly [K in keyof Stores]: Make<K> } = {
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
  teams: other(SqlTeamStore, 'team'),
  quotes: other(SqlQuoteLedger, 'quote'),
  reminders: other(SqlReminderStore, 'reminder'),
  history: other(SqlHistoryLog, 'history'),
  merges: other(SqlMergeStore, 'merge'),
  duplicates: other(SqlDuplicateResolutionStore, 'duplicate_resolution'),
  dedupeKeys: other(SqlDedupeKeyStore, 'dedupe_key'),
  reports: other(SqlReportStore, 'report'),
  org: other(SqlOrgStamp, 'user'),
  counters: other(SqlCounterStore, 'counter'),
};

/**
 * Every store of a transaction, bound to its connection and to one tenant. A command touches a few
 * stores, so each is made on first read; they are own enumerable getters, so `{ ...tx }` still
 * copies every store.
 */
export function createTx(conn: TxConnection, engine: SqlEngine, tenantId: string, state: TxState): StorageTx {
  const ctx: StoreContext = {
    db: conn.db,
    execute: conn.execute,
    write: conn.write,
    engine,
    tenantId,
    memo: {},
    ...(conn.prefetch ? { teams: new Map() } : {}),
  };
  const made: Partial<Stores> = {};
  const get = <K extends keyof Stores>(key: K): Stores[K] => {
    let store = made[key];
    if (store === undefined) {
      store = MAKERS[key](ctx, state);
      made[key] = store;
    }
    return store as Stores[K];
  };
  return {
    tenantId,
    get users() {
      return get('users');
    },
    get accounts() {
      return get('accounts');
    },
    get contacts() {
      return get('contacts');
    },
    get products() {
      return get('products');
    },
    get leads() {
      return get('leads');
    },
    get opportunities() {
      return get('opportunities');
    },
    get orders() {
      return get('orders');
    },
    get serviceCases() {
      return get('serviceCases');
    },
    get activities() {
      return get('activities');
    },
    get demoLoans() {
      return get('demoLoans');
    },
    get costs() {
      return get('costs');
    },
    get teams() {
      return get('teams');
    },
    get quotes() {
      return get('quotes');
    },
    get reminders() {
      return get('reminders');
    },
    get history() {
      return get('history');
    },
    get merges() {
      return get('merges');
    },
    get duplicates() {
      return get('duplicates');
    },
    get dedupeKeys() {
      return get('dedupeKeys');
    },
    get reports() {
      return get('reports');
    },
    get org() {
      return get('org');
    },
    get counters() {
      return get('counters');
    },
  };
}
