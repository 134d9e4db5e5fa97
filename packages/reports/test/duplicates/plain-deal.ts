import type { DealRecord } from '@gongfu/reports';

/** A plain deal of its own one-deal customer in Shandong; each test varies the values it measures. */
export const plainDeal = (id: string, over: Partial<DealRecord> = {}): DealRecord => ({
  id,
  name: id,
  ownerId: 'rep',
  accountId: `acc-${id}`,
  accountName: `公司${id}`,
  accountKind: 'end_user',
  accountKeys: [],
  endCustomer: null,
  lines: [{ sku: `SKU-${id}`, category: null, quantity: 3 }],
  requiredDelivery: '2026-06-01',
  province: '37',
  amountMinor: 1_000_000,
  currency: 'CNY',
  ...over,
});
