import {
  type ActorRef,
  type CommandContext,
  type Crm,
  ENTITY,
  fieldIssue,
  message,
  ValidationError,
} from '@gongfu/core';
import { inCallLanguage } from '../shared/in-call-language.js';
import { type BlockCache, blockCacheOf } from './block-cache.js';
import { clusterPairs, type DuplicateCluster } from './clusters.js';
import type { CorpusStats } from './corpus-stats.js';
import { loadOpenDeals, toDealRecord } from './deal-records.js';
import { refreshDedupeIndex } from './dedupe-index.js';
import { DealDuplicateEngine, pairKey } from './engine.js';
import { cursorAfter, cursorPlace, pageStart } from './page-cursor.js';
import { DealPreparer } from './prepared-deal.js';
import { scanDigest, scanMemoOf } from './scan-memo.js';
import { checkScanOptions } from './scan-options.js';
import { startScanThreads } from './scan-threads.js';
import { sentence } from './score-pair.js';
import {
  storedBlockSizes,
  storedCandidateIds,
  storedCheckStats,
  storedStats,
  visibleComparableDeals,
} from './stored-candidates.js';
import { ensureDuplicateWeights, weightsForScan } from './tenant-weights.js';
import type { DealDuplicate, DealRecord, DuplicateScanOptions } from './types.js';

/** Pairs a manager already settled (linked as one deal, or marked as different): never proposed again. */
async function resolvedPairs(ctx: CommandContext, deals: readonly DealRecord[]): Promise<Set<string>> {
  const resolved = await ctx.tx.duplicates.touching(
    'opportunity',
    deals.map((d) => d.id),
  );
  return new Set(resolved.map((r) => pairKey(r.aId, r.bId)));
}

/**
 * The full scan: every pair of open opportunities the actor may see that look like one deal, best
 * first, each with its signals and a sentence saying why — all of them unless `limit` asks for fewer. Reads through the actor's scope in SQL,
 * scores only candidate pairs from the blocking keys, and leaves out resolved pairs. An actor who
 * sees part of the tenant is scored with the tenant's statistics and block sizes (from the stored
 * keys), so their pairs are exactly everyone's pairs among the deals they see, with the same scores.
 */
export async function findDuplicateDeals(
  crm: Crm,
  actor: ActorRef,
  options: DuplicateScanOptions = {},
): Promise<DealDuplicate[]> {
  return inCallLanguage(crm, async () => {
    checkScanOptions(options);
    // No limit asked, no cap: a full scan that stopped at a default would drop pairs unsaid.
    const pairs = await scanVisible(crm, actor, options);
    return pairs.slice(0, options.limit ?? pairs.length).map((pair) => inLocale(crm, pair));
  });
}

/** One page of the full scan and where the next starts: the truncation is said, never silent. */
export interface DuplicatePage {
  pairs: DealDuplicate[];
  /** Pass as `cursor` for the next page; null when this page ends the result. */
  nextCursor: string | null;
}

/**
 * `findDuplicateDeals` by pages: the same ranking, `limit` pairs (default 50) after `cursor`, and a
 * `nextCursor` whenever more pairs follow. Each page reads the tenant again: while nothing the scan
 * follows from has changed, the pages are slices of one scored result (`scan-memo.ts`); after a
 * change, the next page is read from a fresh scan, from after the last pair given (`page-cursor.ts`),
 * so a pair settled on one page does not make the next skip one. `allDuplicateDeals` walks the
 * whole result at once.
 */
export async function findDuplicateDealsPage(
  crm: Crm,
  actor: ActorRef,
  options: DuplicateScanOptions & { cursor?: string } = {},
): Promise<DuplicatePage> {
  return inCallLanguage(crm, async () => {
    const { cursor, ...scan } = options;
    checkScanOptions(scan);
    const after = cursorPlace(cursor);
    const limit = scan.limit ?? 50;
    const found = await scanVisible(crm, actor, scan);
    const from = pageStart(found, after);
    // Only this page is put in words: the scan explains a pair when it is first read.
    const page = found.slice(from, from + limit);
    const last = page.at(-1);
    return {
      pairs: page.map((pair) => inLocale(crm, pair)),
      nextCursor: last !== undefined && found.length > from + limit ? cursorAfter(last) : null,
    };
  });
}

/**
 * Every pair of the full scan, best first, with no cap: one scan, explained as they are consumed
 * (`limit` is ignored). The CLI streams this.
 */
export async function* allDuplicateDeals(
  crm: Crm,
  actor: ActorRef,
  options: Omit<DuplicateScanOptions, 'limit'> = {},
): AsyncGenerator<DealDuplicate> {
  try {
    checkScanOptions(options);
    const pairs = await scanVisible(crm, actor, options);
    for (const pair of pairs) yield inLocale(crm, pair);
  } catch (error) {
    // A generator cannot hand its body to `inCallLanguage`: the same rendering, here.
    throw crm.localize(error);
  }
}

/**
 * The manager's queue: every pair of the full scan at or above `minScore` (default 0), grouped into
 * clusters (three copies of one deal are one entry) and ranked — copies first, then by probability.
 * The whole result, no cap (`limit` is ignored).
 */
export async function findDuplicateClusters(
  crm: Crm,
  actor: ActorRef,
  options: Omit<DuplicateScanOptions, 'limit'> = {},
): Promise<DuplicateCluster[]> {
  return inCallLanguage(crm, async () => {
    checkScanOptions(options);
    const pairs = await scanVisible(crm, actor, options);
    return clusterPairs(
      pairs.map((pair) => inLocale(crm, pair)),
      options.minScore ?? 0,
    );
  });
}

/**
 * The scan's pairs, whole and ranked, in the engine's words (put in words when first read; see
 * `inLocale`). The inputs are read afresh on every call; when nothing they hold has changed since a
 * recent scan of this tenant, that scan's result is returned instead of scoring again
 * (`scan-memo.ts`) — so a queue paged through its cursor is scored once, not once a page.
 */
async function scanVisible(
  crm: Crm,
  actor: ActorRef,
  options: DuplicateScanOptions,
): Promise<readonly DealDuplicate[]> {
  const seesAll = await crm.runAs(actor, async (ctx) => ctx.scope().kind === 'all');
  if (!seesAll) await refreshDedupeIndex(crm);
  // The tenant's stored estimate: the scan and the check weigh every pair with the same one.
  const stored = await weightsForScan(crm);
  const fresh = 'engine' in stored ? stored : null;
  const weights = 'engine' in stored ? stored.weights : stored;
  const memo = scanMemoOf(crm.storage, crm.tenantId);
  return crm.runAs(actor, async (ctx) => {
    // Read before the stored counts a partial scan reads (`ScanInputs.blocksStamp`).
    const blocksStamp = seesAll ? null : await ctx.tx.dedupeKeys.stamp();
    const deals = await loadOpenDeals(ctx);
    const resolved = await resolvedPairs(ctx, deals);
    const minScore = options.minScore ?? 0;
    const digest = scanDigest({ seesAll, deals, resolved, weights, minScore, blocksStamp });
    const reused = memo.get(digest);
    if (reused !== undefined) {
      options.onProgress?.(1, 1);
      return reused;
    }
    // Started before the engine is built: the workers load while this thread prepares and indexes.
    const pool = startScanThreads(options.threads, deals.length);
    try {
      const exclude = (a: DealRecord, b: DealRecord) => resolved.has(pairKey(a.id, b.id));
      // Always the whole result: a page is a slice of it, and the memo serves the next page.
      const whole = { ...options, limit: Number.MAX_SAFE_INTEGER, exclude };
      let pairs: DealDuplicate[];
      if (seesAll) {
        // The tenant's first scan estimated its weights from the deals just read again: unless one
        // changed in between, the engine that estimated them scans (not built twice; at 100k the
        // build is some 6 CPU s of the first page).
        const engine =
          fresh && sameRecords(fresh.deals, deals)
            ? fresh.engine.adoptWeights(weights)
            : new DealDuplicateEngine(deals, { weights });
        pairs = (await engine.scanAsync(whole, pool)).pairs;
      } else {
        const stats = await storedStats(ctx, deals);
        stats.weights = weights;
        const engine = new DealDuplicateEngine(deals, { stats });
        engine.index.useSizes(await storedBlockSizes(ctx, engine.index.pairingKeys()));
        pairs = (await engine.scanAsync(whole, pool)).pairs;
      }
      memo.set(digest, pairs);
      return pairs;
    } finally {
      // Ended by the scan already, unless something before it threw.
      await pool?.close();
    }
  });
}

/** Whether two reads of the open deals found the same deals, in the same order, field for field. */
function sameRecords(a: readonly DealRecord[], b: readonly DealRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/** A pair's words in the service's (or the call's) language; the keys and parameters stay beside them. */
function inLocale(crm: Crm, pair: DealDuplicate): DealDuplicate {
  // A copy the caller owns to the last field: the scan memo keeps the pair for the next page.
  return structuredClone({
    ...pair,
    signals: pair.signals.map((s) => ({ ...s, text: crm.say(s.message) })),
    explanation: { text: sentence(crm.say(pair.explanation.message)), message: pair.explanation.message },
  });
}

/**
 * The incremental check: one new or edited opportunity against everything the actor may see, so
 * the salesperson is warned at once; every partner unless `limit` asks for fewer. NotFoundError when the actor may not see the opportunity; no
 * pairs for a closed one. Candidates come from the stored blocking keys (brought up to date first),
 * so it reads only the deals that share a block with this one, and pairs it with exactly the
 * partners, at the same scores, that the full scan would.
 */
export async function checkDealForDuplicates(
  crm: Crm,
  actor: ActorRef,
  opportunityId: string,
  options: DuplicateScanOptions = {},
): Promise<DealDuplicate[]> {
  return inCallLanguage(crm, async () => {
    checkScanOptions(options);
    if (typeof opportunityId !== 'string' || opportunityId.trim() === '')
      throw new ValidationError([fieldIssue('opportunityId', message('input.required'))]);
    await refreshDedupeIndex(crm);
    const weights = await ensureDuplicateWeights(crm);
    const blocks = blockCacheOf(crm.storage, crm.tenantId);
    const found = await crm.runAs(actor, async (ctx) => {
      const opp = await ctx.load(ENTITY.opportunity, opportunityId);
      if (opp.closedAt !== null) return [];
      const [account] = await ctx.tx.accounts.getMany([opp.accountId]);
      const self = toDealRecord(opp, account);
      const partners = await visibleComparableDeals(ctx, await storedCandidateIds(ctx, self, blocks), blocks);
      const resolved = await resolvedPairs(ctx, [self]);
      const stats = await storedCheckStats(ctx, self, partners, blocks);
      stats.weights = weights;
      const exclude = (a: DealRecord, b: DealRecord) => resolved.has(pairKey(a.id, b.id));
      // One preparer for the deal and its proposed partners' checks: a deal both read is prepared once.
      const preparer = new DealPreparer({ remember: true });
      const checked = DealDuplicateEngine.weighAgainst(
        self,
        partners,
        stats,
        { ...options, exclude },
        preparer,
      );
      // Each partner proposed is weighed against its own other proposals, as the scan weighs it
      // (`competing-partners.ts`): those are read by the partner's own stored blocks.
      const rivals = new Map<string, Map<string, number>>();
      for (const partner of partners) {
        const score = checked.proposed.get(partner.id);
        if (score === undefined) continue;
        const theirs = await proposedWith(ctx, partner, self, weights, blocks, preparer);
        // The pair itself, weighed once above: the same score from either side.
        theirs.set(self.id, score);
        rivals.set(partner.id, theirs);
      }
      const pairs = checked.ranked(rivals, options.limit ?? Number.MAX_SAFE_INTEGER);
      options.onProgress?.(1, 1);
      return pairs;
    });
    return found.map((pair) => inLocale(crm, pair));
  });
}

/**
 * The deals one deal is proposed with, among those the actor may see, read as its own check reads
 * them — but for `checked`, the deal whose check asks (its pair is already weighed).
 */
async function proposedWith(
  ctx: CommandContext,
  deal: DealRecord,
  checked: DealRecord,
  weights: CorpusStats['weights'],
  blocks: BlockCache,
  preparer: DealPreparer,
): Promise<Map<string, number>> {
  const ids = (await storedCandidateIds(ctx, deal, blocks)).filter((id) => id !== checked.id);
  const partners = await visibleComparableDeals(ctx, ids, blocks);
  const resolved = await resolvedPairs(ctx, [deal]);
  const stats = await storedCheckStats(ctx, deal, partners, blocks);
  stats.weights = weights;
  const exclude = (a: DealRecord, b: DealRecord) => resolved.has(pairKey(a.id, b.id));
  return DealDuplicateEngine.proposedAmong(deal, partners, stats, exclude, preparer);
}
