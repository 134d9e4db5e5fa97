import type { CrmStorage } from '@gongfu/core';

/** One opened store plus a way to read what was really persisted, bypassing the adapter. */
export interface ConformanceContext {
  storage: CrmStorage;
  /**
   * Raw reads that bypass the adapter, to prove what was really persisted. `table` is one of
   * `CONFORMANCE_TABLES`; `where` holds equality conditions on SQL snake_case columns. The suite
   * only ever names `tenant_id`, `id`, `version`, `owner_id` and `team_key`. Every table, `tenants`
   * included, is keyed by `tenant_id`.
   */
  raw: { rows(table: string, where: Record<string, unknown>): Promise<Record<string, unknown>[]> };
}

export interface ConformanceHarness {
  /** Shown in the describe block, e.g. `sqlite (memory)`. */
  name: string;
  /**
   * A fresh, migrated, empty store. The suite calls it ONCE per `runStorageConformance` call
   * (in `beforeAll`) and shares the store between its tests; every test isolates itself in a
   * tenant of its own, so no test depends on another's rows.
   */
  open(): Promise<ConformanceContext>;
  /** Called once in `afterAll`; close the storage and delete any temp files here. */
  close(ctx: ConformanceContext): Promise<void>;
  /**
   * Features an engine lacks, keyed by a test id from `CONFORMANCE_TEST_IDS`; the value is the
   * reason, shown in the skipped test's title. Unknown keys fail the run (no silent typos).
   */
  skip?: Partial<Record<string, string>>;
}

/**
 * Table names the raw reads use. The first group is fixed by the storage design; the rest are the
 * snake_case plurals of the repositories.
 */
export const CONFORMANCE_TABLES = {
  tenants: 'tenants',
  users: 'users',
  accounts: 'accounts',
  contacts: 'contacts',
  products: 'products',
  leads: 'leads',
  opportunities: 'opportunities',
  orders: 'orders',
  serviceCases: 'service_cases',
  activities: 'activities',
  demoLoans: 'demo_loans',
  costs: 'cost_entries',
  quotas: 'quotas',
  teams: 'team_members',
  quotes: 'quote_entries',
  reminders: 'reminders',
  history: 'history_events',
  merges: 'merges',
  counters: 'counters',
} as const;

export type ConformanceTable = (typeof CONFORMANCE_TABLES)[keyof typeof CONFORMANCE_TABLES];

/** What every area of the suite receives: the harness and the store opened for this run. */
export interface SuiteState {
  readonly harness: ConformanceHarness;
  /** The opened context; throws when used outside a test (before `beforeAll`). */
  readonly ctx: ConformanceContext;
}

/** Reads a raw column as a number: drivers may hand back bigint or numeric strings. */
export function rawNumber(row: Record<string, unknown> | undefined, column: string): number {
  if (row === undefined) throw new Error(`no raw row to read ${column} from`);
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new Error(`raw column ${column} is ${String(value)}, not a number`);
}
