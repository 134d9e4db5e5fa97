import type { BuyingRole } from '../../domain/enums.js';
import type { DealContact } from './opportunity.js';

/**
 * The deal's contacts with `contactId` added in `role`, or its role changed when already there.
 * Exactly one contact is primary whenever there are any: the first one added, until another is
 * added (or re-added) with `primary: true`. `primary: false` never leaves the deal without one.
 */
export function withDealContact(
  contacts: readonly DealContact[],
  entry: { contactId: string; role: BuyingRole; primary?: boolean | undefined },
): DealContact[] {
  const existing = contacts.find((c) => c.contactId === entry.contactId);
  const primary = entry.primary ?? existing?.primary ?? false;
  const added: DealContact = { contactId: entry.contactId, role: entry.role, primary };
  const list = existing
    ? contacts.map((c) => (c.contactId === entry.contactId ? added : c))
    : [...contacts, added];
  return onePrimary(primary ? list.map((c) => (c === added ? c : { ...c, primary: false })) : list);
}

/** The deal's contacts without `contactId`; when the primary one leaves, the earliest remaining one takes over. */
export function withoutDealContact(contacts: readonly DealContact[], contactId: string): DealContact[] {
  return onePrimary(contacts.filter((c) => c.contactId !== contactId));
}

/** Make sure one contact is primary when there are any: the one already marked, else the first. */
function onePrimary(contacts: DealContact[]): DealContact[] {
  if (contacts.length === 0 || contacts.some((c) => c.primary)) return contacts;
  return contacts.map((c, i) => (i === 0 ? { ...c, primary: true } : c));
}
