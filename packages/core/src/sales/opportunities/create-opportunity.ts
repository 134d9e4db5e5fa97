import type { Region } from '../../domain/common.js';
import type { CustomFieldsOf } from '../../domain/custom-fields.js';
import type { Channel } from '../../domain/enums.js';
import type { CalendarDate } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { currentPipeline } from '../config/resolve-pipeline.js';
import { assertAssignable } from '../org/assignable.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import { resolveEndCustomer } from './end-customer.js';
import {
  type CreateOpportunityInput,
  createOpportunityInput,
  type EndCustomer,
  type LineItem,
  type Opportunity,
  type TeamMember,
} from './opportunity.js';
import { buildLines } from './opportunity-reads.js';
import { stageFields, sumLines } from './opportunity-rules.js';

export interface NewOpportunity {
  name: string;
  accountId: string;
  channel: Channel;
  currency: string;
  ownerId: string;
  lines: LineItem[];
  team: TeamMember[];
  endCustomer: EndCustomer | null;
  expectedClose: CalendarDate | null;
  requiredDelivery: CalendarDate | null;
  region: Region | null;
  competitors: string[];
  leadId: string | null;
  custom?: CustomFieldsOf<'opportunity'>;
}

/** `opportunities.create`: a deal on an account the owner can see, owned by the actor unless assigned. */
export async function createOpportunity(
  ctx: CommandContext,
  input: CreateOpportunityInput,
): Promise<Opportunity> {
  const data = parseInput(createOpportunityInput, input);
  const ownerId = data.ownerId ?? ctx.actor.id;
  assertAssignable(ctx, ownerId);
  await ctx.load(ENTITY.account, data.accountId);
  await assertCatalogueLines(ctx, data.lines, (i) => `lines.${i}`);
  return insertOpportunity(ctx, {
    name: data.name,
    accountId: data.accountId,
    channel: data.channel,
    currency: data.currency,
    ownerId,
    lines: await buildLines(ctx, data.lines),
    team: data.team,
    endCustomer: data.endCustomer ? await resolveEndCustomer(ctx, data.endCustomer) : null,
    expectedClose: data.expectedClose ?? null,
    requiredDelivery: data.requiredDelivery ?? null,
    region: data.region ?? null,
    competitors: data.competitors,
    leadId: null,
    custom: newCustom(ctx, 'opportunity', data.custom),
  });
}

/** Shared by `opportunities.create` and `leads.convert`: the deal, its team and its reminders. */
export async function insertOpportunity(ctx: CommandContext, input: NewOpportunity): Promise<Opportunity> {
  for (const m of input.team) ctx.activeUser(m.userId, 'team member');
  // A new deal starts on the tenant's pipeline in force, and keeps that version.
  const pipeline = await currentPipeline(ctx, input.channel);
  const firstStage = pipeline.stages[0]!.id;
  const opp: Opportunity = {
    ...ctx.stamp('opp'),
    name: input.name,
    accountId: input.accountId,
    endCustomer: input.endCustomer,
    contacts: [],
    channel: input.channel,
    ownerId: input.ownerId,
    team: input.team.filter((m) => m.userId !== input.ownerId),
    lines: input.lines,
    currency: input.currency,
    amount: sumLines(input.lines, input.currency),
    // Stage, probability, forecast and the stage clock, as the pipeline's first stage sets them.
    ...stageFields({ channel: input.channel }, firstStage, ctx.now, pipeline),
    ...(pipeline.version > 0 ? { pipelineVersion: pipeline.version } : {}),
    expectedClose: input.expectedClose,
    requiredDelivery: input.requiredDelivery,
    region: input.region,
    competitors: input.competitors,
    lostReason: null,
    leadId: input.leadId,
    duplicateOfId: null,
    custom: input.custom ?? {},
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
