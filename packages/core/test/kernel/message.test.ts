import { describe, expect, it } from 'vitest';
import { buildCatalogues, defineMessages, message, renderMessage, templateParams } from '../../src/index.js';

const defs = defineMessages({
  'demo.greeting': { en: 'Hello {name}, {count} leads wait', 'zh-CN': '{name}，您有 {count} 条线索待跟进' },
});

describe('messages', () => {
  const catalogues = buildCatalogues([defs], {
    'zh-TW': { 'demo.greeting': '{name}，您有 {count} 條線索待跟進' },
  });

  it('renders a key with parameters in each built-in locale and in an added one', () => {
    const m = message('demo.greeting', { name: '李庆成', count: 3 });
    expect(renderMessage(m, 'en', catalogues)).toBe('Hello 李庆成, 3 leads wait');
    expect(renderMessage(m, 'zh-CN', catalogues)).toBe('李庆成，您有 3 条线索待跟进');
    expect(renderMessage(m, 'zh-TW', catalogues)).toBe('李庆成，您有 3 條線索待跟進');
  });

  it('falls back to English for an unknown locale, and to the key for an unknown message', () => {
    expect(renderMessage(message('demo.greeting', { name: 'A', count: 1 }), 'fr', catalogues)).toBe(
      'Hello A, 1 leads wait',
    );
    expect(renderMessage(message('no.such.key'), 'zh-CN', catalogues)).toBe('no.such.key');
  });

  it('leaves a parameter the message does not carry visible, and never reads inherited keys', () => {
    expect(renderMessage(message('demo.greeting', { name: 'A' }), 'en', catalogues)).toBe(
      'Hello A, {count} leads wait',
    );
    expect(renderMessage(message('demo.greeting', {}), 'en', buildCatalogues([defs]))).toContain('{name}');
    expect(templateParams('x {a} y {b}')).toEqual(['a', 'b']);
  });
});
