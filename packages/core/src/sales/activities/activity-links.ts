import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { sayOpportunity } from '../opportunities/opportunity-messages.js';

/** The records an activity or a cost names, as the caller gave them. */
export interface LinkIds {
  leadId?: string | undefined;
  opportunityId?: string | undefined;
  accountId?: string | undefined;
}

/** The records it hangs off once the implied ones are filled in. */
export interface Links {
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  /** The deal's currency when the record hangs off an opportunity (costs must match it). */
  currency: string | null;
}

/**
 * Logging one's own visit or expense on a deal one can see is part of working it, so read access
 * suffices; booking it for someone else is a change to the deal's record made on their behalf, and
 * needs edit access (a manager who only reads a deal through a read-level member cannot book on it).
 */
export function linkAction(ctx: CommandContext, forUserId: string): 'read' | 'edit' {
  return forUserId === ctx.actor.id ? 'read' : 'edit';
}

/**
 * Check the actor may see every record named (edit them, when acting for `forUserId` ≠ the actor), then fill in what they imply: a converted lead's deal,
 * a deal's or lead's account. The filled-in links put the record under the deal's team (team key)
 * and on the customer's roll-ups, so nobody has to name all three by hand.
 */
export async function resolveLinks(ctx: CommandContext, ids: LinkIds, forUserId: string): Promise<Links> {
  const action = linkAction(ctx, forUserId);
  const lead = ids.leadId ? await ctx.load(ENTITY.lead, ids.leadId, action) : null;
  if (ids.accountId) await ctx.load(ENTITY.account, ids.accountId, action);
  const opportunityId = ids.opportunityId ?? lead?.convertedOpportunityId ?? null;
  const opp = ids.opportunityId
    ? await ctx.load(ENTITY.opportunity, ids.opportunityId, action)
    : opportunityId
      ? await ctx.tx.opportunities.get(opportunityId)
      : null;
  if (ids.accountId && opp && opp.accountId !== ids.accountId) {
    throw new ValidationError([
      fieldIssue('accountId', sayOpportunity('opportunity.invalid.namedOtherAccount', { name: opp.name })),
    ]);
  }
  return {
    leadId: lead?.id ?? null,
    opportunityId: opp?.id ?? null,
    accountId: ids.accountId ?? opp?.accountId ?? lead?.accountId ?? null,
    currency: opp?.currency ?? null,
  };
}
