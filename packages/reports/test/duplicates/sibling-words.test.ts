import { buildCatalogues, builtInMessages, type Message, renderBuiltIn, renderMessage } from '@gongfu/core';
import { DealDuplicateEngine } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { basketOf, deal } from './basket-tenant.js';

/** Siblings of a category the product words do not know are named by the category, with no count. */
describe('a sibling line of an unknown category', () => {
  /** The basket clause of two deals of 30 servo drives, SV-D15 and SV-D22. */
  function servoDrives(): Message {
    const line = (sku: string) => [{ sku, category: 'servo_drive', quantity: 30 }];
    const engine = new DealDuplicateEngine([
      deal('a', { lines: line('SV-D15') }),
      deal('b', { lines: line('SV-D22') }),
      deal('c'),
    ]);
    return basketOf(engine.score('a', 'b'))?.message ?? { key: '', params: {} };
  }

  it('is said as "similar servo drive", not "similar × servo drive"', () => {
    const message = servoDrives();
    expect(renderBuiltIn(message, 'en')).toContain('similar servo drive (30 × SV-D15 / 30 × SV-D22)');
    expect(renderBuiltIn(message, 'zh-CN')).toContain('相似的servo drive（30 × SV-D15 / 30 × SV-D22）');
  });

  it("is said in the app's words once the app defines `duplicate.noun.<category>`", () => {
    const message = servoDrives();
    const catalogues = buildCatalogues([builtInMessages()], {
      'zh-CN': { 'duplicate.noun.servo_drive': '伺服驱动器' },
    });
    expect(renderMessage(message, 'zh-CN', catalogues)).toContain(
      '相似的伺服驱动器（30 × SV-D15 / 30 × SV-D22）',
    );
    expect(renderMessage(message, 'en', catalogues)).toContain(
      'similar servo drive (30 × SV-D15 / 30 × SV-D22)',
    );
  });
});
