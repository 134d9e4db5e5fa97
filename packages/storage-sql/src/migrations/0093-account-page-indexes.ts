import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/** The record tables a customer's timeline (and an account's children) list by account. */
const BY_ACCOUNT = [
  'leads',
  'opportunities',
  'orders',
  'service_cases',
  'activities',
  'demo_loans',
  'cost_entries',
] as const;

/**
 * A customer's records are listed newest first (`where account_id in (…) order by created_at desc,
 * id desc limit …`). With only `(tenant_id, account_id)` the planner must choose between that
 * index plus a sort and the newest-first page index plus a filter, and chooses by statistics:
 * SQLite's sampled ANALYZE (analysis_limit) reads the first entries of the index only, so a tenant
 * whose first entries share one account (or none) makes every account look large, and the list
 * then walked the whole table (1.2 s at 100k deals for an account of ten). With the page order in
 * the account index, equality and order come from one index and no statistics can make the walk
 * cheaper. Deals are also listed by their end customer.
 */
export function accountPageIndexes(): Migration {
  return {
    async up(db: AnyDb) {
      const replace = async (table: string, column: string) => {
        await db.schema
          .createIndex(`${table}_${column}_page_ix`)
          .on(table)
          .columns(['tenant_id', column, 'created_at', 'id'])
          .execute();
        await db.schema.dropIndex(`${table}_${column}_ix`).execute();
      };
      for (const table of BY_ACCOUNT) await replace(table, 'account_id');
      await replace('opportunities', 'end_customer_id');
    },
  };
}
