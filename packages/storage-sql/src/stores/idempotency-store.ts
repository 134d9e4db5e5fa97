import type { IdempotencyRecord, IdempotencyStore } from '@gongfu/core';
import type { StoreContext } from '../records/store-context.js';

export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly ctx: StoreContext) {}

  async find(key: string): Promise<IdempotencyRecord | null> {
    const { engine, tenantId } = this.ctx;
    const row = await this.ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      key: row.key,
      command: row.command,
      fingerprint: row.fingerprint,
      result: engine.decodeJson(row.result),
      createdAt: engine.decodeInstant(row.created_at),
      expiresAt: engine.decodeInstant(row.expires_at),
    };
  }

  async put(r: IdempotencyRecord): Promise<void> {
    const { engine, tenantId } = this.ctx;
    await this.ctx.db
      .insertInto('idempotency_keys')
      .values({
        tenant_id: tenantId,
        key: r.key,
        command: r.command,
        fingerprint: r.fingerprint,
        result: engine.encodeJson(r.result),
        created_at: engine.encodeInstant(r.createdAt),
        expires_at: engine.encodeInstant(r.expiresAt),
      })
      .execute();
  }

  async remove(key: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('key', '=', key)
      .execute();
  }
}
