import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalogues, defineMessages, type Message, message, renderMessage } from '../../src/index.js';
import { renderBuiltIn } from '../../src/kernel/message.js';

const defs = defineMessages({
  'cache.demo.days': {
    en: 'No contact with {label} for {days, plural, one {# day} other {# days}}',
    'zh-CN': '已有 {days} 天未联系{label}',
  },
  'cache.demo.stage': { en: '{label} is in "{stage}"', 'zh-CN': '{label}在“{stage}”' },
  'cache.demo.word': { en: 'qualification', 'zh-CN': '资格确认' },
  'cache.demo.list': { en: 'seen by {names}', 'zh-CN': '{names}可见' },
});

const param: fc.Arbitrary<string | number> = fc.oneof(
  fc.constantFrom('1', '2', '山东恒通', ''),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -2, max: 3 }),
);
const msg: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ label: param, days: param }).map((p) => message('cache.demo.days', p)),
  fc
    .record({ label: param })
    .map((p) => message('cache.demo.stage', { ...p, stage: message('cache.demo.word') })),
  fc.array(param.map(String), { maxLength: 3 }).map((names) => message('cache.demo.list', { names })),
  fc.record({ label: param }).map((p) => message('cache.demo.days', p)),
);

describe('built-in renderings are remembered', () => {
  const catalogues = buildCatalogues([defs]);

  it('property: in any order, a remembered rendering is the text the message renders to afresh', () => {
    fc.assert(
      fc.property(
        fc.array(msg, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('en', 'zh-CN'),
        (msgs, locale) => {
          for (const m of [...msgs, ...msgs.slice().reverse()])
            expect(renderBuiltIn(m, locale as 'en' | 'zh-CN')).toBe(renderMessage(m, locale, catalogues));
        },
      ),
    );
  });

  it('keeps a number and the same digits as text apart (plural rules read numbers only)', () => {
    const asNumber = renderBuiltIn(message('cache.demo.days', { label: 'A', days: 1 }));
    const asText = renderBuiltIn(message('cache.demo.days', { label: 'A', days: '1' }));
    expect(asNumber).toBe(
      renderMessage(message('cache.demo.days', { label: 'A', days: 1 }), 'en', catalogues),
    );
    expect(asText).toBe(
      renderMessage(message('cache.demo.days', { label: 'A', days: '1' }), 'en', catalogues),
    );
  });
});
