import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory } from '../support/harness.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const ids = (page: { items: { id: string }[] }) => page.items.map((r) => r.id);

/** Deals, a delivered order with a service case, and verdicts on three kinds of pair. */
async function salesWorld(storage: CrmStorage) {
  const w: ServiceWorld = await openWorld(storage);
  const { crm, org } = w;
  const accounts = [];
  for (const name of ['山东恒通系统集成', '山东瑞达系统集成', '济南华信系统集成']) {
    accounts.push(await crm.accounts.create(org.repA, { name, kind: 'system_integrator' }));
  }
  const [a, b, c] = accounts as [(typeof accounts)[0], (typeof accounts)[0], (typeof accounts)[0]];
  const deals = [];
  for (const account of accounts) {
    deals.push(
      await crm.opportunities.create(org.repA, {
        name: `${account.name} 项目`,
        accountId: account.id,
        channel: 'key_account',
      }),
    );
  }
  const line = { sku: 'LS2208', quantity: 2, unitPrice: cny(900_00) };
  const order = await crm.orders.createDirect(org.repA, { accountId: a.id, lines: [line] });
  const draft = await crm.orders.createDirect(org.repA, { accountId: b.id, lines: [line] });
  await crm.orders.confirm(org.repA, order.id);
  await crm.orders.ship(org.repA, order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
  await crm.orders.deliver(org.repA, order.id);
  const sc = await crm.serviceCases.open(org.repA, {
    orderId: order.id,
    kind: 'repair',
    summary: '扫描枪无法识别条码',
  });
  const contacts = [];
  for (const name of ['王工', '王工程师'])
    contacts.push(await crm.contacts.create(org.repA, { accountId: a.id, name }));
  // One verdict of each kind, a clock tick apart so "newest first" is a strict order.
  await crm.duplicates.markNotDuplicate(org.manager, { kind: 'account', aId: a.id, bId: c.id });
  w.clock.advanceDays(1);
  await crm.duplicates.markNotDuplicate(org.manager, { aId: deals[0]!.id, bId: deals[1]!.id });
  w.clock.advanceDays(1);
  await crm.duplicates.markNotDuplicate(org.manager, {
    kind: 'contact',
    aId: contacts[0]!.id,
    bId: contacts[1]!.id,
  });
  return { w, accounts: [a, b, c], deals, order, draft, sc };
}

/** Every list filter takes one value or an array, on any storage engine. */
export function describeOneOrManyFilters(makeStorage: StorageFactory): void {
  describe('list filters take one value or an array', () => {
    let storage: CrmStorage;
    let world: Awaited<ReturnType<typeof salesWorld>>;
    beforeAll(async () => {
      storage = await makeStorage();
      world = await salesWorld(storage);
    });
    afterAll(() => storage.close());

    it('opportunities: one account id lists what the one-element array lists', async () => {
      const { w, accounts, deals } = world;
      const one = await w.crm.opportunities.list(w.org.manager, {
        accountId: accounts[1]!.id,
        stage: 'qualification',
      });
      expect(ids(one)).toEqual([deals[1]!.id]);
      expect(ids(await w.crm.opportunities.list(w.org.manager, { accountId: [accounts[1]!.id] }))).toEqual(
        ids(one),
      );
    });

    it('orders and service cases: one status or id lists what the one-element array lists', async () => {
      const { w, order, draft, sc } = world;
      const drafts = await w.crm.orders.list(w.org.repA, { status: 'draft' });
      expect(ids(drafts)).toEqual([draft.id]);
      expect(ids(await w.crm.orders.list(w.org.repA, { status: ['draft'] }))).toEqual(ids(drafts));
      const cases = await w.crm.serviceCases.list(w.org.repA, { orderId: order.id, status: 'open' });
      expect(ids(cases)).toEqual([sc.id]);
      expect(ids(await w.crm.serviceCases.list(w.org.repA, { orderId: [order.id] }))).toEqual(ids(cases));
    });

    it('duplicate verdicts: one kind, several kinds or none, newest first in each case', async () => {
      const { w } = world;
      const all = await w.crm.duplicates.resolutions(w.org.manager);
      expect(all.map((r) => r.kind)).toEqual(['contact', 'opportunity', 'account']);
      expect(await w.crm.duplicates.resolutions(w.org.manager, { kind: 'account' })).toEqual([all[2]]);
      expect(await w.crm.duplicates.resolutions(w.org.manager, { kind: ['account', 'contact'] })).toEqual([
        all[0],
        all[2],
      ]);
      expect(
        await w.crm.duplicates.resolutions(w.org.manager, { kind: ['account', 'contact'], limit: 1 }),
      ).toEqual([all[0]]);
    });
  });
}
