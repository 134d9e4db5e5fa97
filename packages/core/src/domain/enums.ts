import { z } from 'zod';

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

export const leadSourceSchema = z.enum([
  'inbound_call',
  'referral',
  'customer_revisit',
  'marketing_event',
  'web',
  'other',
]);
export type LeadSource = z.infer<typeof leadSourceSchema>;

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

export const activityKindSchema = z.enum(['call', 'visit', 'meeting', 'demo_loan', 'email', 'task']);
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** Activity kinds that count as contact with the customer (they reset the follow-up clock). */
export const CUSTOMER_FACING_KINDS: readonly ActivityKind[] = [
  'call',
  'visit',
  'meeting',
  'demo_loan',
  'email',
];

export const opinionSchema = z.enum(['positive', 'neutral', 'negative', 'undecided']);
export type Opinion = z.infer<typeof opinionSchema>;

export const costCategorySchema = z.enum([
  'travel',
  'entertainment',
  'samples_demo_units',
  'bid_fees',
  'other',
]);
export type CostCategory = z.infer<typeof costCategorySchema>;

export const serviceCaseKindSchema = z.enum(['repair', 'replacement', 'maintenance']);
export type ServiceCaseKind = z.infer<typeof serviceCaseKindSchema>;

export const forecastCategorySchema = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);
export type ForecastCategory = z.infer<typeof forecastCategorySchema>;
