import { diceBigrams } from '../../names/chinese-text.js';
import { emailSignal, phoneSignal } from './account-signals.js';
import { sayEntity as say } from './entity-messages.js';
import type { PreparedContact } from './prepared-entity.js';
import { signal } from './signal.js';
import type { EntitySignal } from './types.js';

/** Whether two accounts are one company entered twice: the account scorer, injected by the scan. */
export type AccountsMatch = (xId: string, yId: string) => boolean;

/** A person's name, as written or through pinyin (张伟 = Zhang Wei = Wei Zhang). */
export function personNameSignal(x: PreparedContact, y: PreparedContact, words = true): EntitySignal {
  const a = x.record.name;
  const b = y.record.name;
  if (x.person.length === 0 || y.person.length === 0)
    return signal('person_name', 'unknown', 0, a, b, words && say('entityDuplicate.person.missing'));
  if (x.person === y.person)
    return signal('person_name', 'same', 7, a, b, words && say('entityDuplicate.person.same', { name: a }));
  if (x.personKeys.some((k) => y.personKeys.includes(k)))
    return signal(
      'person_name',
      'same_pinyin',
      6,
      a,
      b,
      words && say('entityDuplicate.person.samePinyin', { a, b }),
    );
  const close = x.personKeys.some((k) => y.personKeys.some((l) => diceBigrams(k, l) >= 0.85));
  if (close)
    return signal('person_name', 'similar', 1, a, b, words && say('entityDuplicate.name.similar', { a, b }));
  return signal(
    'person_name',
    'different',
    -8,
    a,
    b,
    words && say('entityDuplicate.person.different', { a, b }),
  );
}

/** One person is entered twice at one customer, or at two records of one customer. */
export function accountSignal(
  x: PreparedContact,
  y: PreparedContact,
  same: AccountsMatch,
  words = true,
): EntitySignal {
  const a = x.record.accountId;
  const b = y.record.accountId;
  if (a === b)
    return signal(
      'account',
      'same_account',
      2,
      a,
      b,
      words && say('entityDuplicate.account.same', { name: x.account?.record.name ?? a }),
    );
  if (same(a, b))
    return signal(
      'account',
      'duplicate_accounts',
      2,
      a,
      b,
      words && say('entityDuplicate.account.duplicates', customers(x, y)),
    );
  return signal(
    'account',
    'different_account',
    -3,
    a,
    b,
    words && say('entityDuplicate.account.different', customers(x, y)),
  );
}

/** Every contact signal of a pair; symmetric whenever `same` is. */
export function contactSignals(
  x: PreparedContact,
  y: PreparedContact,
  same: AccountsMatch,
  words = true,
): EntitySignal[] {
  return [
    personNameSignal(x, y, words),
    accountSignal(x, y, same, words),
    phoneSignal(x, y, 8, words),
    // Colleagues share the company's mail domain: only a shared address is evidence of one person.
    emailSignal(x, y, { address: 9, domain: 0.5, otherDomain: -0.5 }, words),
  ];
}

const customers = (x: PreparedContact, y: PreparedContact) => ({
  a: x.account?.record.name ?? x.record.accountId,
  b: y.account?.record.name ?? y.record.accountId,
});
