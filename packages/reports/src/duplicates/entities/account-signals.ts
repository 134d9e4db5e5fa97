import { bilingual, type Message } from '@gongfu/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { hasHan } from '../../names/chinese-text.js';
import { compareCompanyNames } from '../../names/company-name.js';
import { placeLabel, readableConcepts } from './company-facets.js';
import { sayEntity as say } from './entity-messages.js';
import { industrySignal, regionSignal } from './facet-signals.js';
import { commonNamePenalty, type NameFrequency } from './name-frequency.js';
import type { PreparedAccount } from './prepared-entity.js';
import { signal } from './signal.js';
import type { EntitySignal } from './types.js';

/** "+86 531 8888 0000": how a manager reads a number back. */
export function phoneLabel(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Equal unified social credit codes are one legal entity; two different codes are two entities. */
export function creditCodeSignal(x: PreparedAccount, y: PreparedAccount, words = true): EntitySignal {
  const a = x.creditCode;
  const b = y.creditCode;
  if (a === null || b === null)
    return signal('credit_code', 'unknown', 0, a, b, words && say('entityDuplicate.creditCode.missing'));
  if (a === b)
    return signal(
      'credit_code',
      'same',
      24,
      a,
      b,
      words && say('entityDuplicate.creditCode.same', { code: a }),
    );
  // A veto: outweighs everything else a pair can share (name, phone, address: at most +28 bits).
  return signal(
    'credit_code',
    'different',
    -30,
    a,
    b,
    words && say('entityDuplicate.creditCode.different', { a, b }),
  );
}

/** What made two spellings of one name differ, in words. */
function spellingNotes(x: PreparedAccount, y: PreparedAccount): Message[] {
  const notes: Message[] = [];
  const none = say('entityDuplicate.note.none');
  const [rx, ry] = [x.record.name, y.record.name];
  if (x.name.legalForm !== y.name.legalForm && hasHan(rx) && hasHan(ry))
    notes.push(
      say('entityDuplicate.note.legalForms', { a: x.name.legalForm ?? none, b: y.name.legalForm ?? none }),
    );
  if (hasHan(rx) !== hasHan(ry))
    notes.push(say('entityDuplicate.note.pinyin', { name: hasHan(rx) ? ry : rx }));
  else if (hasHan(rx) && (x.traditional || y.traditional))
    notes.push(say('entityDuplicate.note.traditional'));
  return notes;
}

/**
 * "山东恒通 (Shandong) system integration" / "山东恒通（山东）系统集成": region, trade name, place and
 * business, from the Chinese spelling, in the reader's language.
 */
function companyLabel(x: PreparedAccount, y: PreparedAccount): Message {
  const han = hasHan(x.record.name) ? x : hasHan(y.record.name) ? y : x;
  const region = han.name.region.find((r) => han.name.clean.startsWith(r)) ?? '';
  const known = han.place.province !== null || han.place.city !== null;
  const shared = x.concepts.filter((c) => y.concepts.includes(c));
  const concepts = readableConcepts(shared.length > 0 ? shared : han.concepts);
  return say('entityDuplicate.name.companyLabel', {
    name: `${region}${han.name.tradeName}`,
    known: known ? 'yes' : 'no',
    place: known ? placeLabel(han.place) : '',
    described: concepts ? 'yes' : 'no',
    business: bilingual({ en: concepts, 'zh-CN': han.name.industry.join('') || concepts }),
  });
}

const NAME_WEIGHT = { same: 10, same_trade_name: 9, same_pinyin: 8, similar: 2, different: -6 } as const;

/**
 * The name compared by structure. A branch is not its head office, and two different trade names
 * are two companies even in one city; the same trade name under other legal forms, characters or
 * in pinyin is strong evidence of one company, the less so the more accounts share it.
 */
export function companyNameSignal(
  x: PreparedAccount,
  y: PreparedAccount,
  names?: NameFrequency,
  words = true,
): EntitySignal {
  const a = x.record.name;
  const b = y.record.name;
  const match = compareCompanyNames(x.name, y.name);
  if (x.name.branch !== y.name.branch && match !== 'different')
    return signal('name', 'branch', -6, a, b, words && say('entityDuplicate.name.branch', { a, b }));
  if (match === 'similar')
    return signal('name', 'similar', 2, a, b, words && say('entityDuplicate.name.similar', { a, b }));
  if (match === 'different')
    return signal('name', 'different', -6, a, b, words && say('entityDuplicate.name.different', { a, b }));
  // A name twenty accounts share points at none of them in particular.
  const sharing = names?.sharing(x, y) ?? 0;
  const penalty = commonNamePenalty(sharing);
  const weight = NAME_WEIGHT[match] - penalty;
  if (!words) return signal('name', match, weight, a, b, false);
  const notes = spellingNotes(x, y);
  if (penalty > 0) notes.push(say('entityDuplicate.note.common', { count: sharing }));
  // The notes follow the clause, each after a comma, in the order found.
  const withNotes = (clause: Message): Message =>
    notes.reduce((c, note) => say('entityDuplicate.name.withNotes', { clause: c, notes: note }), clause);
  if (match === 'same')
    return signal(
      'name',
      match,
      weight,
      a,
      b,
      withNotes(
        a === b
          ? say('entityDuplicate.name.same', { a })
          : say('entityDuplicate.name.sameNormalised', { a, b }),
      ),
    );
  return signal(
    'name',
    match,
    weight,
    a,
    b,
    withNotes(say('entityDuplicate.name.sameTradeName', { label: companyLabel(x, y) })),
  );
}

export function phoneSignal(
  x: { phones: string[] },
  y: { phones: string[] },
  weight = 8,
  words = true,
): EntitySignal {
  const a = x.phones;
  const b = y.phones;
  const shared = a.find((p) => b.includes(p));
  if (shared)
    return signal(
      'phone',
      'same',
      weight,
      a,
      b,
      words && say('entityDuplicate.phone.same', { phone: phoneLabel(shared) }),
    );
  if (a.length === 0 || b.length === 0)
    return signal('phone', 'unknown', 0, a, b, words && say('entityDuplicate.phone.missing'));
  // A company has many lines; different numbers say little.
  return signal('phone', 'different', 0, a, b, words && say('entityDuplicate.phone.different'));
}

export function emailSignal(
  x: { emails: string[]; domains: string[] },
  y: { emails: string[]; domains: string[] },
  weights = { address: 8, domain: 6, otherDomain: -1 },
  words = true,
): EntitySignal {
  const a = x.emails;
  const b = y.emails;
  const address = a.find((e) => b.includes(e));
  if (address)
    return signal(
      'email',
      'same_address',
      weights.address,
      a,
      b,
      words && say('entityDuplicate.email.sameAddress', { email: address }),
    );
  const domain = x.domains.find((d) => y.domains.includes(d));
  if (domain)
    return signal(
      'email',
      'same_domain',
      weights.domain,
      a,
      b,
      words && say('entityDuplicate.email.sameDomain', { domain }),
    );
  if (x.domains.length > 0 && y.domains.length > 0)
    return signal(
      'email',
      'different_domain',
      weights.otherDomain,
      a,
      b,
      words &&
        say('entityDuplicate.email.differentDomains', { a: x.domains[0] ?? '', b: y.domains[0] ?? '' }),
    );
  return signal('email', 'unknown', 0, a, b, words && say('entityDuplicate.email.unknown'));
}

/**
 * Every account signal of a pair; symmetric (swapping swaps `a` and `b`, never a weight). `names`
 * counts how many of the scanned accounts share a trade name; without it a name counts in full.
 * With `words` false the weights are the same and every `text` is empty.
 */
export function accountSignals(
  x: PreparedAccount,
  y: PreparedAccount,
  names?: NameFrequency,
  words = true,
): EntitySignal[] {
  return [
    creditCodeSignal(x, y, words),
    companyNameSignal(x, y, names, words),
    regionSignal(x, y, words),
    industrySignal(x, y, words),
    phoneSignal(x, y, 8, words),
    emailSignal(x, y, undefined, words),
  ];
}
