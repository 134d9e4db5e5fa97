import fc from 'fast-check';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { builtInMessages, templateParams } from '../../src/index.js';
import { plainFormatter } from '../../src/kernel/plain-format.js';

/**
 * The plain formatter stands in for `IntlMessageFormat.format` on templates of text, arguments,
 * plural and select. Wherever it answers, its text must be ICU's, for every built-in template in
 * every built-in locale (and a locale an app may add) and for hand-made templates that stress
 * offsets, exact matches, `#` in nested branches and option names that are inherited properties.
 */
const LOCALES = ['en', 'zh-CN', 'ar', 'ru'];

const EXTRA = [
  '',
  'plain text only',
  '{a}{b}',
  '{n, plural, =0 {none} one {# item} other {# items}}',
  '{n, plural, offset:1 =0 {nobody} =1 {just {who}} one {{who} and # other} other {{who} and # others}}',
  '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}',
  '{g, select, female {she} male {he} other {they}} saw {n, plural, one {# deal} other {# deals}}',
  '{n, plural, one {{g, select, a {A#} other {B#}}} other {# {g, select, a {x} other {y}}}}',
];

const value: fc.Arbitrary<string | number> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'other', 'one', 'a', 'male'),
  fc.constantFrom('yes', 'no', 'customer', 'end_customer', '1', '0', '2.5', 'abc'),
  fc.integer({ min: -3, max: 25 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1, 2, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY),
);

function cases(): { name: string; template: string; locale: string }[] {
  const out: { name: string; template: string; locale: string }[] = [];
  for (const [key, texts] of Object.entries(builtInMessages())) {
    for (const locale of LOCALES) {
      const template = locale === 'zh-CN' ? texts['zh-CN'] : texts.en;
      out.push({ name: `${key} (${locale})`, template, locale });
    }
  }
  EXTRA.forEach((template, i) => {
    for (const locale of LOCALES) out.push({ name: `extra ${i} (${locale})`, template, locale });
  });
  return out;
}

describe('plain formatter', () => {
  it('formats exactly as IntlMessageFormat wherever it answers', () => {
    let covered = 0;
    let answered = 0;
    for (const { name, template, locale } of cases()) {
      const icu = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
      const plain = plainFormatter(icu.getAst(), locale);
      if (plain === null) continue;
      covered++;
      const params = templateParams(template);
      fc.assert(
        fc.property(fc.array(value, { minLength: params.length, maxLength: params.length }), (list) => {
          const values = Object.fromEntries(params.map((p, i) => [p, list[i]!]));
          const text = plain(values);
          if (text === undefined) return;
          answered++;
          expect(text, name).toBe(String(icu.format(values)));
        }),
        { seed: 20261205, numRuns: 30 },
      );
    }
    // Nearly every template is plain, so the fast path is what runs.
    expect(covered).toBeGreaterThan(cases().length * 0.9);
    expect(answered).toBeGreaterThan(covered * 20);
  });

  it('answers for the reminder texts rendered on every write of a deal or lead', () => {
    const texts = builtInMessages();
    for (const key of ['reminder.staleOpportunity', 'reminder.leadFollowUp']) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const template = texts[key]![locale];
        const icu = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
        const values = { label: '山东恒通 项目', stage: '需求分析', days: 14 };
        expect(plainFormatter(icu.getAst(), locale)?.(values)).toBe(String(icu.format(values)));
      }
    }
  });

  it('a count met again (remembered per integer) formats as ICU, and so do -0, fractions and digits as text', () => {
    const template =
      '{n, plural, offset:1 =0 {none} =2 {two exactly} zero {z #} one {o #} two {t #} few {f #} many {m #} other {x #}}';
    for (const locale of ['ar', 'ru', 'en']) {
      const icu = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
      const plain = plainFormatter(icu.getAst(), locale)!;
      const counts: (number | string)[] = [0, -0, 1, 2, 3, 11, 102, 1.5, -1, '2', '0', 1e21];
      // Twice over, in both orders: the second meeting of a count is answered from memory.
      for (const n of [...counts, ...counts.slice().reverse()])
        expect(plain({ n: n as number })).toBe(String(icu.format({ n })));
    }
  });

  it('leaves to ICU what ICU would refuse', () => {
    const icu = new IntlMessageFormat('{g, select, a {A} other {B}}', 'en');
    const plain = plainFormatter(icu.getAst(), 'en')!;
    expect(() => icu.format({ g: 'constructor' })).toThrow();
    expect(plain({ g: 'constructor' })).toBeUndefined();
    expect(plain({})).toBeUndefined();
    expect(plain({ g: 'a' })).toBe('A');
    expect(plain({ g: 'b' })).toBe('B');
  });
});
