import { z } from 'zod';
import { sayInput, zodMessage } from '../kernel/input-messages.js';

/** Every closed set of values in the domain, as zod enums so inputs are validated and types inferred. */

export const roleSchema = z.enum([
  'sales_rep',
  'sales_manager',
  'presales_engineer',
  'service_engineer',
  'admin',
]);
export type UserRole = z.infer<typeof roleSchema>;

/** The three ways the source company sells; one system serves all of them (MISSION point 10). */
export const channelSchema = z.enum(['distribution', 'key_account', 'wireless']);
export type Channel = z.infer<typeof channelSchema>;

/**
 * The key of an entry in a tenant's own list (lead sources, activity kinds, cost categories):
 * lower-case snake case, as the built-in keys are.
 */
export const vocabularyKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, zodMessage(sayInput('input.vocabularyKey')));

/** The lead sources every tenant starts with; a tenant may add its own (`crm.config.update`). */
export const leadSourceSchema = z.enum([
  'inbound_call',
  'referral',
  'customer_revisit',
  'marketing_event',
  'web',
  'other',
]);
export type BuiltInLeadSource = z.infer<typeof leadSourceSchema>;
/**
 * A lead source: a built-in one (offered by autocomplete) or one the tenant added at run time,
 * checked against the tenant's active list when it is written.
 */
export type LeadSource = BuiltInLeadSource | (string & {});

export const accountKindSchema = z.enum(['end_user', 'system_integrator', 'dealer', 'distributor']);
export type AccountKind = z.infer<typeof accountKindSchema>;

export const buyingRoleSchema = z.enum([
  'decision_maker',
  'economic_buyer',
  'technical_evaluator',
  'user',
  'influencer',
  'procurement',
  'other',
]);
export type BuyingRole = z.infer<typeof buyingRoleSchema>;

export const productKindSchema = z.enum(['standard', 'solution', 'service']);
export type ProductKind = z.infer<typeof productKindSchema>;

export const teamRoleSchema = z.enum(['sales', 'presales', 'service']);
export type TeamRole = z.infer<typeof teamRoleSchema>;

export const accessLevelSchema = z.enum(['read', 'edit']);
export type AccessLevel = z.infer<typeof accessLevelSchema>;

/** The activity kinds every tenant starts with; a tenant may add its own (`crm.config.update`). */
export const activityKindSchema = z.enum(['call', 'visit', 'meeting', 'demo_loan', 'email', 'task']);
export type BuiltInActivityKind = z.infer<typeof activityKindSchema>;
/** An activity kind: a built-in one or one the tenant added, checked against its active list. */
export type ActivityKind = BuiltInActivityKind | (string & {});

/**
 * Activity kinds that count as contact with the customer (they reset the follow-up clock): the
 * default of a tenant's quiet-customer rule (`config.quietCustomer.contactKinds`).
 */
export const CUSTOMER_FACING_KINDS: readonly BuiltInActivityKind[] = [
  'call',
  'visit',
  'meeting',
  'demo_loan',
  'email',
];

export const opinionSchema = z.enum(['positive', 'neutral', 'negative', 'undecided']);
export type Opinion = z.infer<typeof opinionSchema>;

/** The cost categories every tenant starts with; a tenant may add its own (`crm.config.update`). */
export const costCategorySchema = z.enum([
  'travel',
  'entertainment',
  'samples_demo_units',
  'bid_fees',
  'other',
]);
export type BuiltInCostCategory = z.infer<typeof costCategorySchema>;
/** A cost category: a built-in one or one the tenant added, checked against its active list. */
export type CostCategory = BuiltInCostCategory | (string & {});

export const serviceCaseKindSchema = z.enum(['repair', 'replacement', 'maintenance']);
export type ServiceCaseKind = z.infer<typeof serviceCaseKindSchema>;

export const forecastCategorySchema = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);
export type ForecastCategory = z.infer<typeof forecastCategorySchema>;

/**
 * Where an input names a lead source, an activity kind or a cost category it takes any well-formed
 * key, typed so editors still offer the built-in ones; the command checks it against the tenant's
 * active list (`crm.config`), naming the field and the closest active key when it is not there.
 */
export const leadSourceKeySchema = vocabularyKeySchema as unknown as z.ZodType<LeadSource, LeadSource>;
export const activityKindKeySchema = vocabularyKeySchema as unknown as z.ZodType<ActivityKind, ActivityKind>;
export const costCategoryKeySchema = vocabularyKeySchema as unknown as z.ZodType<CostCategory, CostCategory>;
