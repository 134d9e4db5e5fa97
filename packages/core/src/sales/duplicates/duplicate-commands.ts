import { z } from 'zod';
import { optionalText } from '../../domain/common.js';
import {
  InvalidTransitionError,
  isCrmError,
  PermissionDeniedError,
  ValidationError,
} from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import {
  type DuplicateKind,
  type DuplicateResolution,
  orderedPair,
} from '../../storage/duplicate-resolution-store.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import { decideOpportunity, isOpportunityOpen } from '../opportunities/opportunity-machine.js';
import type { OpportunityStage } from '../opportunities/opportunity-pipelines.js';
import { opportunityFacts } from '../opportunities/opportunity-support.js';

const id = z.string().trim().min(1, 'required').max(100);
const kindSchema = z.enum(['opportunity', 'account', 'contact']);

export const linkAsSameDealInput = z.object({ keepId: id, releaseId: id, reason: optionalText(500) });
export type LinkAsSameDealInput = z.input<typeof linkAsSameDealInput>;

export const markNotDuplicateInput = z.object({
  kind: kindSchema.default('opportunity'),
  aId: id,
  bId: id,
  reason: optionalText(500),
});
export type MarkNotDuplicateInput = z.input<typeof markNotDuplicateInput>;

export const resolutionsQuery = z
  .object({ kind: kindSchema.optional(), limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });

export interface SameDealLink {
  kept: Opportunity;
  /** The other opportunity, now lost as a duplicate of `kept` (its owner is free of it). */
  released: Opportunity;
  resolution: DuplicateResolution;
}

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record type; only owner and id are used.
const KINDS: Record<DuplicateKind, EntityKind<any>> = {
  opportunity: ENTITY.opportunity,
  account: ENTITY.account,
  contact: ENTITY.contact,
};

/**
 * Settling a pair decides for two owners, so only someone responsible for both may do it: an admin,
 * or a manager above both. `ownerMayDecide` also lets one person who owns both records decide.
 */
function assertMayResolve(
  ctx: CommandContext,
  owners: readonly [string, string],
  what: string,
  ownerMayDecide: boolean,
): void {
  if (ctx.actor.role === 'admin') return;
  const [x, y] = owners;
  if (ctx.org.isAbove(ctx.actor.id, x) && ctx.org.isAbove(ctx.actor.id, y)) return;
  if (ownerMayDecide && x === ctx.actor.id && y === ctx.actor.id) return;
  throw new PermissionDeniedError(
    what,
    `${ctx.actor.name} must be a manager above both ${ctx.userName(x)} and ${ctx.userName(y)}`,
  );
}

function assertDistinct(x: string, y: string, field: string): void {
  if (x === y) throw new ValidationError([{ field, message: 'a record cannot be a duplicate of itself' }]);
}

/** Close `release` through the lifecycle as lost, pointing at the deal that was kept. */
async function release(ctx: CommandContext, opp: Opportunity, keep: Opportunity, reason: string | undefined) {
  const lostReason = `duplicate of ${keep.name}`;
  const facts = await opportunityFacts(ctx, opp);
  const stage = opp.stage as OpportunityStage;
  const decision = assertDecision(
    decideOpportunity(opp.channel, stage, facts, { type: 'LOSE', reason: lostReason }),
  );
  return ctx.transition(ENTITY.opportunity, opp, decision, {
    event: 'opportunity.lost',
    changes: { duplicateOfId: keep.id },
    meta: { from: opp.stage, to: decision.to, duplicateOfId: keep.id, reason: reason ?? null },
  });
}

/** Resolution of duplicate pairs: link two opportunities as one deal, or mark a pair as different. */
export function duplicateCommands(run: Runner) {
  return {
    /**
     * The story's ending: the manager keeps one salesperson on the deal and frees the other. The
     * released opportunity is lost with reason "duplicate of <kept deal>" and `duplicateOfId` set.
     */
    linkAsSameDeal: async (actor: ActorRef, input: LinkAsSameDealInput): Promise<SameDealLink> => {
      const data = parseInput(linkAsSameDealInput, input);
      assertDistinct(data.keepId, data.releaseId, 'releaseId');
      return run.write(actor, async (ctx) => {
        const keep = await ctx.load(ENTITY.opportunity, data.keepId);
        const other = await ctx.load(ENTITY.opportunity, data.releaseId);
        assertMayResolve(ctx, [keep.ownerId, other.ownerId], 'link duplicate deals', false);
        for (const opp of [keep, other]) {
          if (!isOpportunityOpen(opp.stage as OpportunityStage))
            throw new InvalidTransitionError(
              opp.stage,
              'LINK_DUPLICATE',
              `${opp.name} is already ${opp.stage}`,
            );
        }
        const released = await release(ctx, other, keep, data.reason);
        await ctx.history('opportunity', keep.id, 'opportunity.duplicate_linked', null, null, keep.version, {
          releasedId: other.id,
          releasedOwnerId: other.ownerId,
          reason: data.reason ?? null,
        });
        const resolution: DuplicateResolution = {
          kind: 'opportunity',
          ...orderedPair(keep.id, other.id),
          resolution: 'same_deal',
          resolvedBy: ctx.actor.id,
          at: ctx.now,
        };
        await ctx.tx.duplicates.put(resolution);
        return { kept: keep, released, resolution };
      });
    },

    /** The two look alike but are different business: the pair is never proposed again. */
    markNotDuplicate: async (actor: ActorRef, input: MarkNotDuplicateInput): Promise<DuplicateResolution> => {
      const data = parseInput(markNotDuplicateInput, input);
      assertDistinct(data.aId, data.bId, 'bId');
      return run.write(actor, async (ctx) => {
        const kind = KINDS[data.kind];
        const a = await ctx.load(kind, data.aId);
        const b = await ctx.load(kind, data.bId);
        assertMayResolve(
          ctx,
          [kind.ownerOf(a), kind.ownerOf(b)],
          `mark ${data.kind}s as not duplicates`,
          true,
        );
        for (const [self, otherId] of [
          [a, data.bId],
          [b, data.aId],
        ] as const) {
          await ctx.history(
            kind.type,
            self.id,
            `${data.kind}.marked_not_duplicate`,
            null,
            null,
            self.version,
            {
              otherId,
              reason: data.reason ?? null,
            },
          );
        }
        const resolution: DuplicateResolution = {
          kind: data.kind,
          ...orderedPair(data.aId, data.bId),
          resolution: 'not_duplicate',
          resolvedBy: ctx.actor.id,
          at: ctx.now,
        };
        await ctx.tx.duplicates.put(resolution);
        return resolution;
      });
    },

    /** Verdicts on pairs whose both records the actor may see, newest first. */
    resolutions: async (
      actor: ActorRef,
      query: z.input<typeof resolutionsQuery> = {},
    ): Promise<DuplicateResolution[]> => {
      const data = parseInput(resolutionsQuery, query);
      return run.read(actor, async (ctx) => {
        const all = await ctx.tx.duplicates.list(data.kind, data.limit);
        const visible: DuplicateResolution[] = [];
        for (const r of all) {
          if ((await mayRead(ctx, r.kind, r.aId)) && (await mayRead(ctx, r.kind, r.bId))) visible.push(r);
        }
        return visible;
      });
    },
  };
}

async function mayRead(ctx: CommandContext, kind: DuplicateKind, recordId: string): Promise<boolean> {
  try {
    await ctx.load(KINDS[kind], recordId);
    return true;
  } catch (error) {
    if (isCrmError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}
