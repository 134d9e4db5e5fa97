import { buildCatalogues, builtInMessages, renderMessage } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { sayReport } from '../../src/shared/report-messages.js';

// Importing the reports' messages defines them; the catalogues are built after.
const catalogues = buildCatalogues([builtInMessages()]);

const conflict = (days: string | number, basis: 'same_customer' | 'same_end_customer') =>
  sayReport('report.quoteConflict', {
    first: '甲',
    second: '乙',
    basis,
    customer: '山东物流集团',
    sku: 'LS2208',
    days,
    firstQuote: sayReport('report.quoteConflict.quote', { name: '甲', price: 'CNY 980.00', quantity: 1 }),
    secondQuote: sayReport('report.quoteConflict.quote', { name: '乙', price: 'CNY 920.00', quantity: 1 }),
  });

describe('a quote conflict in words', () => {
  it('says the same day, one day, or n days, in both languages', () => {
    const en = (days: string | number) => renderMessage(conflict(days, 'same_customer'), 'en', catalogues);
    expect(en('0')).toBe(
      '甲 and 乙 quoted 山东物流集团 different prices for LS2208 on the same day: 甲 CNY 980.00 × 1; 乙 CNY 920.00 × 1.',
    );
    expect(en(1)).toContain('for LS2208 1 day apart:');
    expect(en(12)).toContain('for LS2208 12 days apart:');
    const zh = (days: string | number) =>
      renderMessage(conflict(days, 'same_end_customer'), 'zh-CN', catalogues);
    expect(zh('0')).toBe(
      '甲和乙在同一天就 LS2208 向最终客户山东物流集团报了不同的价格：甲 CNY 980.00 × 1；乙 CNY 920.00 × 1。',
    );
    expect(zh(3)).toContain('甲和乙相隔 3 天就 LS2208 向最终客户山东物流集团');
  });
});
