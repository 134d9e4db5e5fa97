import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, pairKey } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';

/**
 * On the bench's generator 1 the planted hard pairs keep two of four or more lines exactly and have
 * the others swapped; the tenant's other pairs that keep two or more lines exactly are one kit held
 * whole. Read by the tenant's own pairs (`kept-lines.ts`), the swapped lines weigh less against such
 * a pair, and the words say why in en and zh-CN (bench/RESULTS.md, issue 14, helper h-hard10).
 */
describe('lines one side lacks, read by the tenant’s kept copies', () => {
  const data = generate(6000);
  const fitted = new DealDuplicateEngine(data.records);
  const weights = fitted.weights();
  const { keptLines, ...withoutKept } = weights;
  const hand = new DealDuplicateEngine(data.records, { weights: withoutKept });
  const hardPairs = [...data.truth].filter(([, kind]) => kind === 'hard').map(([key]) => key.split('\u0000'));

  it('are fitted: copies that keep lines swap them far more often than the other pairs that keep lines', () => {
    expect(keptLines).toBeDefined();
    const f = keptLines as NonNullable<typeof keptLines>;
    expect(f.copies).toBeGreaterThan(20);
    // Two lines swapped for others (the generator's hard pairs).
    expect(f.m[2]).toBeGreaterThan(10 * (f.u[2] as number));
  });

  /** Planted hard pairs the fitted reading weighs above the hand's by at least a bit. */
  const raised = () =>
    hardPairs.filter(([a, b]) => {
      const d = fitted.score(a as string, b as string).score - hand.score(a as string, b as string).score;
      return d > 1;
    });

  it('raise the planted hard pairs whose lines were swapped, never lower a pair, and the scan finds more of them', () => {
    for (const [a, b] of hardPairs)
      expect(fitted.score(a as string, b as string).score).toBeGreaterThanOrEqual(
        hand.score(a as string, b as string).score - 1e-9,
      );
    expect(raised().length).toBeGreaterThan(hardPairs.length / 4);
    const found = (e: DealDuplicateEngine) => {
      const keys = new Set(
        e.scan({ minScore: 0, limit: Number.MAX_SAFE_INTEGER }).pairs.map((p) => pairKey(p.a.id, p.b.id)),
      );
      return hardPairs.filter(([a, b]) => keys.has(pairKey(a as string, b as string))).length;
    };
    expect(found(fitted)).toBeGreaterThanOrEqual(found(hand));
  });

  it('say the tenant’s figures in en and zh-CN', () => {
    const [a, b] = raised()[0] as string[];
    const basket = fitted.score(a as string, b as string).signals.find((s) => s.name === 'basket');
    const message = basket?.message ?? { key: '', params: {} };
    const en = renderBuiltIn(message, 'en');
    const zh = renderBuiltIn(message, 'zh-CN');
    expect(en).toMatch(
      /of \d+ pairs of deals keeping two or more lines exactly, in a sample of \d+ of this tenant’s deals, about \d+ read as copies, and [\d.]+ % of those differ in \d+( or more)? lines? against [\d.]+ % of all \d+/,
    );
    expect(zh).toMatch(
      /在本租户抽样的 \d+ 笔商机中，有 \d+ 对完全保留了两条或以上相同的明细，其中约 \d+ 对被视为重复录入.*有 \d+ 条(或以上)?不同的明细，全部 \d+ 对中为/,
    );
    // The counts the words name are the fit's, and none is left as a placeholder.
    expect(en).not.toMatch(/[{}]/);
    expect(zh).not.toMatch(/[{}]/);
  });
});
