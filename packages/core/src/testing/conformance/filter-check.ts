import type { RecordStore, RowScope, StorageTx } from '@gongfu/core';
import { expect } from 'vitest';
import { freshTenant, inTx } from './conformance-it.js';
import type { SuiteState } from './harness.js';
import { walkPages } from './scope-model.js';

export interface FilterCase<T, F> {
  where: F;
  /** The records the filter must return (and count), in any order. */
  expect: readonly T[];
  scope?: RowScope;
}

const ALL: RowScope = { kind: 'all' };

/**
 * Inserts `records` into a fresh tenant, then checks each case through `list` (walking every page)
 * and `count`. Build the records with the tenant id passed to `build`.
 */
export async function checkFilterCases<T extends { id: string }, F>(
  state: SuiteState,
  store: (tx: StorageTx) => RecordStore<T, F>,
  build: (tenantId: string) => { records: readonly T[]; cases: readonly FilterCase<T, F>[] },
): Promise<void> {
  const tenantId = await freshTenant(state);
  const { records, cases } = build(tenantId);
  await inTx(state, tenantId, async (tx) => {
    for (const record of records) await store(tx).insert(record);
  });
  for (const c of cases) {
    const scope = c.scope ?? ALL;
    const { listed, counted } = await inTx(state, tenantId, async (tx) => ({
      listed: await walkPages(
        (cursor) => store(tx).list({ where: c.where, scope, limit: 2, cursor }),
        records.length,
      ),
      counted: await store(tx).count(c.where, scope),
    }));
    const label = JSON.stringify(c.where);
    expect(listed.map((r) => r.id).sort(), label).toEqual(c.expect.map((r) => r.id).sort());
    expect(counted, label).toBe(c.expect.length);
  }
}

/** 09:15 Shanghai time on consecutive days from 2 March 2026 (day 0), as canonical UTC instants. */
export function day(n: number, time = '01:15:00.000'): string {
  const date = new Date(Date.UTC(2026, 2, 2 + n));
  return `${date.toISOString().slice(0, 10)}T${time}Z`;
}
