import type { Channel } from '../../domain/enums.js';
import { parseId } from '../../domain/parse-id.js';
import { fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { pipelineAt } from '../config/resolve-pipeline.js';
import type { DealRef, Opportunity, OpportunityOf, StageMoveInput } from './opportunity.js';
import { opportunityEffectsFor } from './opportunity-effects.js';
import {
  decideOnPipeline,
  gateMayRun,
  isOpportunityOpen,
  type OpportunityEvent,
} from './opportunity-machine.js';
import { sayOpportunity, stageName } from './opportunity-messages.js';
import type { OpportunityStage } from './opportunity-pipelines.js';
import { opportunityFacts } from './opportunity-reads.js';
import { parseStageMove } from './stage-move-input.js';

/**
 * Load a deal for a change by the actor, at the version they read. A deal passed as an object must
 * carry the stored deal's channel: the compiler typed the stage ids by it, so a stale or hand-made
 * object naming another channel is refused rather than trusted.
 */
export async function loadDeal(
  ctx: CommandContext,
  deal: DealRef,
  action: 'edit' | 'manage_team',
  expectedVersion: number | undefined,
): Promise<Opportunity> {
  const named = typeof deal === 'object' && deal !== null ? deal : null;
  const opp = await ctx.load(ENTITY.opportunity, parseId(named ? named.id : deal), action);
  if (named && named.channel !== opp.channel) {
    throw new ValidationError([
      fieldIssue(
        'channel',
        sayOpportunity('opportunity.invalid.otherChannel', {
          channel: opp.channel,
          named: String(named.channel),
        }),
      ),
    ]);
  }
  ctx.checkVersion('opportunity', opp, expectedVersion);
  return opp;
}

/**
 * The deal typed with the channel its reference named. Sound because `loadDeal` refused a reference
 * naming another channel than the stored one, and a deal never changes channel.
 */
export function typedDeal<C extends Channel>(_ref: DealRef<C>, opp: Opportunity): OpportunityOf<C> {
  return opp as OpportunityOf<C>;
}

/** Run one lifecycle event on the deal; the machine decides, the stage fields follow its effects. */
export async function moveOpportunity(
  ctx: CommandContext,
  opp: Opportunity,
  event: OpportunityEvent,
  name: string,
  step: { changes?: Partial<Opportunity>; meta?: Record<string, unknown> } = {},
): Promise<Opportunity> {
  // The deal's own pipeline version: a configuration saved since does not move it (migratePipeline does).
  const pipeline = await pipelineAt(ctx, opp.channel, opp.pipelineVersion ?? 0);
  // The deal's orders are counted only when a gate this event can meet reads them (`noOrder`).
  const facts = await opportunityFacts(ctx, opp, gateMayRun(pipeline, opp.stage, event.type, 'noOrder'));
  const decision = assertDecision(decideOnPipeline(pipeline, opp.stage, facts, event));
  const kind =
    pipeline.version === 0
      ? ENTITY.opportunity
      : { ...ENTITY.opportunity, effects: opportunityEffectsFor(pipeline) };
  return ctx.transition(kind, opp, decision, {
    event: name,
    changes: step.changes ?? {},
    meta: { from: opp.stage, to: decision.to, ...step.meta },
  });
}

/** Lines and the deal's own facts change only while it is open; a closed deal is reopened first. */
export function assertOpen(opp: Opportunity, what: string): void {
  if (!isOpportunityOpen(opp.stage as OpportunityStage)) {
    throw new InvalidTransitionError(
      opp.stage,
      what,
      sayOpportunity('opportunity.refused.closedReopenFirst', { stage: stageName(opp.stage) }),
    );
  }
}

/** `advance` and `retreat`: forward or back along the pipeline, the machine checking the gates. */
export function moveStage(
  run: Runner,
  type: 'ADVANCE' | 'RETREAT',
  actor: ActorRef,
  deal: DealRef,
  input: StageMoveInput<string>,
): Promise<Opportunity> {
  const data = parseStageMove(input);
  return run.write(actor, async (ctx) =>
    moveOpportunity(
      ctx,
      await loadDeal(ctx, deal, 'edit', data.expectedVersion),
      { type, to: data.to as OpportunityStage },
      'opportunity.stage_changed',
    ),
  );
}
