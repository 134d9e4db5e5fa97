import { isCrmError, type Tenant, type TenantStore } from '@gongfu/core';
import type { AnyDb, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { RECORD_TABLES_0001 } from '../migrations/0001-record-tables.js';
import { SUPPORT_TABLES_0001 } from '../migrations/0001-support-tables.js';

/** Every table holding tenant rows; a later migration that adds a table must add it here. */
export const TENANT_OWNED_TABLES: readonly string[] = [...RECORD_TABLES_0001, ...SUPPORT_TABLES_0001].map(
  (t) => t.name,
);

/** Tenants live outside any tenant-bound transaction; each call is its own statement or transaction. */
export class SqlTenantStore implements TenantStore {
  constructor(
    private readonly db: AnyDb,
    private readonly engine: SqlEngine,
  ) {}

  async get(id: string): Promise<Tenant | null> {
    return this.guard(async () => {
      const row = await this.db
        .selectFrom('tenants')
        .selectAll()
        .where('tenant_id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : this.decode(row);
    });
  }

  async create(tenant: Tenant): Promise<void> {
    await this.guard(async () => {
      await this.db
        .insertInto('tenants')
        .values({
          tenant_id: tenant.id,
          name: tenant.name,
          created_at: this.engine.encodeInstant(tenant.createdAt),
        })
        .execute();
    });
  }

  async list(): Promise<Tenant[]> {
    return this.guard(async () => {
      const rows = await this.db.selectFrom('tenants').selectAll().orderBy('tenant_id').execute();
      return rows.map((r) => this.decode(r));
    });
  }

  async delete(id: string): Promise<void> {
    await this.guard(() =>
      this.engine.begin(this.db, 'write').execute(async (trx) => {
        // Children first: their foreign keys point at tenants.
        for (const table of TENANT_OWNED_TABLES) {
          await trx.deleteFrom(table).where('tenant_id', '=', id).execute();
        }
        await trx.deleteFrom('tenants').where('tenant_id', '=', id).execute();
      }),
    );
  }

  private decode(row: AnyRow): Tenant {
    return { id: row.tenant_id, name: row.name, createdAt: this.engine.decodeInstant(row.created_at) };
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw isCrmError(error) ? error : this.engine.mapError(error, 'tenant');
    }
  }
}
