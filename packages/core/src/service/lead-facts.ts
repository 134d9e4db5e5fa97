import type { Lead } from '../domain/lead.js';
import type { LeadFacts } from '../lifecycle/index.js';
import { remindersForLead } from '../reminders/index.js';
import type { CommandContext } from './context.js';
import { type FreshOption, syncReminders } from './reminder-sync.js';

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
