import type { TenantRow } from '@gongfu/core';
import { ORDER_NUMBER_COUNTER } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { newTenant } from './fixtures.js';
import { buildOrder } from './fixtures-deals.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';

const RACERS = 8;

/** The persisted value of one counter, read around the adapter (undefined: no row). */
async function rawValue(state: SuiteState, tenantId: string, name: string): Promise<number | undefined> {
  const rows = await rawRows(state, CONFORMANCE_TABLES.counters, tenantId);
  const row = rows.find((r) => r.name === name);
  return row === undefined ? undefined : rawNumber(row, 'value');
}

/** Per-tenant counters: consecutive values, independence, rollback, racing transactions, import. */
export function registerCounters(state: SuiteState): void {
  describe('counters', () => {
    conformanceIt(
      state,
      'counters.sequence',
      'next is 1, 2, 3… per (tenant, name); other names and tenants count on their own',
      async () => {
        const a = await freshTenant(state);
        const b = await freshTenant(state);
        const next = (tenantId: string, name: string) =>
          inTx(state, tenantId, (tx) => tx.counters.next(name));
        expect([await next(a, 'x'), await next(a, 'x'), await next(a, 'x')]).toEqual([1, 2, 3]);
        expect(await next(a, 'y')).toBe(1);
        expect(await next(b, 'x')).toBe(1);
        // Several calls in one transaction see their own increments.
        expect(
          await inTx(state, a, async (tx) => [await tx.counters.next('x'), await tx.counters.next('x')]),
        ).toEqual([4, 5]);
        expect(await next(b, 'x')).toBe(2);
        expect(await rawValue(state, a, 'x')).toBe(5);
        expect(await rawValue(state, a, 'y')).toBe(1);
        expect(await rawValue(state, b, 'x')).toBe(2);
        expect(await rawValue(state, b, 'y')).toBeUndefined();
      },
    );

    conformanceIt(
      state,
      'counters.rollback',
      'an increment in a transaction that throws is rolled back: the value is handed out again',
      async () => {
        const tenantId = await freshTenant(state);
        expect(await inTx(state, tenantId, (tx) => tx.counters.next('x'))).toBe(1);
        const abort = new Error('abort after taking a value');
        const error = await rejectionOf(
          inTx(state, tenantId, async (tx) => {
            expect(await tx.counters.next('x')).toBe(2);
            expect(await tx.counters.next('fresh')).toBe(1);
            throw abort;
          }),
        );
        expect(error).toBe(abort);
        expect(await rawValue(state, tenantId, 'x')).toBe(1);
        expect(await rawValue(state, tenantId, 'fresh')).toBeUndefined();
        expect(await inTx(state, tenantId, (tx) => tx.counters.next('x'))).toBe(2);
      },
    );

    conformanceIt(
      state,
      'counters.race',
      `${RACERS} transactions at once, on a counter that does not exist yet: all succeed with 1…${RACERS}`,
      async () => {
        const tenantId = await freshTenant(state);
        const results = await Promise.allSettled(
          Array.from({ length: RACERS }, () => inTx(state, tenantId, (tx) => tx.counters.next('race'))),
        );
        const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        expect(failed).toEqual([]);
        const values = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(values.sort((x, y) => x - y)).toEqual(Array.from({ length: RACERS }, (_, i) => i + 1));
        expect(await rawValue(state, tenantId, 'race')).toBe(RACERS);
      },
    );

    conformanceIt(
      state,
      'counters.import',
      'importRows keeps an exported counter and raises the order-number counter to the highest order number',
      async () => {
        const tenants = state.ctx.storage.tenants;
        const source = await freshTenant(state);
        await inTx(state, source, async (tx) => {
          await tx.orders.insert(buildOrder(source, { number: 'SO-2026-000003' }));
          await tx.orders.insert(buildOrder(source, { number: 'SO-2026-000007' }));
          await tx.counters.next('other');
        });
        const rows: TenantRow[] = [];
        for await (const row of tenants.exportRows(source)) rows.push(row);
        expect(rows.filter((r) => r.table === CONFORMANCE_TABLES.counters).map((r) => r.row)).toEqual([
          { name: 'other', value: 1 },
        ]);
        const next = (tenantId: string) =>
          inTx(state, tenantId, (tx) => tx.counters.next(ORDER_NUMBER_COUNTER));

        // As exported before counters existed: the order-number counter is derived from the orders.
        const older = newTenant();
        await tenants.importRows(older, rows);
        expect(await rawValue(state, older.id, ORDER_NUMBER_COUNTER)).toBe(7);
        expect(await next(older.id)).toBe(8);
        expect(await inTx(state, older.id, (tx) => tx.counters.next('other'))).toBe(2);

        // A counter that travelled with the export is kept when it is ahead of the orders…
        const ahead = newTenant();
        const withCounter = (value: number): TenantRow[] => [
          ...rows,
          { table: CONFORMANCE_TABLES.counters, row: { name: ORDER_NUMBER_COUNTER, value } },
        ];
        await tenants.importRows(ahead, withCounter(41));
        expect(await next(ahead.id)).toBe(42);
        // …and raised when it is behind them, so no number is handed out twice.
        const behind = newTenant();
        await tenants.importRows(behind, withCounter(2));
        expect(await next(behind.id)).toBe(8);
      },
    );
  });
}
