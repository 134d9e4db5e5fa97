import type { CrmStorage, StorageTx } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildLead, T0 } from './support/builders.js';
import { ALL_SCOPE, memoryStorage } from './support/open-storage.js';

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['ta', 'tb']);
});
afterAll(() => storage.close());

/** The same ids in both tenants, so only the tenant column can tell the rows apart. */
async function seed(tx: StorageTx) {
  const t = tx.tenantId;
  await tx.leads.insert({ ...buildLead(t), id: 'lead_same', ownerId: 'u_same' });
  await tx.accounts.insert({ ...buildAccount(t), id: 'acc_same', ownerId: 'u_same' });
  await tx.teams.replace('lead_same', [{ userId: 'u_same', role: 'sales', access: 'edit', isOwner: true }]);
  await tx.quotes.append({
    tenantId: t,
    id: 'quote_same',
    leadId: 'lead_same',
    opportunityId: null,
    accountId: null,
    sku: 'DS2208',
    quantity: 1,
    unitPrice: { amount: 100, currency: 'CNY' },
    validUntil: '2026-03-31',
    quotedBy: 'u_same',
    quotedAt: T0,
    note: t,
  });
  await tx.reminders.insert({
    tenantId: t,
    id: 'rem_same',
    key: 'lead_follow_up:lead_same',
    kind: 'lead_follow_up',
    subjectType: 'lead',
    subjectId: 'lead_same',
    userId: 'u_same',
    dueAt: T0,
    escalateAt: T0,
    message: t,
    detail: null,
    acknowledgedAt: null,
    snoozedUntil: null,
    deliveredAt: null,
    escalatedAt: null,
    version: 1,
  });
  await tx.history.append([
    {
      entityType: 'lead',
      entityId: 'lead_same',
      event: 'lead.captured',
      actorId: 'u_same',
      at: T0,
      version: 1,
      changes: {},
      meta: { t },
    },
  ]);
}

describe('tenant isolation', () => {
  it('a transaction bound to one tenant never sees the other tenant’s rows', async () => {
    await storage.transaction({ tenantId: 'ta' }, seed);
    await storage.transaction({ tenantId: 'tb' }, seed);
    await storage.transaction({ tenantId: 'tb' }, (tx) =>
      tx.leads.update({ ...buildLead('tb'), id: 'lead_same', ownerId: 'u_same', version: 2 }, 1),
    );
    for (const tenant of ['ta', 'tb']) {
      await storage.read({ tenantId: tenant }, async (tx) => {
        const mine = (r: { tenantId: string } | null | undefined) => expect(r?.tenantId).toBe(tenant);
        mine(await tx.leads.get('lead_same'));
        expect(await tx.leads.getMany(['lead_same'])).toHaveLength(1);
        const page = await tx.leads.list({ scope: ALL_SCOPE, limit: 50 });
        expect(page.items.map((l) => l.tenantId)).toEqual([tenant]);
        const scoped = {
          kind: 'scoped',
          ownerIds: ['u_same'],
          memberIds: ['u_same'],
          minAccess: 'edit',
        } as const;
        expect(await tx.leads.count(undefined, scoped)).toBe(1);
        expect(await tx.accounts.count({ text: 'hisense' }, ALL_SCOPE)).toBe(1);
        expect((await tx.leads.get('lead_same'))?.version).toBe(tenant === 'tb' ? 2 : 1);
        expect((await tx.history.forEntity('lead', 'lead_same')).map((e) => e.meta)).toEqual([{ t: tenant }]);
        expect((await tx.history.byActors(['u_same'], {}, 10)).map((e) => e.tenantId)).toEqual([tenant]);
        expect((await tx.quotes.list({ leadId: 'lead_same' }, 10)).map((q) => q.note)).toEqual([tenant]);
        expect((await tx.reminders.due(['u_same'], T0, 10)).map((r) => r.message)).toEqual([tenant]);
        expect((await tx.reminders.escalationsDue(T0, 10)).map((r) => r.tenantId)).toEqual([tenant]);
        expect(await tx.teams.members('lead_same')).toHaveLength(1);
      });
    }
  });

  it('a member of a team in one tenant sees nothing in another through the scope filter', async () => {
    await storage.transaction({ tenantId: 'ta' }, (tx) =>
      tx.teams.replace('lead_same', [
        { userId: 'u_only_a', role: 'presales', access: 'read', isOwner: false },
      ]),
    );
    const scope = { kind: 'scoped', ownerIds: [], memberIds: ['u_only_a'], minAccess: 'read' } as const;
    expect(await storage.read({ tenantId: 'ta' }, (tx) => tx.leads.count(undefined, scope))).toBe(1);
    expect(await storage.read({ tenantId: 'tb' }, (tx) => tx.leads.count(undefined, scope))).toBe(0);
  });
});
