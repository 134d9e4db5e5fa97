import { CUSTOMER_FACING_KINDS } from '../../domain/enums.js';
import { ValidationError } from '../../kernel/errors.js';
import { type Instant, maxInstant } from '../../kernel/time.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';
import { leadFacts } from '../leads/lead-facts.js';
import { decideLead } from '../leads/lead-machine.js';
import { syncOrderReminders } from '../orders/order-reminder-sync.js';
import type { Activity } from './activity.js';

export interface LinkIds {
  leadId?: string | undefined;
  opportunityId?: string | undefined;
  accountId?: string | undefined;
}

export interface Links {
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  /** The deal's currency when the record hangs off an opportunity (costs must match it). */
  currency: string | null;
}

/**
 * Check the actor may see every record named, then fill in what they imply: a converted lead's deal,
 * a deal's or lead's account. The filled-in links put the record under the deal's team (team key)
 * and on the customer's roll-ups, so nobody has to name all three by hand.
 */
export async function resolveLinks(ctx: CommandContext, ids: LinkIds): Promise<Links> {
  const lead = ids.leadId ? await ctx.load(ENTITY.lead, ids.leadId) : null;
  if (ids.accountId) await ctx.load(ENTITY.account, ids.accountId);
  const opportunityId = ids.opportunityId ?? lead?.convertedOpportunityId ?? null;
  const opp = ids.opportunityId
    ? await ctx.load(ENTITY.opportunity, ids.opportunityId)
    : opportunityId
      ? await ctx.tx.opportunities.get(opportunityId)
      : null;
  if (ids.accountId && opp && opp.accountId !== ids.accountId) {
    throw new ValidationError([
      { field: 'accountId', message: `the opportunity ${opp.name} belongs to another account` },
    ]);
  }
  return {
    leadId: lead?.id ?? null,
    opportunityId: opp?.id ?? null,
    accountId: ids.accountId ?? opp?.accountId ?? lead?.accountId ?? null,
    currency: opp?.currency ?? null,
  };
}

/**
 * What a completed contact changes elsewhere. The lead's follow-up clock restarts (lead machine
 * CONTACT), and a visit to a customer with a delivered order counts as the after-sales visit.
 * These are derived facts, so they are written with the activity's authority, not the lead's.
 */
export async function afterCompletion(ctx: CommandContext, a: Activity): Promise<void> {
  if (a.leadId && CUSTOMER_FACING_KINDS.includes(a.kind))
    await recordLeadContact(ctx, a.leadId, a.id, contactTime(ctx, a));
  if (a.kind === 'visit' && a.accountId) {
    for (const order of await scanAll(ctx.tx.orders, { accountId: [a.accountId], status: ['delivered'] }))
      await syncOrderReminders(ctx, order, {});
  }
}

/** The meeting happened at its start, unless it was ticked off before that (then: now). */
function contactTime(ctx: CommandContext, a: Activity): Instant {
  // Instants are canonical ISO strings, so text order is time order (Math.min does not apply).
  if (ctx.now < a.startAt) return ctx.now;
  return a.startAt;
}

async function recordLeadContact(
  ctx: CommandContext,
  leadId: string,
  activityId: string,
  at: Instant,
): Promise<void> {
  const lead = await ctx.tx.leads.get(leadId);
  if (!lead) return;
  const decision = decideLead(lead.status, leadFacts(lead), { type: 'CONTACT' });
  // A converted or disqualified lead is frozen; the visit still completes, the lead stays as it is.
  if (!decision.ok) return;
  const lastContactAt = lead.lastContactAt ? maxInstant(lead.lastContactAt, at) : at;
  await ctx.transition(ENTITY.lead, lead, decision, {
    event: 'lead.contacted',
    changes: { lastContactAt },
    meta: { activityId },
  });
}
