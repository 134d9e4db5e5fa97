import { type CrmStorage, isCrmError, type StorageTx } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead, buildProduct, minutesAfter } from './support/builders.js';
import { memoryStorage, rejectionOf } from './support/open-storage.js';

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1']);
});
afterAll(() => storage.close());
const inTx = <T>(fn: (tx: StorageTx) => Promise<T>) => storage.transaction({ tenantId: 't1' }, fn);

describe('compare-and-set update', () => {
  it('rejects a stale version with expected/actual and changes nothing', async () => {
    const lead = buildLead('t1');
    await inTx((tx) => tx.leads.insert(lead));
    const v2 = { ...lead, status: 'working' as const, version: 2, updatedAt: minutesAfter(1) };
    await inTx((tx) => tx.leads.update(v2, 1));
    const stale = { ...lead, status: 'disqualified' as const, version: 2, updatedAt: minutesAfter(2) };
    const error = await rejectionOf(inTx((tx) => tx.leads.update(stale, 1)));
    expect(isCrmError(error, 'CONCURRENCY')).toBe(true);
    expect(error).toMatchObject({ entity: 'lead', id: lead.id, expected: 1, actual: 2 });
    expect(await storage.read({ tenantId: 't1' }, (tx) => tx.leads.get(lead.id))).toEqual(v2);
  });

  it('reports actual = null for a record that does not exist', async () => {
    const ghost = { ...buildLead('t1'), version: 2 };
    const error = await rejectionOf(inTx((tx) => tx.leads.update(ghost, 1)));
    expect(error).toMatchObject({ code: 'CONCURRENCY', expected: 1, actual: null });
  });

  it('refuses a version that is not expectedVersion + 1, and a record of another tenant', async () => {
    const lead = buildLead('t1');
    await inTx((tx) => tx.leads.insert(lead));
    expect(await rejectionOf(inTx((tx) => tx.leads.update({ ...lead, version: 5 }, 1)))).toMatchObject({
      code: 'STORAGE',
    });
    expect(await rejectionOf(inTx((tx) => tx.leads.insert(buildLead('t2'))))).toMatchObject({
      code: 'STORAGE',
    });
    expect(
      await rejectionOf(inTx((tx) => tx.leads.insert({ ...buildLead('t1'), version: 2 }))),
    ).toMatchObject({
      code: 'STORAGE',
    });
  });
});

describe('uniqueness', () => {
  it('maps a duplicate id or a duplicate unique key to ConflictError', async () => {
    const lead = buildLead('t1');
    await inTx((tx) => tx.leads.insert(lead));
    const dupId = await rejectionOf(inTx((tx) => tx.leads.insert({ ...lead })));
    expect(dupId).toMatchObject({ code: 'CONFLICT', entity: 'lead' });
    const product = buildProduct('t1');
    await inTx((tx) => tx.products.insert(product));
    const dupSku = await rejectionOf(
      inTx((tx) => tx.products.insert(buildProduct('t1', { sku: product.sku }))),
    );
    expect(dupSku).toMatchObject({ code: 'CONFLICT', entity: 'product' });
  });
});
