import { CITY_NAMES, LEGAL_FORMS, PROVINCE_NAMES } from '../../domain/company-affixes.js';

// Longest first, so 内蒙古 is one region and 石家庄 is not read short; by first character, so a name
// is tested against the few regions that can start it, not all 365.
const REGIONS_BY_FIRST = new Map<string, string[]>();
for (const region of [...PROVINCE_NAMES, ...CITY_NAMES].sort((x, y) => y.length - x.length))
  REGIONS_BY_FIRST.set(region.charAt(0), [...(REGIONS_BY_FIRST.get(region.charAt(0)) ?? []), region]);
const REGION_SUFFIX = /^(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)/;

/**
 * Where a normalised company name's trade name starts (in code points): 山东济南恒通系统集成有限公司
 * → 4, at 恒通. The regions before it are stripped one after another, as long as something other
 * than the legal form is left. Search keys the name from there as its own field, so a query for
 * 恒通 is a prefix probe, not a scan of every name containing it.
 */
export function tradeNameStart(chars: readonly string[]): number {
  const text = chars.join('');
  let end = chars.length;
  for (const form of LEGAL_FORMS) {
    if (text.endsWith(form) && text.length > form.length) {
      end -= [...form].length;
      break;
    }
  }
  let start = 0;
  for (let stripped = true; stripped; ) {
    stripped = false;
    const rest = chars.slice(start, end).join('');
    for (const region of REGIONS_BY_FIRST.get(rest.charAt(0)) ?? []) {
      if (!rest.startsWith(region)) continue;
      const suffix = REGION_SUFFIX.exec(rest.slice(region.length))?.[0] ?? '';
      const next = start + [...region].length + [...suffix].length;
      if (next < end) {
        start = next;
        stripped = true;
      }
      break;
    }
  }
  return start;
}
