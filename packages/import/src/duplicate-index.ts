import type { Account, Contact, Message } from '@gongfu/core';
import {
  accountScan,
  accountsMatch,
  contactScan,
  type EntityPairScore,
  MAX_ENTITY_BLOCK,
  type PreparedAccount,
  type PreparedContact,
  prepareAccount,
  prepareContact,
  scoreAccounts,
  scoreContacts,
} from '@gongfu/reports';

/** One existing record a new one probably duplicates, with the detector's explanation. */
export interface DuplicateMatch {
  id: string;
  name: string;
  ownerId: string;
  probability: number;
  explanation: string;
  /** The explanation as a key with parameters, read in the locale of the crm asked. */
  explanationDetail: Message;
}

// The blocking keys do not depend on the records scanned, so empty scans lend their key functions.
const accountKeys = accountScan([]).keys;
const contactKeys = contactScan([], new Map()).keys;

/**
 * Existing records by blocking key, growing as rows are imported, so a new row is scored only
 * against the few records sharing a key with it (as the batch scan does) — and a file that names
 * one customer twice is caught too. A key shared by more than the scan's cap tells nothing.
 */
class BlockIndex<P> {
  private readonly blocks = new Map<string, P[]>();
  constructor(private readonly keysOf: (p: P) => string[]) {}

  add(p: P): void {
    for (const key of this.keysOf(p)) {
      const members = this.blocks.get(key);
      if (!members) this.blocks.set(key, [p]);
      else if (members.length <= MAX_ENTITY_BLOCK) members.push(p);
    }
  }

  candidates(p: P): Set<P> {
    const out = new Set<P>();
    for (const key of this.keysOf(p)) {
      const members = this.blocks.get(key);
      if (members && members.length <= MAX_ENTITY_BLOCK) for (const m of members) out.add(m);
    }
    return out;
  }
}

const best = (matches: DuplicateMatch[]) => matches.sort((a, b) => b.probability - a.probability).slice(0, 3);

function match(
  side: { id: string; name: string; ownerId: string },
  score: EntityPairScore,
): DuplicateMatch | null {
  if (score.score < 0) return null;
  return {
    ...side,
    probability: score.probability,
    explanation: score.explanation.text,
    explanationDetail: score.explanation.message,
  };
}

/** Accounts, by the entity detector's blocking keys and pair score. */
export class AccountIndex {
  private readonly index = new BlockIndex<PreparedAccount>(accountKeys);
  readonly prepared = new Map<string, PreparedAccount>();

  add(
    account: Pick<Account, 'id' | 'name' | 'ownerId' | 'creditCode' | 'phones' | 'emails' | 'region'>,
  ): void {
    const p = prepareAccount(account);
    this.prepared.set(account.id, p);
    this.index.add(p);
  }

  /** The probable duplicates of a new account, best first (at most three). */
  matches(input: NewAccount): DuplicateMatch[] {
    const p = prepareAccount({ id: '', ownerId: '', creditCode: null, phones: [], emails: [], ...input });
    const out: DuplicateMatch[] = [];
    for (const other of this.index.candidates(p)) {
      // Weigh first without sentences (cheap); only the few pairs over the line are explained.
      if (!accountsMatch(p, other)) continue;
      const m = match(other.record, scoreAccounts(p, other));
      if (m) out.push(m);
    }
    return best(out);
  }
}

export type NewAccount = {
  name: string;
  creditCode?: string | null;
  phones?: string[];
  emails?: string[];
  region?: { province: string } | null;
};

export type NewContact = {
  accountId: string;
  name: string;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
};

/** Contacts: the same person at the same customer, or the same phone or email anywhere. */
export class ContactIndex {
  private readonly index = new BlockIndex<PreparedContact>(contactKeys);
  constructor(private readonly accounts: AccountIndex) {}

  add(contact: Pick<Contact, 'id' | 'name' | 'ownerId' | 'accountId' | 'phone' | 'mobile' | 'email'>): void {
    this.index.add(prepareContact(contact, this.accounts.prepared.get(contact.accountId) ?? null));
  }

  matches(input: NewContact): DuplicateMatch[] {
    const record = { id: '', ownerId: '', phone: null, mobile: null, email: null, ...input };
    const p = prepareContact(record, this.accounts.prepared.get(input.accountId) ?? null);
    const out: DuplicateMatch[] = [];
    for (const other of this.index.candidates(p)) {
      const m = match(
        other.record,
        scoreContacts(p, other, (x, y) => x === y),
      );
      if (m) out.push(m);
    }
    return best(out);
  }
}
