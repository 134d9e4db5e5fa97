import { type ActorRef, type CommandContext, type Crm, ENTITY, ValidationError } from '@gongfu/core';
import { loadOpenDeals, toDealRecord } from './deal-records.js';
import { refreshDedupeIndex } from './dedupe-index.js';
import { DealDuplicateEngine, pairKey } from './engine.js';
import { sentence } from './score-pair.js';
import {
  storedBlockSizes,
  storedCandidateIds,
  storedStats,
  visibleComparableDeals,
} from './stored-candidates.js';
import type { DealDuplicate, DealRecord, DuplicateScanOptions } from './types.js';

function checkOptions(options: DuplicateScanOptions): void {
  const issues: { field: string; message: string }[] = [];
  const { limit, minScore, onProgress } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000))
    issues.push({ field: 'limit', message: 'expected a whole number from 1 to 10000' });
  if (minScore !== undefined && !Number.isFinite(minScore))
    issues.push({ field: 'minScore', message: 'expected a finite number of bits' });
  if (onProgress !== undefined && typeof onProgress !== 'function')
    issues.push({ field: 'onProgress', message: 'expected a function' });
  if (issues.length > 0) throw new ValidationError(issues);
}

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
 * first, each with its signals and a sentence saying why. Reads through the actor's scope in SQL,
 * scores only candidate pairs from the blocking keys, and leaves out resolved pairs. An actor who
 * sees part of the tenant is scored with the tenant's statistics and block sizes (from the stored
 * keys), so their pairs are exactly everyone's pairs among the deals they see, with the same scores.
 */
export async function findDuplicateDeals(
  crm: Crm,
  actor: ActorRef,
  options: DuplicateScanOptions = {},
): Promise<DealDuplicate[]> {
  checkOptions(options);
  const seesAll = await crm.runAs(actor, async (ctx) => ctx.scope().kind === 'all');
  if (!seesAll) await refreshDedupeIndex(crm);
  const pairs = await crm.runAs(actor, async (ctx) => {
    const deals = await loadOpenDeals(ctx);
    const resolved = await resolvedPairs(ctx, deals);
    const exclude = (a: DealRecord, b: DealRecord) => resolved.has(pairKey(a.id, b.id));
    if (seesAll) return new DealDuplicateEngine(deals).scan({ ...options, exclude }).pairs;
    const engine = new DealDuplicateEngine(deals, { stats: await storedStats(ctx, deals) });
    engine.index.useSizes(await storedBlockSizes(ctx, engine.index.pairingKeys()));
    return engine.scan({ ...options, exclude }).pairs;
  });
  return pairs.map((pair) => inLocale(crm, pair));
}

/** A pair's words in the service's (or the call's) language; the keys and parameters stay beside them. */
function inLocale(crm: Crm, pair: DealDuplicate): DealDuplicate {
  return {
    ...pair,
    signals: pair.signals.map((s) => ({ ...s, text: crm.say(s.message) })),
    explanation: { text: sentence(crm.say(pair.explanation.message)), message: pair.explanation.message },
  };
}

/**
 * The incremental check: one new or edited opportunity against everything the actor may see, so
 * the salesperson is warned at once. NotFoundError when the actor may not see the opportunity; no
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
  checkOptions(options);
  if (typeof opportunityId !== 'string' || opportunityId.trim() === '')
    throw new ValidationError([{ field: 'opportunityId', message: 'required' }]);
  await refreshDedupeIndex(crm);
  const found = await crm.runAs(actor, async (ctx) => {
    const opp = await ctx.load(ENTITY.opportunity, opportunityId);
    if (opp.closedAt !== null) return [];
    const [account] = await ctx.tx.accounts.getMany([opp.accountId]);
    const self = toDealRecord(opp, account);
    const partners = await visibleComparableDeals(ctx, await storedCandidateIds(ctx, self));
    const resolved = await resolvedPairs(ctx, [self]);
    const stats = await storedStats(ctx, [self, ...partners]);
    const pairs = DealDuplicateEngine.checkAgainst(self, partners, stats, {
      ...options,
      exclude: (a, b) => resolved.has(pairKey(a.id, b.id)),
    });
    options.onProgress?.(1, 1);
    return pairs;
  });
  return found.map((pair) => inLocale(crm, pair));
}
