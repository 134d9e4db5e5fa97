import type { Account, ActorRef, CommandContext, Contact, Crm } from '@gongfu/core';
import { pairKey } from '../engine.js';
import { checkScanOptions } from '../scan-options.js';
import { accountScan, contactScan, type ExcludePair } from './entity-engine.js';
import { scanEntities } from './entity-scan.js';
import { type PreparedAccount, prepareAccount } from './prepared-entity.js';
import type { EntityDuplicate, EntityKind, EntityScanOptions } from './types.js';

const PAGE = 500;

/** Every row the actor may see, page by page, with the actor's scope compiled into SQL. */
async function readAll<T>(
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** Pairs a manager already settled: never proposed again. */
async function resolvedPairs(ctx: CommandContext, kind: EntityKind, ids: string[]): Promise<ExcludePair> {
  const resolved = await ctx.tx.duplicates.touching(kind, ids);
  const keys = new Set(resolved.map((r) => pairKey(r.aId, r.bId)));
  return (x, y) => keys.has(pairKey(x, y));
}

/**
 * Customers entered twice, among the accounts the actor may see (merged-away accounts left out),
 * best first, each with its signals and a sentence. Compares only pairs sharing a blocking key.
 */
export async function findDuplicateAccounts(
  crm: Crm,
  actor: ActorRef,
  options: EntityScanOptions = {},
): Promise<EntityDuplicate[]> {
  checkScanOptions(options);
  return crm.runAs(actor, async (ctx) => {
    const accounts = await readAll<Account>((cursor) =>
      ctx.tx.accounts.list({
        where: { mergedIntoId: null },
        scope: ctx.scope(),
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      }),
    );
    const live = accounts.filter((a) => a.mergedIntoId === null);
    const resolved = await resolvedPairs(
      ctx,
      'account',
      live.map((a) => a.id),
    );
    return scanEntities(accountScan(live, resolved), options);
  });
}

/**
 * People entered twice, among the contacts the actor may see: by name (and its pinyin) at the same
 * customer or at two records of one customer, and by phone or email address anywhere.
 */
export async function findDuplicateContacts(
  crm: Crm,
  actor: ActorRef,
  options: EntityScanOptions = {},
): Promise<EntityDuplicate[]> {
  checkScanOptions(options);
  return crm.runAs(actor, async (ctx) => {
    const contacts = await readAll<Contact>((cursor) =>
      ctx.tx.contacts.list({ scope: ctx.scope(), limit: PAGE, ...(cursor ? { cursor } : {}) }),
    );
    const accountIds = [...new Set(contacts.map((c) => c.accountId))];
    const accounts = new Map<string, PreparedAccount>();
    for (let i = 0; i < accountIds.length; i += PAGE) {
      // A visible contact's customer is part of what the contact shows; only its name and keys are read.
      for (const a of await ctx.tx.accounts.getMany(accountIds.slice(i, i + PAGE)))
        accounts.set(a.id, prepareAccount(a));
    }
    const resolved = await resolvedPairs(
      ctx,
      'contact',
      contacts.map((c) => c.id),
    );
    return scanEntities(contactScan(contacts, accounts, resolved), options);
  });
}
