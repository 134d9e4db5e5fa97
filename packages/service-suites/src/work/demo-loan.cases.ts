import { expect, it } from 'vitest';
import { eventsOf, expectInvalidField, expectRefusedBecause, refusal } from '../orders/order-fixtures.js';
import type { ServiceWorld } from '../support/harness.js';

const remindersOf = (w: ServiceWorld, id: string) =>
  w.storage.read({ tenantId: w.crm.tenantId }, (tx) => tx.reminders.forSubject('demo_loan', id));

/** Demo units lent to customers: one place at a time, reminded before they are due back. */
export function demoLoanCases(world: () => Promise<ServiceWorld>): void {
  it('lends a demo unit, reminds the day before it is due, and takes it back once', async () => {
    const w = await world();
    const { crm, org, clock } = w;
    const account = await crm.accounts.create(org.repA, {
      name: '山东恒通系统集成有限公司',
      kind: 'system_integrator',
    });
    const loan = await crm.demoLoans.lend(org.repA, {
      sku: 'MC3300',
      serial: 'DEMO-1',
      accountId: account.id,
      dueBack: '2026-03-10',
    });
    expect(loan).toMatchObject({
      ownerId: org.repA.id,
      loanedAt: clock.now(),
      returnedAt: null,
      opportunityId: null,
    });
    const [reminder, ...more] = await remindersOf(w, loan.id);
    expect(more).toEqual([]);
    // 09:00 Shanghai on 9 March.
    expect(reminder).toMatchObject({
      kind: 'demo_unit_due_back',
      userId: org.repA.id,
      dueAt: '2026-03-09T01:00:00.000Z',
    });

    const other = await crm.accounts.create(org.repB, { name: '青岛港务信息中心', kind: 'end_user' });
    const taken = await refusal(
      crm.demoLoans.lend(org.repB, {
        sku: 'MC3300',
        serial: 'DEMO-1',
        accountId: other.id,
        dueBack: '2026-03-20',
      }),
      'CONFLICT',
    );
    expect(taken.message).toBe('demo unit DEMO-1 is already out (due back 2026-03-10)');
    expect((await crm.demoLoans.list(org.repA, { open: true })).items.map((l) => l.id)).toEqual([loan.id]);
    expect((await crm.demoLoans.list(org.repB)).items).toEqual([]);
    await refusal(crm.demoLoans.get(org.repB, loan.id), 'NOT_FOUND');
    expect((await crm.demoLoans.get(org.manager, loan.id)).id).toBe(loan.id);

    clock.advanceDays(6);
    const back = await crm.demoLoans.return(org.repA, loan.id, { condition: '外壳轻微划痕' });
    expect(back).toMatchObject({ returnedAt: clock.now(), condition: '外壳轻微划痕' });
    expect(await remindersOf(w, loan.id)).toEqual([]);
    await expectRefusedBecause(
      crm.demoLoans.return(org.repA, loan.id),
      `demo unit DEMO-1 was already returned at ${back.returnedAt}`,
    );
    expect((await crm.demoLoans.list(org.repA, { open: true })).items).toEqual([]);
    expect((await crm.demoLoans.list(org.repA, { open: false })).items.map((l) => l.id)).toEqual([loan.id]);

    // Back on the shelf, the same unit can go out again.
    const again = await crm.demoLoans.lend(org.repB, {
      sku: 'MC3300',
      serial: 'DEMO-1',
      accountId: other.id,
      dueBack: '2026-03-20',
    });
    expect(again.ownerId).toBe(org.repB.id);
    expect(await eventsOf(w, 'demo_loan', loan.id)).toEqual(['demo_loan.lent', 'demo_loan.returned']);
  });

  it('validates loans: dates, accounts the rep may see, deals of the same account', async () => {
    const w = await world();
    const { crm, org } = w;
    const account = await crm.accounts.create(org.repA, { name: '济南某制造企业', kind: 'end_user' });
    const hidden = await crm.accounts.create(org.repB, { name: '淄博某化工企业', kind: 'end_user' });
    const base = { sku: 'MC3300', serial: 'DEMO-2', accountId: account.id, dueBack: '2026-03-10' };
    await expectInvalidField(crm.demoLoans.lend(org.repA, { ...base, dueBack: 'next week' }), 'dueBack');
    await expectInvalidField(crm.demoLoans.lend(org.repA, { ...base, serial: '' }), 'serial');
    await refusal(crm.demoLoans.lend(org.repA, { ...base, accountId: hidden.id }), 'NOT_FOUND');
    const opp = await crm.opportunities.create(org.repA, {
      name: '另一客户的项目',
      accountId: (await crm.accounts.create(org.repA, { name: '泰安某物流', kind: 'end_user' })).id,
      channel: 'wireless',
    });
    await expectInvalidField(
      crm.demoLoans.lend(org.repA, { ...base, opportunityId: opp.id }),
      'opportunityId',
    );
    const loan = await crm.demoLoans.lend(org.repA, base);
    await expectInvalidField(
      crm.demoLoans.return(org.repA, loan.id, { returnedAt: '2026-03-01T09:00:00+08:00' }),
      'returnedAt',
    );
    await refusal(crm.demoLoans.return(org.repB, loan.id), 'NOT_FOUND');
  });
}
