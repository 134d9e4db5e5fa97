import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';

/** A deal of one line, the rest its own: customers and names never meet. */
function deal(id: string, quantity: number, province: string | null, delivery: string | null): DealRecord {
  return {
    id,
    name: id,
    ownerId: 'rep',
    accountId: `acc-${id}`,
    accountName: `Customer ${id}`,
    accountKind: null,
    accountKeys: [],
    endCustomer: null,
    lines: [{ sku: 'SC-34', category: 'handheld_scanner', quantity }],
    requiredDelivery: delivery,
    province,
    amountMinor: quantity * 100_00,
    currency: 'CNY',
  };
}

describe('blocking splits an oversize SKU block by the exact quantity', () => {
  // With a cap of 2, the SKU's band blocks (4 deals) and the MinHash bands (one token, 4 deals) are
  // over it; the copy re-entered without a province or a delivery date has no province/month split.
  const records = [
    deal('a', 119, '33', '2027-05-28'),
    deal('copy', 119, null, null),
    deal('near', 118, '33', '2027-05-30'),
    deal('other', 117, '44', '2027-09-01'),
  ];
  const engine = new DealDuplicateEngine(records, { maxBlock: 2 });

  it('pairs a copy that keeps the quantity, though every other shared block is over the cap', () => {
    expect(engine.index.candidatesOf(0).has(1)).toBe(true);
    expect(engine.index.candidatesOf(1).has(0)).toBe(true);
    expect([...engine.candidatePairs()]).toContainEqual([0, 1]);
  });

  it('pairs nothing more: other quantities meet only through the province and month split', () => {
    expect([...engine.index.candidatesOf(1)]).toEqual([0]);
    expect(engine.index.candidatesOf(0).has(2)).toBe(true);
    expect(engine.index.candidatesOf(0).has(3)).toBe(false);
  });
});
