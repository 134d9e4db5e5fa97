import type { Account, Contact } from '@gongfu/core';
import { pinyin } from 'pinyin-pro';
import { halfWidth, hasHan, simplify } from '../../names/chinese-text.js';
import { type CompanyName, parseSimplifiedName } from '../../names/company-name.js';
import { companyDomain, emailKey, phoneE164 } from '../../names/contact-keys.js';
import { industryConcepts, type Place, placeOf } from './company-facets.js';

/** What entity matching reads of an account; a stored `Account` fits. */
export type AccountRecord = Pick<Account, 'id' | 'name' | 'ownerId' | 'creditCode' | 'phones' | 'emails'> & {
  region?: { province: string } | null;
};
/** What entity matching reads of a contact; a stored `Contact` fits. */
export type ContactRecord = Pick<
  Contact,
  'id' | 'name' | 'ownerId' | 'accountId' | 'phone' | 'mobile' | 'email'
>;

/** An account with everything a comparison needs computed once (conversion and pinyin are the cost). */
export interface PreparedAccount {
  record: AccountRecord;
  name: CompanyName;
  /** Written with traditional characters (conversion is costly, so it is decided once). */
  traditional: boolean;
  concepts: string[];
  place: Place;
  creditCode: string | null;
  phones: string[];
  emails: string[];
  /** Non-generic mail domains: 163.com says nothing, hengtong.com.cn does. */
  domains: string[];
}

export interface PreparedContact {
  record: ContactRecord;
  /** Simplified, lower-case, without spaces or punctuation. */
  person: string;
  /** Tone-less pinyin in the order written and, for a two-word Latin name, reversed (Wei Zhang / Zhang Wei). */
  personKeys: string[];
  phones: string[];
  emails: string[];
  domains: string[];
  /** The contact's account, when it is known. */
  account: PreparedAccount | null;
}

function unique<T>(values: Iterable<T | null>): T[] {
  return [...new Set([...values].filter((v): v is T => v !== null))];
}

/** `simplified` is `simplify(raw)`, when the caller has it already (conversion is not free). */
export function isTraditional(raw: string, simplified = simplify(raw)): boolean {
  return hasHan(raw) && simplified !== halfWidth(raw.normalize('NFKC')).toLowerCase();
}

export function prepareAccount(record: AccountRecord): PreparedAccount {
  const simplified = simplify(record.name);
  const name = parseSimplifiedName(simplified);
  const emails = unique(record.emails.map(emailKey));
  const phones = unique(record.phones.map(phoneE164));
  return {
    record,
    name,
    traditional: isTraditional(record.name, simplified),
    concepts: industryConcepts(name),
    place: placeOf(name, record.region?.province ?? null, phones),
    creditCode: record.creditCode ? record.creditCode.trim().toUpperCase() : null,
    phones,
    emails,
    domains: unique(emails.map(companyDomain)),
  };
}

/** Pinyin keys of a person's name; a polyphonic surname (曾, 单) is read as a surname. */
export function personKeys(raw: string): { person: string; keys: string[] } {
  let known = PERSON_KEYS.get(raw);
  if (!known) {
    known = freshPersonKeys(raw);
    // Bounded: start over rather than grow without end in a long-lived server.
    if (PERSON_KEYS.size >= 50_000) PERSON_KEYS.clear();
    PERSON_KEYS.set(raw, known);
  }
  return known;
}

/** People's names repeat (王伟, 李娜 …) and conversion plus pinyin cost tens of µs; results are shared, never mutated. */
const PERSON_KEYS = new Map<string, { person: string; keys: string[] }>();

function freshPersonKeys(raw: string): { person: string; keys: string[] } {
  const person = simplify(raw).replace(/[\s\p{P}\p{S}]/gu, '');
  if (hasHan(person)) {
    const key = pinyin(person, { toneType: 'none', separator: '', mode: 'surname', surname: 'head', v: true })
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    return { person, keys: key.length > 0 ? [key] : [] };
  }
  const words = simplify(raw)
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
  const keys = unique([words.join(''), words.length === 2 ? [...words].reverse().join('') : null]);
  return { person, keys: keys.filter((k) => k.length > 0) };
}

export function prepareContact(record: ContactRecord, account: PreparedAccount | null): PreparedContact {
  const { person, keys } = personKeys(record.name);
  const emails = unique([record.email ? emailKey(record.email) : null]);
  return {
    record,
    person,
    personKeys: keys,
    phones: unique([record.phone, record.mobile].map((p) => (p ? phoneE164(p) : null))),
    emails,
    domains: unique(emails.map(companyDomain)),
    account,
  };
}
