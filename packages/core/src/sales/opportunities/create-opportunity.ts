import type { Region } from '../../domain/common.js';
import type { Channel } from '../../domain/enums.js';
import type { CalendarDate } from '../../kernel/time.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { LineItem, Opportunity, TeamMember } from './opportunity.js';
import { sumLines } from './opportunity-lines.js';
import { pipelineFor, stageFields } from './opportunity-pipelines.js';

export interface NewOpportunity {
  name: string;
  accountId: string;
  channel: Channel;
  currency: string;
  ownerId: string;
  lines: LineItem[];
  team: TeamMember[];
  endCustomer: { name: string; tender: string | null } | null;
  expectedClose: CalendarDate | null;
  requiredDelivery: CalendarDate | null;
  region: Region | null;
  competitors: string[];
  leadId: string | null;
}

/** Shared by `opportunities.create` and `leads.convert`: the deal, its team and its reminders. */
export async function insertOpportunity(ctx: CommandContext, input: NewOpportunity): Promise<Opportunity> {
  for (const m of input.team) ctx.activeUser(m.userId, 'team member');
  const firstStage = pipelineFor(input.channel)[0]!.id;
  const opp: Opportunity = {
    ...ctx.stamp('opp'),
    name: input.name,
    accountId: input.accountId,
    endCustomer: input.endCustomer,
    channel: input.channel,
    ownerId: input.ownerId,
    team: input.team.filter((m) => m.userId !== input.ownerId),
    lines: input.lines,
    currency: input.currency,
    amount: sumLines(input.lines, input.currency),
    // Stage, probability, forecast and the stage clock, as the pipeline's first stage sets them.
    ...stageFields({ channel: input.channel }, firstStage, ctx.now),
    expectedClose: input.expectedClose,
    requiredDelivery: input.requiredDelivery,
    region: input.region,
    competitors: input.competitors,
    lostReason: null,
    leadId: input.leadId,
    duplicateOfId: null,
  };
  await ctx.insert(
    ENTITY.opportunity,
    opp,
    'opportunity.created',
    input.leadId ? { leadId: input.leadId } : null,
  );
  await ctx.setTeam(opp.id, opp.ownerId, opp.team, { fresh: true });
  return opp;
}
