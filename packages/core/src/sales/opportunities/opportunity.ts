import { z } from 'zod';
import {
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
  type AccessLevel,
  accessLevelSchema,
  type BuyingRole,
  buyingRoleSchema,
  type Channel,
  channelSchema,
  type ForecastCategory,
  type TeamRole,
  teamRoleSchema,
} from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { currencySchema, type Money, nonNegativeMoneySchema, withSafeLineTotal } from '../../kernel/money.js';
import { type CalendarDate, calendarDateSchema, type Instant } from '../../kernel/time.js';
import type { Order } from '../orders/order.js';
import { skuSchema } from '../products/product.js';
import { sayOpportunity } from './opportunity-messages.js';
import type { OpenStageOf, OpportunityStage, StageOf } from './opportunity-pipelines.js';

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

/** A public or private tender (招标) the end customer issued, that the integrators bid for. */
export interface Tender {
  /** The tender's number as the issuer writes it, e.g. `SD-2026-0315`. */
  number: string;
  /** Who issued it when not the end customer itself (a tendering agency, 招标代理). */
  issuer: string | null;
  /** When bids are due. */
  deadline: CalendarDate | null;
}

/**
 * The project behind a system integrator: the end user (an account of kind `end_user`) and the
 * tender they are bidding for. `accountId` is null only on deals stored before end customers were
 * accounts; `name` is the account's name when it was linked.
 */
export interface EndCustomer {
  accountId: string | null;
  name: string;
  tender: Tender | null;
}

/** A person at the customer or end customer with the part they play in this deal's purchase. */
export interface DealContact {
  contactId: string;
  role: BuyingRole;
  /** Exactly one contact of a deal with contacts is its primary one. */
  primary: boolean;
}

export interface Opportunity extends RecordBase {
  name: string;
  /** Bill-to account: who we sell to (often a system integrator or a dealer). */
  accountId: string;
  endCustomer: EndCustomer | null;
  /** The people met on this deal, each with their buying role; one of them is the primary contact. */
  contacts: DealContact[];
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
  /**
   * The tenant configuration version whose pipeline the deal runs on; absent on deals that run on
   * the built-in templates. Kept until `opportunities.migratePipeline` moves the deal.
   */
  pipelineVersion?: number;
  /** The app's own fields (`createCrm({ fields: { opportunity } })`); absent ones are left out. */
  custom: CustomFieldsOf<'opportunity'>;
}

/**
 * A deal named by its id, or the deal itself. Pass the deal (as `create` or `get` returned it) and
 * the compiler checks stage ids against its channel's pipeline; at run time only its id is used, and
 * its channel must be the stored deal's.
 */
export type DealRef<C extends Channel = Channel> = string | { id: string; channel: C };

/**
 * The stage ids a move may name: the open stages of channel `C`, or — for a bare id, whose channel
 * the compiler cannot know (`C` is `never`) — any pipeline's stage id, so a typo is still caught.
 */
export type StageTarget<C extends Channel> =
  | ([C] extends [never] ? StageOf<Channel> : OpenStageOf<C>)
  | ConfiguredStageId;

/**
 * The open stage ids of the app's own pipelines (`crm.config.update`), declared by augmentation so
 * moves to them type-check like the built-in ones:
 * `declare module '@gongfu/core' { interface CustomStageIds { intake: true; offer: true } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the app fills it by declaration merging
export interface CustomStageIds {}
/** A stage id the app declared in `CustomStageIds`. */
export type ConfiguredStageId = keyof CustomStageIds & string;

/** An opportunity whose channel is known at compile time; plain `Opportunity` when it is not. */
export type OpportunityOf<C extends Channel> = [C] extends [never]
  ? Opportunity
  : Opportunity & { channel: C };

export const lineItemInput = z.strictObject({
  sku: skuSchema,
  /** Not a catalogue product: the SKU is the app's own code, not checked against the catalogue. */
  freeText: z.literal(true).optional(),
  description: optionalText(500),
  quantity: z
    .number()
    .int()
    .positive(zodMessage(sayOpportunity('opportunity.invalid.quantity')))
    .max(10_000_000),
  unitPrice: nonNegativeMoneySchema,
});
export type LineItemInput = z.input<typeof lineItemInput>;

export const teamMemberInput = z.strictObject({
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
        ctx.addIssue({
          code: 'custom',
          ...zodMessage(sayOpportunity('opportunity.invalid.teamTwice', { userId: m.userId })),
          path: [i, 'userId'],
        });
      seen.add(m.userId);
    });
  });

/** A tender by number, with its issuer and deadline when known; a bare string is its number. */
export const tenderSchema = z.union([
  text(100).transform((number) => ({ number })),
  z.strictObject({ number: text(100), issuer: optionalText(200), deadline: calendarDateSchema.optional() }),
]);
export type TenderInput = z.input<typeof tenderSchema>;

/** The tender as stored: unknown parts are null, not missing. */
export function toTender(input: z.output<typeof tenderSchema>): Tender {
  return {
    number: input.number,
    issuer: ('issuer' in input ? input.issuer : undefined) ?? null,
    deadline: ('deadline' in input ? input.deadline : undefined) ?? null,
  };
}

const endCustomerFields = {
  /** An end-user account the actor can see. */
  accountId: idSchema.optional(),
  /** The end customer's name: links the end-user account of that name, or creates one. */
  name: text(200).optional(),
  tender: tenderSchema.optional(),
};

/** Exactly one of `accountId` and `name` names the end customer. */
function oneEndCustomer(
  input: { accountId?: string | undefined; name?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if ((input.accountId === undefined) === (input.name === undefined))
    ctx.addIssue({
      code: 'custom',
      ...zodMessage(sayOpportunity('opportunity.invalid.endCustomerOneOf')),
      path: [input.accountId === undefined ? 'accountId' : 'name'],
    });
}

/** The end customer as an input names it: by its account, or by name. */
export const endCustomerSchema = z.strictObject(endCustomerFields).superRefine(oneEndCustomer);
export type EndCustomerInput = z.input<typeof endCustomerSchema>;

export const createOpportunityInput = z.strictObject({
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
  custom: customInput('opportunity'),
});
export type CreateOpportunityInput = z.input<typeof createOpportunityInput>;

export const updateOpportunityInput = z.strictObject({
  name: text(200).optional(),
  endCustomer: endCustomerSchema.nullable().optional(),
  expectedClose: calendarDateSchema.nullable().optional(),
  requiredDelivery: calendarDateSchema.nullable().optional(),
  region: regionSchema.nullable().optional(),
  competitors: z.array(text(200)).max(20).optional(),
  custom: customInput('opportunity'),
  expectedVersion: expectedVersionSchema,
});
export type UpdateOpportunityInput = z.input<typeof updateOpportunityInput>;

/** Forward or back along the pipeline, by stage id (`'bid'` on a key-account deal, `'proposal'` elsewhere). */
export const advanceInput = z.strictObject({
  to: z.string().trim().min(1).max(64),
  expectedVersion: expectedVersionSchema,
});
/**
 * What `advance` and `retreat` take. `S` narrows `to` to the stages of the deal's pipeline when the
 * channel is known at compile time; the run-time check is the machine's, whatever the type said.
 */
export type StageMoveInput<S extends string = OpportunityStage> = Omit<z.input<typeof advanceInput>, 'to'> & {
  to: S;
};

export const loseInput = z.strictObject({
  reason: text(500),
  competitor: optionalText(200),
  expectedVersion: expectedVersionSchema,
});
export type LoseOpportunityInput = z.input<typeof loseInput>;

export const reopenInput = z.strictObject({
  to: z.string().trim().min(1).max(64).optional(),
  expectedVersion: expectedVersionSchema,
});
/** What `reopen` takes: the open stage to reopen at, narrowed like `StageMoveInput`. */
export type ReopenOpportunityInput<S extends string = OpportunityStage> = Omit<
  z.input<typeof reopenInput>,
  'to'
> & { to?: S };

export const winInput = z
  .object({
    expectedVersion: expectedVersionSchema,
    /** Create the order in the same transaction as the win. */
    createOrder: z
      .object({
        promisedDelivery: z.string().optional(),
        warrantyMonths: z.number().int().min(0).max(120).optional(),
      })
      .optional(),
  })
  .default({});
export type WinOpportunityInput = z.input<typeof winInput>;

/** A won deal, and its order when the win asked for one. */
export interface WinResult {
  opportunity: Opportunity;
  order: Order | null;
}

/** The project behind a system integrator, named after the deal was created. */
export const linkEndCustomerInput = z
  .strictObject({ ...endCustomerFields, expectedVersion: expectedVersionSchema })
  .superRefine(oneEndCustomer);
export type LinkEndCustomerInput = z.input<typeof linkEndCustomerInput>;

/** A contact on a deal, in a buying role; `primary` makes them the deal's primary contact. */
export const dealContactInput = z.strictObject({
  contactId: idSchema,
  role: buyingRoleSchema,
  primary: z.boolean().optional(),
  expectedVersion: expectedVersionSchema,
});
export type DealContactInput = z.input<typeof dealContactInput>;

export const addLineInput = withSafeLineTotal(
  lineItemInput.extend({ expectedVersion: expectedVersionSchema }),
);
export type AddLineInput = z.input<typeof addLineInput>;

/** `stageInfo`'s arguments, validated like any input: a known channel and a stage id. */
export const stageInfoQuery = z.strictObject({
  channel: channelSchema,
  stage: z.string().trim().min(1).max(64),
});

/** `pipeline`'s argument: a known channel. */
export const pipelineQuery = z.strictObject({ channel: channelSchema });

export const opportunityListQuery = pageSchema.extend({
  stage: oneOrMany(z.string()).optional(),
  ownerId: oneOrMany(idSchema).optional(),
  channel: oneOrMany(z.string()).optional(),
  accountId: oneOrMany(idSchema).optional(),
  /** Deals whose end customer is this end-user account (or one of these). */
  endCustomerId: oneOrMany(idSchema).optional(),
  /** Only deals still in an open stage (true) or only closed ones (false). */
  open: z.boolean().optional(),
  /** Equality or range on the app's custom fields: `{ budgetYear: { from: 2026 } }`. */
  custom: customFilterInput('opportunity'),
});
export type OpportunityListQuery = z.input<typeof opportunityListQuery>;
