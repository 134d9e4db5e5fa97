import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { hasHan } from '../../names/chinese-text.js';
import { compareCompanyNames } from '../../names/company-name.js';
import { placeLabel } from './company-facets.js';
import type { PreparedAccount } from './prepared-entity.js';
import type { EntitySignal, EntitySignalName } from './types.js';

const signal = (
  name: EntitySignalName,
  level: string,
  weight: number,
  a: unknown,
  b: unknown,
  text: string,
): EntitySignal => ({ name, level, weight, a, b, text });

/** "+86 531 8888 0000": how a manager reads a number back. */
export function phoneLabel(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Equal unified social credit codes are one legal entity; two different codes are two entities. */
export function creditCodeSignal(x: PreparedAccount, y: PreparedAccount): EntitySignal {
  const [a, b] = [x.creditCode, y.creditCode];
  if (a === null || b === null) return signal('credit_code', 'unknown', 0, a, b, 'a credit code is missing');
  if (a === b) return signal('credit_code', 'same', 24, a, b, `same unified social credit code ${a}`);
  // A veto: outweighs everything else a pair can share (name, phone, address: at most +28 bits).
  return signal('credit_code', 'different', -30, a, b, `different credit codes (${a} / ${b})`);
}

/** What made two spellings of one name differ, in words. */
function spellingNotes(x: PreparedAccount, y: PreparedAccount): string[] {
  const notes: string[] = [];
  const [rx, ry] = [x.record.name, y.record.name];
  if (x.name.legalForm !== y.name.legalForm && hasHan(rx) && hasHan(ry))
    notes.push(`legal forms differ (${x.name.legalForm ?? 'none'} / ${y.name.legalForm ?? 'none'})`);
  if (hasHan(rx) !== hasHan(ry)) notes.push(`one name in pinyin (${hasHan(rx) ? ry : rx})`);
  else if (hasHan(rx) && (x.traditional || y.traditional))
    notes.push('traditional and simplified characters');
  return notes;
}

/** "山东恒通 (Shandong) system integration": region, trade name and business, from the Chinese spelling. */
function companyLabel(x: PreparedAccount, y: PreparedAccount): string {
  const han = hasHan(x.record.name) ? x : hasHan(y.record.name) ? y : x;
  const region = han.name.region.find((r) => han.name.clean.startsWith(r)) ?? '';
  const place = placeLabel(han.place);
  const shared = x.concepts.filter((c) => y.concepts.includes(c));
  const business = (shared.length > 0 ? shared : han.concepts).join(' ');
  return [`${region}${han.name.tradeName}`, place ? `(${place})` : '', business].filter((s) => s).join(' ');
}

/**
 * The name compared by structure. A branch is not its head office, and two different trade names
 * are two companies even in one city; the same trade name under other legal forms, characters or
 * in pinyin is strong evidence of one company.
 */
export function companyNameSignal(x: PreparedAccount, y: PreparedAccount): EntitySignal {
  const [a, b] = [x.record.name, y.record.name];
  const match = compareCompanyNames(x.name, y.name);
  if (x.name.branch !== y.name.branch && match !== 'different')
    return signal('name', 'branch', -6, a, b, `a company and its branch are not one record (${a} / ${b})`);
  const notes = spellingNotes(x, y);
  const tail = notes.length > 0 ? `, ${notes.join(', ')}` : '';
  switch (match) {
    case 'same':
      return signal(
        'name',
        'same',
        10,
        a,
        b,
        a === b ? `same name (${a})` : `same name once normalised (${a} / ${b})${tail}`,
      );
    case 'same_trade_name':
      return signal('name', 'same_trade_name', 9, a, b, `same trade name: ${companyLabel(x, y)}${tail}`);
    case 'same_pinyin':
      return signal('name', 'same_pinyin', 8, a, b, `same trade name: ${companyLabel(x, y)}${tail}`);
    case 'similar':
      return signal('name', 'similar', 2, a, b, `similar names (${a} / ${b})`);
    default:
      return signal('name', 'different', -6, a, b, `different names (${a} / ${b})`);
  }
}

/** Many companies share a trade name across China; one in another city is usually another company. */
export function regionSignal(x: PreparedAccount, y: PreparedAccount): EntitySignal {
  const [a, b] = [x.place, y.place];
  const where = (p: typeof a) => placeLabel(p);
  if (a.city && b.city) {
    if (a.city === b.city) return signal('region', 'same_city', 1, a, b, `both in ${where(a)}`);
    return signal('region', 'different_city', -4, a, b, `one in ${where(a)}, the other in ${where(b)}`);
  }
  // The region in a registered name is where it was registered: 山东恒通 and 青岛恒通 are two registrations.
  if (a.named.length > 0 && b.named.length > 0 && !a.named.some((r) => b.named.includes(r)))
    return signal(
      'region',
      'different_registration',
      -3,
      a,
      b,
      `registered in different places (${where(a)} / ${where(b)})`,
    );
  if (a.province && b.province) {
    if (a.province === b.province) return signal('region', 'same_province', 0.5, a, b, `both in ${where(a)}`);
    return signal('region', 'different_province', -4, a, b, `one in ${where(a)}, the other in ${where(b)}`);
  }
  return signal('region', 'unknown', 0, a, b, 'a region is unknown');
}

export function industrySignal(x: PreparedAccount, y: PreparedAccount): EntitySignal {
  const [a, b] = [x.concepts, y.concepts];
  if (a.length === 0 || b.length === 0)
    return signal('industry', 'unknown', 0, a, b, 'a line of business is unknown');
  if (a.some((c) => b.includes(c)))
    return signal('industry', 'same', 1, a, b, `both in ${a.filter((c) => b.includes(c)).join(' ')}`);
  const words = (p: PreparedAccount) => p.name.industry.join('') || p.concepts.join(' ');
  return signal('industry', 'different', -4, a, b, `different lines of business (${words(x)} / ${words(y)})`);
}

export function phoneSignal(x: { phones: string[] }, y: { phones: string[] }, weight = 8): EntitySignal {
  const [a, b] = [x.phones, y.phones];
  const shared = a.find((p) => b.includes(p));
  if (shared) return signal('phone', 'same', weight, a, b, `same phone ${phoneLabel(shared)}`);
  if (a.length === 0 || b.length === 0) return signal('phone', 'unknown', 0, a, b, 'a phone is missing');
  // A company has many lines; different numbers say little.
  return signal('phone', 'different', 0, a, b, 'different phones');
}

export function emailSignal(
  x: { emails: string[]; domains: string[] },
  y: { emails: string[]; domains: string[] },
  weights = { address: 8, domain: 6, otherDomain: -1 },
): EntitySignal {
  const [a, b] = [x.emails, y.emails];
  const address = a.find((e) => b.includes(e));
  if (address) return signal('email', 'same_address', weights.address, a, b, `same email ${address}`);
  const domain = x.domains.find((d) => y.domains.includes(d));
  if (domain) return signal('email', 'same_domain', weights.domain, a, b, `same mail domain ${domain}`);
  if (x.domains.length > 0 && y.domains.length > 0)
    return signal(
      'email',
      'different_domain',
      weights.otherDomain,
      a,
      b,
      `different mail domains (${x.domains[0]} / ${y.domains[0]})`,
    );
  return signal('email', 'unknown', 0, a, b, 'no company mail domain to compare');
}

/** Every account signal of a pair; symmetric (swapping swaps `a` and `b`, never a weight). */
export function accountSignals(x: PreparedAccount, y: PreparedAccount): EntitySignal[] {
  return [
    creditCodeSignal(x, y),
    companyNameSignal(x, y),
    regionSignal(x, y),
    industrySignal(x, y),
    phoneSignal(x, y),
    emailSignal(x, y),
  ];
}
