import type { ConfigStore, StoredTenantConfig } from '@gongfu/core';
import type { StoreContext } from '../records/store-context.js';

interface ConfigRow {
  version: unknown;
  doc: unknown;
  created_at: unknown;
  created_by: string;
}

/** The tenant's configuration versions; the primary key (tenant, version) makes a racing append a conflict. */
export class SqlConfigStore implements ConfigStore {
  constructor(private readonly ctx: StoreContext) {}

  private select() {
    return this.ctx.db
      .selectFrom('tenant_configs')
      .select(['version', 'doc', 'created_at', 'created_by'])
      .where('tenant_id', '=', this.ctx.tenantId);
  }

  private decode(row: ConfigRow): StoredTenantConfig {
    const { engine } = this.ctx;
    return {
      version: engine.decodeInt(row.version),
      config: engine.decodeJson(row.doc),
      createdAt: engine.decodeInstant(row.created_at),
      createdBy: row.created_by,
    };
  }

  async latest(): Promise<StoredTenantConfig | null> {
    const row = (await this.select().orderBy('version', 'desc').limit(1).execute())[0] as
      | ConfigRow
      | undefined;
    return row ? this.decode(row) : null;
  }

  async get(version: number): Promise<StoredTenantConfig | null> {
    const row = (await this.select().where('version', '=', version).execute())[0] as ConfigRow | undefined;
    return row ? this.decode(row) : null;
  }

  async list(): Promise<StoredTenantConfig[]> {
    const rows = (await this.select().orderBy('version', 'desc').execute()) as ConfigRow[];
    return rows.map((row) => this.decode(row));
  }

  async append(entry: StoredTenantConfig): Promise<void> {
    const { engine } = this.ctx;
    try {
      await this.ctx.db
        .insertInto('tenant_configs')
        .values({
          tenant_id: this.ctx.tenantId,
          version: entry.version,
          doc: engine.encodeJson(entry.config),
          created_at: engine.encodeInstant(entry.createdAt),
          created_by: entry.createdBy,
        })
        .execute();
      // Migration 0072 moves the org stamp with every version: the remembered one is stale now.
      this.ctx.stamps?.forget('org', this.ctx.tenantId);
      if (this.ctx.memo.stamps) delete this.ctx.memo.stamps.org;
    } catch (error) {
      throw engine.mapError(error, 'tenant configuration');
    }
  }
}
