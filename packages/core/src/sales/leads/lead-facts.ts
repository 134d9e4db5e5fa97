import type { Lead } from './lead.js';
import type { LeadFacts } from './lead-machine.js';

/** What the lead machine's gates look at, read off the stored lead. */
export function leadFacts(lead: Lead): LeadFacts {
  return { hasCompany: lead.company.trim().length > 0, hasContact: lead.contact.name.trim().length > 0 };
}
