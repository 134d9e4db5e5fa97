import { CITY_NAMES, COUNTIES_WITHIN, LEGAL_FORMS } from '@gongfu/core';
import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { compareCompanyNames, parseCompanyName } from '../../src/names/company-name.js';

/** Trade names that are no place name and hold none. */
const TRADES = ['伟新', '恒通', '瑞达', '宏天', '鑫科', '控瑞', '润汇', '精盛'];
const INDUSTRIES = ['制药', '机电', '系统集成', '仪器仪表', '环保科技', '工控设备', ''];
const FORMS = ['', ...LEGAL_FORMS.slice(0, 5)];
const trade = (name: string) => parseCompanyName(name).tradeName;
const latin = (han: string) => pinyin(han, { toneType: 'none', separator: '', v: true }).toUpperCase();

describe('company names: regions from the division list', () => {
  it('reads 唐山 and every other prefecture-level city as a region, with or without 市, before or after the trade name', () => {
    expect(trade('唐山伟新制药有限公司')).toBe('伟新');
    expect(trade('伟新制药(唐山)有限公司')).toBe('伟新');
    expect(
      compareCompanyNames(parseCompanyName('伟新制药(唐山)有限公司'), parseCompanyName('伟新制药有限公司')),
    ).toBe('same_trade_name');
    fc.assert(
      fc.property(
        fc.constantFrom(...CITY_NAMES),
        fc.constantFrom('', '市'),
        fc.constantFrom(...TRADES),
        fc.constantFrom(...INDUSTRIES),
        fc.constantFrom(...FORMS),
        (city, suffix, name, industry, form) => {
          expect(trade(`${city}${suffix}${name}${industry}${form}`)).toBe(name);
          if (form !== '') expect(trade(`${name}${industry}（${city}${suffix}）${form}`)).toBe(name);
        },
      ),
    );
  });

  it('holds the prefectures the hand list lacked, and autonomous prefectures by their place name', () => {
    for (const city of ['唐山', '邯郸', '绵阳', '柳州', '延边', '西双版纳', '黔东南', '大兴安岭', '锡林郭勒'])
      expect(CITY_NAMES, city).toContain(city);
    for (const name of CITY_NAMES) expect(name, name).not.toMatch(/(市|地区|盟|自治州|族)$/);
  });

  it('reads a county with its kind anywhere, and without it only right after its own province or city', () => {
    expect(trade('昆山市恒通机械有限公司')).toBe('恒通');
    expect(trade('河北唐山迁安伟新制药有限公司')).toBe('伟新');
    expect(trade('伟新(迁安市)制药有限公司')).toBe('伟新');
    expect(trade('北京海淀恒通科技有限公司')).toBe('恒通');
    // 新华 is a district of 石家庄, not of 北京: here it is the trade name.
    expect(trade('北京新华书店有限公司')).toBe('新华书店');
    // A county at the start needs its kind: a trade name that is also a county's name stays.
    expect(trade('和平恒通物流有限公司')).toBe('和平恒通');
    fc.assert(
      fc.property(
        fc.constantFrom(...[...COUNTIES_WITHIN.get('唐山')!]),
        fc.constantFrom(...TRADES),
        fc.constantFrom(...INDUSTRIES),
        (county, name, industry) => {
          expect(trade(`唐山${county}${name}${industry}有限公司`)).toBe(name);
          expect(trade(`唐山市${county}区${name}${industry}有限公司`)).toBe(name);
        },
      ),
    );
  });

  it('a trade name of two characters before a city in the middle keeps a city name inside a longer one', () => {
    expect(trade('瑞达(青岛)信息技术有限公司')).toBe('瑞达');
    expect(trade('中金华泰有限公司')).toBe('中金华泰');
  });
});

describe('company names: business words of instruments and controls, in Chinese and English', () => {
  it('strips 仪器仪表, 环保, 工控 off the trade name', () => {
    expect(trade('深圳润汇仪器仪表有限公司')).toBe('润汇');
    expect(trade('绵阳伟盛环保科技有限公司')).toBe('伟盛');
    expect(trade('南京控瑞工控设备有限公司')).toBe('控瑞');
    expect(trade('唐山伟新水务有限公司')).toBe('伟新');
    expect(trade('邯郸宏天钢铁股份有限公司')).toBe('宏天');
    expect(trade('济宁鑫科热电有限公司')).toBe('鑫科');
  });

  it('joins an upper-case pinyin name with an English business word to its Chinese spelling', () => {
    expect(
      compareCompanyNames(
        parseCompanyName('Xinke Thermal Power (Jining) Co., Ltd.'),
        parseCompanyName('济宁鑫科热电有限公司'),
      ),
    ).toBe('same_pinyin');
    const han = parseCompanyName('石家庄伟达机电有限公司');
    expect(compareCompanyNames(parseCompanyName('SHIJIAZHUANG WEIDA ELECTROMECHANICAL CO., LTD.'), han)).toBe(
      'same_pinyin',
    );
    expect(
      compareCompanyNames(
        parseCompanyName('Shenzhen Runhui Instruments Co., Ltd.'),
        parseCompanyName('深圳润汇仪器仪表有限公司'),
      ),
    ).toBe('same_pinyin');
  });

  it('property: any prefecture city in pinyin before a trade name and an English business word reads as the Chinese name', () => {
    const english: Record<string, string> = {
      制药: 'PHARMACEUTICAL',
      机电: 'ELECTROMECHANICAL',
      仪器仪表: 'INSTRUMENTS',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...CITY_NAMES),
        fc.constantFrom(...TRADES),
        fc.constantFrom(...Object.keys(english)),
        (city, name, industry) => {
          const zh = parseCompanyName(`${city}${name}${industry}有限公司`);
          const en = parseCompanyName(`${latin(city)} ${latin(name)} ${english[industry]} CO., LTD.`);
          expect(en.tradeName).toBe(latin(name).toLowerCase());
          expect(compareCompanyNames(en, zh)).toBe('same_pinyin');
        },
      ),
    );
  });
});
