import type { Account, Contact } from '@gongfu/core';
import { pinyin } from 'pinyin-pro';
import { halfWidth, hasHan, simplify } from '../../names/chinese-text.js';
import { type CompanyName, parseCompanyName } from '../../names/company-name.js';
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

export function isTraditional(raw: string): boolean {
  return hasHan(raw) && simplify(raw) !== halfWidth(raw.normalize('NFKC')).toLowerCase();
}

export function prepareAccount(record: AccountRecord): PreparedAccount {
  const name = parseCompanyName(record.name);
  const emails = unique(record.emails.map(emailKey));
  return {
    record,
    name,
    traditional: isTraditional(record.name),
    concepts: industryConcepts(name),
    place: placeOf(name, record.region?.province ?? null),
    creditCode: record.creditCode ? record.creditCode.trim().toUpperCase() : null,
    phones: unique(record.phones.map(phoneE164)),
    emails,
    domains: unique(emails.map(companyDomain)),
  };
}

/** Pinyin keys of a person's name; a polyphonic surname (曾, 单) is read as a surname. */
export function personKeys(raw: string): { person: string; keys: string[] } {
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
