import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { Lead } from './lead.js';
import { remindersForLead } from './lead-reminders.js';

/** The follow-up and quote-expiry reminders of a lead, recomputed after any change to it. */
export async function syncLeadReminders(
  ctx: CommandContext,
  lead: Lead,
  options: FreshOption,
): Promise<void> {
  const [latest] = options.fresh ? [] : await ctx.tx.quotes.list({ leadId: lead.id }, 1);
  const desired = remindersForLead(
    {
      id: lead.id,
      ownerId: lead.ownerId,
      channel: lead.channel,
      status: lead.status,
      label: lead.company,
      receivedAt: lead.receivedAt,
      lastCustomerContactAt: lead.lastContactAt,
      latestQuote: latest ? { validUntil: latest.validUntil } : null,
    },
    ctx.reminders,
  );
  await syncReminders(ctx, 'lead', lead.id, desired, options);
}
