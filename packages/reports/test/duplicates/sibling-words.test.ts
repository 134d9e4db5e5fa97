import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { basketOf, deal } from './basket-tenant.js';

/** Siblings of a category the product words do not know are named by the category, with no count. */
describe('a sibling line of an unknown category', () => {
  it('is said as "similar servo drive", not "similar × servo drive"', () => {
    const line = (sku: string) => [{ sku, category: 'servo_drive', quantity: 30 }];
    const engine = new DealDuplicateEngine([
      deal('a', { lines: line('SV-D15') }),
      deal('b', { lines: line('SV-D22') }),
      deal('c'),
    ]);
    const clause = basketOf(engine.score('a', 'b'));
    const message = clause?.message ?? { key: '', params: {} };
    expect(renderBuiltIn(message, 'en')).toContain('similar servo drive (30 × SV-D15 / 30 × SV-D22)');
    expect(renderBuiltIn(message, 'zh-CN')).toContain('相似的servo drive（30 × SV-D15 / 30 × SV-D22）');
  });
});
