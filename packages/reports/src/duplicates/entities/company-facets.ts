import { bilingual, type Message } from '@gongfu/core';
import { pinyinKey } from '../../names/chinese-text.js';
import type { CompanyName } from '../../names/company-name.js';
import { INDUSTRY_WORDS, LATIN_INDUSTRY_WORDS, VAGUE_CONCEPTS } from '../../names/industry-words.js';
import { PROVINCES } from '../provinces.js';
import { type PhonePlace, phonePlace } from './phone-place.js';

export function industryConcepts(name: CompanyName): string[] {
  const out = new Set<string>();
  for (const word of name.industry) {
    const concepts = INDUSTRY_WORDS[word] ?? LATIN_INDUSTRY_WORDS.get(word) ?? [word];
    for (const c of concepts) if (!VAGUE_CONCEPTS.has(c)) out.add(c);
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
  /** Where the first landline's area code rings; weaker than the name (a sales office has its own line). */
  phone: PhonePlace | null;
}

export function placeOf(
  name: CompanyName,
  storedProvince: string | null,
  phones: readonly string[] = [],
): Place {
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
  return { province: province ?? storedProvince, city, named, phone: phonePlace(phones) };
}

/** Where a company is, and whether only its landline says so. */
export interface Located {
  city: string | null;
  province: string | null;
  byPhone: boolean;
}

/** The name and stored region first, else the landline's area code. */
export function locate(p: Place): Located {
  if (p.city) return { city: p.city, province: p.province, byPhone: false };
  if (p.phone?.city) return { city: p.phone.city, province: p.phone.province, byPhone: true };
  if (p.province) return { city: null, province: p.province, byPhone: false };
  return { city: null, province: p.phone?.province ?? null, byPhone: p.phone !== null };
}

/** "Jinan, Shandong" / "山东济南": for the sentence a manager reads, in their language. */
const labels = new Map<string, Message>();

/** Memoised: explanations name the same few hundred places over and over, and pinyin is not free. */
export function placeLabel(place: Pick<Place, 'province' | 'city'>): Message {
  const key = `${place.province}|${place.city}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = freshLabel(place);
    labels.set(key, label);
  }
  return label;
}

function freshLabel(place: Pick<Place, 'province' | 'city'>): Message {
  const named = place.province ? PROVINCES[place.province] : undefined;
  const province = { en: named?.en ?? place.province ?? '', zh: named?.zh ?? place.province ?? '' };
  if (!place.city) return bilingual({ en: province.en, 'zh-CN': province.zh });
  const city = pinyinKey(place.city);
  const cityEn = city.charAt(0).toUpperCase() + city.slice(1);
  // 北京 is a province-level city: "北京北京" would say it twice.
  const zh = place.city.startsWith(province.zh) ? place.city : `${province.zh}${place.city}`;
  return bilingual({ en: province.en ? `${cityEn}, ${province.en}` : cityEn, 'zh-CN': zh });
}

/** "supply chain logistics": concepts as words in a sentence. */
export const readableConcepts = (concepts: readonly string[]) => concepts.join(' ').replace(/_/g, ' ');
