import type { Message } from '@gongfu/core';
import { probabilityOf } from '../score-pair.js';
import { accountSignals } from './account-signals.js';
import { type AccountsMatch, contactSignals } from './contact-signals.js';
import { explanationOf, totalScore } from './entity-scan.js';
import type { NameFrequency } from './name-frequency.js';
import type { PreparedAccount, PreparedContact } from './prepared-entity.js';
import type { EntitySignal } from './types.js';

/** log2 prior odds that two candidate accounts are one company (candidates already share a key). */
export const ACCOUNT_PRIOR = -8;
/** log2 prior odds that two candidate contacts are one person. */
export const CONTACT_PRIOR = -6;

/**
 * Two accounts are one company when their pair scores at or above zero bits (probability ≥ 0.5);
 * `names` counts how common their trade name is among the accounts compared.
 */
export function accountsMatch(x: PreparedAccount, y: PreparedAccount, names?: NameFrequency): boolean {
  return totalScore(ACCOUNT_PRIOR, accountSignals(x, y, names, false)) >= 0;
}

export interface EntityPairScore {
  score: number;
  probability: number;
  signals: EntitySignal[];
  explanation: { text: string; message: Message };
}

function scored(prior: number, signals: EntitySignal[]): EntityPairScore {
  const score = totalScore(prior, signals);
  return {
    score,
    probability: probabilityOf(score),
    signals,
    explanation: explanationOf(signals, score),
  };
}

/** One account pair, outside any scan: for tests, the deal engine and an "is this a duplicate?" form. */
export function scoreAccounts(x: PreparedAccount, y: PreparedAccount): EntityPairScore {
  return scored(ACCOUNT_PRIOR, accountSignals(x, y));
}

/** One contact pair; `sameCompany` says whether two different accounts are one customer. */
export function scoreContacts(
  x: PreparedContact,
  y: PreparedContact,
  sameCompany: AccountsMatch = () => false,
): EntityPairScore {
  return scored(CONTACT_PRIOR, contactSignals(x, y, sameCompany));
}
