import { type ActorRef, type CommandContext, type Crm, ENTITY, ValidationError } from '@gongfu/core';
import { loadOpenDeals, toDealRecord } from './deal-records.js';
import { DealDuplicateEngine, pairKey } from './engine.js';
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
 * scores only candidate pairs from the blocking keys, and leaves out resolved pairs.
 */
export async function findDuplicateDeals(
  crm: Crm,
  actor: ActorRef,
  options: DuplicateScanOptions = {},
): Promise<DealDuplicate[]> {
  checkOptions(options);
  return crm.runAs(actor, async (ctx) => {
    const deals = await loadOpenDeals(ctx);
    const resolved = await resolvedPairs(ctx, deals);
    const engine = new DealDuplicateEngine(deals);
    return engine.scan({ ...options, exclude: (a, b) => resolved.has(pairKey(a.id, b.id)) }).pairs;
  });
}

/**
 * The incremental check: one new or edited opportunity against everything the actor may see, so
 * the salesperson is warned at once. NotFoundError when the actor may not see the opportunity; no
 * pairs for a closed one.
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
  return crm.runAs(actor, async (ctx) => {
    const opp = await ctx.load(ENTITY.opportunity, opportunityId);
    if (opp.closedAt !== null) return [];
    const deals = await loadOpenDeals(ctx);
    const resolved = await resolvedPairs(ctx, deals);
    const engine = new DealDuplicateEngine(deals);
    const self = deals.find((d) => d.id === opp.id) ?? toDealRecord(opp, undefined);
    const pairs = engine.check(self, { ...options, exclude: (a, b) => resolved.has(pairKey(a.id, b.id)) });
    options.onProgress?.(1, 1);
    return pairs;
  });
}
