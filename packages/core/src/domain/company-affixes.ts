import { areaList } from '@vant/area-data';

/**
 * The words around a Chinese company's trade name: the region before it (a province-level division
 * of GB/T 2260 or a prefecture-level city, optionally with 省/市/自治区) and the legal form after it. Search keys
 * and duplicate detection take names apart with the same lists.
 */
export const PROVINCE_NAMES: readonly string[] = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
  '台湾',
  '香港',
  '澳门',
];

/**
 * GB/T 2260 codes of Taiwan, Hong Kong and Macau: the division list names their districts and
 * islands unlike the mainland's (香港岛, 离岛), so their entries are left out.
 */
const OUTSIDE_MAINLAND = /^(71|81|82)/;

/**
 * The peoples an autonomous prefecture, county or banner is named after (延边朝鲜族自治州 → 延边):
 * the 55 minority nationalities, each with or without 族 as the division names spell them.
 */
const PEOPLES =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${PEOPLES})族?)+自治(?:州|县|旗)$`);
const PREFECTURE = /^(.{2,}?)(?:市|地区|盟)$/;
const COUNTY = /^(.{2,}?)(?:县|区|市|旗|特区|林区)$/;
/** Development zones, new areas and offices in the county list: no place a company is named after. */
const NOT_A_PLACE = /开发|新区|高新|园|管理|管委会|示范|经济|实验|街道|直辖/;

/** The place name of one division without its kind (唐山市 → 唐山), or null when none is left. */
function placeName(division: string, kind: RegExp): string | null {
  if (NOT_A_PLACE.test(division)) return null;
  const stem = AUTONOMOUS.exec(division)?.[1] ?? kind.exec(division)?.[1] ?? null;
  // 鄂伦春自治旗, 梅里斯达斡尔族区: named after a people, not a place.
  if (stem === null || /自治|族$/.test(stem) || PROVINCE_NAMES.includes(stem)) return null;
  return stem;
}

function placeNames(
  divisions: Readonly<Record<string, string>>,
  kind: RegExp,
  known: readonly string[],
): string[] {
  const names = new Set<string>();
  for (const [code, division] of Object.entries(divisions)) {
    if (OUTSIDE_MAINLAND.test(code)) continue;
    const name = placeName(division, kind);
    if (name !== null && !known.includes(name)) names.add(name);
  }
  return [...names];
}

/**
 * Prefecture-level cities, prefectures, leagues and autonomous prefectures of the mainland
 * (GB/T 2260, from `@vant/area-data`), without their kind: 唐山, 石家庄, 延边. Names put one before
 * the trade name with or without 市 (河北唐山伟新, 唐山市伟新).
 */
export const CITY_NAMES: readonly string[] = placeNames(areaList.city_list, PREFECTURE, []);

/**
 * County-level divisions (counties, districts, county-level cities, banners) without their kind:
 * 迁安, 昆山, 朝阳. Many of them are also common words or trade names (新华, 和平, 长城), so a name
 * parser reads one as a region only where it cannot be a trade name: with its kind after it (昆山市)
 * or after a province or city (江苏昆山).
 */
export const COUNTY_NAMES: readonly string[] = placeNames(areaList.county_list, COUNTY, CITY_NAMES);

/** The province-level name of a 2-digit code (内蒙古自治区 → 内蒙古), or null outside the list. */
function provinceOf(code: string): string | null {
  const division = areaList.province_list[`${code.slice(0, 2)}0000`] ?? '';
  return PROVINCE_NAMES.find((p) => division.startsWith(p)) ?? null;
}

/**
 * For each province and prefecture-level city, the county-level place names inside it (唐山 → 迁安,
 * 滦州 …; 北京 → 海淀 …): a county named right after its own province or city is a region even
 * without 县/区/市 (河北唐山迁安伟新), one named after another region is not (北京新华书店).
 */
export const COUNTIES_WITHIN: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const within = new Map<string, Set<string>>();
  const add = (region: string | null, county: string) => {
    if (region === null) return;
    const set = within.get(region) ?? new Set<string>();
    set.add(county);
    within.set(region, set);
  };
  for (const [code, division] of Object.entries(areaList.county_list)) {
    if (OUTSIDE_MAINLAND.test(code)) continue;
    const county = placeName(division, COUNTY);
    if (county === null || CITY_NAMES.includes(county)) continue;
    add(provinceOf(code), county);
    const city = areaList.city_list[`${code.slice(0, 4)}00`];
    add(city === undefined ? null : placeName(city, PREFECTURE), county);
  }
  return within;
})();

/** Longest first, so 股份有限公司 wins over 有限公司. */
export const LEGAL_FORMS: readonly string[] = [
  '集团股份有限公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '集团',
  '公司',
  '商行',
  '工作室',
  '厂',
];
