import { z } from 'zod';
import {
  contactDetailsSchema,
  emailSchema,
  expectedVersionSchema,
  idSchema,
  optionalText,
  phoneSchema,
  type RecordBase,
  type Region,
  regionSchema,
  text,
} from '../../domain/common.js';
import {
  type AccountKind,
  accountKindSchema,
  type BuyingRole,
  buyingRoleSchema,
  type Channel,
  channelSchema,
} from '../../domain/enums.js';

/** Unified social credit code (统一社会信用代码): 18 characters, digits and capitals without I, O, S, V, Z. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/,
    'expected an 18-character unified social credit code',
  );

export interface Account extends RecordBase {
  name: string;
  aliases: string[];
  kind: AccountKind;
  industry: string | null;
  region: Region | null;
  address: string | null;
  creditCode: string | null;
  phones: string[];
  emails: string[];
  channel: Channel | null;
  ownerId: string;
  /** Set when this account was merged into another; kept so the merge can be undone. */
  mergedIntoId: string | null;
}

export const createAccountInput = z.object({
  name: text(200),
  aliases: z.array(text(200)).max(20).default([]),
  kind: accountKindSchema,
  industry: optionalText(100),
  region: regionSchema.optional(),
  address: optionalText(500),
  creditCode: creditCodeSchema.optional(),
  phones: z.array(phoneSchema).max(10).default([]),
  emails: z.array(emailSchema).max(10).default([]),
  channel: channelSchema.optional(),
  ownerId: idSchema.optional(),
});
export type CreateAccountInput = z.input<typeof createAccountInput>;

export const updateAccountInput = createAccountInput
  .partial()
  .extend({ expectedVersion: expectedVersionSchema });
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export interface Contact extends RecordBase {
  accountId: string;
  name: string;
  title: string | null;
  buyingRole: BuyingRole | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  wechat: string | null;
  ownerId: string;
}

export const createContactInput = contactDetailsSchema.extend({
  accountId: idSchema,
  buyingRole: buyingRoleSchema.optional(),
});
export type CreateContactInput = z.input<typeof createContactInput>;

export const updateContactInput = contactDetailsSchema
  .partial()
  .extend({ buyingRole: buyingRoleSchema.optional(), expectedVersion: expectedVersionSchema });
export type UpdateContactInput = z.input<typeof updateContactInput>;

export const searchInput = z.object({
  query: z.string().trim().min(1, 'required').max(200),
  limit: z.number().int().min(1).max(200).default(20),
});
export type SearchInput = z.input<typeof searchInput>;
