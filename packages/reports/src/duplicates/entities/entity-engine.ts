import { pairKey } from '../engine.js';
import { accountSignals } from './account-signals.js';
import { contactSignals } from './contact-signals.js';
import { accountBlockingKeys, contactBlockingKeys } from './entity-keys.js';
import type { EntityScan } from './entity-scan.js';
import { NameFrequency } from './name-frequency.js';
import {
  type AccountRecord,
  type ContactRecord,
  type PreparedAccount,
  type PreparedContact,
  prepareAccount,
  prepareContact,
} from './prepared-entity.js';
import { ACCOUNT_PRIOR, accountsMatch, CONTACT_PRIOR } from './score-entities.js';

/** Pairs never to propose, by record ids (a manager already settled them). */
export type ExcludePair = (xId: string, yId: string) => boolean;

/** In id order, so every pair comes out as stores keep it (`a.id < b.id`) whatever order rows came in. */
const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));

/**
 * The account scan over records in memory, prepared once: what `findDuplicateAccounts` runs on the
 * rows an actor may see, and what a benchmark runs on generated records. No storage, no I/O.
 */
export function accountScan(
  records: readonly AccountRecord[],
  exclude?: ExcludePair,
): EntityScan<PreparedAccount> {
  const items = byId(records).map(prepareAccount);
  const names = new NameFrequency(items);
  return {
    kind: 'account',
    items,
    prior: ACCOUNT_PRIOR,
    side: (p) => ({ id: p.record.id, name: p.record.name, ownerId: p.record.ownerId }),
    keys: accountBlockingKeys,
    signals: (x, y, words) => accountSignals(x, y, names, words),
    ...(exclude ? { exclude: (x, y) => exclude(x.record.id, y.record.id) } : {}),
  };
}

/**
 * The contact scan over records in memory. `accounts` holds each contact's customer, prepared; two
 * different customers count as one when the account scorer pairs them (decided once per pair).
 */
export function contactScan(
  contacts: readonly ContactRecord[],
  accounts: ReadonlyMap<string, PreparedAccount>,
  exclude?: ExcludePair,
): EntityScan<PreparedContact> {
  const sameCompany = new Map<string, boolean>();
  const names = new NameFrequency(accounts.values());
  const match = (x: string, y: string): boolean => {
    const key = pairKey(x, y);
    let known = sameCompany.get(key);
    if (known === undefined) {
      const [ax, ay] = [accounts.get(x), accounts.get(y)];
      known = ax !== undefined && ay !== undefined && accountsMatch(ax, ay, names);
      sameCompany.set(key, known);
    }
    return known;
  };
  return {
    kind: 'contact',
    items: byId(contacts).map((c) => prepareContact(c, accounts.get(c.accountId) ?? null)),
    prior: CONTACT_PRIOR,
    side: (p) => ({ id: p.record.id, name: p.record.name, ownerId: p.record.ownerId }),
    keys: contactBlockingKeys,
    signals: (x, y, words) => contactSignals(x, y, match, words),
    ...(exclude ? { exclude: (x, y) => exclude(x.record.id, y.record.id) } : {}),
  };
}
