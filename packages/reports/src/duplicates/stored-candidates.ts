import { type Account, authorize, type CommandContext, type Grant } from '@gongfu/core';
import type { BlockCache } from './block-cache.js';
import { DEFAULT_MAX_BLOCK } from './blocking.js';
import { CorpusStats, checkedBasket, statKeys } from './corpus-stats.js';
import { toDealRecord } from './deal-records.js';
import { decodeDealRow } from './deal-row.js';
import { dealBlockingKeys, isComparable } from './dedupe-index.js';
import type { DealRecord } from './types.js';

const PAGE = 500;

/**
 * Comparable deals among `ids` that the actor may see, with their bill-to accounts. Read by id
 * (unscoped, like `ctx.load`; through the tenant's `BlockCache` when given) and then filtered with
 * the pure access policy, which property tests prove agrees with the SQL scope the full scan reads
 * through. Who may see a deal is read each time (its team rows); what the deal holds may be held.
 */
export async function visibleComparableDeals(
  ctx: CommandContext,
  ids: readonly string[],
  cache?: BlockCache,
): Promise<DealRecord[]> {
  const scope = ctx.scope();
  if (scope.kind === 'none') return [];
  const deals =
    cache === undefined
      ? await comparableDeals(ctx, ids)
      : await cache.comparableDeals(ctx.tx, ids, (missing) => comparableDeals(ctx, missing));
  if (scope.kind === 'all') return deals;
  const teams = await ctx.tx.teams.membersOfMany(deals.map((d) => d.id));
  return deals.filter((deal) => {
    // The owner's own team row only repeats ownership (as in CommandContext.protectedRecord).
    const grants: Grant[] = (teams.get(deal.id) ?? [])
      .filter((m) => !(m.isOwner && m.userId === deal.ownerId))
      .map((m) => ({ userId: m.userId, role: m.role, access: m.access }));
    return authorize(ctx.org, ctx.actorOrgUser, 'read', { ownerId: deal.ownerId, grants }).allowed;
  });
}

/**
 * The comparable deals among `ids` (candidates: deals holding keys), in the order asked: each as it
 * was keyed, from its comparison row (`deal-row.ts`; the check has just brought the keys up to
 * date), or, for a deal keyed without one (before migration 0133, until re-keyed), from its
 * documents as stored now.
 */
async function comparableDeals(ctx: CommandContext, ids: readonly string[]): Promise<DealRecord[]> {
  const rows = await ctx.tx.dedupeKeys.rows(ids);
  const byId = new Map<string, DealRecord>();
  const unrowed: string[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    const deal = row === undefined ? null : decodeDealRow(id, row);
    if (deal === null) unrowed.push(id);
    else byId.set(id, deal);
  }
  for (const deal of await dealsFromDocuments(ctx, unrowed)) byId.set(deal.id, deal);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The comparable deals among `ids` as stored now, with their bill-to accounts, in the order asked. */
async function dealsFromDocuments(ctx: CommandContext, ids: readonly string[]): Promise<DealRecord[]> {
  const deals: DealRecord[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const opps = (await ctx.tx.opportunities.getMany(ids.slice(i, i + PAGE))).filter(isComparable);
    const accounts = new Map<string, Account>();
    for (const a of await ctx.tx.accounts.getMany([...new Set(opps.map((o) => o.accountId))]))
      accounts.set(a.id, a);
    for (const opp of opps) deals.push(toDealRecord(opp, accounts.get(opp.accountId)));
  }
  return deals;
}

/**
 * The stored blocks of `keys` as `tx.dedupeKeys.blocks` gives them; through the tenant's
 * `BlockCache` when given (only keys not read since the blocks last moved are read).
 */
function blocksOf(ctx: CommandContext, keys: readonly string[], cap: number, cache: BlockCache | undefined) {
  return cache === undefined ? ctx.tx.dedupeKeys.blocks(keys, cap) : cache.blocks(ctx.tx, keys, cap);
}

/** Candidate partners of one deal by its stored blocks (oversized blocks skipped), itself left out. */
export async function storedCandidateIds(
  ctx: CommandContext,
  record: DealRecord,
  cache?: BlockCache,
): Promise<string[]> {
  const blocks = await blocksOf(ctx, dealBlockingKeys(record), DEFAULT_MAX_BLOCK, cache);
  const ids = new Set(blocks.flatMap((b) => b.opportunityIds));
  ids.delete(record.id);
  return [...ids].sort();
}

/** Sizes of the given blocks in the whole tenant (0 for a key no deal has). */
export async function storedBlockSizes(
  ctx: CommandContext,
  keys: readonly string[],
): Promise<Map<string, number>> {
  return new Map((await ctx.tx.dedupeKeys.blocks(keys, 0)).map((b) => [b.key, b.size]));
}

/**
 * The tenant's statistics for the values these deals hold: every open deal counts, not only those
 * the actor sees, so a pair scores the same whoever asks and the check scores as the scan does.
 */
export async function storedStats(ctx: CommandContext, deals: readonly DealRecord[]): Promise<CorpusStats> {
  const keys = new Set<string>();
  for (const d of deals) for (const k of statKeys(d)) keys.add(k);
  return CorpusStats.fromCounts(await storedBlockSizes(ctx, [...keys]));
}

/**
 * `storedStats` for one deal checked against its partners: the same figures for every pair the
 * check scores, without the partners' keys no such pair reads (`CheckedBasket`).
 */
export async function storedCheckStats(
  ctx: CommandContext,
  self: DealRecord,
  partners: readonly DealRecord[],
  cache?: BlockCache,
): Promise<CorpusStats> {
  const keys = new Set(statKeys(self));
  const against = checkedBasket(self);
  for (const d of partners) for (const k of statKeys(d, against)) keys.add(k);
  const blocks = await blocksOf(ctx, [...keys], 0, cache);
  return CorpusStats.fromCounts(new Map(blocks.map((b) => [b.key, b.size])));
}
