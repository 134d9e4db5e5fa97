import {
  type ActorRef,
  type Crm,
  captureLeadInput,
  createAccountInput,
  createContactInput,
  createProductInput,
} from '@gongfu/core';
import type { z } from 'zod';

/** What can be imported. */
export type ImportEntity = 'account' | 'contact' | 'lead' | 'product';
export const IMPORT_ENTITIES: readonly ImportEntity[] = ['account', 'contact', 'lead', 'product'];

/** How one kind of row is read from a flat CSV line, validated and written. */
export interface ImportKind {
  /** The command's own input schema: a row is valid exactly when the command would accept it. */
  schema: z.ZodType;
  /** CSV columns holding a list, written with `;` or `|` between the items. */
  lists: readonly string[];
  /** CSV columns holding a number (a dotted path for a nested one, e.g. `listPrice.amount`). */
  numbers: readonly string[];
  create(crm: Crm, actor: ActorRef, input: unknown): Promise<{ id: string }>;
}

export const IMPORT_KINDS: Readonly<Record<ImportEntity, ImportKind>> = {
  account: {
    schema: createAccountInput,
    lists: ['aliases', 'phones', 'emails'],
    numbers: [],
    create: (crm, actor, input) => crm.accounts.create(actor, input as never),
  },
  contact: {
    schema: createContactInput,
    lists: [],
    numbers: [],
    create: (crm, actor, input) => crm.contacts.create(actor, input as never),
  },
  lead: {
    schema: captureLeadInput,
    lists: [],
    numbers: ['interests.0.quantity', 'interests.1.quantity', 'interests.2.quantity'],
    create: (crm, actor, input) => crm.leads.capture(actor, input as never),
  },
  product: {
    schema: createProductInput,
    lists: [],
    numbers: ['listPrice.amount'],
    create: (crm, actor, input) => crm.products.create(actor, input as never),
  },
};
