import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { searchVariants } from '../../service/scan-all.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import {
  type Contact,
  type CreateContactInput,
  createContactInput,
  type SearchInput,
  searchInput,
  type UpdateContactInput,
  updateContactInput,
} from './account.js';
import { insertContact } from './account-support.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const contactListQuery = pageSchema.extend({ accountId: idInput });

export function contactCommands(run: Runner) {
  return {
    /**
     * A person at a customer. Owned by the account's owner, so the contact follows the customer
     * when the account changes hands; whoever adds it needs edit access to the account.
     */
    create: (actor: ActorRef, input: CreateContactInput): Promise<Contact> =>
      run.write(actor, async (ctx) => {
        const { accountId, buyingRole, ...details } = parseInput(createContactInput, input);
        const account = await ctx.load(ENTITY.account, accountId, 'edit');
        return insertContact(ctx, account.id, account.ownerId, details, buyingRole ?? null);
      }),

    update: (actor: ActorRef, id: string, input: UpdateContactInput): Promise<Contact> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateContactInput, input);
        const contact = await ctx.load(ENTITY.contact, parseInput(idInput, id), 'edit');
        ctx.checkVersion('contact', contact, data.expectedVersion);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update(
          ENTITY.contact,
          contact,
          stripUndefined(changes) as Partial<Contact>,
          'contact.updated',
        );
      }),

    get: (actor: ActorRef, id: string): Promise<Contact> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.contact, parseInput(idInput, id))),

    list: (actor: ActorRef, query: z.input<typeof contactListQuery>): Promise<Page<Contact>> =>
      run.read(actor, async (ctx) => {
        const { limit, cursor, accountId } = parseInput(contactListQuery, query);
        await ctx.load(ENTITY.account, accountId);
        return ctx.tx.contacts.list({
          where: { accountId },
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),

    /** By name, title, phone, mobile, email or WeChat, among the contacts this actor may see. */
    search: (actor: ActorRef, input: SearchInput): Promise<Contact[]> =>
      run.read(actor, async (ctx) => {
        const { query, limit } = parseInput(searchInput, input);
        const found = new Map<string, Contact>();
        for (const text of searchVariants(query)) {
          const page = await ctx.tx.contacts.list({ where: { text }, scope: ctx.scope(), limit });
          for (const c of page.items) if (found.size < limit) found.set(c.id, c);
        }
        return [...found.values()];
      }),
  };
}
