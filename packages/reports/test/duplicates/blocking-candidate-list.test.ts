import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';

/** A deal of two lines from a few SKUs, customers shared by some, so blocks overlap and some pass the cap. */
function deal(k: number): DealRecord {
  const skus = ['SC-34', 'PR-10', 'LB-200', 'MC-9'];
  return {
    id: `d${k}`,
    name: `deal ${k}`,
    ownerId: 'rep',
    accountId: `acc-${k % 5}`,
    accountName: `客户${k % 5}贸易有限公司`,
    accountKind: null,
    accountKeys: [],
    endCustomer: null,
    lines: [
      { sku: skus[k % 4] as string, category: 'scanner', quantity: 10 + (k % 3) },
      { sku: skus[(k + 1) % 4] as string, category: 'printer', quantity: 5 },
    ],
    requiredDelivery: `2027-0${1 + (k % 3)}-1${k % 10}`,
    province: k % 2 === 0 ? '33' : '44',
    amountMinor: 1000_00 + k,
    currency: 'CNY',
  };
}

describe('CandidateIndex.candidateList', () => {
  it('lists each deal’s candidates as candidatesOf holds them, in the same order', () => {
    const engine = new DealDuplicateEngine(
      Array.from({ length: 30 }, (_, k) => deal(k)),
      { maxBlock: 6 },
    );
    let listed = 0;
    for (let i = 0; i < engine.size; i++) {
      const list = Array.from(engine.index.candidateList(i));
      expect(list).toEqual([...engine.index.candidatesOf(i)]);
      listed += list.length;
    }
    // The blocks pair some deals and the cap leaves others apart: the lists are neither empty nor all.
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(30 * 29);
    // Grown after a list was asked: the deal added is listed, and lists it back.
    engine.add(deal(30));
    const last = Array.from(engine.index.candidateList(30));
    expect(last).toEqual([...engine.index.candidatesOf(30)]);
    for (const j of last) expect(Array.from(engine.index.candidateList(j))).toContain(30);
    expect(Array.from(engine.index.candidateList(31))).toEqual([]);
  });
});
