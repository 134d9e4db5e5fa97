import { ORDER_NUMBER_COUNTER } from '@gongfu/core';
import { type Migration, type OnConflictBuilder, sql } from 'kysely';
import type { AnyDb, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { defineTable, type TableDef } from './define-table.js';

/** Named counters per tenant (`CounterStore`): one row per (tenant, name) holding the last value handed out. */
export const COUNTER_TABLES_0007: readonly TableDef[] = [
  {
    name: 'counters',
    columns: [
      ['name', 'text'],
      ['value', 'bigint'],
    ],
    primaryKey: ['name'],
  },
];

/**
 * The sequence an order number ends with (`SO-2026-000123` → 123): its trailing digits, null when
 * it has none. Written with functions both engines share (rtrim with a character set, substr), so
 * it needs no regular expressions, which SQLite lacks.
 */
const orderSequence = sql`cast(nullif(substr(number, length(rtrim(number, '0123456789')) + 1), '') as bigint)`;

/** The highest sequence among each tenant's orders' numbers (or `tenantId`'s only), tenants without one left out. */
function highestSequences(db: AnyDb, tenantId?: string) {
  return (
    db
      .selectFrom('orders')
      .select(['tenant_id', sql.lit(ORDER_NUMBER_COUNTER).as('name'), sql`max(${orderSequence})`.as('value')])
      // SQLite parses `INSERT … SELECT … ON CONFLICT` unambiguously only when the SELECT has a WHERE.
      .where((eb) => (tenantId === undefined ? sql<boolean>`true` : eb('tenant_id', '=', tenantId)))
      .groupBy('tenant_id')
      .having(sql`max(${orderSequence})`, 'is not', null)
  );
}

/** On an existing counter: raised, never lowered (a counter already past the orders' numbers keeps its value). */
const raiseOnly = (oc: OnConflictBuilder<Record<'counters', AnyRow>, 'counters'>) =>
  oc.columns(['tenant_id', 'name']).doUpdateSet({
    value: sql`case when excluded.value > counters.value then excluded.value else counters.value end`,
  });

/**
 * Raises the order-number counter of every tenant (or of `tenantId` only) to at least the highest
 * sequence among its orders' numbers, creating the counter where it is missing. The highest, not
 * the count: had an order ever been deleted, count + 1 would be a number already given out.
 * Tenants without a numbered order get no row; the first `next` then starts at 1.
 */
export async function raiseOrderNumberCounters(db: AnyDb, tenantId?: string): Promise<void> {
  await db
    .insertInto('counters')
    .columns(['tenant_id', 'name', 'value'])
    .expression(highestSequences(db, tenantId))
    .onConflict(raiseOnly)
    .execute();
}

/**
 * `raiseOrderNumberCounters` for one tenant in two steps: `read` reads the highest sequence (a scan
 * of the tenant's orders: run it in a read transaction, where on SQLite it holds no write lock — a
 * tenant import's 1M orders took seconds), and the function it returns writes the counter in the
 * caller's write transaction. Only for a tenant no command writes meanwhile (an import's).
 */
export async function readOrderNumberCounter(
  read: AnyDb,
  tenantId: string,
): Promise<(write: AnyDb) => Promise<void>> {
  const highest = await highestSequences(read, tenantId).executeTakeFirst();
  return async (write) => {
    if (highest === undefined) return;
    await write
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: ORDER_NUMBER_COUNTER, value: highest.value })
      .onConflict(raiseOnly)
      .execute();
  };
}

/**
 * Order numbers came from count + 1, which two servers creating orders at once compute alike: the
 * counters table replaces that, seeded from the numbers existing databases already handed out.
 */
export function counters(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const def of COUNTER_TABLES_0007) await defineTable(db, engine, def);
      if (engine.name === 'sqlite') {
        await raiseOrderNumberCounters(db);
        return;
      }
      // Under opt-in row-level security with FORCE, even the tables' owner sees only the rows of
      // the tenant bound in `gongfu.tenant_id`: bind each tenant in turn (for this transaction
      // only) so the backfill reads its orders whoever runs the migration.
      const tenants = await db.selectFrom('tenants').select('tenant_id').execute();
      for (const { tenant_id: id } of tenants) {
        await sql`select set_config('gongfu.tenant_id', ${id}, true)`.execute(db);
        await raiseOrderNumberCounters(db, id);
      }
    },
  };
}
