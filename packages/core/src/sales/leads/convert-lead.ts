import type { Channel } from '../../domain/enums.js';
import { fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Account } from '../accounts/account.js';
import { insertAccount, insertContact } from '../accounts/account-support.js';
import type { Contact } from '../accounts/contact.js';
import { insertOpportunity } from '../opportunities/create-opportunity.js';
import { resolveEndCustomer } from '../opportunities/end-customer.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import { isOpportunityOpen } from '../opportunities/opportunity-machine.js';
import { sayOpportunity } from '../opportunities/opportunity-messages.js';
import type { OpportunityStage } from '../opportunities/opportunity-pipelines.js';
import { buildLines } from '../opportunities/opportunity-reads.js';
import { withLines } from '../opportunities/opportunity-rules.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import { type ConvertLeadInput, convertLeadInput, type Lead } from './lead.js';
import { leadFacts } from './lead-facts.js';
import { decideLead } from './lead-machine.js';

/** What a conversion made or linked. `C` is the new deal's channel when the input named it. */
export interface ConversionResult<C extends Channel = Channel> {
  lead: Lead;
  account: Account;
  contact: Contact;
  opportunity: Opportunity & { channel: C };
}

/**
 * Interests become deal lines, priced at the last quote given for that product, else at the
 * catalogue's list price in the deal's currency, else 0 until quoted (a SKU outside the catalogue).
 */
async function linesFromInterests(ctx: CommandContext, lead: Lead, currency: string) {
  const catalogue = await ctx.productsBySku(lead.interests.map((i) => i.sku));
  const inputs = [];
  for (const interest of lead.interests) {
    const [quote] = await ctx.tx.quotes.list({ leadId: lead.id, sku: interest.sku }, 1);
    const list = catalogue.get(interest.sku)?.listPrice;
    inputs.push({
      sku: interest.sku,
      description: interest.note,
      quantity: interest.quantity,
      unitPrice:
        quote && quote.unitPrice.currency === currency
          ? quote.unitPrice
          : list && list.currency === currency
            ? list
            : { amount: 0, currency },
    });
  }
  return buildLines(ctx, inputs);
}

/**
 * Qualify and convert: account + contact + opportunity in one transaction, or link them to ones
 * that already exist. The lead is frozen afterwards; its quote ledger follows the deal.
 */
export async function convertLead(
  ctx: CommandContext,
  leadId: string,
  input: ConvertLeadInput,
): Promise<ConversionResult> {
  const data = parseInput(convertLeadInput, input);
  const lead = await ctx.load(ENTITY.lead, leadId, 'edit');
  ctx.checkVersion('lead', lead, data.expectedVersion);
  // A product may have been discontinued since the lead was captured.
  await assertCatalogueLines(ctx, lead.interests, (i) => `interests.${i}`);
  const decision = assertDecision(decideLead(lead.status, leadFacts(lead), { type: 'CONVERT' }));

  const existingAccountId = 'existingId' in data.account ? data.account.existingId : lead.accountId;
  // The conversion adds the lead's contact to the account: the same edit right contacts.create needs.
  const account = existingAccountId
    ? await ctx.load(ENTITY.account, existingAccountId, 'edit')
    : await insertAccount(ctx, {
        name: lead.company,
        kind: 'kind' in data.account ? data.account.kind : 'end_user',
        industry: 'industry' in data.account ? (data.account.industry ?? null) : null,
        ownerId: lead.ownerId,
        region: data.region ?? lead.region,
        phones: [lead.contact.phone, lead.contact.mobile].filter((p): p is string => !!p),
        emails: lead.contact.email ? [lead.contact.email] : [],
        channel: data.channel ?? lead.channel,
      });
  // The person belongs to whoever owns the customer (contacts follow their account's owner).
  const contact = await insertContact(ctx, account.id, account.ownerId, lead.contact);

  let opportunity: Opportunity;
  if (data.opportunityId) {
    const existing = await ctx.load(ENTITY.opportunity, data.opportunityId, 'edit');
    if (!isOpportunityOpen(existing.stage as OpportunityStage)) {
      throw new InvalidTransitionError(
        existing.stage,
        'CONVERT_INTO',
        sayOpportunity('opportunity.refused.closedConvert'),
      );
    }
    if (existing.accountId !== account.id) {
      throw new ValidationError([
        fieldIssue('opportunityId', sayOpportunity('opportunity.invalid.otherAccount')),
      ]);
    }
    const lines = [...existing.lines, ...(await linesFromInterests(ctx, lead, existing.currency))];
    opportunity = await ctx.update(
      ENTITY.opportunity,
      existing,
      withLines(existing, lines),
      'opportunity.lead_merged',
      { leadId: lead.id },
    );
  } else {
    opportunity = await insertOpportunity(ctx, {
      name:
        data.opportunityName ??
        `${lead.company} — ${lead.interests.map((i) => `${i.quantity}× ${i.sku}`).join(', ') || 'new deal'}`,
      accountId: account.id,
      channel: data.channel ?? lead.channel,
      currency: 'CNY',
      ownerId: lead.ownerId,
      lines: await linesFromInterests(ctx, lead, 'CNY'),
      team: data.team,
      endCustomer: data.endCustomer ? await resolveEndCustomer(ctx, { name: data.endCustomer }) : null,
      expectedClose: data.expectedClose ?? null,
      requiredDelivery: data.requiredDelivery ?? null,
      region: data.region ?? lead.region,
      competitors: [],
      leadId: lead.id,
    });
  }

  await ctx.tx.quotes.linkLead(lead.id, { opportunityId: opportunity.id, accountId: account.id });
  const converted = await ctx.transition(ENTITY.lead, lead, decision, {
    event: 'lead.converted',
    changes: {
      accountId: account.id,
      convertedOpportunityId: opportunity.id,
      convertedContactId: contact.id,
    },
    meta: { opportunityId: opportunity.id, accountId: account.id },
  });
  return { lead: converted, account, contact, opportunity };
}
