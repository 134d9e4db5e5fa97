/**
 * The counter order numbers are drawn from (`SO-2026-000123` is value 123). The storage knows this
 * name because it seeds the counter where no counter row exists yet: from the orders' numbers when
 * the counters table is first created (migration 0007) and when an export that predates counters
 * is imported — so a tenant never hands out a number one of its orders already has.
 */
export const ORDER_NUMBER_COUNTER = 'order_number';

/**
 * Named counters per tenant, for numbers people read (order numbers) that must be unique and
 * increasing without asking the caller to retry.
 *
 * - `next(name)` MUST increment the tenant's counter `name` and return the new value in ONE atomic
 *   statement (upsert … returning); the first call for a name returns 1. Counters of other names
 *   and other tenants are untouched.
 * - Racing transactions on other connections MUST be serialised on the counter (PostgreSQL's row
 *   lock, SQLite's write lock), not failed: neither gets a ConflictError or ConcurrencyError for it,
 *   and each gets its own value.
 * - The increment is part of the transaction: when the transaction rolls back, so does the
 *   increment, and the value is handed out again. Values are therefore gap-free as long as the
 *   records numbered from them are never deleted.
 * - It is a write: calling it in a read-only transaction fails.
 */
export interface CounterStore {
  next(name: string): Promise<number>;
}
