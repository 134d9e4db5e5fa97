import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpProblemError } from '../../src/errors/http-problem.js';
import { negotiateLocale } from '../../src/http/locale.js';
import { ifMatchVersion, noneMatchHits } from '../../src/http/versions.js';

const OFFERED = ['zh-CN', 'en'] as const;

describe('Accept-Language', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW,en;q=0.5', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr;q=1, en;q=0.1', 'en'],
    ['en;q=0.2, zh-CN;q=0.8', 'zh-CN'],
    ['en;q=0, zh-CN;q=0.1', 'zh-CN'],
    ['*', undefined],
    ['fr, de', undefined],
    ['', undefined],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header, OFFERED)).toBe(locale);
  });

  it('answers an offered locale or none, and the highest-weighted offered language when it is listed', () => {
    const tag = fc.constantFrom('zh-CN', 'zh', 'zh-TW', 'en', 'en-GB', 'fr', 'de', 'ja', '*');
    const range = fc.record({ tag, q: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), (ranges) => {
        const header = ranges.map((r) => `${r.tag};q=${(r.q / 1000).toFixed(3)}`).join(', ');
        const got = negotiateLocale(header, OFFERED);
        if (got !== undefined) expect(OFFERED).toContain(got);
        const best = [...ranges].filter((r) => r.q > 0).sort((a, b) => b.q - a.q)[0];
        if (best && /^(zh|en)/.test(best.tag) && ranges.filter((r) => r.q === best.q).length === 1) {
          expect(got).toBe(best.tag.startsWith('zh') ? 'zh-CN' : 'en');
        }
      }),
    );
  });
});

describe('If-Match and If-None-Match', () => {
  it('reads one strong tag as a version, * as none, and refuses anything else', () => {
    expect(ifMatchVersion('"7"')).toBe(7);
    expect(ifMatchVersion(' "12" ')).toBe(12);
    expect(ifMatchVersion('*')).toBeUndefined();
    expect(ifMatchVersion(undefined)).toBeUndefined();
    for (const bad of ['7', 'W/"7"', '"7", "8"', '"x"', '""']) {
      expect(() => ifMatchVersion(bad)).toThrow(HttpProblemError);
    }
  });

  it('matches If-None-Match against the current tag, weak or listed', () => {
    expect(noneMatchHits('"3"', '"3"')).toBe(true);
    expect(noneMatchHits('"1", W/"3"', '"3"')).toBe(true);
    expect(noneMatchHits('*', '"3"')).toBe(true);
    expect(noneMatchHits('"2"', '"3"')).toBe(false);
    expect(noneMatchHits(undefined, '"3"')).toBe(false);
  });
});
