import {
  type Account,
  type Crm,
  type DedupeEntry,
  type DedupeSource,
  type Instant,
  NotFoundError,
  nextBulkRows,
  type Opportunity,
  type StorageTx,
  sqliteWriterGapMs,
} from '@gongfu/core';
import { blockCacheOf } from './block-cache.js';
import { blockingKeys } from './blocking.js';
import { statKeys } from './corpus-stats.js';
import { toDealRecord } from './deal-records.js';
import { encodeDealRow } from './deal-row.js';
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

interface LoadedPage {
  opps: Opportunity[];
  accounts: Map<string, Account>;
}

/** The stored opportunities and their accounts: the only part of a page read in a transaction. */
async function loadPage(tx: StorageTx, ids: readonly string[]): Promise<LoadedPage> {
  const opps = await tx.opportunities.getMany(ids);
  const accounts = new Map<string, Account>();
  for (const a of await tx.accounts.getMany([...new Set(opps.map((o) => o.accountId))]))
    accounts.set(a.id, a);
  return { opps, accounts };
}

/** The entries to store for a page: keys computed outside any transaction (the costly part). */
function entriesOf({ opps, accounts }: LoadedPage, preparer: DealPreparer): DedupeEntry[] {
  return opps.map((opp) => {
    const account = accounts.get(opp.accountId);
    const source: DedupeSource = {
      opportunityId: opp.id,
      version: opp.version,
      accountVersion: account?.version ?? null,
      seenAt: laterOf(opp.updatedAt, account?.updatedAt),
    };
    if (!isComparable(opp)) return { source, keys: [] };
    const record = toDealRecord(opp, account);
    return {
      source,
      keys: [...dealBlockingKeys(record, preparer), ...statKeys(record)],
      row: encodeDealRow(record),
    };
  });
}

/** How far a key refresh has come: deals re-keyed (or found keyed already) of those it found stale. */
export interface RefreshProgress {
  done: number;
  total: number;
}

export interface RefreshOptions {
  /** Called once before the first page (done 0) and after every page. */
  onProgress?: (progress: RefreshProgress) => void;
  /** Deals per write transaction (default REFRESH_PAGE). */
  pageSize?: number;
  /**
   * Milliseconds to leave the database to others after each page's write (default: on SQLite a gap
   * that follows the page's lock time, `sqliteWriterGapMs`; 0 on PostgreSQL, where commands never
   * wait for the keys).
   */
  pauseMs?: number;
}

/**
 * Deals written per transaction. Each deal writes some 30–40 keys and moves as many block sizes;
 * the reads and the key computation happen before the write lock. Measured on SQLite on a quiet
 * 2-core machine (bench/bulk-work.bench.ts, 10k deals, bench/RESULTS.md "Bulk work"): pages of 40
 * held the lock p50 51 ms and a second process's command waited up to 60 ms; pages of 25 held it
 * p50 34 ms, the command waited p99 39 ms, and the build took 25.6 s instead of 20.5 s. Pages of
 * 10 made the build 4× slower than 40 and did not lower the waits further.
 */
export const REFRESH_PAGE = 25;
/** The deals a page sized by its lock time takes on SQLite (`nextBulkRows`): each writes 30–40 keys. */
const REFRESH_PAGE_BOUNDS = { min: 1, max: 200 };

function lookBackFrom(watermark: Instant | null): Instant | undefined {
  return watermark === null
    ? undefined
    : (new Date(Date.parse(watermark) - REFRESH_LOOK_BACK_MS).toISOString() as Instant);
}

/**
 * Brings the stored blocking keys up to date with the tenant's opportunities and accounts. Reports
 * stay off the command path, which never touches the keys. Returns how many opportunities were found
 * stale (all of them the first time, then only what changed).
 *
 * Bulk work that never blocks commands: a page of deals is read and keyed in a read transaction,
 * then written in a short write transaction of its own (`replaceCurrent`), so commands run between
 * pages. What a reader sees meanwhile:
 * - each deal's keys, its source row and the block sizes of its keys change in one commit, so a
 *   deal is never half-keyed and every stored block size is exact for the keys present;
 * - deals not reached yet keep their previous keys (or none, on a first build): a scan or a check
 *   during a build answers correctly for the keys present and may miss a partner not keyed yet;
 * - the watermark moves only at the end. A refresh stopped halfway (crash, kill, a thrown error)
 *   leaves it where the last finished refresh put it: the next one finds the deals not reached
 *   (their sources still differ) and skips the ones keyed (they match) — it resumes.
 * A deal edited between its read and its write is read again at the end of the run (once); two
 * refreshes of one tenant at once serialise page by page and never write a deal twice.
 */
export async function refreshDedupeIndex(crm: Crm, options: RefreshOptions = {}): Promise<number> {
  const scope = { tenantId: crm.tenantId };
  // A page size given is kept; else SQLite's follows the last page's write-lock time (`nextBulkRows`):
  // 25 deals held it p50 26 ms at 10k deals and 82 ms at 100k (bench/RESULTS.md), the keys' indexes deeper.
  let pageSize = Math.max(1, Math.trunc(options.pageSize ?? REFRESH_PAGE));
  const follows = options.pageSize === undefined && crm.storage.engine === 'sqlite';
  const pauseAfter = (writeMs: number) =>
    options.pauseMs ?? (crm.storage.engine === 'sqlite' ? sqliteWriterGapMs(writeMs) : 0);
  // Read before the stale query: everything committed by now is keyed when this finishes.
  const now = crm.clock.now();
  const [stale, watermark] = await crm.storage.read(scope, async (tx) => {
    const mark = await tx.dedupeKeys.watermark();
    return [await tx.dedupeKeys.stale(lookBackFrom(mark)), mark] as const;
  });
  // Never refreshed: say so when the workspace does not exist, not fail storing its watermark.
  if (watermark === null && (await crm.storage.tenants.get(crm.tenantId)) === null)
    throw new NotFoundError('tenant', crm.tenantId);
  const preparer = new DealPreparer();
  const total = stale.length;
  let done = 0;
  options.onProgress?.({ done, total });
  const readAgain = new Set<string>();
  const queue = [...stale];
  // The pause after the previous page's write: the next page is read and keyed meanwhile.
  let pause: Promise<unknown> | undefined;
  for (let i = 0; i < queue.length; ) {
    const ids = queue.slice(i, i + pageSize);
    i += ids.length;
    const entries = entriesOf(await crm.storage.read(scope, (tx) => loadPage(tx, ids)), preparer);
    await pause;
    // From the transaction's first statement (the write lock taken) to its commit: the lock held,
    // without the wait for it nor a checkpoint the storage owes from the page before.
    let writing = performance.now();
    const { moved, resized } = await crm.storage.transaction(scope, (tx) => {
      writing = performance.now();
      return tx.dedupeKeys.replaceCurrent(entries);
    });
    // The checks' held blocks lose exactly what this page touched (`BlockCache`).
    if (resized !== null) blockCacheOf(crm.storage, crm.tenantId).resized(resized);
    const writeMs = performance.now() - writing;
    const pauseMs = pauseAfter(writeMs);
    // Edited meanwhile: read once more at the end; edited again, the next refresh finds it.
    const again = moved.filter((id) => !readAgain.has(id));
    for (const id of again) readAgain.add(id);
    queue.push(...again);
    done += ids.length - again.length;
    options.onProgress?.({ done, total });
    // Only between pages: a check that re-keys one edited deal pays nothing for it.
    pause =
      pauseMs > 0 && i < queue.length ? new Promise((resolve) => setTimeout(resolve, pauseMs)) : undefined;
    if (follows) pageSize = nextBulkRows(pageSize, writeMs, REFRESH_PAGE_BOUNDS);
  }
  await crm.storage.transaction(scope, async (tx) => {
    const watermark = await tx.dedupeKeys.watermark();
    if (watermark === null || now > watermark) await tx.dedupeKeys.markRefreshed(now);
  });
  return total;
}
