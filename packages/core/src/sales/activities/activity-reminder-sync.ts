import type { Text } from '../../kernel/message.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { visibleName } from '../../service/visible-label.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { Activity } from './activity.js';
import { regardingName } from './activity-regarding-label.js';
import { remindersForActivity } from './activity-reminders.js';

/**
 * Who the appointment is with, for the reminder text: the contact, order or service case it is
 * about, else the customer, by name where the activity's owner (who reads the reminder) may open
 * it; otherwise that record's kind and id, as a message the owner reads in their own language.
 */
async function activityLabel(ctx: CommandContext, a: Activity): Promise<Text> {
  // A contact, order or case is named itself; a lead's or deal's visit is named by its customer.
  const party = a.contactId || a.orderId ? a.regarding : null;
  const named = party ? await regardingName(ctx, a.ownerId, party) : null;
  if (named !== null) return named;
  const account = a.accountId ? await ctx.tx.accounts.get(a.accountId) : null;
  if (account) return visibleName(ctx, a.ownerId, ENTITY.account, account, account.name);
  const lead = a.leadId ? await ctx.tx.leads.get(a.leadId) : null;
  if (lead) return visibleName(ctx, a.ownerId, ENTITY.lead, lead, lead.company);
  return a.subject;
}

/** The "starts soon" reminder of an activity, recomputed after any change to it. */
export async function syncActivityReminders(
  ctx: CommandContext,
  a: Activity,
  options: FreshOption,
): Promise<void> {
  const kindLabel = ctx.config.activityKinds.find((e) => e.key === a.kind)?.label;
  const facts = {
    id: a.id,
    ownerId: a.ownerId,
    status: a.status,
    kind: a.kind,
    ...(kindLabel ? { kindLabel } : {}),
    startAt: a.startAt,
    // Only a scheduled activity has a reminder to word; a logged one spares the waited read.
    label: a.status === 'scheduled' ? await activityLabel(ctx, a) : a.subject,
  };
  await syncReminders(ctx, 'activity', a.id, remindersForActivity(facts, ctx.reminders), options);
}
