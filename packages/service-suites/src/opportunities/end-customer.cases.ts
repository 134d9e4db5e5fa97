import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { keyAccountDeal } from './opportunity-fixtures.js';

const ids = (page: { items: { id: string }[] }) => page.items.map((d) => d.id).sort();

/** The end customer behind a system integrator: an end-user account, its tender, lists by it. */
export function endCustomerCases(world: () => Promise<ServiceWorld>): void {
  it('links two integrators’ deals to one end customer 山东物流集团 and tender SD-2026-0315 (the source story)', async () => {
    const w = await world();
    const { repA, repB, manager } = w.org;
    const { deal: dealA } = await keyAccountDeal(w, undefined, repA);
    const { deal: dealB } = await keyAccountDeal(w, undefined, repB);

    const linkedA = await w.crm.opportunities.linkEndCustomer(repA, dealA.id, {
      name: '山东物流集团',
      tender: { number: 'SD-2026-0315', issuer: '山东省公共资源交易中心', deadline: '2026-04-20' },
    });
    // 乙 types the same end customer, with the tender as the plain string the old input took.
    const linkedB = await w.crm.opportunities.linkEndCustomer(repB, dealB.id, {
      name: ' 山东物流集团 ',
      tender: 'SD-2026-0315',
    });

    const endCustomerId = linkedA.endCustomer?.accountId ?? '';
    expect(endCustomerId).toMatch(/^acct/);
    expect(linkedA.endCustomer).toEqual({
      accountId: endCustomerId,
      name: '山东物流集团',
      tender: { number: 'SD-2026-0315', issuer: '山东省公共资源交易中心', deadline: '2026-04-20' },
    });
    expect(linkedB.endCustomer).toEqual({
      accountId: endCustomerId,
      name: '山东物流集团',
      tender: { number: 'SD-2026-0315', issuer: null, deadline: null },
    });
    const endUser = await w.crm.accounts.get(manager, endCustomerId);
    expect([endUser.name, endUser.kind]).toEqual(['山东物流集团', 'end_user']);
    expect((await w.crm.accounts.list(manager, { kind: 'end_user' })).items).toHaveLength(1);

    // The manager sees both bids for the end customer; each rep only their own.
    expect(ids(await w.crm.opportunities.list(manager, { endCustomerId }))).toEqual(
      [dealA.id, dealB.id].sort(),
    );
    expect(ids(await w.crm.opportunities.list(repB, { endCustomerId: [endCustomerId] }))).toEqual([dealB.id]);
    expect((await w.crm.opportunities.get(repA, dealA.id)).endCustomer).toEqual(linkedA.endCustomer);

    const history = await w.crm.history.forRecord(manager, 'opportunity', dealB.id);
    expect(history.map((e) => e.event)).toContain('opportunity.end_customer_linked');
  });

  it('links a visible end-user account by id, and refuses other kinds, invisible ones and half-named input', async () => {
    const w = await world();
    const { repA, otherRep } = w.org;
    const { deal, account: integrator } = await keyAccountDeal(w);
    const mine = await w.crm.accounts.create(repA, { name: '济南港物流', kind: 'end_user' });
    const linked = await w.crm.opportunities.linkEndCustomer(repA, deal.id, {
      accountId: mine.id,
      expectedVersion: deal.version,
    });
    expect(linked.endCustomer).toEqual({ accountId: mine.id, name: '济南港物流', tender: null });

    await expectInvalidField(
      w.crm.opportunities.linkEndCustomer(repA, deal.id, { accountId: integrator.id }),
      'accountId',
    );
    const hidden = await w.crm.accounts.create(otherRep, { name: '青岛港集团', kind: 'end_user' });
    await expectCode(
      w.crm.opportunities.linkEndCustomer(repA, deal.id, { accountId: hidden.id }),
      'NOT_FOUND',
    );
    await expectInvalidField(w.crm.opportunities.linkEndCustomer(repA, deal.id, {}), 'accountId');
    await expectInvalidField(
      w.crm.opportunities.linkEndCustomer(repA, deal.id, { accountId: mine.id, name: '济南港物流' }),
      'name',
    );
    await expectInvalidField(
      w.crm.opportunities.linkEndCustomer(repA, deal.id, {
        accountId: mine.id,
        tender: { number: 'JN-1', deadline: '2026-13-45' },
      }),
      'tender',
    );
    await expectCode(
      w.crm.opportunities.linkEndCustomer(repA, deal.id, {
        accountId: mine.id,
        expectedVersion: deal.version,
      }),
      'CONCURRENCY',
    );
    // Nothing refused above changed the deal.
    expect((await w.crm.opportunities.get(repA, deal.id)).endCustomer).toEqual(linked.endCustomer);
  });

  it('names the end customer on create and clears it on update; the list filter follows', async () => {
    const w = await world();
    const { repA } = w.org;
    const { account } = await keyAccountDeal(w);
    const deal = await w.crm.opportunities.create(repA, {
      name: '冷链仓储项目',
      accountId: account.id,
      channel: 'key_account',
      endCustomer: { name: '山东物流集团', tender: { number: 'SD-2026-0401' } },
    });
    const endCustomerId = deal.endCustomer?.accountId ?? '';
    expect(deal.endCustomer?.tender).toEqual({ number: 'SD-2026-0401', issuer: null, deadline: null });
    expect(ids(await w.crm.opportunities.list(repA, { endCustomerId }))).toEqual([deal.id]);
    const cleared = await w.crm.opportunities.update(repA, deal.id, { endCustomer: null });
    expect(cleared.endCustomer).toBeNull();
    expect((await w.crm.opportunities.list(repA, { endCustomerId })).items).toEqual([]);
  });
}
