import type { Opportunity, Order } from '@gongfu/core';
import { type CrmError, type CrmErrorCode, isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import { type ServiceWorld, storyLead } from '../support/harness.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The opening story's deal, quoted, with presales on the team, won by 销售员甲. */
export async function wonDeal(w: ServiceWorld, company?: string): Promise<Opportunity> {
  const { crm, org } = w;
  const lead = await crm.leads.capture(org.repA, storyLead(company ? { company } : {}));
  for (const [sku, quantity, price] of [
    ['LS2208', 200, 120_000],
    ['SRV-R740', 1, 4_500_000],
  ] as const) {
    await crm.leads.quote(org.repA, lead.id, {
      sku,
      quantity,
      unitPrice: cny(price),
      validUntil: '2026-04-30',
    });
  }
  const { opportunity } = await crm.leads.convert(org.repA, lead.id, {
    account: { kind: 'system_integrator' },
    team: [{ userId: org.presales.id, role: 'presales' }],
    requiredDelivery: '2026-06-30',
  });
  return (await crm.opportunities.win(org.repA, opportunity.id)).opportunity;
}

/** 200 scanners LS-1…LS-200 and one server SRV-1, in the order's line order. */
export const scannerSerials = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `LS-${from + i}`);

export function lineOf(order: Order, sku: string) {
  const line = order.lines.find((l) => l.sku === sku);
  if (!line) throw new Error(`no ${sku} line`);
  return line;
}

/** A confirmed order from the won deal, shipped in full with serials. */
export async function shippedOrder(w: ServiceWorld): Promise<{ deal: Opportunity; order: Order }> {
  const { crm, org } = w;
  const deal = await wonDeal(w);
  const draft = await crm.orders.createFromOpportunity(org.repA, deal.id, { warrantyMonths: 12 });
  await crm.orders.confirm(org.repA, draft.id);
  const order = await crm.orders.ship(org.repA, draft.id, {
    lines: [
      { lineId: lineOf(draft, 'LS2208').id, quantity: 200, serials: scannerSerials(1, 200) },
      { lineId: lineOf(draft, 'SRV-R740').id, quantity: 1, serials: ['SRV-1'] },
    ],
  });
  return { deal, order };
}

export async function deliveredOrder(w: ServiceWorld): Promise<{ deal: Opportunity; order: Order }> {
  const { deal, order } = await shippedOrder(w);
  return { deal, order: await w.crm.orders.deliver(w.org.repA, order.id) };
}

/** Awaits a command expected to be refused and checks the error code (and reason or field). */
export async function refusal(promise: Promise<unknown>, code: CrmErrorCode): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    if (!isCrmError(error)) throw error;
    expect(error.code, error.message).toBe(code);
    return error;
  }
  throw new Error(`expected a ${code} refusal, but the command succeeded`);
}

export async function expectRefusedBecause(
  promise: Promise<unknown>,
  reason: string | RegExp,
): Promise<void> {
  const error = await refusal(promise, 'INVALID_TRANSITION');
  if (!isCrmError(error, 'INVALID_TRANSITION')) throw error;
  if (typeof reason === 'string') expect(error.reason).toBe(reason);
  else expect(error.reason).toMatch(reason);
}

export async function expectInvalidField(promise: Promise<unknown>, field: string): Promise<void> {
  const error = await refusal(promise, 'VALIDATION');
  if (!isCrmError(error, 'VALIDATION')) throw error;
  expect(error.issues.map((i) => i.field)).toContain(field);
}

/** The history events of one record, in order, as seen by the admin. */
export async function eventsOf(w: ServiceWorld, type: 'order' | 'service_case' | 'demo_loan', id: string) {
  return (await w.crm.history.forRecord(w.org.admin, type, id)).map((e) => e.event);
}
