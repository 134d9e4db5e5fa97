import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealLine, type DealRecord, type DuplicateWeights } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats, statKeys } from '../../src/duplicates/corpus-stats.js';
import { EXTRA_CAP, readsCoOccurrence, togetherBits } from '../../src/duplicates/line-reading.js';
import { basketOf, copiedProject, day, deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * Matched lines read against the tenant's own deals (`line-reading.ts`): the first line of two
 * otherwise different baskets against the partners a deal is compared with, each further line by
 * how often the deals holding the first hold it too.
 */

const line = (sku: string, quantity: number, category: string | null = null): DealLine => ({
  sku,
  category,
  quantity,
});

const DEVICE = line('DEV-A', 200, 'mobile_computer');
const ACCESSORY = line('ACC-A', 200, 'label_printer');

/**
 * 2,000 one-off projects; 40 holders of 200 × DEV-A (different customers, provinces and dates),
 * 30 of them with its accessory 200 × ACC-A, each with a line of its own. The pairs weighed, two
 * customers in Shandong three weeks apart with two lines of their own each: `rare` share DEV-A and
 * 137 × RARE-X (no other holder of DEV-A has it), `usual` share DEV-A and its accessory.
 */
function tenant(): DealRecord[] {
  const others = oneOffProjects();
  const holders = Array.from({ length: 40 }, (_, i) =>
    deal(`h${i}`, {
      lines: i < 30 ? [DEVICE, ACCESSORY, line(`OWN-${i}`, 50)] : [DEVICE, line(`OWN-${i}`, 50)],
      province: provinces[i % 6] as string,
      requiredDelivery: day(i * 17),
    }),
  );
  const own = (id: string) => [line(`${id}-1`, 30), line(`${id}-2`, 60)];
  const rare = line('RARE-X', 137, 'rfid_reader');
  const pairs = [
    deal('rareA', { lines: [DEVICE, rare, ...own('ra')], requiredDelivery: '2026-06-01' }),
    deal('rareB', { lines: [DEVICE, rare, ...own('rb')], requiredDelivery: '2026-06-22' }),
    deal('usualA', { lines: [DEVICE, ACCESSORY, ...own('ua')], requiredDelivery: '2026-06-01' }),
    deal('usualB', { lines: [DEVICE, ACCESSORY, ...own('ub')], requiredDelivery: '2026-06-22' }),
    deal('oneA', { lines: [DEVICE, ...own('oa')], requiredDelivery: '2026-06-01' }),
    deal('oneB', { lines: [DEVICE, ...own('ob')], requiredDelivery: '2026-06-04' }),
  ];
  // A one-off project of one customer entered a second time.
  const copy = copiedProject(others);
  return [...others, ...holders, ...pairs, copy];
}

/** The tenant's estimate as one stored before the co-occurrence reading (the hand rule weighs). */
function before(weights: DuplicateWeights): DuplicateWeights {
  const { lineReading: _, ...rest } = weights;
  return rest;
}

describe('matched lines are read against what the tenant’s deals hold together', () => {
  it('a second line no other holder of the first has counts its surprise, not the hand rule’s 1.5 bits, and says the figure', () => {
    const engine = new DealDuplicateEngine(tenant());
    expect(engine.weights().lineReading).toBe('co-occurrence');
    const rare = engine.score('rareA', 'rareB');
    const clause = basketOf(rare);
    expect(clause?.text).toContain(
      'of the 44 other deals with 200–499 mobile computers, 0 also have 100–199 RFID readers',
    );
    expect(renderBuiltIn(clause?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '含有数量 200–499 的移动数据终端的另外 44 笔商机中，有 0 笔也含有数量 100–199 的RFID 读写器',
    );
    expect(rare.score).toBeGreaterThan(0);
    // What the second line adds to the device alone (each pair has two lines of its own on either
    // side): its surprise given the device, where the hand rule gave a second line at most 1.5 bits.
    const alone = basketOf(engine.score('oneA', 'oneB'))?.weight ?? Number.NaN;
    expect((clause?.weight ?? Number.NaN) - alone).toBeGreaterThan(EXTRA_CAP + 8);
    // The first line read against the partners takes nothing from such a pair: it weighs at least
    // what it weighed as an estimate stored before the reading (the hand rule, all deals).
    const old = new DealDuplicateEngine(tenant(), { weights: before(engine.weights()) });
    const oldRare = old.score('rareA', 'rareB');
    expect(basketOf(oldRare)?.text).not.toContain('other deals with');
    expect(clause?.weight ?? Number.NaN).toBeGreaterThan((basketOf(oldRare)?.weight ?? Number.NaN) - 1);
  });

  it('a line that comes with the first in most of its holders (an accessory) adds far less than one none of them has', () => {
    const engine = new DealDuplicateEngine(tenant());
    const usual = engine.score('usualA', 'usualB');
    expect(basketOf(usual)?.text).toContain(
      'of the 44 other deals with 200–499 mobile computers, 30 also have 200–499 label printers',
    );
    // What the second line adds to the device alone (each pair has two lines of its own on either side).
    const alone = basketOf(engine.score('oneA', 'oneB'))?.weight ?? Number.NaN;
    const accessory = (basketOf(usual)?.weight ?? Number.NaN) - alone;
    const rare = (basketOf(engine.score('rareA', 'rareB'))?.weight ?? Number.NaN) - alone;
    expect(accessory).toBeLessThan(rare - 8);
    expect(usual.score).toBeLessThan(0);
  });

  it('one line shared by otherwise different baskets is read against the partners compared; a copied project still counts', () => {
    const engine = new DealDuplicateEngine(tenant());
    const partners = Math.round(engine.weights().partnersPerDeal ?? Number.NaN);
    const one = engine.score('oneA', 'oneB');
    expect(one.score).toBeLessThan(0);
    const clause = basketOf(one);
    expect(clause?.text).toContain(
      `44 other deals hold 200–499 mobile computers too, and each deal here is compared with about ${Math.max(partners, 44)}`,
    );
    expect(renderBuiltIn(clause?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '另有 44 笔商机含有数量 200–499 的移动数据终端',
    );
    // Read against all deals (the hand rule's estimate), the shared line counted its full surprise.
    const old = new DealDuplicateEngine(tenant(), { weights: before(engine.weights()) });
    expect(basketOf(old.score('oneA', 'oneB'))?.weight ?? Number.NaN).toBeGreaterThan(
      (clause?.weight ?? Number.NaN) + 2,
    );
    expect(engine.score('o0', 'o0-copy').score).toBeGreaterThan(0);
  });

  it('a line matched whole but re-typed (200 / 205) is read against the partners too: only an exact copy is a basket', () => {
    const records = [
      ...tenant(),
      deal('typedA', { lines: [DEVICE], requiredDelivery: '2026-06-01' }),
      deal('typedB', { lines: [{ ...DEVICE, quantity: 205 }], requiredDelivery: '2026-06-04' }),
    ];
    const engine = new DealDuplicateEngine(records);
    const typed = engine.score('typedA', 'typedB');
    expect(basketOf(typed)?.text).toContain('46 other deals hold 200–499 mobile computers too');
    expect(typed.score).toBeLessThan(0);
    // As an estimate stored before the reading weighs it, the shared device counted its full surprise.
    const old = new DealDuplicateEngine(records, { weights: before(engine.weights()) });
    expect(basketOf(old.score('typedA', 'typedB'))?.weight ?? Number.NaN).toBeGreaterThan(
      (basketOf(typed)?.weight ?? Number.NaN) + 2,
    );
  });

  it('statistics read from an index stored before item pairs were counted keep the hand rule', () => {
    const records = tenant();
    const counts = new Map<string, number>();
    for (const r of records) for (const k of statKeys(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const weights = new DealDuplicateEngine(records).weights();
    const measured = CorpusStats.fromCounts(counts);
    measured.weights = weights;
    expect(readsCoOccurrence(measured)).toBe(true);
    // One deal stored before: its pairs are missing, so "held together by none" cannot be trusted.
    counts.set('#cv', (counts.get('#cv') ?? 0) - 1);
    const older = CorpusStats.fromCounts(counts);
    older.weights = weights;
    expect(readsCoOccurrence(older)).toBe(false);
  });

  it('a line held together with the first more often never weighs more, nor a line more common overall', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (b1, b2, extra, s1, s2) => {
          const [fewer, more] = b1 <= b2 ? [b1, b2] : [b2, b1];
          const holders = more + extra;
          const [rarer, commoner] = s1 <= s2 ? [s1, s2] : [s2, s1];
          // Up to a double's rounding in the last bits.
          const ulp = 1e-12;
          expect(togetherBits(more, holders, s1)).toBeLessThanOrEqual(togetherBits(fewer, holders, s1) + ulp);
          expect(togetherBits(fewer, holders, commoner)).toBeLessThanOrEqual(
            togetherBits(fewer, holders, rarer) + ulp,
          );
          expect(togetherBits(fewer, holders, s1)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
