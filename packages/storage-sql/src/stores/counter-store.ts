import { type CounterStore, StorageError } from '@gongfu/core';
import { sql } from 'kysely';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

/**
 * One upsert per value: the first call inserts 1, every later one adds 1 to the row and returns it.
 * On PostgreSQL a racing transaction waits on the row's lock and then increments what the winner
 * committed (READ COMMITTED re-reads the conflicting row); on SQLite BEGIN IMMEDIATE has already
 * serialised the writers. Nobody fails, and nothing but this statement touches the row.
 */
export class SqlCounterStore implements CounterStore {
  constructor(private readonly ctx: StoreContext) {}

  async next(name: string): Promise<number> {
    const { rows } = await executeCached<{ value: unknown }>(
      this.ctx,
      'counters:next',
      [this.ctx.tenantId, name, 1],
      () =>
        this.ctx.db
          .insertInto('counters')
          .values({ tenant_id: this.ctx.tenantId, name, value: 1 })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }),
          )
          .returning('value'),
    );
    const row = rows[0];
    if (row === undefined) throw new StorageError(`counter ${name}: the upsert returned no row`);
    return this.ctx.engine.decodeInt(row.value);
  }
}
