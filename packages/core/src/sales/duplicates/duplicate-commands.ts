import { fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { entityName } from '../../kernel/kernel-messages.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { accessOf } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { EntityKind } from '../../service/entity-kind.js';
import type { Runner } from '../../service/runner.js';
import { type DuplicateResolution, orderedPair } from '../../storage/duplicate-resolution-store.js';
import { isOpportunityOpen } from '../opportunities/opportunity-machine.js';
import { stageName } from '../opportunities/opportunity-messages.js';
import { moveOpportunity } from '../opportunities/opportunity-moves.js';
import type { OpportunityStage } from '../opportunities/opportunity-pipelines.js';
import {
  type DuplicateResolutionQuery,
  type LinkAsSameDealInput,
  linkAsSameDealInput,
  type MarkNotDuplicateInput,
  markNotDuplicateInput,
  resolutionsQuery,
  type SameDealLink,
} from './duplicate.js';
import { assertMayResolve, DUPLICATE_KINDS, visibleResolutions } from './duplicate-access.js';
import { sayDuplicate as say } from './duplicate-messages.js';

/**
 * Duplicate resolution (重复商机): the manager's verdict on a pair the duplicate finder proposed —
 * one deal tracked twice, or two look-alikes that are different business.
 */
export interface DuplicateCommands {
  /**
   * The opening story's ending: two salespeople were chasing the same tender through two
   * integrators; the manager keeps one on the deal and frees the other. The released opportunity
   * is lost with reason "duplicate of <kept deal>" and `duplicateOfId` set. Only an admin or a
   * manager above both owners may decide.
   * @example
   * ```ts
   * const { kept, released } = await crm.duplicates.linkAsSameDeal(li, {
   *   keepId: dealA.id, releaseId: dealB.id, reason: '同一最终用户的招标: 山东物流集团',
   * });
   * ```
   */
  linkAsSameDeal(actor: ActorRef, input: LinkAsSameDealInput): Promise<SameDealLink>;
  /**
   * The two look alike but are different business: the pair is never proposed again. An owner of
   * both records may also decide this.
   * @example
   * ```ts
   * await crm.duplicates.markNotDuplicate(li, {
   *   kind: 'account', aId: hengtong.id, bId: ruida.id, reason: '两家独立的集成商',
   * });
   * ```
   */
  markNotDuplicate(actor: ActorRef, input: MarkNotDuplicateInput): Promise<DuplicateResolution>;
  /**
   * Verdicts on pairs whose both records the actor may see, newest first.
   * @example
   * ```ts
   * const settled = await crm.duplicates.resolutions(li, { kind: ['opportunity', 'account'], limit: 20 });
   * ```
   */
  resolutions(actor: ActorRef, query?: DuplicateResolutionQuery): Promise<DuplicateResolution[]>;
}

function assertDistinct(x: string, y: string, field: string): void {
  if (x === y) throw new ValidationError([fieldIssue(field, say('duplicate.invalid.itself'))]);
}

export function duplicateCommands(run: Runner): DuplicateCommands {
  return {
    linkAsSameDeal: async (actor, input) => {
      const data = parseInput(linkAsSameDealInput, input);
      assertDistinct(data.keepId, data.releaseId, 'releaseId');
      return run.write(actor, async (ctx) => {
        const keep = await ctx.load(ENTITY.opportunity, data.keepId);
        const other = await ctx.load(ENTITY.opportunity, data.releaseId);
        assertMayResolve(ctx, [keep.ownerId, other.ownerId], say('duplicate.action.link'), false);
        for (const opp of [keep, other]) {
          if (!isOpportunityOpen(opp.stage as OpportunityStage))
            throw new InvalidTransitionError(
              opp.stage,
              'LINK_DUPLICATE',
              say('duplicate.refused.closed', { name: opp.name, stage: stageName(opp.stage) }),
            );
        }
        // Released through the lifecycle as lost, pointing at the deal that was kept.
        const lostReason = `duplicate of ${keep.name}`;
        const released = await moveOpportunity(
          ctx,
          other,
          { type: 'LOSE', reason: lostReason },
          'opportunity.lost',
          {
            changes: { duplicateOfId: keep.id },
            meta: { duplicateOfId: keep.id, reason: data.reason ?? null },
          },
        );
        await ctx.history(
          'opportunity',
          keep.id,
          'opportunity.duplicate_linked',
          null,
          null,
          keep.version,
          {
            releasedId: other.id,
            releasedOwnerId: other.ownerId,
            reason: data.reason ?? null,
          },
          accessOf(ENTITY.opportunity, keep),
        );
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

    markNotDuplicate: async (actor, input) => {
      const data = parseInput(markNotDuplicateInput, input);
      assertDistinct(data.aId, data.bId, 'bId');
      return run.write(actor, async (ctx) => {
        const kind = DUPLICATE_KINDS[data.kind];
        const a = await ctx.load(kind, data.aId);
        const b = await ctx.load(kind, data.bId);
        assertMayResolve(
          ctx,
          [kind.ownerOf(a), kind.ownerOf(b)],
          say('duplicate.action.notDuplicates', { kind: entityName(data.kind) }),
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
            accessOf(kind as EntityKind<typeof self>, self),
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

    resolutions: async (actor, query = {}) => {
      const data = parseInput(resolutionsQuery, query);
      return run.read(actor, (ctx) => visibleResolutions(ctx, data.kind, data.limit));
    },
  };
}
