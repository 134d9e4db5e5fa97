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

/** A deal of one line for the quantity splits: `deal` with the line, account and customer given. */
function line(
  id: string,
  line: { sku: string; category: string; quantity: number },
  province: string | null,
  delivery: string | null,
  account = `acc-${id}`,
): DealRecord {
  return {
    ...deal(id, line.quantity, province, delivery),
    lines: [line],
    accountId: account,
    accountName: account,
  };
}

describe('blocking splits oversize blocks by exact quantity, which needs no delivery date', () => {
  it('pairs a twin entered without a delivery date: another SKU of the category, same quantity and province', () => {
    // The province/category/month blocks need a delivery date, and the SKUs differ: before the
    // `pq` split these two shared no block at all (gen 2 at 100k: 384 × KS-20 / 384 × KS-10).
    const engine = new DealDuplicateEngine([
      line('a', { sku: 'KS-20', category: 'kiosk', quantity: 384 }, '37', '2026-08-17'),
      line('b', { sku: 'KS-10', category: 'kiosk', quantity: 384 }, '37', null),
      line('c', { sku: 'KS-10', category: 'kiosk', quantity: 384 }, '44', null),
      line('d', { sku: 'KS-10', category: 'kiosk', quantity: 380 }, '37', null),
    ]);
    expect([...engine.index.candidatesOf(0)]).toEqual([1]);
    expect([...engine.candidatePairs()]).toContainEqual([0, 1]);
  });

  it("pairs a busy customer's re-entry without a delivery date though its customer blocks are over the cap", () => {
    // Cap 3: the account's blocks (5 deals) are skipped; its lines of one category in one quantity
    // still meet (gen 2 at 100k: 10 × PR-D1 / 10 × PR-D4 of one account with 1,906 deals).
    const printer = (sku: string, quantity: number) => ({ sku, category: 'printer', quantity });
    const records = [
      line('a', printer('PR-D1', 10), '37', '2027-09-21', 'busy'),
      line('b', printer('PR-D4', 10), '37', null, 'busy'),
      line('c', printer('PR-D4', 30), '37', '2026-01-10', 'busy'),
      line('d', { sku: 'HH-205', category: 'handheld', quantity: 10 }, '37', '2026-03-01', 'busy'),
      line('e', printer('PR-D2', 50), '37', '2026-05-01', 'busy'),
    ];
    const engine = new DealDuplicateEngine(records, { maxBlock: 3 });
    expect(engine.index.candidatesOf(1).has(0)).toBe(true);
    expect(engine.index.candidatesOf(1).has(3)).toBe(false);
    expect([...engine.candidatePairs()]).toContainEqual([0, 1]);
  });
});
