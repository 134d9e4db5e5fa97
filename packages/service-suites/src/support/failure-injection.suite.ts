import type { CrmStorage } from '@gongfu/core';
import { isCrmError, scanAll } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cny, quotedLead as quoteOf } from '../faults/command-fixtures.js';
import { tenantSnapshot } from '../tenants/tenant-snapshot.js';
import { type FaultyStorage, faultyStorage, InjectedFault } from './fault-injection.js';
import { openWorld, type ServiceWorld, type StorageFactory } from './harness.js';

/**
 * The tenant as a whole: every record with its team rows and reminders (`tenantSnapshot`), plus
 * what that leaves out — each record's full history entries and the whole quote ledger with its
 * links to deals and accounts.
 */
async function fullSnapshot(storage: CrmStorage, tenantId: string): Promise<unknown> {
  const records = await tenantSnapshot(storage, tenantId);
  const extra = await storage.read({ tenantId }, async (tx) => {
    const leads = await scanAll(tx.leads, undefined);
    const quotes = [];
    for (const lead of leads) quotes.push(...(await tx.quotes.list({ leadId: lead.id }, 500)));
    const history: Record<string, unknown> = {};
    for (const [type, store] of [
      ['lead', tx.leads],
      ['opportunity', tx.opportunities],
      ['account', tx.accounts],
      ['contact', tx.contacts],
      ['order', tx.orders],
    ] as const) {
      for (const r of await scanAll(store as typeof tx.leads, undefined))
        history[`${type}:${r.id}`] = await tx.history.forEntity(type, r.id);
    }
    return { quotes: quotes.sort((a, b) => (a.id < b.id ? -1 : 1)), history };
  });
  return { records, ...extra };
}

/**
 * Fail the 1st, 2nd, … write of `command` until it succeeds. After each failure the caller gets
 * exactly the injected error (not a wrapped or driver error) and the tenant is exactly as before.
 * Returns how many writes the successful run made.
 */
async function failEachWrite(faulty: FaultyStorage, tenantId: string, command: () => Promise<unknown>) {
  const before = await fullSnapshot(faulty.storage, tenantId);
  for (let n = 1; n < 500; n++) {
    faulty.failAt(n);
    const failure = await command().then(
      () => null,
      (e: unknown) => e ?? new Error('rejected without a reason'),
    );
    if (failure === null) {
      faulty.disarm();
      return faulty.writes;
    }
    expect(failure, `write #${n}`).toBeInstanceOf(InjectedFault);
    expect((failure as InjectedFault).write).toBe(n);
    expect(isCrmError(failure)).toBe(false);
    expect(await fullSnapshot(faulty.storage, tenantId), `after failing write #${n}`).toEqual(before);
  }
  throw new Error('the command never succeeded');
}

/** A lead of 销售员甲 quoted for 200 scanners, ready to convert. */
const quotedLead = (w: ServiceWorld, company: string) => quoteOf(w, company, 200);

export function describeFailureInjection(makeStorage: StorageFactory): void {
  describe('failure injection: multi-write commands leave nothing partial', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    const world = async () => {
      const faulty = faultyStorage(storage);
      return { faulty, w: await openWorld(faulty.storage) };
    };

    it('convert into a new account, contact and opportunity with a deal team', async () => {
      const { faulty, w } = await world();
      const lead = await quotedLead(w, '山东恒通系统集成有限公司');
      const convert = () =>
        w.crm.leads.convert(w.org.repA, lead.id, {
          account: { kind: 'system_integrator' },
          team: [{ userId: w.org.presales.id, role: 'presales' }],
        });
      // lead read-modify-write, account + team, contact, deal + team + reminders, quote links, history.
      expect(await failEachWrite(faulty, w.crm.tenantId, convert)).toBeGreaterThanOrEqual(9);
      const after = await w.crm.leads.get(w.org.repA, lead.id);
      expect(after.status).toBe('converted');
      const deal = await w.crm.opportunities.get(w.org.presales, after.convertedOpportunityId!);
      expect(deal.amount).toEqual(cny(200 * 120_000));
      expect(await w.crm.leads.lastQuote(w.org.repA, { opportunityId: deal.id })).toMatchObject({
        accountId: after.accountId,
      });
    });

    it('convert into an existing account and an existing open opportunity', async () => {
      const { faulty, w } = await world();
      const first = await w.crm.leads.convert(w.org.repA, (await quotedLead(w, '山东恒通')).id, {
        account: { kind: 'system_integrator' },
      });
      const second = await quotedLead(w, '山东恒通（二期）');
      const convert = () =>
        w.crm.leads.convert(w.org.repA, second.id, {
          account: { existingId: first.account.id },
          opportunityId: first.opportunity.id,
        });
      expect(await failEachWrite(faulty, w.crm.tenantId, convert)).toBeGreaterThanOrEqual(5);
      const deal = await w.crm.opportunities.get(w.org.repA, first.opportunity.id);
      expect(deal).toMatchObject({ version: first.opportunity.version + 1, amount: cny(2 * 200 * 120_000) });
      expect(deal.lines).toHaveLength(4);
    });

    it('win with createOrder: the won deal and its order, or neither', async () => {
      const { faulty, w } = await world();
      const { opportunity } = await w.crm.leads.convert(w.org.repA, (await quotedLead(w, '青岛港务')).id, {
        account: { kind: 'end_user' },
        team: [{ userId: w.org.presales.id, role: 'presales' }],
      });
      const win = () =>
        w.crm.opportunities.win(w.org.repA, opportunity.id, {
          createOrder: { promisedDelivery: '2026-06-30', warrantyMonths: 24 },
        });
      // deal update + history + reminders, order number + order insert + history + reminders.
      expect(await failEachWrite(faulty, w.crm.tenantId, win)).toBeGreaterThanOrEqual(5);
      const deal = await w.crm.opportunities.get(w.org.repA, opportunity.id);
      expect(deal.stage).toBe('won');
      const orders = await w.crm.orders.list(w.org.repA, { opportunityId: [opportunity.id] });
      // Every failed attempt took a number after the deal's writes; each rolled back with its
      // transaction, so the tenant's first order still gets the first number.
      expect(orders.items.map((o) => [o.warrantyMonths, o.number])).toEqual([[24, 'SO-2026-000001']]);
    });

    it('direct order: its number is taken in the transaction, never consumed by a failed attempt', async () => {
      const { faulty, w } = await world();
      const dealer = await w.crm.accounts.create(w.org.otherRep, { name: '烟台条码经销商', kind: 'dealer' });
      const create = () =>
        w.crm.orders.createDirect(w.org.otherRep, {
          accountId: dealer.id,
          lines: [{ sku: 'LS2208', quantity: 10, unitPrice: cny(118_000) }],
        });
      // order number, order insert, team, history, reminders.
      expect(await failEachWrite(faulty, w.crm.tenantId, create)).toBeGreaterThanOrEqual(4);
      const next = await create();
      const numbers = (await w.crm.orders.list(w.org.admin, {})).items.map((o) => o.number).sort();
      expect(numbers).toEqual(['SO-2026-000001', 'SO-2026-000002']);
      expect(next.number).toBe('SO-2026-000002');
    });
  });
}
