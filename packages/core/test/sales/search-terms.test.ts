import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITY_NAMES, LEGAL_FORMS, PROVINCE_NAMES, searchSteps, searchTerms } from '../../src/index.js';

const TRADE_WORDS = ['恒通', '瑞丰', '华信', '鑫源', '同创'];
const INDUSTRY = ['系统集成', '物流', '电子', ''];

describe('search keys of a company name', () => {
  it('property: the trade name after any regions is keyed from its start, without the regions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PROVINCE_NAMES, ...CITY_NAMES), {
          minLength: 1,
          maxLength: 2,
        }),
        fc.constantFrom('', '省', '市'),
        fc.constantFrom(...TRADE_WORDS),
        fc.constantFrom(...INDUSTRY),
        fc.constantFrom(...LEGAL_FORMS.slice(0, 5)),
        (regions, suffix, trade, industry, form) => {
          const regionText = regions.map((r) => r + suffix).join('');
          const name = `${regionText}${trade}${industry}${form}`;
          const keys = searchTerms({ names: [name], phones: [] }).filter((t) => t.field === 'trade');
          expect(keys).toEqual([
            { field: 'trade', term: `${trade}${industry}${form}`.slice(0, 40), pos: [...regionText].length },
          ]);
        },
      ),
    );
  });

  it('keys the trade name after any prefecture-level city of the division list, not only the large ones', () => {
    for (const [name, trade] of [
      ['唐山伟新制药有限公司', '伟新制药有限公司'],
      ['河北邯郸宏天钢铁有限公司', '宏天钢铁有限公司'],
      ['延边恒通物流有限公司', '恒通物流有限公司'],
      ['西双版纳瑞达有限公司', '瑞达有限公司'],
    ] as const)
      expect(
        searchTerms({ names: [name], phones: [] })
          .filter((t) => t.field === 'trade')
          .map((t) => t.term),
        name,
      ).toEqual([trade]);
  });

  it('keeps no trade key for a name that starts with its trade name or is only a region and a legal form', () => {
    for (const name of ['恒通系统集成有限公司', '山东有限公司', 'Hengtong Systems Ltd'])
      expect(
        searchTerms({ names: [name], phones: [] }).filter((t) => t.field === 'trade'),
        name,
      ).toEqual([]);
  });

  it('caps only the substring probe, by the page size', () => {
    const steps = searchSteps('恒通', 20);
    expect(steps.map((s) => [s.match, s.probe.cap])).toEqual([
      ['exact', undefined],
      ['prefix', undefined],
      ['trade_name', undefined],
      ['substring', 1000],
    ]);
  });
});
