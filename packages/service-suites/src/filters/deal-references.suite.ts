import { type Channel, type CrmStorage, isCrmError } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory } from '../support/harness.js';

/** Stage moves that take the deal itself (its channel typing the stage ids) rather than its id. */
/** Stage moves by deal reference (the typed form), on any storage engine. */
export function describeDealReferences(makeStorage: StorageFactory): void {
  describe('opportunity stage moves by deal reference', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    async function keyAccountDeal(w: ServiceWorld) {
      const { repA } = w.org;
      const account = await w.crm.accounts.create(repA, {
        name: '山东恒通系统集成',
        kind: 'system_integrator',
      });
      const deal = await w.crm.opportunities.create(repA, {
        name: '恒通仓储条码项目',
        accountId: account.id,
        channel: 'key_account',
      });
      return { repA, deal };
    }

    it('moves the deal passed as an object exactly as by its id, and returns it with its channel', async () => {
      const w = await openWorld(storage);
      const { repA, deal } = await keyAccountDeal(w);
      const analysed = await w.crm.opportunities.advance(repA, deal, { to: 'needs_analysis' });
      expect(analysed).toMatchObject({
        id: deal.id,
        channel: 'key_account',
        stage: 'needs_analysis',
        version: 2,
      });
      const back = await w.crm.opportunities.retreat(repA, analysed, { to: 'qualification' });
      expect(back).toMatchObject({ stage: 'qualification', version: 3 });
      const lost = await w.crm.opportunities.lose(repA, deal.id, { reason: '客户预算取消' });
      const reopened = await w.crm.opportunities.reopen(repA, lost, { to: 'needs_analysis' });
      expect(reopened).toMatchObject({ stage: 'needs_analysis', lostReason: null });
    });

    it('refuses an object naming another channel than the stored deal, and writes nothing', async () => {
      const w = await openWorld(storage);
      const { repA, deal } = await keyAccountDeal(w);
      const forged = { id: deal.id, channel: 'wireless' as Channel };
      // Each call is made only when it is awaited: three calls in flight at once on PostgreSQL would
      // leave a rejection without a handler while the first is still awaited.
      for (const attempt of [
        () => w.crm.opportunities.advance(repA, forged, { to: 'demo' }),
        () => w.crm.opportunities.retreat(repA, forged, { to: 'qualification' }),
        () => w.crm.opportunities.reopen(repA, forged),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isCrmError(error, 'VALIDATION')).toBe(true);
        expect(error).toMatchObject({ field: 'channel' });
      }
      expect(await w.crm.opportunities.get(repA, deal.id)).toMatchObject({
        version: 1,
        stage: 'qualification',
      });
    });

    it('refuses an object without an id as invalid input, not with a TypeError', async () => {
      const w = await openWorld(storage);
      const { repA } = await keyAccountDeal(w);
      for (const deal of [{ channel: 'key_account' }, null]) {
        const error = await w.crm.opportunities
          .advance(repA, deal as unknown as string, { to: 'needs_analysis' })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(isCrmError(error, 'VALIDATION')).toBe(true);
      }
    });
  });
}
