import type { z } from 'zod';
import {
  contactDetailsSchema,
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  pageSchema,
  type RecordBase,
} from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type BuyingRole, buyingRoleSchema } from '../../domain/enums.js';

/**
 * A person at a customer. Owned by the account's owner, so contacts follow the customer when it
 * changes hands and everyone on the account team sees the same people.
 */
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
  /** The app's own fields (`createCrm({ fields: { contact } })`). */
  custom: CustomFieldsOf<'contact'>;
}

export const createContactInput = contactDetailsSchema.extend({
  accountId: idSchema,
  buyingRole: buyingRoleSchema.optional(),
  custom: customInput('contact'),
});
export type CreateContactInput = z.input<typeof createContactInput>;

export const updateContactInput = contactDetailsSchema.partial().extend({
  buyingRole: buyingRoleSchema.optional(),
  custom: customInput('contact'),
  expectedVersion: expectedVersionSchema,
});
export type UpdateContactInput = z.input<typeof updateContactInput>;

/** The people of one customer, or of several; every account named must be visible to the actor. */
export const contactListQuery = pageSchema.extend({
  accountId: oneOrMany(idSchema),
  custom: customFilterInput('contact'),
});
export type ContactListQuery = z.input<typeof contactListQuery>;
