import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  optionalText,
  type RecordBase,
  type Region,
  regionSchema,
  text,
} from '../../domain/common.js';
import {
  type AccessLevel,
  accessLevelSchema,
  type Channel,
  channelSchema,
  type ForecastCategory,
  type TeamRole,
  teamRoleSchema,
} from '../../domain/enums.js';
import { currencySchema, type Money, nonNegativeMoneySchema } from '../../kernel/money.js';
import { type CalendarDate, calendarDateSchema, type Instant } from '../../kernel/time.js';
import { skuSchema } from '../products/product.js';

export interface LineItem {
  id: string;
  sku: string;
  /** Product category at the time of entry (e.g. laser_scanner); used to compare baskets. */
  category: string | null;
  description: string | null;
  quantity: number;
  unitPrice: Money;
}

export interface TeamMember {
  userId: string;
  role: TeamRole;
  access: AccessLevel;
}

/** The project behind a system integrator: the end user and the tender they are bidding for. */
export interface EndCustomer {
  name: string;
  tender: string | null;
}

export interface Opportunity extends RecordBase {
  name: string;
  /** Bill-to account: who we sell to (often a system integrator or a dealer). */
  accountId: string;
  endCustomer: EndCustomer | null;
  channel: Channel;
  ownerId: string;
  /** The virtual team: sales, presales (writes the solution), service (after-sales). Owner not included. */
  team: TeamMember[];
  lines: LineItem[];
  currency: string;
  /** Sum of the lines, in minor units of `currency`. */
  amount: Money;
  stage: string;
  probability: number;
  forecastCategory: ForecastCategory;
  stageEnteredAt: Instant;
  expectedClose: CalendarDate | null;
  requiredDelivery: CalendarDate | null;
  region: Region | null;
  competitors: string[];
  lostReason: string | null;
  closedAt: Instant | null;
  leadId: string | null;
  /** Set when a manager linked this deal to another as the same deal and released it. */
  duplicateOfId: string | null;
}

export const lineItemInput = z.object({
  sku: skuSchema,
  description: optionalText(500),
  quantity: z.number().int().positive('quantity must be at least 1').max(10_000_000),
  unitPrice: nonNegativeMoneySchema,
});
export type LineItemInput = z.input<typeof lineItemInput>;

export const teamMemberInput = z.object({
  userId: idSchema,
  role: teamRoleSchema,
  access: accessLevelSchema.default('edit'),
});
export type TeamMemberInput = z.input<typeof teamMemberInput>;

/** A deal team names each person once: one role and one access level per member. */
export const teamInput = z
  .array(teamMemberInput)
  .max(50)
  .superRefine((team, ctx) => {
    const seen = new Set<string>();
    team.forEach((m, i) => {
      if (seen.has(m.userId))
        ctx.addIssue({ code: 'custom', message: `${m.userId} is on the team twice`, path: [i, 'userId'] });
      seen.add(m.userId);
    });
  });

export const endCustomerSchema = z.object({ name: text(200), tender: optionalText(300) });

export const createOpportunityInput = z.object({
  name: text(200),
  accountId: idSchema,
  channel: channelSchema,
  currency: currencySchema.default('CNY'),
  endCustomer: endCustomerSchema.optional(),
  lines: z.array(lineItemInput).max(500).default([]),
  team: teamInput.default([]),
  expectedClose: calendarDateSchema.optional(),
  requiredDelivery: calendarDateSchema.optional(),
  region: regionSchema.optional(),
  competitors: z.array(text(200)).max(20).default([]),
  ownerId: idSchema.optional(),
});
export type CreateOpportunityInput = z.input<typeof createOpportunityInput>;

export const updateOpportunityInput = z.object({
  name: text(200).optional(),
  endCustomer: endCustomerSchema.nullable().optional(),
  expectedClose: calendarDateSchema.nullable().optional(),
  requiredDelivery: calendarDateSchema.nullable().optional(),
  region: regionSchema.nullable().optional(),
  competitors: z.array(text(200)).max(20).optional(),
  expectedVersion: expectedVersionSchema,
});
export type UpdateOpportunityInput = z.input<typeof updateOpportunityInput>;

export const advanceInput = z.object({
  to: z.string().trim().min(1).max(64),
  expectedVersion: expectedVersionSchema,
});
export const loseInput = z.object({
  reason: text(500),
  competitor: optionalText(200),
  expectedVersion: expectedVersionSchema,
});
export const reopenInput = z.object({
  to: z.string().trim().min(1).max(64).optional(),
  expectedVersion: expectedVersionSchema,
});
export const versionOnlyInput = z.object({ expectedVersion: expectedVersionSchema }).default({});
