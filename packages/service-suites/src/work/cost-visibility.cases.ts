import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode } from '../support/service-expect.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** Who sees which costs (MISSION point 7), who may book for whom, and date windows. */
export function registerCostVisibilityCases(world: () => Promise<ServiceWorld>): void {
  it('keeps a rep’s costs from a peer while the manager sees both', async () => {
    const w = await world();
    const { repA, repB, manager, otherManager, admin } = w.org;
    const leadA = await w.crm.leads.capture(repA, storyLead({ company: '甲的客户' }));
    const leadB = await w.crm.leads.capture(repB, storyLead({ company: '乙的客户' }));
    const costA = await w.crm.costs.record(repA, {
      category: 'travel',
      amount: cny(300_00),
      incurredOn: '2026-03-02',
      leadId: leadA.id,
    });
    const costB = await w.crm.costs.record(repB, {
      category: 'entertainment',
      amount: cny(800_00),
      incurredOn: '2026-03-02',
      leadId: leadB.id,
    });

    expect((await w.crm.costs.list(repA)).items.map((c) => c.id)).toEqual([costA.id]);
    expect(await w.crm.costs.total(repA)).toEqual([{ currency: 'CNY', amount: 300_00, count: 1 }]);
    expect(await w.crm.costs.total(repA, { incurredBy: repB.id })).toEqual([]);
    expect((await w.crm.costs.list(repA, { leadId: leadB.id })).items).toEqual([]);
    await expectCode(w.crm.costs.get(repA, costB.id), 'NOT_FOUND');
    await expectCode(
      w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(1),
        incurredOn: '2026-03-02',
        leadId: leadB.id,
      }),
      'NOT_FOUND',
    );

    expect(new Set((await w.crm.costs.list(manager)).items.map((c) => c.id))).toEqual(
      new Set([costA.id, costB.id]),
    );
    expect(await w.crm.costs.total(manager)).toEqual([{ currency: 'CNY', amount: 1100_00, count: 2 }]);
    expect((await w.crm.costs.get(manager, costB.id)).incurredBy).toBe(repB.id);
    expect(await w.crm.costs.total(otherManager)).toEqual([]);
    expect(await w.crm.costs.total(admin)).toEqual([{ currency: 'CNY', amount: 1100_00, count: 2 }]);
  });

  it('books for someone else only as their manager or an admin', async () => {
    const w = await world();
    const { repA, repB, manager, otherManager } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    const input = {
      category: 'samples_demo_units' as const,
      amount: cny(50_00),
      incurredOn: '2026-03-02',
      leadId: lead.id,
    };
    await expectCode(w.crm.costs.record(repA, { ...input, incurredBy: repB.id }), 'PERMISSION_DENIED');
    await expectCode(
      w.crm.costs.record(otherManager, { ...input, incurredBy: repA.id }),
      'PERMISSION_DENIED',
    );
    const booked = await w.crm.costs.record(manager, { ...input, incurredBy: repA.id });
    expect(booked.incurredBy).toBe(repA.id);
    expect((await w.crm.costs.get(repA, booked.id)).id).toBe(booked.id);
    // The spender may correct what the manager booked for them.
    expect(
      (await w.crm.costs.correct(repA, booked.id, { amount: cny(45_00), reason: 'two samples, not three' }))
        .amount,
    ).toEqual(cny(45_00));
  });

  it('treats the date window as inclusive of `to`', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    for (const [day, amount] of [
      ['2026-02-28', 1],
      ['2026-03-01', 10],
      ['2026-03-31', 100],
      ['2026-04-01', 1000],
    ] as const) {
      await w.crm.costs.record(repA, {
        category: 'travel',
        amount: cny(amount),
        incurredOn: day,
        leadId: lead.id,
      });
    }
    expect(await w.crm.costs.total(repA, { from: '2026-03-01', to: '2026-03-31' })).toEqual([
      { currency: 'CNY', amount: 110, count: 2 },
    ]);
    expect(await w.crm.costs.total(repA, { to: '2026-03-01' })).toEqual([
      { currency: 'CNY', amount: 11, count: 2 },
    ]);
    expect(await w.crm.costs.total(repA, { from: '2026-03-31', to: '2026-03-31' })).toEqual([
      { currency: 'CNY', amount: 100, count: 1 },
    ]);
    expect((await w.crm.costs.list(repA, { from: '2026-04-01' })).items.map((c) => c.incurredOn)).toEqual([
      '2026-04-01',
    ]);
  });
}
