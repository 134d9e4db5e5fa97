import type { Crm, User } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import type { TenantFixture } from './tenant-plan.js';

/** The refusal a call ends in, reduced to what a caller can observe: code, name and message shape. */
async function refusalShape(call: Promise<unknown>, id: string): Promise<Record<string, unknown>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isCrmError(error)) throw new Error(`expected a refusal for ${id}, got ${String(error)}`);
  const { code, name, message } = error;
  const extra = error as unknown as { entity?: string; id?: string };
  return {
    code,
    name,
    entity: extra.entity,
    message: message.split(id).join('<id>'),
    idEchoed: extra.id === id,
  };
}

type Probe = (crm: Crm, actor: User, id: string) => Promise<unknown>;

/** Every command that takes a record id, by the kind of id it takes; reads and writes alike. */
const PROBES: Record<keyof TenantFixture['ids'], Record<string, Probe>> = {
  leads: {
    get: (crm, a, id) => crm.leads.get(a, id),
    quotes: (crm, a, id) => crm.leads.quotes(a, id),
    lastQuote: (crm, a, id) => crm.leads.lastQuote(a, { leadId: id }),
    history: (crm, a, id) => crm.history.forRecord(a, 'lead', id),
    quote: (crm, a, id) =>
      crm.leads.quote(a, id, {
        sku: 'X',
        quantity: 1,
        unitPrice: { amount: 1, currency: 'CNY' },
        validUntil: '2026-04-30',
      }),
    disqualify: (crm, a, id) => crm.leads.disqualify(a, id, { reason: 'probe' }),
    costOnLead: (crm, a, id) =>
      crm.costs.record(a, {
        category: 'travel',
        amount: { amount: 1, currency: 'CNY' },
        incurredOn: '2026-03-02',
        leadId: id,
      }),
  },
  opportunities: {
    get: (crm, a, id) => crm.opportunities.get(a, id),
    explainAccess: (crm, a, id) => crm.opportunities.explainAccess(a, id),
    history: (crm, a, id) => crm.history.forRecord(a, 'opportunity', id),
    lastQuote: (crm, a, id) => crm.leads.lastQuote(a, { opportunityId: id }),
    lose: (crm, a, id) => crm.opportunities.lose(a, id, { reason: 'probe' }),
    order: (crm, a, id) => crm.orders.createFromOpportunity(a, id),
  },
  orders: {
    get: (crm, a, id) => crm.orders.get(a, id),
    history: (crm, a, id) => crm.history.forRecord(a, 'order', id),
    confirm: (crm, a, id) => crm.orders.confirm(a, id),
  },
  accounts: {
    get: (crm, a, id) => crm.accounts.get(a, id),
    team: (crm, a, id) => crm.accounts.team(a, id),
    contacts: (crm, a, id) => crm.contacts.list(a, { accountId: id }),
    lastQuote: (crm, a, id) => crm.leads.lastQuote(a, { accountId: id }),
    update: (crm, a, id) => crm.accounts.update(a, id, { name: 'probe' }),
  },
  contacts: {
    get: (crm, a, id) => crm.contacts.get(a, id),
    history: (crm, a, id) => crm.history.forRecord(a, 'contact', id),
  },
  activities: {
    get: (crm, a, id) => crm.activities.get(a, id),
    cancel: (crm, a, id) => crm.activities.cancel(a, id, { reason: 'probe' }),
  },
  costs: {
    get: (crm, a, id) => crm.costs.get(a, id),
    history: (crm, a, id) => crm.history.forRecord(a, 'cost', id),
  },
};

/**
 * For every id `other` holds and every command taking such an id: `actor` of `self`'s tenant gets
 * exactly the refusal a never-issued id gets (NOT_FOUND, same name, entity and message shape).
 * Returns how many probes ran.
 */
export async function expectForeignIdsNotFound(
  self: TenantFixture,
  actor: User,
  other: TenantFixture,
): Promise<number> {
  let probes = 0;
  for (const [kind, byName] of Object.entries(PROBES) as [
    keyof TenantFixture['ids'],
    Record<string, Probe>,
  ][]) {
    for (const [name, probe] of Object.entries(byName)) {
      const missing = await refusalShape(
        probe(self.crm, actor, `${kind}_never_issued`),
        `${kind}_never_issued`,
      );
      expect(missing.code, `${kind}.${name} on a missing id`).toBe('NOT_FOUND');
      for (const id of new Set(other.ids[kind])) {
        const foreign = await refusalShape(probe(self.crm, actor, id), id);
        expect(
          foreign,
          `${kind}.${name}(${id} of ${other.tenantId}) as ${actor.name} of ${self.tenantId}`,
        ).toEqual(missing);
        probes++;
      }
    }
  }
  return probes;
}
