import { describe, expect, it } from 'vitest';
import { buildCatalogues, defineMessages, message, renderMessage } from '../../src/index.js';
import { renderBuiltIn } from '../../src/kernel/message.js';

const defs = defineMessages({
  'fallback.demo.counted': { en: '{quantity} × {noun}', 'zh-CN': '{quantity} × {noun}' },
  'fallback.demo.scanner': { en: '{quantity} scanners', 'zh-CN': '{quantity} 台扫描枪' },
});

/** A key Gongfu names for an app's own value (`…tablet`), said by its fallback until the app gives it words. */
const tablets = message(
  'fallback.demo.tablet',
  { quantity: 37 },
  message('fallback.demo.counted', { quantity: 37, noun: 'tablet' }),
);

describe('a message with a fallback', () => {
  it('says its fallback while no catalogue defines its key', () => {
    const catalogues = buildCatalogues([defs]);
    expect(renderMessage(tablets, 'zh-CN', catalogues)).toBe('37 × tablet');
    expect(renderBuiltIn(tablets, 'en')).toBe('37 × tablet');
  });

  it("says the app's words once the app defines the key, in each locale along the chain", () => {
    const catalogues = buildCatalogues([defs], {
      'zh-CN': { 'fallback.demo.tablet': '{quantity} 台平板电脑' },
      ja: { 'fallback.demo.tablet': 'タブレット {quantity} 台' },
    });
    expect(renderMessage(tablets, 'zh-CN', catalogues)).toBe('37 台平板电脑');
    expect(renderMessage(tablets, 'zh-Hans-CN', catalogues)).toBe('37 台平板电脑');
    expect(renderMessage(tablets, 'ja', catalogues)).toBe('タブレット 37 台');
    // English has no words for it: the fallback, not the Chinese text nor the key.
    expect(renderMessage(tablets, 'en', catalogues)).toBe('37 × tablet');
  });

  it('never reads the fallback for a key that is defined', () => {
    const scanners = message(
      'fallback.demo.scanner',
      { quantity: 20 },
      message('fallback.demo.counted', { quantity: 20, noun: 'scanner' }),
    );
    expect(renderMessage(scanners, 'zh-CN', buildCatalogues([defs]))).toBe('20 台扫描枪');
  });

  it('is remembered apart from the same key with another fallback', () => {
    const other = message(
      'fallback.demo.tablet',
      { quantity: 37 },
      message('fallback.demo.counted', { quantity: 37, noun: 'slate' }),
    );
    expect(renderBuiltIn(tablets, 'en')).toBe('37 × tablet');
    expect(renderBuiltIn(other, 'en')).toBe('37 × slate');
    expect(renderBuiltIn(message('fallback.demo.tablet', { quantity: 37 }), 'en')).toBe(
      'fallback.demo.tablet',
    );
  });

  it('stops at a fallback chain that names itself, saying the key', () => {
    let looped = message('fallback.demo.none', {});
    for (let i = 0; i < 40; i++) looped = message('fallback.demo.none', {}, looped);
    expect(renderMessage(looped, 'en', buildCatalogues([defs]))).toBe('fallback.demo.none');
  });
});
