import { z } from 'zod';
import type { AccessExplanation } from '../../access/explain-access.js';
import { type Page, pageSchema } from '../../domain/common.js';
import { InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { OpportunityFilter } from '../../storage/repositories.js';
import type { Order } from '../orders/order.js';
import { insertOrderFromOpportunity } from '../orders/order-support.js';
import { assertAssignable } from '../org/assignable.js';
import { insertOpportunity } from './create-opportunity.js';
import {
  advanceInput,
  type CreateOpportunityInput,
  createOpportunityInput,
  type LineItemInput,
  lineItemInput,
  loseInput,
  type Opportunity,
  reopenInput,
  type TeamMemberInput,
  teamMemberInput,
  type UpdateOpportunityInput,
  updateOpportunityInput,
} from './opportunity.js';
import { decideOpportunity, isOpportunityOpen, type OpportunityEvent } from './opportunity-machine.js';
import { type OpportunityStage, stageInfo } from './opportunity-pipelines.js';
import { buildLines, opportunityFacts, sumLines } from './opportunity-support.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const opportunityListQuery = pageSchema.extend({
  stage: z.array(z.string()).optional(),
  ownerId: z.array(z.string()).optional(),
  channel: z.array(z.string()).optional(),
  accountId: z.array(z.string()).optional(),
  open: z.boolean().optional(),
});

type StageMoveInput = { to: string; expectedVersion?: number };

export const winInput = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    /** Create the order in the same transaction as the win. */
    createOrder: z
      .object({
        promisedDelivery: z.string().optional(),
        warrantyMonths: z.number().int().min(0).max(120).optional(),
      })
      .optional(),
  })
  .default({});

/** Run one lifecycle event; the machine decides, the stage fields follow. */
async function move(
  ctx: CommandContext,
  opp: Opportunity,
  event: OpportunityEvent,
  name: string,
  extra: Partial<Opportunity> = {},
) {
  const facts = await opportunityFacts(ctx, opp);
  const decision = assertDecision(
    decideOpportunity(opp.channel, opp.stage as OpportunityStage, facts, event),
  );
  return ctx.transition(ENTITY.opportunity, opp, decision, {
    event: name,
    changes: extra,
    meta: { from: opp.stage, to: decision.to },
  });
}

/** Edits of lines and team are allowed only while the deal is open. */
function assertOpen(opp: Opportunity, what: string): void {
  if (!isOpportunityOpen(opp.stage as OpportunityStage)) {
    throw new InvalidTransitionError(opp.stage, what, `the deal is ${opp.stage}; reopen it first`);
  }
}

export function opportunityCommands(run: Runner) {
  const withDeal = <T>(
    actor: ActorRef,
    id: string,
    action: 'edit' | 'manage_team',
    expectedVersion: number | undefined,
    fn: (ctx: CommandContext, opp: Opportunity) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const opp = await ctx.load(ENTITY.opportunity, parseInput(idInput, id), action);
      ctx.checkVersion('opportunity', opp, expectedVersion);
      return fn(ctx, opp);
    });

  /** Forward or back along the pipeline; the machine checks the stage gates. */
  const moveStage = (actor: ActorRef, id: string, type: 'ADVANCE' | 'RETREAT', input: StageMoveInput) => {
    const data = parseInput(advanceInput, input);
    return withDeal(actor, id, 'edit', data.expectedVersion, (ctx, opp) =>
      move(ctx, opp, { type, to: data.to as OpportunityStage }, 'opportunity.stage_changed'),
    );
  };

  return {
    create: async (actor: ActorRef, input: CreateOpportunityInput): Promise<Opportunity> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createOpportunityInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        await ctx.load(ENTITY.account, data.accountId);
        return insertOpportunity(ctx, {
          name: data.name,
          accountId: data.accountId,
          channel: data.channel,
          currency: data.currency,
          ownerId,
          lines: await buildLines(ctx, data.lines),
          team: data.team,
          endCustomer: data.endCustomer
            ? { name: data.endCustomer.name, tender: data.endCustomer.tender ?? null }
            : null,
          expectedClose: data.expectedClose ?? null,
          requiredDelivery: data.requiredDelivery ?? null,
          region: data.region ?? null,
          competitors: data.competitors,
          leadId: null,
        });
      }),

    update: async (actor: ActorRef, id: string, input: UpdateOpportunityInput): Promise<Opportunity> => {
      const data = parseInput(updateOpportunityInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const { expectedVersion: _, endCustomer, ...rest } = data;
        const changes: Partial<Opportunity> = stripUndefined(rest) as Partial<Opportunity>;
        if (endCustomer !== undefined)
          changes.endCustomer = endCustomer
            ? { name: endCustomer.name, tender: endCustomer.tender ?? null }
            : null;
        return ctx.update(ENTITY.opportunity, opp, changes, 'opportunity.updated');
      });
    },

    /** Name the end customer and tender behind a system integrator. */
    linkEndCustomer: async (
      actor: ActorRef,
      id: string,
      input: { name: string; tender?: string; expectedVersion?: number },
    ) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(
          z.object({
            name: z.string().trim().min(1).max(200),
            tender: z.string().trim().max(300).optional(),
            expectedVersion: z.number().int().optional(),
          }),
          input,
        );
        const opp = await ctx.load(ENTITY.opportunity, parseInput(idInput, id), 'edit');
        ctx.checkVersion('opportunity', opp, data.expectedVersion);
        return ctx.update(
          ENTITY.opportunity,
          opp,
          { endCustomer: { name: data.name, tender: data.tender ?? null } },
          'opportunity.end_customer_linked',
        );
      }),

    advance: async (actor: ActorRef, id: string, input: StageMoveInput): Promise<Opportunity> =>
      moveStage(actor, id, 'ADVANCE', input),

    retreat: async (actor: ActorRef, id: string, input: StageMoveInput): Promise<Opportunity> =>
      moveStage(actor, id, 'RETREAT', input),

    addLine: async (
      actor: ActorRef,
      id: string,
      input: LineItemInput & { expectedVersion?: number },
    ): Promise<Opportunity> => {
      const data = parseInput(lineItemInput.extend({ expectedVersion: z.number().int().optional() }), input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        assertOpen(opp, 'ADD_LINE');
        const lines = [...opp.lines, ...(await buildLines(ctx, [data]))];
        return ctx.update(
          ENTITY.opportunity,
          opp,
          { lines, amount: sumLines(lines, opp.currency) },
          'opportunity.line_added',
          { sku: data.sku },
        );
      });
    },

    removeLine: async (
      actor: ActorRef,
      id: string,
      lineId: string,
      expectedVersion?: number,
    ): Promise<Opportunity> =>
      withDeal(actor, id, 'edit', expectedVersion, async (ctx, opp) => {
        assertOpen(opp, 'REMOVE_LINE');
        const lines = opp.lines.filter((l) => l.id !== lineId);
        if (lines.length === opp.lines.length)
          throw new ValidationError([{ field: 'lineId', message: `no line ${lineId} on this deal` }]);
        return ctx.update(
          ENTITY.opportunity,
          opp,
          { lines, amount: sumLines(lines, opp.currency) },
          'opportunity.line_removed',
          { lineId },
        );
      }),

    /** Put a presales or service engineer (or another salesperson) on the deal's virtual team. */
    addTeamMember: async (actor: ActorRef, id: string, input: TeamMemberInput): Promise<Opportunity> => {
      const member = parseInput(teamMemberInput, input);
      return withDeal(actor, id, 'manage_team', undefined, async (ctx, opp) => {
        ctx.activeUser(member.userId, 'team member');
        if (member.userId === opp.ownerId)
          throw new ValidationError([{ field: 'userId', message: 'the owner is always on the team' }]);
        const team = [...opp.team.filter((m) => m.userId !== member.userId), member];
        const next = await ctx.update(ENTITY.opportunity, opp, { team }, 'opportunity.team_member_added', {
          userId: member.userId,
          role: member.role,
        });
        await ctx.setTeam(next.id, next.ownerId, team);
        return next;
      });
    },

    removeTeamMember: async (actor: ActorRef, id: string, userId: string): Promise<Opportunity> =>
      withDeal(actor, id, 'manage_team', undefined, async (ctx, opp) => {
        const team = opp.team.filter((m) => m.userId !== userId);
        if (team.length === opp.team.length)
          throw new ValidationError([{ field: 'userId', message: `${userId} is not on the team` }]);
        const next = await ctx.update(ENTITY.opportunity, opp, { team }, 'opportunity.team_member_removed', {
          userId,
        });
        await ctx.setTeam(next.id, next.ownerId, team);
        return next;
      }),

    /** Close as won; optionally create the order in the same transaction. */
    win: async (
      actor: ActorRef,
      id: string,
      input: z.input<typeof winInput> = {},
    ): Promise<{ opportunity: Opportunity; order: Order | null }> => {
      const data = parseInput(winInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const won = await move(ctx, opp, { type: 'WIN' }, 'opportunity.won');
        const order = data.createOrder ? await insertOrderFromOpportunity(ctx, won, data.createOrder) : null;
        return { opportunity: won, order };
      });
    },

    lose: async (
      actor: ActorRef,
      id: string,
      input: { reason: string; competitor?: string; expectedVersion?: number },
    ): Promise<Opportunity> => {
      const data = parseInput(loseInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, (ctx, opp) =>
        move(ctx, opp, { type: 'LOSE', reason: data.reason }, 'opportunity.lost', {
          competitors:
            data.competitor && !opp.competitors.includes(data.competitor)
              ? [...opp.competitors, data.competitor]
              : opp.competitors,
        }),
      );
    },

    reopen: async (
      actor: ActorRef,
      id: string,
      input: { to?: string; expectedVersion?: number } = {},
    ): Promise<Opportunity> => {
      const data = parseInput(reopenInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, (ctx, opp) =>
        move(
          ctx,
          opp,
          data.to ? { type: 'REOPEN', to: data.to as OpportunityStage } : { type: 'REOPEN' },
          'opportunity.reopened',
        ),
      );
    },

    get: async (actor: ActorRef, id: string): Promise<Opportunity> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.opportunity, parseInput(idInput, id))),

    /** Why this user can see this deal: the grants, in words. */
    explainAccess: async (actor: ActorRef, id: string): Promise<AccessExplanation> =>
      run.read(actor, async (ctx) =>
        ctx.explain(ENTITY.opportunity, await ctx.load(ENTITY.opportunity, parseInput(idInput, id))),
      ),

    list: async (
      actor: ActorRef,
      query: z.input<typeof opportunityListQuery> = {},
    ): Promise<Page<Opportunity>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, ...where } = parseInput(opportunityListQuery, query);
        return ctx.tx.opportunities.list({
          where: stripUndefined(where) as OpportunityFilter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),

    /** The stages of this deal's pipeline with probability and forecast category. */
    stageInfo,
  };
}
