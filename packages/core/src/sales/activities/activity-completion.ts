import { type Instant, maxInstant } from '../../kernel/time.js';
import { accessOf, type CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';
import { leadFacts } from '../leads/lead-facts.js';
import { decideLead } from '../leads/lead-machine.js';
import type { Activity } from './activity.js';

/**
 * What a completed contact changes elsewhere. The lead's follow-up clock restarts (lead machine
 * CONTACT) when the activity's kind counts as contact (the tenant's quiet-customer rule), and a visit to a customer with a delivered order counts as the after-sales visit.
 * These are derived facts, so they are written with the activity's authority, not the lead's.
 */
export async function afterCompletion(ctx: CommandContext, a: Activity): Promise<void> {
  if (a.leadId && ctx.config.quietCustomer.contactKinds.includes(a.kind))
    await recordLeadContact(ctx, a.leadId, a.id, contactTime(ctx, a));
  if (a.kind === 'visit' && a.accountId) {
    // The orders themselves did not change, so their kind does not resync them; a fact their
    // after-sales reminder reads (the last visit) did.
    for (const order of await scanAll(ctx.tx.orders, { accountId: [a.accountId], status: ['delivered'] }))
      await ENTITY.order.syncDerived?.(ctx, order, { access: accessOf(ENTITY.order, order) });
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
