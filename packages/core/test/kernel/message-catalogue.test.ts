import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_LOCALES,
  bilingual,
  buildCatalogues,
  builtInMessages,
  catalogueProblems,
  type Message,
  type MessageParam,
  renderMessage,
  templateParams,
} from '../../src/index.js';

// Importing the package index loads every area, so every built-in message is defined by now.
const definitions = builtInMessages();
const keys = Object.keys(definitions).sort();
const catalogues = buildCatalogues([definitions], {
  'zh-TW': { 'lead.gate.hasCompany': '轉化前須填寫客戶公司' },
});

describe('the built-in catalogues', () => {
  it('define every area’s messages', () => {
    for (const prefix of [
      'error.',
      'lead.gate.',
      'opportunity.gate.',
      'order.gate.',
      'access.',
      'reminder.',
    ]) {
      expect(keys.some((k) => k.startsWith(prefix))).toBe(true);
    }
    expect(keys.length).toBeGreaterThan(150);
  });

  it('give every message a zh-CN and an en text, each valid ICU, each using every parameter', () => {
    expect(catalogueProblems(definitions)).toEqual([]);
  });

  it('find a missing text, an unparsable one and a parameter one language forgets', () => {
    expect(
      catalogueProblems({
        'x.missing': { en: 'text', 'zh-CN': '' },
        'x.broken': { en: '{count, plural, one {# lead}', 'zh-CN': '{count} 条' },
        'x.forgot': { en: 'No contact with {label} for {days} days', 'zh-CN': '已有 {days} 天未联系' },
      }),
    ).toEqual([
      'x.missing: no zh-CN text',
      'x.broken: the en text is not ICU MessageFormat',
      'x.broken: the en text does not use {count}',
      'x.forgot: the zh-CN text does not use {label}',
    ]);
  });

  it('render plurals, selects and nested messages per locale', () => {
    const follow = (days: number): Message => ({
      key: 'reminder.leadFollowUp',
      params: { label: '恒通', days },
    });
    expect(renderMessage(follow(1), 'en', catalogues)).toBe('No contact with 恒通 for 1 day — follow up');
    expect(renderMessage(follow(3), 'en', catalogues)).toBe('No contact with 恒通 for 3 days — follow up');
    expect(renderMessage(follow(3), 'zh-CN', catalogues)).toBe('已有 3 天未联系恒通，请跟进');
    const refusal: Message = {
      key: 'error.invalidTransition',
      params: { event: 'CONVERT', from: 'working', reason: { key: 'lead.gate.hasCompany', params: {} } },
    };
    expect(renderMessage(refusal, 'zh-CN', catalogues)).toBe(
      '无法在“working”状态下执行 CONVERT：转化前须填写客户公司',
    );
    // An added locale with one text; the sentence around it falls back along the language tag
    // (zh-TW → zh → zh-CN), not to English.
    expect(renderMessage(refusal, 'zh-TW', catalogues)).toBe(
      '无法在“working”状态下执行 CONVERT：轉化前須填寫客戶公司',
    );
    expect(renderMessage(refusal, 'zh-Hant-TW', catalogues)).toBe(
      '无法在“working”状态下执行 CONVERT：转化前须填写客户公司',
    );
    // A language tag without its own catalogue reads its language's: zh-Hans-CN and zh read zh-CN.
    expect(renderMessage(follow(2), 'zh', catalogues)).toBe('已有 2 天未联系恒通，请跟进');
    expect(renderMessage(follow(2), 'en-GB', catalogues)).toBe('No contact with 恒通 for 2 days — follow up');
  });
});

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom('{', '}', "'", '#', '{x}', '<b>', ''),
);
const param: fc.Arbitrary<MessageParam> = fc.oneof(
  scalar,
  fc.record({ key: fc.constantFrom(...keys, 'no.such.key'), params: fc.dictionary(fc.string(), scalar) }),
  fc.array(fc.oneof(fc.string(), fc.record({ key: fc.constantFrom(...keys), params: fc.constant({}) })), {
    maxLength: 4,
  }),
);
const locale = fc.constantFrom(...BUILT_IN_LOCALES, 'zh-TW', 'fr', 'zh', 'en-US', '', 'not a tag');

describe('rendering (properties)', () => {
  it('never throws and always gives a string, whatever the parameters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.dictionary(fc.string({ maxLength: 8 }), param, { maxKeys: 6 }),
        locale,
        (key, extra, loc) => {
          const declared = templateParams(definitions[key]!.en);
          const params = Object.fromEntries(declared.map((name, i) => [name, extra[name] ?? i]));
          const text = renderMessage({ key, params: { ...extra, ...params } }, loc, catalogues);
          expect(typeof text).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('with every declared parameter given, no placeholder is left in either language', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom(...BUILT_IN_LOCALES),
        fc.nat(1000),
        (key, loc, n) => {
          const declared = templateParams(definitions[key]!.en);
          // Selects take their documented values; everything else is a count or a name.
          const params = Object.fromEntries(declared.map((name) => [name, n]));
          const text = renderMessage({ key, params }, loc, catalogues);
          for (const name of declared) expect(text).not.toContain(`{${name}}`);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a tenant's label reads in the reader's added language when it has words for it, else as their chain falls back", () => {
    const added = ['ja', 'ko', 'fr-CA', 'zh-TW'] as const;
    const withAdded = buildCatalogues([definitions], Object.fromEntries(added.map((tag) => [tag, {}])));
    const words = fc.string({ minLength: 1, maxLength: 6 }).filter((w) => !/[{}'#<]/.test(w));
    fc.assert(
      fc.property(
        words,
        words,
        fc.dictionary(fc.constantFrom(...added), words),
        fc.constantFrom(...added, 'en', 'zh-CN', 'de', 'fr'),
        (en, zh, extra, reader) => {
          const label = { en, 'zh-CN': zh, ...extra };
          // Stored and read back later: the message travels as JSON.
          const stored = JSON.parse(JSON.stringify(bilingual(label))) as Message;
          const own = Object.hasOwn(extra, reader) ? extra[reader as keyof typeof extra] : undefined;
          const expected =
            own ??
            (reader === 'zh-CN' || reader === 'zh-TW'
              ? zh
              : reader === 'fr'
                ? (extra['fr-CA' as keyof typeof extra] ?? en)
                : en);
          expect(renderMessage(stored, reader, withAdded)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
