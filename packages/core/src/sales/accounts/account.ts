import { z } from 'zod';
import {
  emailSchema,
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  phoneSchema,
  type RecordBase,
  type Region,
  regionSchema,
  text,
} from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type AccountKind, accountKindSchema, type Channel, channelSchema } from '../../domain/enums.js';
import { sayInput, zodMessage } from '../../kernel/input-messages.js';
import { sayAccount } from './account-messages.js';

/** Unified social credit code (统一社会信用代码): 18 characters, digits and capitals without I, O, S, V, Z. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/,
    zodMessage(sayAccount('account.invalid.creditCode')),
  );

/** A customer company: every contact, deal, order, visit and cost of it hangs off this record. */
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
  /** The app's own fields (`createCrm({ fields: { account } })`). */
  custom: CustomFieldsOf<'account'>;
}

export const createAccountInput = z.strictObject({
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
  custom: customInput('account'),
});
export type CreateAccountInput = z.input<typeof createAccountInput>;

export const updateAccountInput = createAccountInput
  .partial()
  .extend({ expectedVersion: expectedVersionSchema });
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export const accountListQuery = pageSchema.extend({
  ownerId: oneOrMany(idSchema).optional(),
  kind: oneOrMany(z.string()).optional(),
  /** Substring of the name, an alias, a phone or an email. */
  text: z.string().trim().max(200).optional(),
  /** Accounts merged into another are hidden unless asked for (they exist only so a merge can be undone). */
  includeMerged: z.boolean().default(false),
  custom: customFilterInput('account'),
});
export type AccountListQuery = z.input<typeof accountListQuery>;

/** Find a customer or a person by name, phone or email; a phone matches however it was typed. */
export const searchInput = z.strictObject({
  query: z
    .string()
    .trim()
    .min(1, zodMessage(sayInput('input.required')))
    .max(200),
  limit: z.number().int().min(1).max(200).default(20),
});
export type SearchInput = z.input<typeof searchInput>;

/** Two records of one customer: the survivor keeps everything, the merged one is hidden. */
export const mergeAccountsInput = z
  .object({ survivorId: idSchema, mergedId: idSchema })
  .refine((m) => m.survivorId !== m.mergedId, {
    ...zodMessage(sayAccount('account.invalid.mergeIntoItself')),
    path: ['mergedId'],
  });
export type MergeAccountsInput = z.input<typeof mergeAccountsInput>;
