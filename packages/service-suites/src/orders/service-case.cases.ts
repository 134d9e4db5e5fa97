import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { deliveredOrder, eventsOf, expectRefusedBecause, lineOf, refusal } from './order-fixtures.js';

/** After-sales repair and replacement, seen by the whole deal team. */
export function serviceCaseCases(world: () => Promise<ServiceWorld>): void {
  it('repairs a scanner under warranty: the service engineer on the deal team sees order and case', async () => {
    const w = await world();
    const { crm, org } = w;
    const { deal, order } = await deliveredOrder(w);
    await refusal(crm.orders.get(org.service, order.id), 'NOT_FOUND');
    await crm.opportunities.addTeamMember(org.repA, deal.id, { userId: org.service.id, role: 'service' });
    expect((await crm.orders.get(org.service, order.id)).id).toBe(order.id);

    const opened = await crm.serviceCases.open(org.service, {
      orderId: order.id,
      serial: 'LS-7',
      kind: 'repair',
      summary: '扫描头不读码',
      assigneeId: org.service.id,
    });
    expect(opened).toMatchObject({
      status: 'open',
      orderLineId: lineOf(order, 'LS2208').id,
      serial: 'LS-7',
      opportunityId: deal.id,
      accountId: order.accountId,
      ownerId: org.service.id,
      assigneeId: org.service.id,
      underWarranty: true,
      warrantyUntil: '2027-03-02',
    });
    // The salesperson and the manager see the case without being asked the same questions twice.
    expect((await crm.serviceCases.get(org.repA, opened.id)).id).toBe(opened.id);
    expect(
      (await crm.serviceCases.list(org.manager, { orderId: [order.id] })).items.map((c) => c.id),
    ).toEqual([opened.id]);
    await refusal(crm.serviceCases.get(org.repB, opened.id), 'NOT_FOUND');

    await crm.serviceCases.progress(org.service, opened.id, { to: 'diagnosing' });
    await expectRefusedBecause(
      crm.serviceCases.resolve(org.service, opened.id, { resolution: 'reset' }),
      'a repair or replacement case is resolved only after the repair or replacement',
    );
    await crm.serviceCases.progress(org.service, opened.id, { to: 'repair', note: '更换扫描引擎' });
    const resolved = await crm.serviceCases.resolve(org.service, opened.id, {
      resolution: '更换扫描引擎后读码正常',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: '更换扫描引擎后读码正常',
      resolvedAt: w.clock.now(),
    });
    const closed = await crm.serviceCases.close(org.service, opened.id, {
      expectedVersion: resolved.version,
    });
    expect(closed.status).toBe('closed');
    await expectRefusedBecause(
      crm.serviceCases.reopen(org.service, opened.id),
      'the case is closed; open a new case instead',
    );
    expect(await eventsOf(w, 'service_case', opened.id)).toEqual([
      'service_case.opened',
      'service_case.progressed',
      'service_case.progressed',
      'service_case.resolved',
      'service_case.closed',
    ]);
  });

  it('replaces the server, reopens when the fault returns, and knows when the warranty has run out', async () => {
    const w = await world();
    const { crm, org, clock } = w;
    const { order } = await deliveredOrder(w);
    const sc = await crm.serviceCases.open(org.repA, {
      orderId: order.id,
      serial: 'SRV-1',
      kind: 'replacement',
      summary: '主板故障',
    });
    expect(sc).toMatchObject({
      orderLineId: lineOf(order, 'SRV-R740').id,
      ownerId: org.repA.id,
      assigneeId: null,
    });
    await crm.serviceCases.progress(org.repA, sc.id, { to: 'diagnosing' });
    await crm.serviceCases.progress(org.repA, sc.id, { to: 'replacement' });
    await crm.serviceCases.resolve(org.repA, sc.id, { resolution: '整机更换' });
    const reopened = await crm.serviceCases.reopen(org.repA, sc.id);
    expect(reopened).toMatchObject({ status: 'diagnosing', resolution: null, resolvedAt: null });
    await crm.serviceCases.progress(org.repA, sc.id, { to: 'replacement' });
    await crm.serviceCases.resolve(org.repA, sc.id, { resolution: '再次更换并测试 48 小时' });
    expect((await crm.serviceCases.close(org.repA, sc.id)).status).toBe('closed');

    // Delivered 2026-03-02 with 12 months: covered through 2027-03-02 on the Shanghai calendar.
    clock.set('2027-03-02T15:59:00.000Z');
    const lastDay = await crm.serviceCases.open(org.repA, {
      orderId: order.id,
      kind: 'maintenance',
      summary: '年度保养',
    });
    expect(lastDay).toMatchObject({ underWarranty: true, orderLineId: null, serial: null });
    clock.set('2027-03-02T16:01:00.000Z');
    const after = await crm.serviceCases.open(org.repA, {
      orderId: order.id,
      kind: 'maintenance',
      summary: '年度保养',
    });
    expect(after.underWarranty).toBe(false);
    const closedOrder = await crm.orders.close(org.repA, order.id);
    // A closed order's units still get service.
    await crm.serviceCases.open(org.repA, {
      orderId: closedOrder.id,
      serial: 'LS-1',
      kind: 'repair',
      summary: '按键失灵',
    });
  });
}
