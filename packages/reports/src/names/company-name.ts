import { CITY_NAMES as CITIES, COUNTIES_WITHIN, COUNTY_NAMES, LEGAL_FORMS } from '@gongfu/core';
import { PROVINCES } from '../duplicates/provinces.js';
import { diceBigrams, hasHan, pinyinKey, simplify } from './chinese-text.js';
import { INDUSTRY_WORDS, LATIN_INDUSTRY_WORDS } from './industry-words.js';

/** A company name taken apart: 山东(region) 恒通(trade name) 系统集成(industry) 有限公司(legal form). */
export interface CompanyName {
  /** Simplified, half-width, lower-case, without spaces and punctuation. */
  clean: string;
  region: string[];
  /** The distinctive part; what two spellings of one company share. Never empty (falls back to `clean`). */
  tradeName: string;
  industry: string[];
  legalForm: string | null;
  /** A branch or representative office (分公司, 办事处 …) of the company named before it. */
  branch: boolean;
  /** Tone-less pinyin of the trade name, or the Latin trade name: compares 恒通 with "Hengtong". */
  pinyin: string;
}

const REGIONS = [...Object.values(PROVINCES).map((p) => p.zh), ...CITIES].sort((x, y) => y.length - x.length);
const REGION_SET = new Set(REGIONS);
const REGION_SUFFIX = /^(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)/;
/** A county-level division's kind, which makes its place name a region wherever it stands (昆山市). */
const COUNTY_SUFFIX = /^(县|区|市|旗)/;
const COUNTIES = [...COUNTY_NAMES].sort((x, y) => y.length - x.length);

// English legal forms, and the pinyin of Chinese ones (Youxian Gongsi) from names read out letter by letter.
const LATIN_LEGAL =
  /\b(co|ltd|limited|inc|incorporated|corp|corporation|company|group|holdings|llc|plc|gmbh|youxian|gongsi|gufen|zeren|jituan|youxiangongsi)\b/g;
// Longest first, so 系统集成 is one word and 信息技术 is not read as 技术.
const INDUSTRY = Object.keys(INDUSTRY_WORDS).sort((x, y) => y.length - x.length);
const LATIN_INDUSTRY = new Set(LATIN_INDUSTRY_WORDS.keys());
const PINYIN_INDUSTRY = new Set(Object.keys(INDUSTRY_WORDS).map((w) => pinyinKey(w)));
const ENGLISH_INDUSTRY = new Set([...LATIN_INDUSTRY].filter((w) => !PINYIN_INDUSTRY.has(w)));
const LATIN_REGIONS = new Set([
  ...Object.values(PROVINCES).map((p) => p.en.toLowerCase().replace(/\s/g, '')),
  ...CITIES.map((c) => pinyinKey(c)),
  'china',
  'prc',
]);
const BRANCH = /(分公司|办事处|分部|分厂|分店|分中心|营业部)$/;
const LATIN_BRANCH = /\b(branch|office|representative)\b/;

/**
 * Words by their first or last character, in the list's order (longest first): a prefix or suffix
 * test then reads the two or three words that can match instead of all of them.
 */
function byChar(words: readonly string[], at: 'first' | 'last'): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of words) {
    const ch = at === 'first' ? word.charAt(0) : word.charAt(word.length - 1);
    index.set(ch, [...(index.get(ch) ?? []), word]);
  }
  return index;
}
const NONE: readonly string[] = [];
const INDUSTRY_BY_LAST = byChar(INDUSTRY, 'last');
const REGIONS_BY_FIRST = byChar(REGIONS, 'first');
const REGIONS_BY_LAST = byChar(REGIONS, 'last');
const COUNTIES_BY_FIRST = byChar(COUNTIES, 'first');
const COUNTIES_BY_LAST = byChar(COUNTIES, 'last');

export function parseCompanyName(name: string): CompanyName {
  return parseSimplifiedName(simplify(name));
}

/** `parseCompanyName` for a name already through `simplify` (conversion is the costly step). */
export function parseSimplifiedName(simplified: string): CompanyName {
  return hasHan(simplified) ? parseChinese(simplified) : parseLatin(simplified);
}

function parseChinese(simplified: string): CompanyName {
  let rest = simplified.replace(/[\s()（）[\]【】,.，。·&'"-]/g, '');
  const clean = rest;
  const region: string[] = [];
  let branch = false;
  const branchMatch = BRANCH.exec(rest);
  if (branchMatch) {
    branch = true;
    rest = rest.slice(0, branchMatch.index);
    // 青岛分公司: the city before the branch word is the branch's location, not the company's name.
    rest = stripRegionAtEnd(rest, region);
  }
  let legalForm: string | null = null;
  for (const form of LEGAL_FORMS) {
    if (rest.endsWith(form) && rest.length > form.length) {
      legalForm = form;
      rest = rest.slice(0, -form.length);
      break;
    }
  }
  // 恒通系统集成(山东)有限公司: a region just before the legal form.
  rest = stripRegionAtEnd(rest, region);
  const industry: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of INDUSTRY_BY_LAST.get(rest.charAt(rest.length - 1)) ?? NONE) {
      if (rest.endsWith(word) && rest.length > word.length) {
        industry.unshift(word);
        rest = rest.slice(0, -word.length);
        changed = true;
        break;
      }
    }
  }
  rest = stripRegionAtStart(rest, region);
  // 潍坊通信机械: the trade name is itself a business word; what is left is a region, or nothing.
  if (industry.length > 0 && (rest.length === 0 || REGION_SET.has(rest.replace(/(市|省)$/, '')))) {
    if (rest.length > 0) region.push(rest.replace(/(市|省)$/, ''));
    rest = industry.shift() as string;
  }
  // 瑞达(青岛)信息技术: a region after a trade name of two characters or more is also a region, as
  // long as a trade name remains (中金华泰 is not 中泰 of 金华).
  for (const word of REGIONS) {
    const at = rest.indexOf(word);
    if (at > 1 && rest.length - word.length >= 2) {
      region.push(word);
      rest = rest.slice(0, at) + rest.slice(at + word.length).replace(REGION_SUFFIX, '');
    }
  }
  // 伟新(迁安市)制药: a county-level place name there too, with its kind.
  for (let at = 2; at < rest.length - 2; at++) {
    const county = countyAtStart(rest.slice(at), undefined, 0);
    if (county !== null && rest.length - county.length >= 2) {
      region.push(county.name);
      rest = rest.slice(0, at) + rest.slice(at + county.length);
    }
  }
  const tradeName = rest.length > 0 ? rest : clean;
  return { clean, region, tradeName, industry, legalForm, branch, pinyin: pinyinKey(tradeName) };
}

function stripRegionAtStart(text: string, region: string[]): string {
  let rest = text;
  let last: string | undefined;
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of REGIONS_BY_FIRST.get(rest.charAt(0)) ?? NONE) {
      if (rest.startsWith(word) && rest.length > word.length) {
        region.push(word);
        last = word;
        rest = rest.slice(word.length).replace(REGION_SUFFIX, '');
        changed = true;
        break;
      }
    }
    if (!changed) {
      const county = countyAtStart(rest, last, 2);
      if (county !== null) {
        region.push(county.name);
        rest = rest.slice(county.length);
        last = undefined;
        changed = true;
      }
    }
  }
  return rest;
}

/**
 * A county-level place name starting `text` that reads as a region: with its kind after it (昆山市,
 * 朝阳区), or right after the province or city it lies in (唐山迁安); the longest such, as long as
 * `left` characters remain after it. Its length includes the kind.
 */
function countyAtStart(
  text: string,
  after: string | undefined,
  left: number,
): { name: string; length: number } | null {
  const within = after === undefined ? undefined : COUNTIES_WITHIN.get(after);
  for (const word of COUNTIES_BY_FIRST.get(text.charAt(0)) ?? NONE) {
    if (!text.startsWith(word)) continue;
    const kind = COUNTY_SUFFIX.exec(text.slice(word.length))?.[0] ?? '';
    if (kind === '' && !within?.has(word)) continue;
    const length = word.length + kind.length;
    if (text.length >= length + left) return { name: word, length };
  }
  return null;
}

function stripRegionAtEnd(text: string, region: string[]): string {
  const rest = text.replace(/(市|省)$/, '');
  for (const word of REGIONS_BY_LAST.get(rest.charAt(rest.length - 1)) ?? NONE) {
    if (rest.endsWith(word) && rest.length > word.length) {
      region.push(word);
      return rest.slice(0, -word.length);
    }
  }
  // 伟新(迁安市): a county-level place name with its kind.
  const kind = /(县|区|市|旗)$/.exec(text)?.[0];
  if (kind === undefined) return text;
  const stem = text.slice(0, -kind.length);
  for (const word of COUNTIES_BY_LAST.get(stem.charAt(stem.length - 1)) ?? NONE) {
    if (stem.endsWith(word) && stem.length > word.length) {
      region.push(word);
      return stem.slice(0, -word.length);
    }
  }
  return text;
}

function parseLatin(simplified: string): CompanyName {
  const branch = LATIN_BRANCH.test(simplified);
  const words = simplified
    .replace(LATIN_LEGAL, ' ')
    .replace(LATIN_BRANCH, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const region: string[] = [];
  const industry: string[] = [];
  const trade: string[] = [];
  for (const w of words) {
    if (LATIN_REGIONS.has(w)) region.push(w);
    // The first word after the region is the trade name even when it reads as pinyin of a business
    // word (Tongxin is 同心 as often as 通信); English business words are never a trade name.
    else if (LATIN_INDUSTRY.has(w) && (trade.length > 0 || ENGLISH_INDUSTRY.has(w))) industry.push(w);
    else trade.push(w);
  }
  const clean = words.join('');
  const tradeName = trade.length > 0 ? trade.join('') : (industry[0] ?? clean);
  const legalForm = LATIN_LEGAL.test(simplified) ? 'latin' : null;
  LATIN_LEGAL.lastIndex = 0;
  return { clean, region, tradeName, industry, legalForm, branch, pinyin: tradeName };
}

/** Prefecture-level cities by their tone-less pinyin: a Latin name's region compares with a Chinese one's. */
const CITY_KEYS = new Set(CITIES.map((c) => pinyinKey(c)));
const CITY_SET = new Set(CITIES);

/**
 * The prefecture-level cities a name states (潍坊 of 潍坊工源仪器仪表, "nanjing" of "Zhongyuan Chemical
 * (Nanjing)"), as tone-less pinyin so either script compares; provinces and counties are left out.
 */
function statedCities(name: CompanyName): string[] {
  const cities: string[] = [];
  for (const word of name.region) {
    if (CITY_SET.has(word)) cities.push(pinyinKey(word));
    else if (CITY_KEYS.has(word)) cities.push(word);
  }
  return cities;
}

/**
 * Whether two names state their cities and share none (潍坊工源 / 烟台工源): a registered name
 * carries the city it was registered in, so one trade name in two cities is two registrations, as
 * the account matcher reads it (`regionSignal`). A name without a city (工源仪器仪表, a province's
 * 山东工源) is never apart from one with it: a person re-typing a name drops or moves the city, and
 * does not put another one in.
 */
export function registeredApart(a: CompanyName, b: CompanyName): boolean {
  const inA = statedCities(a);
  if (inA.length === 0) return false;
  const inB = statedCities(b);
  return inB.length > 0 && !inA.some((c) => inB.includes(c));
}

export type NameMatch = 'same' | 'same_trade_name' | 'same_pinyin' | 'similar' | 'different';

/** How two parsed names relate, strongest first. */
export function compareCompanyNames(a: CompanyName, b: CompanyName): NameMatch {
  if (a.clean === b.clean && a.branch === b.branch) return 'same';
  if (a.tradeName === b.tradeName) return 'same_trade_name';
  // Pinyin joins a Chinese spelling to a Latin one. Two Chinese trade names that only sound alike
  // (恒通 / 亨通) are usually two companies, so they are at most similar.
  if (a.pinyin.length >= 4 && a.pinyin === b.pinyin && hasHan(a.tradeName) !== hasHan(b.tradeName))
    return 'same_pinyin';
  if (diceBigrams(a.tradeName, b.tradeName) >= 0.6 || diceBigrams(a.pinyin, b.pinyin) >= 0.8)
    return 'similar';
  return 'different';
}
