import { type CrmStorage, ValidationError } from '@gongfu/core';
import { type AnyDb, FEED_TABLES, TENANT_OWNED_TABLES } from '@gongfu/storage-sql';
import { Kysely, sql } from 'kysely';
import { databaseOf } from './postgres-storage.js';

/** The name of the policy on each tenant table (re-running replaces it). */
export const TENANT_POLICY = 'gongfu_tenant_isolation';

/**
 * Opt-in defense in depth under the SDK's own tenant scoping: every tenant-owned table gets a
 * policy admitting only rows whose `tenant_id` equals the transaction's `gongfu.tenant_id` setting
 * (which every Gongfu transaction sets), with FORCE ROW LEVEL SECURITY so the tables' owner is
 * bound too. A session that never set it sees no rows and can write none. Superusers and roles
 * with BYPASSRLS are never bound — run the application as an ordinary role. Idempotent; run it
 * after migrations, again after any migration that adds a table. The `tenants` table itself stays
 * readable: it holds names, and tenant administration works without a tenant bound.
 */
export async function enableRowLevelSecurity(target: AnyDb | CrmStorage): Promise<void> {
  const db = target instanceof Kysely ? (target as AnyDb) : databaseOf(target as CrmStorage);
  if (db === undefined) {
    throw new ValidationError([
      { field: 'target', message: 'not a PostgreSQL storage from postgresStorage() or a Kysely instance' },
    ]);
  }
  const setting = sql`current_setting('gongfu.tenant_id', true)`;
  await db.transaction().execute(async (trx) => {
    for (const name of [...TENANT_OWNED_TABLES, ...FEED_TABLES]) {
      const table = sql.table(name);
      await sql`alter table ${table} enable row level security`.execute(trx);
      await sql`alter table ${table} force row level security`.execute(trx);
      await sql`drop policy if exists ${sql.ref(TENANT_POLICY)} on ${table}`.execute(trx);
      await sql`create policy ${sql.ref(TENANT_POLICY)} on ${table}
        using (tenant_id = ${setting}) with check (tenant_id = ${setting})`.execute(trx);
    }
  });
}
