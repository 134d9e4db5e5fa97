import type { DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../src/duplicates/blocking.js';
import { dealBlockingKeys } from '../../src/duplicates/dedupe-index.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/**
 * The in-memory index holds blocking keys as integers (`block-table.ts`); the stored keys are text.
 * The scan, the in-memory check and the stored check agree only if both forms pair the same deals.
 * The reference here is the plain definition: two deals are candidates when they share a key text
 * whose block holds at most `maxBlock` deals.
 */
function referenceCandidates(keys: readonly string[][], maxBlock: number): Set<number>[] {
  const members = new Map<string, number[]>();
  keys.forEach((ks, i) => {
    for (const k of ks) members.set(k, [...(members.get(k) ?? []), i]);
  });
  const found = keys.map(() => new Set<number>());
  for (const ids of members.values()) {
    if (ids.length > maxBlock) continue;
    for (const i of ids) for (const j of ids) if (i !== j) found[i]?.add(j);
  }
  return found;
}

// SKUs, provinces and account keys holding the separators of the key text (`:` and `+`) could make
// two different keys one text; with them, and with fractional and huge quantities, the integer
// keys must still pair exactly what the text pairs.
// (`rm:A:5:3:37:…` is both SKU `A:5`, band 3 (12), province 37 and SKU `A`, band 5 (60), province `3:37`.)
const awkwardSku = fc.constantFrom('A:5', 'A', 'A:1:2', 'B+C', 'B', 'C:2+D', 'LS2208');
const awkwardFields = fc.record({
  base: dealFields,
  extra: fc.array(
    fc.record({
      sku: awkwardSku,
      category: fc.option(fc.constantFrom('x:y', 'scanner', 'A'), { nil: null }),
      quantity: fc.constantFrom(12, 60, 1.5, 19.5, 100, 3e9, 2 ** 31, -20, 119),
    }),
    { maxLength: 3 },
  ),
  province: fc.option(fc.constantFrom('37', '3:37', '-', '+'), { nil: null }),
  accountKeys: fc.subarray(['cc:1', 'ph:+86:1', 'cc:1:2']),
});

const corpus: fc.Arbitrary<DealRecord[]> = fc
  .array(awkwardFields, { minLength: 2, maxLength: 40 })
  .map((fs) =>
    fs.map(({ base, extra, province, accountKeys }, i) => {
      const r = toRecord(base, i);
      return {
        ...r,
        lines: [...r.lines, ...extra],
        province: province ?? r.province,
        accountKeys: [...r.accountKeys, ...accountKeys],
      };
    }),
  );

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('blocking keys held as integers pair exactly what their text pairs', () => {
  it('every deal: the same candidates as the key text, indexed or checked from outside', () => {
    fc.assert(
      fc.property(corpus, fc.constantFrom(2, 3, 100), (records, maxBlock) => {
        const preparer = new DealPreparer();
        const index = new CandidateIndex({ maxBlock });
        const prepared = records.map((r) => preparer.prepare(r));
        for (const p of prepared) index.add(p);
        const keys = records.map((r) => dealBlockingKeys(r));
        const expected = referenceCandidates(keys, maxBlock);
        prepared.forEach((p, i) => {
          expect(sorted(index.candidatesOf(i))).toEqual(sorted(expected[i] ?? []));
          expect(sorted(index.candidates(p, i))).toEqual(sorted(expected[i] ?? []));
        });
        // The keys the store is asked about are the texts of the pairing blocks.
        const pairing = new Set(index.pairingKeys());
        const counts = new Map<string, number>();
        for (const ks of keys) for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
        const expectedPairing = [...counts].filter(([, n]) => n >= 2 && n <= maxBlock).map(([k]) => k);
        expect([...pairing].sort()).toEqual(expectedPairing.sort());
        expect(index.stats().blocks).toBe(counts.size);
      }),
      { numRuns: 150 },
    );
  });

  it('a deal not indexed meets only blocks that exist: none of its own keys are added', () => {
    fc.assert(
      fc.property(corpus, (records) => {
        const preparer = new DealPreparer();
        const [outsider, ...rest] = records.map((r) => preparer.prepare(r));
        const index = new CandidateIndex();
        for (const p of rest) index.add(p);
        const blocks = index.stats().blocks;
        const keys = rest.map((p) => dealBlockingKeys(p.record));
        const own = new Set(dealBlockingKeys(outsider!.record));
        const expected = rest.flatMap((_, i) => (keys[i]?.some((k) => own.has(k)) ? [i] : []));
        const sizes = new Map<string, number>();
        for (const ks of keys) for (const k of ks) sizes.set(k, (sizes.get(k) ?? 0) + 1);
        const capped = expected.filter((i) => keys[i]?.some((k) => own.has(k) && (sizes.get(k) ?? 0) <= 100));
        expect(sorted(index.candidates(outsider!))).toEqual(sorted(capped));
        expect(index.stats().blocks).toBe(blocks);
      }),
      { numRuns: 100 },
    );
  });

  it('two different keys with one text are one block, as in the store', () => {
    // SKU `A:5` × 12 (band 3) in province 37 and SKU `A` × 60 (band 5) in province `3:37`, delivered
    // the same day: both have the key text `rm:A:5:3:37:2026-06`, and nothing else in common.
    const deal = (i: number, sku: string, quantity: number, province: string): DealRecord => ({
      id: `d${i}`,
      name: `deal ${i}`,
      ownerId: 'u1',
      accountId: `a${i}`,
      accountName: `Customer ${i}`,
      accountKind: null,
      accountKeys: [],
      endCustomer: null,
      lines: [{ sku, category: null, quantity }],
      requiredDelivery: '2026-06-15',
      province,
      amountMinor: 0,
      currency: 'CNY',
    });
    const records = [deal(0, 'A:5', 12, '37'), deal(1, 'A', 60, '3:37')];
    const keys = records.map((r) => dealBlockingKeys(r));
    expect(keys[0]?.filter((k) => keys[1]?.includes(k))).toEqual(['rm:A:5:3:37:2026-06']);
    const preparer = new DealPreparer();
    const index = new CandidateIndex();
    for (const r of records) index.add(preparer.prepare(r));
    expect(sorted(index.candidatesOf(0))).toEqual([1]);
    expect(index.pairingKeys()).toEqual(['rm:A:5:3:37:2026-06']);
  });
});
