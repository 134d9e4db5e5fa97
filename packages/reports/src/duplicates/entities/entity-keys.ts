import { pinyin } from 'pinyin-pro';
import { hasHan } from '../../names/chinese-text.js';
import type { PreparedAccount, PreparedContact } from './prepared-entity.js';

/** Pinyin initials of a Chinese trade name (恒通 → "ht"), to meet typos such as 恒同 in one place. */
function initials(tradeName: string): string | null {
  if (!hasHan(tradeName)) return null;
  let first = INITIALS.get(tradeName);
  if (first === undefined) {
    first = pinyin(tradeName, { pattern: 'first', toneType: 'none', separator: '' }).replace(/[^a-z]/g, '');
    // Trade names repeat; bounded so a long-lived server does not grow without end.
    if (INITIALS.size >= 50_000) INITIALS.clear();
    INITIALS.set(tradeName, first);
  }
  return first.length >= 2 ? first : null;
}
const INITIALS = new Map<string, string>();

/**
 * Blocking keys of an account: two accounts are compared only when they share one. Trade name and
 * its pinyin (Chinese ↔ Latin spellings), the pinyin within a line of business and within a
 * province, pinyin initials within a province, credit code, phones and company mail domains.
 */
export function accountBlockingKeys(p: PreparedAccount): string[] {
  const keys = new Set<string>();
  const { tradeName, pinyin: py } = p.name;
  if (tradeName.length >= 2) keys.add(`tn:${tradeName}`);
  if (py.length >= 4) {
    keys.add(`py:${py}`);
    // A popular trade name (恒通) fills its block past the cap at scale; within one line of business
    // or one province it is rare again. Both keys are script-free: 物流 and "Logistics" meet.
    for (const concept of p.concepts) keys.add(`pc:${py}:${concept}`);
    const province = p.place.province ?? p.place.phone?.province;
    if (province) keys.add(`pp:${py}:${province}`);
  }
  const first = initials(tradeName);
  if (first) keys.add(`pi:${p.place.province ?? '?'}:${first}`);
  if (p.creditCode) keys.add(`cc:${p.creditCode}`);
  for (const phone of p.phones) keys.add(`ph:${phone}`);
  for (const domain of p.domains) keys.add(`ed:${domain}`);
  return [...keys];
}

/**
 * Blocking keys of a contact: the person's pinyin under each of the account's identity keys (the
 * same account, or two records of one company meet on trade-name pinyin or credit code), and the
 * person's own phones and email address wherever they work.
 */
export function contactBlockingKeys(c: PreparedContact): string[] {
  const keys = new Set<string>();
  const where = [`ac:${c.record.accountId}`];
  if (c.account) {
    if (c.account.name.pinyin.length >= 4) where.push(`py:${c.account.name.pinyin}`);
    if (c.account.creditCode) where.push(`cc:${c.account.creditCode}`);
  }
  for (const w of where) for (const k of c.personKeys) keys.add(`pn:${w}:${k}`);
  for (const phone of c.phones) keys.add(`ph:${phone}`);
  for (const email of c.emails) keys.add(`em:${email}`);
  return [...keys];
}
