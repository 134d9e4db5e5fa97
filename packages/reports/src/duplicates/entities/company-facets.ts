import { pinyinKey } from '../../names/chinese-text.js';
import type { CompanyName } from '../../names/company-name.js';
import { PROVINCES } from '../provinces.js';

/**
 * Industry words in either script reduced to shared concepts, so 系统集成 and "System Integration"
 * compare equal and 恒通物流 is told apart from 恒通系统集成 (one trade name, two businesses).
 */
const INDUSTRY_CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  系统集成: ['system', 'integration'],
  信息技术: ['information', 'technology'],
  信息科技: ['information', 'technology'],
  网络科技: ['network', 'technology'],
  电子科技: ['electronics', 'technology'],
  智能科技: ['smart', 'technology'],
  数据科技: ['data', 'technology'],
  软件技术: ['software', 'technology'],
  科技发展: ['technology', 'development'],
  科技: ['technology'],
  技术: ['technology'],
  网络: ['network'],
  电子: ['electronics'],
  智能: ['smart'],
  软件: ['software'],
  数据: ['data'],
  物流: ['logistics'],
  仓储: ['logistics'],
  供应链: ['logistics'],
  贸易: ['trading'],
  商贸: ['trading'],
  实业: ['industrial'],
  发展: ['development'],
  工程: ['engineering'],
  通信: ['communication'],
  通讯: ['communication'],
  自动化: ['automation'],
  设备: ['equipment'],
  信息: ['information'],
  系统: ['system'],
  集成: ['integration'],
  服务: ['service'],
};
const LATIN_CONCEPTS: Readonly<Record<string, string>> = {
  systems: 'system',
  technologies: 'technology',
  tech: 'technology',
  networks: 'network',
  electronic: 'electronics',
  intelligent: 'smart',
  communications: 'communication',
  services: 'service',
  supply: 'logistics',
  chain: 'logistics',
};
/** Words that say nothing about the business ("development", "service"): not a conflict when they differ. */
const VAGUE = new Set(['development', 'service', 'industrial', 'and', 'the', 'of']);

export function industryConcepts(name: CompanyName): string[] {
  const out = new Set<string>();
  for (const word of name.industry) {
    for (const c of INDUSTRY_CONCEPTS[word] ?? [LATIN_CONCEPTS[word] ?? word]) if (!VAGUE.has(c)) out.add(c);
  }
  return [...out];
}

// City → province, for the cities the name parser knows; lets 济南恒通 and 山东恒通 agree on Shandong.
const CITY_PROVINCE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    '济南 青岛 烟台 潍坊 淄博 临沂 济宁 威海 日照 东营 泰安 德州 聊城 滨州 菏泽 枣庄'
      .split(' ')
      .map((c) => [c, '37']),
  ),
  ...Object.fromEntries(['深圳', '广州', '佛山', '东莞', '珠海'].map((c) => [c, '44'])),
  ...Object.fromEntries(['杭州', '宁波', '温州'].map((c) => [c, '33'])),
  ...Object.fromEntries(['南京', '苏州', '无锡', '常州'].map((c) => [c, '32'])),
  ...Object.fromEntries(['厦门', '福州'].map((c) => [c, '35'])),
  ...Object.fromEntries(['大连', '沈阳'].map((c) => [c, '21'])),
  武汉: '42',
  成都: '51',
  西安: '61',
  长沙: '43',
  郑州: '41',
  合肥: '34',
  石家庄: '13',
  太原: '14',
  昆明: '53',
  南宁: '45',
  贵阳: '52',
  哈尔滨: '23',
  长春: '22',
  南昌: '36',
  兰州: '62',
  乌鲁木齐: '65',
  呼和浩特: '15',
  海口: '46',
};
const PROVINCE_BY_WORD = new Map<string, string>();
for (const [code, p] of Object.entries(PROVINCES)) {
  PROVINCE_BY_WORD.set(p.zh, code);
  PROVINCE_BY_WORD.set(p.en.toLowerCase().replace(/\s/g, ''), code);
}
const CITY_BY_WORD = new Map<string, string>();
for (const city of Object.keys(CITY_PROVINCE)) {
  CITY_BY_WORD.set(city, city);
  CITY_BY_WORD.set(pinyinKey(city), city);
}

/** Where a company says it is: a province code and a city, from its name or its stored region. */
export interface Place {
  province: string | null;
  city: string | null;
  /** The region words of the name itself, as province codes or cities ("37", "济南"), script-free. */
  named: string[];
}

export function placeOf(name: CompanyName, storedProvince: string | null): Place {
  let province: string | null = null;
  let city: string | null = null;
  const named: string[] = [];
  for (const word of name.region) {
    const c = CITY_BY_WORD.get(word);
    const p = c ? (CITY_PROVINCE[c] ?? null) : (PROVINCE_BY_WORD.get(word) ?? null);
    if (c) city ??= c;
    province ??= p;
    const key = c ?? p;
    if (key) named.push(key);
  }
  return { province: province ?? storedProvince, city, named };
}

/** "Shandong", "Jinan (Shandong)": for the sentence a manager reads. */
const labels = new Map<string, string>();

/** Memoised: explanations name the same few hundred places over and over, and pinyin is not free. */
export function placeLabel(place: Place): string {
  const key = `${place.province}|${place.city}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = freshLabel(place);
    labels.set(key, label);
  }
  return label;
}

function freshLabel(place: Place): string {
  const province = place.province ? (PROVINCES[place.province]?.en ?? place.province) : null;
  if (!place.city) return province ?? '';
  const city = pinyinKey(place.city);
  const cityEn = city.charAt(0).toUpperCase() + city.slice(1);
  return province ? `${cityEn}, ${province}` : cityEn;
}
