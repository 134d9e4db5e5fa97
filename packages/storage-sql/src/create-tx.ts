import type { StorageTx } from '@gongfu/core';
import type { SqlEngine } from './engine/sql-engine.js';
import { guardStore, type TxState } from './guard-store.js';
import type { DocumentCache } from './records/document-cache.js';
import type { RecordSpec } from './records/record-spec.js';
import { leadSpec, opportunitySpec, orderSpec } from './records/specs-deals.js';
import { costSpec, demoLoanSpec, serviceCaseSpec } from './records/specs-operations.js';
import { accountSpec, contactSpec, productSpec, userSpec } from './records/specs-parties.js';
import { quotaSpec } from './records/specs-quotas.js';
import { SqlActivityStore } from './records/sql-activity-store.js';
import { SqlRecordStore } from './records/sql-record-store.js';
import type { ScopedPages, StoreContext } from './records/store-context.js';
import type { TxConnection } from './sql-transactor.js';
import { SqlConfigStore } from './stores/config-store.js';
import { SqlCounterStore } from './stores/counter-store.js';
import { SqlDedupeKeyStore } from './stores/dedupe-key-store.js';
import { SqlDedupeWeightStore } from './stores/dedupe-weight-store.js';
import { SqlDuplicateResolutionStore } from './stores/duplicate-resolution-store.js';
import { SqlFeedStore } from './stores/feed-store.js';
import { SqlHistoryLog } from './stores/history-log.js';
import { SqlIdempotencyStore } from './stores/idempotency-store.js';
import { SqlImportLedgerStore } from './stores/import-ledger-store.js';
import { SqlMergeStore } from './stores/merge-store.js';
import { SqlQuoteLedger } from './stores/quote-ledger.js';
import { SqlReminderStore } from './stores/reminder-store.js';
import { SqlReportStore } from './stores/report-store.js';
import { SqlSearchTermStore } from './stores/search-term-store.js';
import { SqlTeamStore } from './stores/team-store.js';
import { SqlCatalogueStamp, SqlOrgStamp } from './stores/tenant-stamp.js';
import type { TenantStamps } from './stores/tenant-stamps.js';

// The SQL storage provides every store, the optional ones (the catalogue stamp) included.
type Stores = Required<Omit<StorageTx, 'tenantId'>>;
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
  activities: (ctx, state) => guardStore(new SqlActivityStore(ctx), 'activity', ctx.engine, state),
  demoLoans: records(demoLoanSpec),
  costs: records(costSpec),
  quotas: records(quotaSpec),
  teams: other(SqlTeamStore, 'team'),
  quotes: other(SqlQuoteLedger, 'quote'),
  reminders: other(SqlReminderStore, 'reminder'),
  history: other(SqlHistoryLog, 'history'),
  merges: other(SqlMergeStore, 'merge'),
  duplicates: other(SqlDuplicateResolutionStore, 'duplicate_resolution'),
  dedupeKeys: other(SqlDedupeKeyStore, 'dedupe_key'),
  dedupeWeights: other(SqlDedupeWeightStore, 'dedupe_weight'),
  reports: other(SqlReportStore, 'report'),
  org: other(SqlOrgStamp, 'user'),
  catalogue: other(SqlCatalogueStamp, 'product'),
  counters: other(SqlCounterStore, 'counter'),
  feed: other(SqlFeedStore, 'feed'),
  idempotency: other(SqlIdempotencyStore, 'idempotency'),
  importLedger: other(SqlImportLedgerStore, 'import_ledger'),
  configs: other(SqlConfigStore, 'tenant_config'),
  searchTerms: other(SqlSearchTermStore, 'search_term'),
};

const STORE_KEYS = Object.keys(MAKERS) as (keyof Stores)[];
const KNOWN: ReadonlySet<PropertyKey> = new Set<PropertyKey>(['tenantId', ...STORE_KEYS]);

interface TxTarget {
  readonly tenantId: string;
  readonly ctx: StoreContext;
  readonly state: TxState;
  readonly made: Partial<Stores>;
}

function storeOf(target: TxTarget, key: keyof Stores): Stores[keyof Stores] {
  let store = target.made[key];
  if (store === undefined) {
    store = MAKERS[key](target.ctx, target.state) as Stores[keyof Stores];
    (target.made as Record<string, unknown>)[key] = store;
  }
  return store;
}

const propertyOf = (target: TxTarget, key: PropertyKey): unknown => {
  if (key === 'tenantId') return target.tenantId;
  return KNOWN.has(key) ? storeOf(target, key as keyof Stores) : undefined;
};

/**
 * One handler for every transaction: a Proxy costs a fraction of an object literal with 21
 * accessors (7 µs a command), and still presents every store as an own enumerable property, so
 * `{ ...tx }` and `Object.keys(tx)` see them all.
 */
const HANDLER: ProxyHandler<TxTarget> = {
  get: (target, key) => propertyOf(target, key),
  has: (_, key) => KNOWN.has(key),
  ownKeys: () => [...KNOWN] as string[],
  getOwnPropertyDescriptor: (target, key) =>
    KNOWN.has(key)
      ? { configurable: true, enumerable: true, writable: false, value: propertyOf(target, key) }
      : undefined,
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/**
 * Every store of a transaction, bound to its connection and to one tenant. A command touches a few
 * stores, so each is made on first read.
 */
export function createTx(
  conn: TxConnection,
  engine: SqlEngine,
  tenantId: string,
  state: TxState,
  stamps?: TenantStamps,
  scopedPages?: ScopedPages,
  /** The org stamp already read in this transaction (with the import check), if it was. */
  orgStamp?: string,
  documents?: DocumentCache,
): StorageTx {
  const ctx: StoreContext = {
    db: conn.db,
    execute: conn.execute,
    write: conn.write,
    engine,
    tenantId,
    memo: orgStamp === undefined ? {} : { stamps: { org: orgStamp } },
    ...(conn.prefetch ? { teams: new Map() } : {}),
    ...(conn.assumeStamps && stamps ? { stamps } : {}),
    ...(scopedPages ? { scopedPages } : {}),
    ...(documents ? { documents } : {}),
  };
  const target: TxTarget = { tenantId, ctx, state, made: {} };
  return new Proxy(target, HANDLER) as unknown as StorageTx;
}
