/**
 * Company names as people type them: a registered name from a city, a two-syllable trade name and a
 * trade, and the spellings a second person enters for the same company (brackets, no suffix,
 * abbreviations, the wrong legal form, English and pinyin).
 */
import type { ProbeRng } from './duplicates-probe-rng.js';

/** Provinces (GB/T 2260) the distributor covers, its cities and how much business each brings. */
export const PROVINCES: [code: string, cities: [zh: string, pinyin: string][], weight: number][] = [
  ['11', [['北京', 'Beijing']], 5],
  ['12', [['天津', 'Tianjin']], 3],
  [
    '13',
    [
      ['石家庄', 'Shijiazhuang'],
      ['唐山', 'Tangshan'],
      ['保定', 'Baoding'],
    ],
    4,
  ],
  ['31', [['上海', 'Shanghai']], 6],
  [
    '32',
    [
      ['南京', 'Nanjing'],
      ['苏州', 'Suzhou'],
      ['无锡', 'Wuxi'],
      ['常州', 'Changzhou'],
    ],
    9,
  ],
  [
    '33',
    [
      ['杭州', 'Hangzhou'],
      ['宁波', 'Ningbo'],
      ['温州', 'Wenzhou'],
    ],
    7,
  ],
  [
    '37',
    [
      ['济南', 'Jinan'],
      ['青岛', 'Qingdao'],
      ['烟台', 'Yantai'],
      ['潍坊', 'Weifang'],
    ],
    8,
  ],
  [
    '44',
    [
      ['广州', 'Guangzhou'],
      ['深圳', 'Shenzhen'],
      ['佛山', 'Foshan'],
      ['东莞', 'Dongguan'],
    ],
    9,
  ],
  [
    '51',
    [
      ['成都', 'Chengdu'],
      ['绵阳', 'Mianyang'],
    ],
    3,
  ],
];

/** Syllables of trade names with their pinyin: the English and pinyin spellings come from these. */
const SYLLABLES: [string, string][] = [
  ['华', 'Hua'],
  ['控', 'Kong'],
  ['恒', 'Heng'],
  ['通', 'Tong'],
  ['瑞', 'Rui'],
  ['达', 'Da'],
  ['联', 'Lian'],
  ['创', 'Chuang'],
  ['科', 'Ke'],
  ['远', 'Yuan'],
  ['信', 'Xin'],
  ['泰', 'Tai'],
  ['鑫', 'Xin'],
  ['源', 'Yuan'],
  ['博', 'Bo'],
  ['宇', 'Yu'],
  ['中', 'Zhong'],
  ['天', 'Tian'],
  ['新', 'Xin'],
  ['海', 'Hai'],
  ['盛', 'Sheng'],
  ['德', 'De'],
  ['润', 'Run'],
  ['安', 'An'],
  ['卓', 'Zhuo'],
  ['越', 'Yue'],
  ['精', 'Jing'],
  ['工', 'Gong'],
  ['智', 'Zhi'],
  ['能', 'Neng'],
  ['宏', 'Hong'],
  ['伟', 'Wei'],
  ['金', 'Jin'],
  ['诚', 'Cheng'],
  ['汇', 'Hui'],
];
/** What the company does, in Chinese and English, by account kind. */
const TRADES: Record<ProbeKind, [string, string][]> = {
  end_user: [
    ['化工', 'Chemical'],
    ['水务', 'Water'],
    ['制药', 'Pharmaceutical'],
    ['食品', 'Foods'],
    ['钢铁', 'Steel'],
    ['汽车零部件', 'Auto Parts'],
    ['电子', 'Electronics'],
    ['包装', 'Packaging'],
    ['物流', 'Logistics'],
    ['纺织', 'Textile'],
    ['热电', 'Thermal Power'],
    ['环保', 'Environmental'],
    ['机械', 'Machinery'],
  ],
  system_integrator: [
    ['自动化', 'Automation'],
    ['系统集成', 'System Integration'],
    ['信息技术', 'Information Technology'],
    ['电气', 'Electric'],
    ['智能科技', 'Intelligent Technology'],
    ['工程技术', 'Engineering'],
  ],
  dealer: [
    ['机电设备', 'Electromechanical'],
    ['工控设备', 'Industrial Control'],
    ['仪器仪表', 'Instruments'],
  ],
};
export type ProbeKind = 'end_user' | 'system_integrator' | 'dealer';

/** A company as its first writer typed it, with the parts its other spellings are made from. */
export interface CompanyParts {
  city: string;
  cityPinyin: string;
  trade: string;
  tradePinyin: string;
  core: string;
  corePinyin: string;
  joint: boolean;
}

export function companyParts(rng: ProbeRng, kind: ProbeKind, cities: [string, string][]): CompanyParts {
  const [city, cityPinyin] = rng.pick(cities);
  const s1 = rng.pick(SYLLABLES);
  const s2 = rng.pick(SYLLABLES);
  const [trade, tradePinyin] = rng.pick(TRADES[kind]);
  return {
    city,
    cityPinyin,
    trade,
    tradePinyin,
    core: s1[0] + s2[0],
    corePinyin: s1[1] + s2[1].toLowerCase(),
    joint: rng.chance(0.25),
  };
}

/** The registered name, as the first person to enter the company types it. */
export function registeredName(p: CompanyParts): string {
  return `${p.city}${p.core}${p.trade}${p.joint ? '股份有限公司' : '有限公司'}`;
}

/** The same company as someone else types it: how names really drift between two entries. */
export function nameVariant(rng: ProbeRng, p: CompanyParts): { name: string; how: string } {
  const suffix = p.joint ? '股份有限公司' : '有限公司';
  const variants: [string, string][] = [
    [`${p.core}${p.trade}(${p.city})${suffix}`, 'city in brackets'],
    [`${p.core}${p.trade}（${p.city}）${suffix}`, 'city in full-width brackets'],
    [`${p.city}${p.core}${p.trade}`, 'no legal suffix'],
    [`${p.city}${p.core}`, 'abbreviation'],
    [`${p.core}${p.trade}`, 'trade name only'],
    [`${p.city}${p.core}${p.trade}${p.joint ? '有限公司' : '股份有限公司'}`, 'wrong legal form'],
    [`${p.city}市${p.core}${p.trade}有限责任公司`, '市 and 有限责任公司'],
    [`${p.corePinyin} ${p.tradePinyin} (${p.cityPinyin}) Co., Ltd.`, 'English name'],
    [
      `${p.cityPinyin.toUpperCase()} ${p.corePinyin.toUpperCase()} ${p.tradePinyin.toUpperCase()} CO LTD`,
      'English capitals',
    ],
    [`${p.core}${p.trade}`.replace('科技', '技术'), 'trade name only (技术)'],
  ];
  const [name, how] = rng.pick(variants);
  return { name, how };
}
