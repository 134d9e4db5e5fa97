import type { Account, CommandContext, Opportunity, RowScope, StorageTx } from '@gongfu/core';
import { phoneE164 } from '../names/contact-keys.js';
import type { DealRecord } from './types.js';

const PAGE = 500;

/** Identity keys of a customer: its credit code and phones; one shared key means one company. */
export function accountKeys(account: Account | undefined): string[] {
  if (!account) return [];
  const keys: string[] = [];
  if (account.creditCode) keys.push(`cc:${account.creditCode}`);
  for (const phone of account.phones) {
    const e164 = phoneE164(phone);
    if (e164) keys.push(`ph:${e164}`);
  }
  return keys;
}

export function toDealRecord(opp: Opportunity, account: Account | undefined): DealRecord {
  const end = opp.endCustomer;
  return {
    id: opp.id,
    name: opp.name,
    ownerId: opp.ownerId,
    accountId: opp.accountId,
    accountName: account?.name ?? opp.accountId,
    accountKind: account?.kind ?? null,
    accountKeys: accountKeys(account),
    endCustomer: end ? end.name : null,
    endCustomerAccountId: end?.accountId ?? null,
    tender: end?.tender?.number ?? null,
    lines: opp.lines.map((l) => ({ sku: l.sku, category: l.category, quantity: l.quantity })),
    requiredDelivery: opp.requiredDelivery,
    province: opp.region?.province ?? opp.region?.city?.slice(0, 2) ?? null,
    amountMinor: opp.amount.amount,
    currency: opp.amount.currency,
  };
}

/**
 * Every open opportunity the actor may see, read page by page with the actor's scope compiled into
 * SQL (nothing invisible is ever loaded), with its bill-to account.
 */
export async function loadOpenDeals(ctx: CommandContext): Promise<DealRecord[]> {
  return loadOpenDealsIn(ctx.tx, ctx.scope());
}

/** `loadOpenDeals` within a scope: `{ kind: 'all' }` reads the whole tenant (for its statistics). */
export async function loadOpenDealsIn(tx: StorageTx, scope: RowScope): Promise<DealRecord[]> {
  const opps: Opportunity[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.opportunities.list({
      where: { open: true },
      scope,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    opps.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const accountIds = [...new Set(opps.map((o) => o.accountId))];
  const accounts = new Map<string, Account>();
  for (let i = 0; i < accountIds.length; i += PAGE) {
    // The bill-to account of a visible deal is part of what the deal shows, so it is read unscoped.
    for (const a of await tx.accounts.getMany(accountIds.slice(i, i + PAGE))) accounts.set(a.id, a);
  }
  return opps.filter((o) => o.duplicateOfId === null).map((o) => toDealRecord(o, accounts.get(o.accountId)));
}
