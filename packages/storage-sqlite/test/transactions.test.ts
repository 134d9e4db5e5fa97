import { type CrmStorage, isCrmError } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead, buildOpportunity, buildOrder, buildServiceCase, T0 } from './support/builders.js';
import { ALL_SCOPE, memoryStorage, rejectionOf } from './support/open-storage.js';

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1']);
});
afterAll(() => storage.close());

describe('transactions', () => {
  it('roll back every write when fn throws, and rethrow that very error', async () => {
    const lead = buildLead('t1');
    const boom = new Error('boom');
    const error = await rejectionOf(
      storage.transaction({ tenantId: 't1' }, async (tx) => {
        await tx.leads.insert(lead);
        await tx.teams.replace(lead.id, [{ userId: 'u1', role: 'sales', access: 'edit', isOwner: true }]);
        await tx.quotes.append({
          tenantId: 't1',
          id: 'q_rb',
          leadId: lead.id,
          opportunityId: null,
          accountId: null,
          sku: 'X',
          quantity: 1,
          unitPrice: { amount: 1, currency: 'CNY' },
          validUntil: '2026-03-31',
          quotedBy: 'u1',
          quotedAt: T0,
          note: null,
        });
        await tx.history.append([
          {
            entityType: 'lead',
            entityId: lead.id,
            event: 'e',
            actorId: 'u1',
            at: T0,
            version: 1,
            changes: {},
            meta: null,
          },
        ]);
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    await storage.read({ tenantId: 't1' }, async (tx) => {
      expect(await tx.leads.get(lead.id)).toBeNull();
      expect(await tx.teams.members(lead.id)).toEqual([]);
      expect(await tx.quotes.list({ leadId: lead.id }, 10)).toEqual([]);
      expect(await tx.history.forEntity('lead', lead.id)).toEqual([]);
      expect(await tx.leads.count(undefined, ALL_SCOPE)).toBe(0);
    });
  });

  it('wrap driver errors in StorageError and keep the store usable', async () => {
    const error = await rejectionOf(
      storage.transaction({ tenantId: 'no-such-tenant' }, (tx) =>
        tx.leads.insert(buildLead('no-such-tenant')),
      ),
    );
    // The tenant foreign key refuses rows of a tenant that was never created.
    expect(isCrmError(error, 'STORAGE')).toBe(true);
    expect((error as Error).cause).toBeDefined();
    const lead = buildLead('t1');
    await storage.transaction({ tenantId: 't1' }, (tx) => tx.leads.insert(lead));
    expect(await storage.read({ tenantId: 't1' }, (tx) => tx.leads.get(lead.id))).toEqual(lead);
  });

  it('reject a missing tenant id', async () => {
    const error = await rejectionOf(storage.transaction({ tenantId: '' }, async () => 1));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'tenantId' });
  });

  it('store team keys from the governing record: a service case joins its deal team', async () => {
    const opp = buildOpportunity('t1');
    const order = buildOrder('t1', { opportunityId: opp.id });
    const direct = buildOrder('t1');
    const viaOrder = buildServiceCase('t1', { orderId: order.id, opportunityId: opp.id });
    const viaDirect = buildServiceCase('t1', { orderId: direct.id });
    const orphan = buildServiceCase('t1', { orderId: 'order_unknown' });
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      await tx.opportunities.insert(opp);
      await tx.orders.insert(order);
      await tx.orders.insert(direct);
      for (const c of [viaOrder, viaDirect, orphan]) await tx.serviceCases.insert(c);
      await tx.teams.replace(opp.id, [{ userId: 'tm', role: 'service', access: 'read', isOwner: false }]);
      await tx.teams.replace(direct.id, [{ userId: 'td', role: 'service', access: 'read', isOwner: false }]);
      await tx.teams.replace('order_unknown', [
        { userId: 'tu', role: 'service', access: 'read', isOwner: false },
      ]);
    });
    const seenBy = (memberId: string) =>
      storage.read({ tenantId: 't1' }, async (tx) => {
        const scope = { kind: 'scoped', ownerIds: [], memberIds: [memberId], minAccess: 'read' } as const;
        return (await tx.serviceCases.list({ scope, limit: 50 })).items.map((c) => c.id);
      });
    // A member of the opportunity's team sees the case of its order; a direct order governs itself.
    expect(await seenBy('td')).toEqual([viaDirect.id]);
    expect(await seenBy('tu')).toEqual([orphan.id]);
    expect(await seenBy('tm')).toEqual([viaOrder.id]);
  });
});
