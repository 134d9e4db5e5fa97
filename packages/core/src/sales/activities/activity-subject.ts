import type { ProtectedRecord } from '../../access/model.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Activity, ActivityRegarding } from './activity.js';
import { type LinkIds, linkAction, resolveLinks } from './activity-links.js';

/** The records an activity hangs off once its subject is resolved (what `schedule` stores). */
export type ActivityLinks = Pick<
  Activity,
  'leadId' | 'opportunityId' | 'accountId' | 'contactId' | 'orderId' | 'serviceCaseId' | 'regarding'
>;

const NO_PARTY = { contactId: null, orderId: null, serviceCaseId: null } as const;

/**
 * The record the caller named with the three link ids of old: the deal when one is named, else the
 * lead, else the customer (the most specific governing record, which is also its team key).
 */
function regardingOfIds(ids: LinkIds): ActivityRegarding | null {
  if (ids.opportunityId) return { kind: 'opportunity', id: ids.opportunityId };
  if (ids.leadId) return { kind: 'lead', id: ids.leadId };
  if (ids.accountId) return { kind: 'account', id: ids.accountId };
  return null;
}

/**
 * Check the actor may see the record the activity is about (edit it, when booking for someone
 * else: the rule of `linkAction`), then fill in what it implies, like `resolveLinks` does for a
 * deal: a contact's account; an order's deal and account; a service case's order, deal and account.
 * Those links put the activity under the same governing team as its subject (team key) and on the
 * customer's timeline.
 */
export async function resolveActivitySubject(
  ctx: CommandContext,
  input: LinkIds & { regarding?: ActivityRegarding | undefined },
  forUserId: string,
): Promise<ActivityLinks> {
  const regarding = input.regarding ?? regardingOfIds(input);
  const action = linkAction(ctx, forUserId);
  switch (regarding?.kind) {
    case 'contact': {
      const contact = await ctx.load(ENTITY.contact, regarding.id, action);
      return { ...NO_LINKS, accountId: contact.accountId, contactId: contact.id, regarding };
    }
    case 'order': {
      const order = await ctx.load(ENTITY.order, regarding.id, action);
      return {
        ...NO_LINKS,
        opportunityId: order.opportunityId,
        accountId: order.accountId,
        orderId: order.id,
        regarding,
      };
    }
    case 'service_case': {
      const sc = await ctx.load(ENTITY.serviceCase, regarding.id, action);
      return {
        ...NO_LINKS,
        opportunityId: sc.opportunityId,
        accountId: sc.accountId,
        orderId: sc.orderId,
        serviceCaseId: sc.id,
        regarding,
      };
    }
    default: {
      const ids = input.regarding ? idsOf(input.regarding) : input;
      const { currency: _, ...links } = await resolveLinks(ctx, ids, forUserId);
      return { ...links, ...NO_PARTY, regarding };
    }
  }
}

function idsOf(regarding: ActivityRegarding): LinkIds {
  if (regarding.kind === 'lead') return { leadId: regarding.id };
  if (regarding.kind === 'opportunity') return { opportunityId: regarding.id };
  return { accountId: regarding.id };
}

const NO_LINKS = { leadId: null, opportunityId: null, accountId: null, ...NO_PARTY } as const;

/**
 * The access of the contact, order or service case an activity is about: whoever may read that
 * record reads the activity too (read only; editing the activity stays with its owner, their
 * managers and the edit seats of the governing team it shares with its subject). Other kinds are
 * read through their team key alone, as before.
 */
export async function activitySubjectAccess(
  ctx: CommandContext,
  a: Activity,
): Promise<ProtectedRecord | null> {
  switch (a.regarding?.kind) {
    case 'contact': {
      const contact = await ctx.tx.contacts.get(a.regarding.id);
      return contact ? ctx.protectedRecord(ENTITY.contact, contact) : null;
    }
    case 'order': {
      const order = await ctx.tx.orders.get(a.regarding.id);
      return order ? ctx.protectedRecord(ENTITY.order, order) : null;
    }
    case 'service_case': {
      const sc = await ctx.tx.serviceCases.get(a.regarding.id);
      return sc ? ctx.protectedRecord(ENTITY.serviceCase, sc) : null;
    }
    default:
      return null;
  }
}
