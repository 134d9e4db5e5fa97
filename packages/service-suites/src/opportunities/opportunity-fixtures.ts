import type { User } from '@gongfu/core';
import { expect } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode } from '../support/service-expect.js';

export const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A key-account deal of `owner` (default 销售员甲) on a fresh account of theirs, with the given lines. */
export async function keyAccountDeal(
  w: ServiceWorld,
  lines: { sku: string; quantity: number; price: number }[] = [
    { sku: 'LS2208', quantity: 200, price: 120_000 },
  ],
  owner: User = w.org.repA,
  channel: 'key_account' | 'distribution' | 'wireless' = 'key_account',
) {
  const account = await w.crm.accounts.create(owner, {
    name: `山东恒通系统集成 ${owner.name}`,
    kind: 'system_integrator',
    channel,
  });
  const deal = await w.crm.opportunities.create(owner, {
    name: '仓储条码项目',
    accountId: account.id,
    channel,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: cny(l.price) })),
  });
  return { account, deal };
}

/** Stage, probability and forecast category: the three that move together. */
export const stageOf = (o: { stage: string; probability: number; forecastCategory: string }) => [
  o.stage,
  o.probability,
  o.forecastCategory,
];

/** Expect an InvalidTransitionError carrying exactly this reason. */
export async function expectReason(p: Promise<unknown>, reason: string): Promise<void> {
  const error = await expectCode(p, 'INVALID_TRANSITION');
  expect(error.reason).toBe(reason);
}
