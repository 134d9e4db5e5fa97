import type { CommandContext } from '../../service/context.js';
import { type FreshOption, syncReminders } from '../../service/reminder-sync.js';
import type { Lead } from './lead.js';
import type { LeadFacts } from './lead-machine.js';
import { remindersForLead } from './lead-reminders.js';

export function leadFacts(lead: Lead): LeadFacts {
  return { hasCompany: lead.company.trim().length > 0, hasContact: lead.contact.name.trim().length > 0 };
}

/** Recompute the follow-up and quote-expiry reminders of a lead after any change to it. */
export async function refreshLeadReminders(
  ctx: CommandContext,
  lead: Lead,
  options: FreshOption = {},
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
    ctx.settings.reminders,
  );
  await syncReminders(ctx, 'lead', lead.id, desired, options);
}
