import type { Account, Crm, DedupeEntry, DedupeSource, Instant, Opportunity, StorageTx } from '@gongfu/core';
import { blockingKeys } from './blocking.js';
import { statKeys } from './corpus-stats.js';
import { toDealRecord } from './deal-records.js';
import { DEFAULT_LSH, MinHashLsh } from './minhash.js';
import { DealPreparer } from './prepared-deal.js';
import type { DealRecord } from './types.js';

/**
 * How far before the previous refresh a refresh looks again. On PostgreSQL a command stamps
 * `updatedAt` when it starts and becomes visible when it commits, so a change committed after the
 * previous refresh read can carry an `updatedAt` up to one command's duration before it; looking
 * back this far catches every command shorter than that (and app servers whose clocks disagree by
 * less). Only records whose versions moved are re-keyed, so the look-back costs an index range over
 * the changes of those two minutes, not work. The window is anchored at the previous refresh, not
 * at the last change, so a bulk import stops costing anything once a refresh has passed it.
 */
export const REFRESH_LOOK_BACK_MS = 120_000;
const PAGE = 500;

const lsh = new MinHashLsh(DEFAULT_LSH);

/** The blocking keys of a deal as stored: they match exactly what the in-memory index computes. */
export function dealBlockingKeys(record: DealRecord, preparer = new DealPreparer()): string[] {
  return blockingKeys(preparer.prepare(record), lsh);
}

/** Only open deals not already released as a duplicate are compared, so only they have keys. */
export function isComparable(opp: Opportunity): boolean {
  return opp.closedAt === null && opp.duplicateOfId === null;
}

function laterOf(x: Instant, y: Instant | undefined): Instant {
  return y !== undefined && y > x ? y : x;
}

/** The stored records of the given opportunities, page by page, as the entries to store for them. */
async function* entries(
  tx: StorageTx,
  ids: readonly string[],
  preparer: DealPreparer,
): AsyncIterable<DedupeEntry[]> {
  for (let i = 0; i < ids.length; i += PAGE) {
    const opps = await tx.opportunities.getMany(ids.slice(i, i + PAGE));
    const accounts = new Map<string, Account>();
    for (const a of await tx.accounts.getMany([...new Set(opps.map((o) => o.accountId))]))
      accounts.set(a.id, a);
    yield opps.map((opp) => {
      const account = accounts.get(opp.accountId);
      const source: DedupeSource = {
        opportunityId: opp.id,
        version: opp.version,
        accountVersion: account?.version ?? null,
        seenAt: laterOf(opp.updatedAt, account?.updatedAt),
      };
      if (!isComparable(opp)) return { source, keys: [] };
      const record = toDealRecord(opp, account);
      return { source, keys: [...dealBlockingKeys(record, preparer), ...statKeys(record)] };
    });
  }
}

/**
 * Re-keys the given opportunities from their stored records (closed ones lose their keys). One
 * page is held at a time; the store writes the block sizes all pages move once, at the end.
 */
async function rekey(tx: StorageTx, ids: readonly string[], preparer: DealPreparer): Promise<void> {
  await tx.dedupeKeys.replaceBatches(entries(tx, ids, preparer));
}

/**
 * Brings the stored blocking keys up to date with the tenant's opportunities and accounts, in its
 * own write transaction: reports stay off the command path, which never touches the keys. Returns
 * how many opportunities were re-keyed (all of them the first time, then only what changed).
 */
export async function refreshDedupeIndex(crm: Crm): Promise<number> {
  return crm.storage.transaction({ tenantId: crm.tenantId }, async (tx) => {
    // Read before the stale query: everything committed by now is keyed when this commits.
    const now = crm.clock.now();
    const watermark = await tx.dedupeKeys.watermark();
    const since =
      watermark === null
        ? undefined
        : (new Date(Date.parse(watermark) - REFRESH_LOOK_BACK_MS).toISOString() as Instant);
    const stale = await tx.dedupeKeys.stale(since);
    await rekey(tx, stale, new DealPreparer());
    if (watermark === null || now > watermark) await tx.dedupeKeys.markRefreshed(now);
    return stale.length;
  });
}
