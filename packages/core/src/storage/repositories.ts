import type { Page } from '../domain/common.js';
import type { CustomCondition, CustomScalar } from '../domain/custom-fields.js';
import type { EntityType, HistoryEvent } from '../domain/history.js';
import type { Instant } from '../kernel/time.js';
import type { Account } from '../sales/accounts/account.js';
import type { Contact } from '../sales/accounts/contact.js';
import type { Activity } from '../sales/activities/activity.js';
import type { CostEntry } from '../sales/costs/cost.js';
import type { DemoLoan } from '../sales/demo-loans/demo-loan.js';
import type { Lead, QuoteEntry } from '../sales/leads/lead.js';
import type { Opportunity } from '../sales/opportunities/opportunity.js';
import type { Order } from '../sales/orders/order.js';
import type { User } from '../sales/org/user.js';
import type { Product } from '../sales/products/product.js';
import type { Quota, QuotaFilter } from '../sales/quotas/quota.js';
import type { Reminder } from '../sales/reminders/stored-reminder.js';
import type { ServiceCase } from '../sales/service-cases/service-case.js';
import type { ConfigStore } from './config-store.js';
import type { CounterStore } from './counter-store.js';
import type { DedupeKeyStore } from './dedupe-key-store.js';
import type { DedupeWeightStore } from './dedupe-weight-store.js';
import type { DuplicateResolutionStore } from './duplicate-resolution-store.js';
import type { FeedStore } from './feed-store.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { ImportLedgerStore } from './import-ledger-store.js';
import type { ReportStore } from './report-store.js';
import type { RowScope } from './scope.js';
import type { SearchTermStore } from './search-term-store.js';

/** A range over an ordered column; either end may be open. `to` is exclusive. */
export interface Range<T extends string = string> {
  from?: T;
  to?: T;
}

/** Conditions on custom fields by name: equal to a value, or within a range. */
export type CustomWhere = Readonly<Record<string, CustomCondition<CustomScalar>>>;

export interface ListQuery<F> {
  where?: F;
  scope: RowScope;
  /** 1–500. */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /**
   * The filters pick the same index range whatever their values (a calendar: its people's
   * start times over at most 31 days), so an engine that caches plans may plan the statement once
   * for all calls instead of per call. A hint: the rows are the same either way.
   */
  planOnce?: boolean;
}

/**
 * Storage of one kind of versioned record, always within the tenant the transaction is bound to.
 *
 * - `get` returns null when no such record exists in this tenant. It is NOT scoped: the service
 *   authorizes the loaded record with the pure policy and answers NotFound when it may not be seen.
 * - `insert` MUST reject a duplicate id. The record's version MUST be 1.
 * - `update` MUST write only if the stored version equals `expectedVersion`, and MUST then store
 *   `record.version` (= expectedVersion + 1). Otherwise it MUST throw ConcurrencyError{expected,
 *   actual} and change nothing. Compare-and-set in one statement, so racing writers cannot both win.
 * - `list` MUST apply `scope` in the database and page by a stable order (newest first, then id).
 */
export interface RecordStore<T, F> {
  get(id: string): Promise<T | null>;
  /**
   * The records with these ids (missing ones left out). With `scope`, only those it lets the actor
   * see, decided in the database exactly as `list` decides it: a report names many records at once
   * without loading and authorizing them one by one.
   */
  getMany(ids: readonly string[], scope?: RowScope): Promise<T[]>;
  insert(record: T): Promise<void>;
  update(record: T, expectedVersion: number): Promise<void>;
  list(query: ListQuery<F>): Promise<Page<T>>;
  /** Count of visible rows matching `where` (for reports and dry runs). */
  count(where: F | undefined, scope: RowScope): Promise<number>;
}

export interface UserFilter {
  managerId?: string;
  active?: boolean;
}
export interface AccountFilter {
  ownerId?: readonly string[];
  kind?: readonly string[];
  /** Substring of the name, an alias, a phone or an email. */
  text?: string;
  mergedIntoId?: string | null;
  custom?: CustomWhere;
}
export interface ContactFilter {
  /** One account or several (a single id is the shape adapters were first written against). */
  accountId?: string | readonly string[];
  ownerId?: readonly string[];
  text?: string;
  custom?: CustomWhere;
}
export interface ProductFilter {
  sku?: readonly string[];
  category?: readonly string[];
  active?: boolean;
  custom?: CustomWhere;
}
export interface LeadFilter {
  status?: readonly string[];
  ownerId?: readonly string[];
  channel?: readonly string[];
  source?: readonly string[];
  receivedAt?: Range;
  text?: string;
  /** The customer the lead is a revisit of, or that it converted into. */
  accountId?: readonly string[];
  custom?: CustomWhere;
}
export interface OpportunityFilter {
  stage?: readonly string[];
  ownerId?: readonly string[];
  channel?: readonly string[];
  accountId?: readonly string[];
  endCustomerId?: readonly string[];
  open?: boolean;
  updatedAt?: Range;
  custom?: CustomWhere;
}
export interface OrderFilter {
  status?: readonly string[];
  ownerId?: readonly string[];
  accountId?: readonly string[];
  opportunityId?: readonly string[];
  custom?: CustomWhere;
}
export interface ServiceCaseFilter {
  status?: readonly string[];
  orderId?: readonly string[];
  accountId?: readonly string[];
  ownerId?: readonly string[];
  custom?: CustomWhere;
}
export interface ActivityFilter {
  status?: readonly string[];
  kind?: readonly string[];
  ownerId?: readonly string[];
  leadId?: readonly string[];
  opportunityId?: readonly string[];
  accountId?: readonly string[];
  contactId?: readonly string[];
  orderId?: readonly string[];
  serviceCaseId?: readonly string[];
  regardingKind?: readonly string[];
  startAt?: Range;
  custom?: CustomWhere;
}
/** What `ActivityStore.byDay` reads: the days are given by the instants they start at. */
export interface ActivityDaysQuery {
  /** The activities' own filters; the start-time window is the days' (`startAt` is not used). */
  where?: Omit<ActivityFilter, 'startAt'>;
  scope: RowScope;
  /**
   * Day i holds the activities with dayStarts[i] <= startAt < dayStarts[i + 1]: 2–32 ascending
   * instants (1–31 days), the last one the end of the last day.
   */
  dayStarts: readonly Instant[];
  /** 1–500: how many of a day's activities come back, the first by start time, then id. */
  perDay: number;
  /** As `ListQuery.planOnce`: the owners and days choose the same index range whoever asks. */
  planOnce?: boolean;
}

/** One day of `ActivityStore.byDay`. */
export interface ActivityDay {
  /** The day's first `perDay` visible activities, by start time, then id. */
  items: Activity[];
  /** How many more visible activities the day holds: counted in the database, never read. */
  more: number;
}

/**
 * Activities, with the calendar's read: a team's week is hundreds of rows, of which a screen shows
 * the first few per day, so the store cuts each day and counts the rest where the rows are.
 */
export interface ActivityStore extends RecordStore<Activity, ActivityFilter> {
  /** One entry per day (dayStarts.length - 1), under `scope` exactly as `list` decides it. */
  byDay(query: ActivityDaysQuery): Promise<ActivityDay[]>;
}
export interface DemoLoanFilter {
  ownerId?: readonly string[];
  accountId?: readonly string[];
  open?: boolean;
}
export interface CostFilter {
  incurredBy?: readonly string[];
  opportunityId?: readonly string[];
  accountId?: readonly string[];
  leadId?: readonly string[];
  incurredOn?: Range;
  category?: readonly string[];
}

export interface TeamMemberRow {
  userId: string;
  role: 'sales' | 'presales' | 'service';
  access: 'read' | 'edit';
  /** True for the governing record's owner (kept in step with the owner on every transfer). */
  isOwner: boolean;
}

/** Team membership per governing record (`teamKey` = the id of the lead, opportunity, account or order). */
export interface TeamStore {
  members(teamKey: string): Promise<TeamMemberRow[]>;
  membersOfMany(teamKeys: readonly string[]): Promise<Map<string, TeamMemberRow[]>>;
  /** Replace the whole membership of one team. */
  replace(teamKey: string, members: readonly TeamMemberRow[]): Promise<void>;
  /**
   * Write the first members of a team that has none yet (a record just created): one insert
   * instead of replace's delete + insert. MUST throw ConflictError if a member row already exists.
   */
  create(teamKey: string, members: readonly TeamMemberRow[]): Promise<void>;
  /** Team keys where `userId` is a (non-owner) member. */
  keysOfMember(userId: string): Promise<string[]>;
}

export interface LastQuoteFilter {
  leadId?: string;
  opportunityId?: string;
  accountId?: string;
  sku?: string;
}

/** The append-only quote ledger: entries are never updated or deleted. */
export interface QuoteLedger {
  append(entry: QuoteEntry): Promise<void>;
  /** Newest first. */
  list(filter: LastQuoteFilter, limit: number): Promise<QuoteEntry[]>;
  /** Re-point entries of a lead to the opportunity/account it converted into (the entries stay). */
  linkLead(leadId: string, link: { opportunityId: string | null; accountId: string | null }): Promise<number>;
}

/** What `ReminderStore.dueByUser` reads. */
export interface DueByUserQuery {
  userIds: readonly string[];
  at: Instant;
  /**
   * 1–8 groups of reminder kinds, each listed and counted apart (a review's overdue follow-ups and
   * its stale deals); an empty group has nothing due.
   */
  kindGroups: readonly (readonly string[])[];
  /** 1–500: how many of a person's due reminders of each group come back, the oldest first. */
  perUser: number;
  /**
   * Counting stops here (perUser–100,000): a group's `items.length + more` is at most this, so a
   * person's backlog costs at most this many index entries per kind, however long it grew. A
   * group that reaches it has at least that many due ("99+").
   */
  countUpTo: number;
}

/** One person of `ReminderStore.dueByUser`: one entry per kind group, in the order asked. */
export interface UserDue {
  userId: string;
  groups: DueGroup[];
}

/** A person's due reminders of one kind group. */
export interface DueGroup {
  /** Their first `perUser`, oldest due first, then id. */
  items: Reminder[];
  /** How many more they have due, up to `countUpTo` in all: counted in the database, never read. */
  more: number;
}

/** Stored reminders; reconciled from the pure rules on every write that affects their subject. */
export interface ReminderStore {
  forSubject(subjectType: Reminder['subjectType'], subjectId: string): Promise<Reminder[]>;
  get(id: string): Promise<Reminder | null>;
  insert(reminder: Reminder): Promise<void>;
  /** Compare-and-set on version like RecordStore.update. */
  update(reminder: Reminder, expectedVersion: number): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Due for a user at an instant: due_at ≤ at, not acknowledged, not snoozed past at. Oldest first. */
  due(userIds: readonly string[], at: Instant, limit: number): Promise<Reminder[]>;
  /**
   * Each person's first `perUser` reminders of each kind group due by `at` (as in `due`: oldest
   * first, then id) and how many more they have: one entry per distinct user id, in the order
   * given (none due: no items, 0 more). The rest are counted in the database, never read, so a
   * manager's fifty people with thousands of overdue follow-ups each cost a screenful of rows.
   */
  dueByUser(query: DueByUserQuery): Promise<UserDue[]>;
  /** Unacknowledged reminders whose escalation instant has passed and that were not yet escalated. */
  escalationsDue(at: Instant, limit: number): Promise<Reminder[]>;
  /**
   * Lease up to `limit` reminders for delivery by `workerId`: due (as in `due`, for any user), not
   * delivered, and unclaimed or with a claim that expired at or before `at`. Each gets
   * `claimed_by = workerId`, an expiry of `at + leaseMs` and the next number of its delivery fence
   * (one more than any claim of that reminder before); oldest due first. MUST be safe with claimers
   * on other connections: while a claim is live no other worker can claim the reminder (PostgreSQL
   * `FOR UPDATE SKIP LOCKED`, SQLite's write lock). The claim is not part of the record and does
   * not change its version.
   */
  claimDue(workerId: string, at: Instant, limit: number, leaseMs: number): Promise<ReminderClaim[]>;
  /**
   * Set `deliveredAt = at` (and bump the version) on those claimed reminders whose delivery fence
   * is still the claim's and whose occurrence (`dueAt`, `userId`) is still the claimed one, and that
   * are not yet delivered; returns the ids it marked. A claim that was taken over (a higher fence)
   * marks nothing: the new holder delivers. A claim whose lease ran out but was not taken over still
   * marks (its delivery was the only one).
   */
  markDelivered(claims: readonly ReminderClaim[], at: Instant): Promise<string[]>;
  /**
   * Lease up to `limit` reminders for escalation, as `claimDue` does for delivery but with the
   * escalation's own lease and fence: escalation instant passed, not acknowledged, not escalated,
   * escalation unclaimed or its claim expired; oldest escalation instant first.
   */
  claimEscalations(workerId: string, at: Instant, limit: number, leaseMs: number): Promise<ReminderClaim[]>;
  /**
   * Set `escalatedAt = at` (and bump the version) under the same rule as `markDelivered`, with the
   * escalation fence; returns the ids it marked. A reminder is escalated at most once per occurrence.
   */
  markEscalated(claims: readonly ReminderClaim[], at: Instant): Promise<string[]>;
}

/**
 * A reminder leased to one dispatcher. `fence` is the claim's number in the reminder's fence (per
 * reminder, per kind of dispatch), strictly greater than that of any earlier claim: whoever holds
 * the highest number is the only one who may mark the reminder done.
 */
export interface ReminderClaim {
  reminder: Reminder;
  fence: number;
}

export interface HistoryLog {
  /** Append events; the store assigns `seq`. */
  append(events: readonly Omit<HistoryEvent, 'seq' | 'tenantId'>[]): Promise<void>;
  forEntity(entityType: EntityType, entityId: string): Promise<HistoryEvent[]>;
  /**
   * The events of several records of one type in one read: each record's events in `seq` order
   * (as `forEntity` gives them), records in no particular order. A customer's timeline asks for
   * every deal's history at once: one statement, not one per deal.
   */
  forEntities(entityType: EntityType, entityIds: readonly string[]): Promise<HistoryEvent[]>;
  /** Events in [from, to) by any of the actors, oldest first; only of the `events` types when given. */
  byActors(
    actorIds: readonly string[],
    range: Range,
    limit: number,
    events?: readonly string[],
  ): Promise<HistoryEvent[]>;
}

/** Reversible record of a merge, so an account merge can be undone. */
export interface MergeRecord {
  id: string;
  entityType: 'account' | 'contact';
  survivorId: string;
  mergedId: string;
  /** Children re-parented: entity type → ids. */
  moved: Record<string, string[]>;
  mergedBy: string;
  mergedAt: Instant;
  undoneAt: Instant | null;
  version: number;
}
export interface MergeStore {
  insert(merge: MergeRecord): Promise<void>;
  get(id: string): Promise<MergeRecord | null>;
  update(merge: MergeRecord, expectedVersion: number): Promise<void>;
}

/**
 * A stamp of the tenant's user table and configuration. It MUST change whenever a user is
 * inserted or updated (any field) and whenever a configuration version is appended
 * (`ConfigStore.append`: the service caches the configuration beside the org chart), and MUST stay
 * equal while nothing changed. Reading it must cost far less than
 * reading the users.
 */
export interface OrgStamp {
  stamp(): Promise<string>;
}

/**
 * A stamp of the tenant's product table, with the same contract as `OrgStamp`: it MUST change
 * whenever a product is inserted or updated, and stay equal while nothing changed.
 */
export interface CatalogueStamp {
  stamp(): Promise<string>;
}

export interface Repositories {
  users: RecordStore<User, UserFilter>;
  accounts: RecordStore<Account, AccountFilter>;
  contacts: RecordStore<Contact, ContactFilter>;
  products: RecordStore<Product, ProductFilter>;
  leads: RecordStore<Lead, LeadFilter>;
  opportunities: RecordStore<Opportunity, OpportunityFilter>;
  orders: RecordStore<Order, OrderFilter>;
  serviceCases: RecordStore<ServiceCase, ServiceCaseFilter>;
  activities: ActivityStore;
  demoLoans: RecordStore<DemoLoan, DemoLoanFilter>;
  costs: RecordStore<CostEntry, CostFilter>;
  quotas: RecordStore<Quota, QuotaFilter>;
  teams: TeamStore;
  quotes: QuoteLedger;
  reminders: ReminderStore;
  history: HistoryLog;
  merges: MergeStore;
  duplicates: DuplicateResolutionStore;
  /** Blocking keys of the duplicate detector (derived data, kept by @gongfu/reports). */
  dedupeKeys: DedupeKeyStore;
  /** Weights of the duplicate detector estimated from the tenant's deals, versioned (kept by @gongfu/reports). */
  dedupeWeights: DedupeWeightStore;
  /** Aggregations for reports, run in the database. */
  reports: ReportStore;
  /** Cheap change detection for the org chart, so services can cache it safely across commands. */
  org: OrgStamp;
  /**
   * Cheap change detection for the product catalogue, so services can reuse the products lines
   * name across commands. Optional: without it every line check reads the products it names.
   */
  catalogue?: CatalogueStamp;
  /** Per-tenant counters (order numbers), incremented atomically inside the transaction. */
  counters: CounterStore;
  /** The change feed (outbox) and its handlers' cursors. */
  feed: FeedStore;
  /** Idempotency keys and the first result sent under each. */
  idempotency: IdempotencyStore;
  /** Which rows of a bulk import run are committed (so a rerun after a crash skips them). */
  importLedger: ImportLedgerStore;
  /** The tenant's configuration versions (pipelines per channel). */
  configs: ConfigStore;
  /** Search keys of accounts, contacts, leads and deals (derived on every write of them). */
  searchTerms: SearchTermStore;
}

export * from './counter-store.js';
export * from './dedupe-key-store.js';
export * from './dedupe-weight-store.js';
export * from './duplicate-resolution-store.js';
export * from './feed-store.js';
export * from './idempotency-store.js';
export * from './search-term-store.js';
