import { diceBigrams } from '../../names/chinese-text.js';
import { emailSignal, phoneSignal } from './account-signals.js';
import type { PreparedContact } from './prepared-entity.js';
import type { EntitySignal } from './types.js';

/** Whether two accounts are one company entered twice: the account scorer, injected by the scan. */
export type AccountsMatch = (xId: string, yId: string) => boolean;

/** A person's name, as written or through pinyin (张伟 = Zhang Wei = Wei Zhang). */
export function personNameSignal(x: PreparedContact, y: PreparedContact): EntitySignal {
  const [a, b] = [x.record.name, y.record.name];
  const base = { name: 'person_name' as const, a, b };
  if (x.person.length === 0 || y.person.length === 0)
    return { ...base, level: 'unknown', weight: 0, text: 'a name is missing' };
  if (x.person === y.person) return { ...base, level: 'same', weight: 7, text: `same person ${a}` };
  if (x.personKeys.some((k) => y.personKeys.includes(k)))
    return { ...base, level: 'same_pinyin', weight: 6, text: `same person in pinyin (${a} / ${b})` };
  const close = x.personKeys.some((k) => y.personKeys.some((l) => diceBigrams(k, l) >= 0.85));
  if (close) return { ...base, level: 'similar', weight: 1, text: `similar names (${a} / ${b})` };
  return { ...base, level: 'different', weight: -8, text: `different people (${a} / ${b})` };
}

/** One person is entered twice at one customer, or at two records of one customer. */
export function accountSignal(x: PreparedContact, y: PreparedContact, same: AccountsMatch): EntitySignal {
  const [a, b] = [x.record.accountId, y.record.accountId];
  const names = `(${x.account?.record.name ?? a} / ${y.account?.record.name ?? b})`;
  const base = { name: 'account' as const, a, b };
  if (a === b)
    return {
      ...base,
      level: 'same_account',
      weight: 2,
      text: `at the same customer (${x.account?.record.name ?? a})`,
    };
  if (same(a, b))
    return {
      ...base,
      level: 'duplicate_accounts',
      weight: 2,
      text: `at one customer entered twice ${names}`,
    };
  return { ...base, level: 'different_account', weight: -3, text: `at different customers ${names}` };
}

/** Every contact signal of a pair; symmetric whenever `same` is. */
export function contactSignals(x: PreparedContact, y: PreparedContact, same: AccountsMatch): EntitySignal[] {
  return [
    personNameSignal(x, y),
    accountSignal(x, y, same),
    phoneSignal(x, y),
    // Colleagues share the company's mail domain: only a shared address is evidence of one person.
    emailSignal(x, y, { address: 9, domain: 0.5, otherDomain: -0.5 }),
  ];
}
