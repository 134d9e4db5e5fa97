import { z } from 'zod';
import {
  type ContactDetails,
  contactDetailsSchema,
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
  type Region,
  regionSchema,
  text,
} from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import {
  activityKindKeySchema,
  type Channel,
  channelSchema,
  type LeadSource,
  leadSourceKeySchema,
} from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { type Money, nonNegativeMoneySchema, withSafeLineTotal } from '../../kernel/money.js';
import { type CalendarDate, calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { contactOutcomeSchema } from '../activities/activity.js';
import { teamInput } from '../opportunities/opportunity.js';
import { sayOpportunity } from '../opportunities/opportunity-messages.js';
import { skuSchema } from '../products/product.js';
import type { LeadStatus } from './lead-machine.js';
import { sayLead } from './lead-messages.js';

export const interestSchema = z.strictObject({
  sku: skuSchema,
  /** Not a catalogue product: the SKU is the app's own code, not checked against the catalogue. */
  freeText: z.literal(true).optional(),
  quantity: z
    .number()
    .int()
    .positive(zodMessage(sayOpportunity('opportunity.invalid.quantity')))
    .max(10_000_000),
  note: optionalText(500),
});
export type Interest = z.infer<typeof interestSchema>;

export interface Lead extends RecordBase {
  source: LeadSource;
  /** When the inquiry arrived (the call, the referral, the event conversation). */
  receivedAt: Instant;
  company: string;
  contact: ContactDetails;
  interests: Interest[];
  channel: Channel;
  region: Region | null;
  /** Set when the lead is a revisit of an existing customer, or once converted. */
  accountId: string | null;
  referredBy: string | null;
  eventName: string | null;
  ownerId: string;
  status: LeadStatus;
  disqualifyReason: string | null;
  /** Last customer-facing contact (call, visit, email, quote); drives the follow-up reminder. */
  lastContactAt: Instant | null;
  convertedAt: Instant | null;
  convertedOpportunityId: string | null;
  convertedContactId: string | null;
  /** The app's own fields (`createCrm({ fields: { lead } })`). */
  custom: CustomFieldsOf<'lead'>;
}

export const captureLeadInput = z
  .object({
    source: leadSourceKeySchema,
    receivedAt: instantSchema,
    company: text(200),
    contact: contactDetailsSchema,
    interests: z.array(interestSchema).max(100).default([]),
    channel: channelSchema.default('key_account'),
    region: regionSchema.optional(),
    accountId: idSchema.optional(),
    referredBy: optionalText(200),
    eventName: optionalText(200),
    ownerId: idSchema.optional(),
    custom: customInput('lead'),
  })
  .refine((l) => l.source !== 'referral' || !!l.referredBy, {
    ...zodMessage(sayLead('lead.invalid.noReferrer')),
    path: ['referredBy'],
  })
  .refine((l) => l.source !== 'marketing_event' || !!l.eventName, {
    ...zodMessage(sayLead('lead.invalid.noEventName')),
    path: ['eventName'],
  })
  .refine((l) => l.source !== 'customer_revisit' || !!l.accountId, {
    ...zodMessage(sayLead('lead.invalid.noRevisitAccount')),
    path: ['accountId'],
  });
export type CaptureLeadInput = z.input<typeof captureLeadInput>;

export const updateLeadInput = z.strictObject({
  company: text(200).optional(),
  contact: contactDetailsSchema.optional(),
  interests: z.array(interestSchema).max(100).optional(),
  channel: channelSchema.optional(),
  region: regionSchema.nullable().optional(),
  custom: customInput('lead'),
  expectedVersion: expectedVersionSchema,
});
export type UpdateLeadInput = z.input<typeof updateLeadInput>;

/** One line of the append-only quote ledger: the last price given is never forgotten. */
export interface QuoteEntry {
  tenantId: string;
  id: string;
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  sku: string;
  quantity: number;
  unitPrice: Money;
  validUntil: CalendarDate;
  quotedBy: string;
  quotedAt: Instant;
  note: string | null;
}

export const quoteInput = withSafeLineTotal(
  z.strictObject({
    sku: skuSchema,
    /** Not a catalogue product: the SKU is the app's own code, not checked against the catalogue. */
    freeText: z.literal(true).optional(),
    quantity: z.number().int().positive().max(10_000_000),
    unitPrice: nonNegativeMoneySchema,
    validUntil: calendarDateSchema,
    note: optionalText(500),
  }),
);
export type QuoteInput = z.input<typeof quoteInput>;

export const lastQuoteQuery = z
  .object({
    leadId: idSchema.optional(),
    accountId: idSchema.optional(),
    opportunityId: idSchema.optional(),
    sku: skuSchema.optional(),
  })
  .refine((q) => q.leadId || q.accountId || q.opportunityId, {
    ...zodMessage(sayLead('lead.invalid.quoteUnlinked')),
    path: ['leadId'],
  });
export type LastQuoteQuery = z.input<typeof lastQuoteQuery>;

export const disqualifyInput = z.strictObject({ reason: text(500), expectedVersion: expectedVersionSchema });
export type DisqualifyLeadInput = z.input<typeof disqualifyInput>;

/** A call, visit or email logged against a lead, with what came of it. */
export const logContactInput = z.strictObject({
  kind: activityKindKeySchema.refine(
    (k) => k !== 'task' && k !== 'demo_loan',
    zodMessage(sayLead('lead.invalid.notAContactKind')),
  ),
  at: instantSchema,
  subject: z.string().trim().min(1).max(300).optional(),
  outcome: contactOutcomeSchema,
});
export type LogContactInput = z.input<typeof logContactInput>;

export const leadListQuery = pageSchema.extend({
  status: oneOrMany(z.string()).optional(),
  ownerId: oneOrMany(idSchema).optional(),
  channel: oneOrMany(z.string()).optional(),
  /** Substring of the company or contact name, or a phone number in any format. */
  text: z.string().trim().max(200).optional(),
  custom: customFilterInput('lead'),
});
export type LeadListQuery = z.input<typeof leadListQuery>;

/** Conversion creates or links the account, the contact and the opportunity in one transaction. */
export const convertLeadInput = z.strictObject({
  account: z
    .union([
      z.strictObject({ existingId: idSchema }),
      z.strictObject({
        kind: z.enum(['end_user', 'system_integrator', 'dealer', 'distributor']),
        industry: optionalText(100),
      }),
    ])
    .default({ kind: 'end_user' }),
  /** Convert into an existing open opportunity instead of creating one. */
  opportunityId: idSchema.optional(),
  opportunityName: text(200).optional(),
  channel: channelSchema.optional(),
  requiredDelivery: calendarDateSchema.optional(),
  expectedClose: calendarDateSchema.optional(),
  region: regionSchema.optional(),
  endCustomer: text(200).optional(),
  team: teamInput.default([]),
  expectedVersion: expectedVersionSchema,
});
export type ConvertLeadInput = z.input<typeof convertLeadInput>;
