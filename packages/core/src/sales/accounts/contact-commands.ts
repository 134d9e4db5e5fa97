import { idSchema, type Page } from '../../domain/common.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { pageOf } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import { type SearchInput, searchInput } from './account.js';
import { searchByVariants } from './account-search.js';
import { insertContact } from './account-support.js';
import {
  type Contact,
  type ContactListQuery,
  type CreateContactInput,
  contactListQuery,
  createContactInput,
  type UpdateContactInput,
  updateContactInput,
} from './contact.js';

/**
 * Contacts (联系人): the people at a customer — who was met, who decides, who pays — shared with
 * everyone on the account team so the customer is never asked the same question twice.
 */
export interface ContactCommands {
  /**
   * Add a person at a customer. Owned by the account's owner, so the contact follows the customer
   * when it changes hands; whoever adds it needs edit access to the account.
   * @example
   * ```ts
   * const wang = await crm.contacts.create(jia, {
   *   accountId: account.id, name: '王工', title: '信息中心主任',
   *   phone: '0531-8888 0000', buyingRole: 'decision_maker',
   * });
   * ```
   */
  create(actor: ActorRef, input: CreateContactInput): Promise<Contact>;
  /**
   * Change a contact's details; fields not sent stay as they are.
   * @example
   * ```ts
   * await crm.contacts.update(jia, wang.id, { mobile: '138 0531 0000', expectedVersion: wang.version });
   * ```
   */
  update(actor: ActorRef, id: string, input: UpdateContactInput): Promise<Contact>;
  /**
   * One contact the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const wang = await crm.contacts.get(zhao, contactId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Contact>;
  /**
   * The people of one customer, or of several; each account named must be one the actor may see.
   * @example
   * ```ts
   * const page = await crm.contacts.list(zhao, { accountId: account.id, limit: 20 });
   * ```
   */
  list(actor: ActorRef, query: ContactListQuery): Promise<Page<Contact>>;
  /**
   * Find a person by name, title, phone, mobile, email or WeChat among the contacts the actor may see.
   * @example
   * ```ts
   * const [wang] = await crm.contacts.search(jia, { query: '王工' });
   * ```
   */
  search(actor: ActorRef, input: SearchInput): Promise<Contact[]>;
}

export function contactCommands(run: Runner): ContactCommands {
  return {
    create: (actor, input) =>
      run.write(actor, async (ctx) => {
        const { accountId, buyingRole, custom, ...details } = parseInput(createContactInput, input);
        const account = await ctx.load(ENTITY.account, accountId, 'edit');
        const values = newCustom(ctx, 'contact', custom);
        return insertContact(ctx, account.id, account.ownerId, details, buyingRole ?? null, values);
      }),

    update: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateContactInput, input);
        const contact = await ctx.load(ENTITY.contact, parseInput(idSchema, id), 'edit');
        ctx.checkVersion('contact', contact, data.expectedVersion);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update(
          ENTITY.contact,
          contact,
          stripUndefined(changes) as Partial<Contact>,
          'contact.updated',
        );
      }),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.contact, parseInput(idSchema, id))),

    list: (actor, query) =>
      run.read(actor, async (ctx) => {
        const { limit, cursor, accountId, custom } = parseInput(contactListQuery, query);
        // A hidden customer is reported like a missing one, never as an empty list.
        for (const id of accountId) await ctx.load(ENTITY.account, id);
        return pageOf(
          ctx,
          ctx.tx.contacts,
          stripUndefined({ accountId, custom }),
          { limit, cursor },
          'contact',
        );
      }),

    search: (actor, input) =>
      run.read(actor, (ctx) => {
        const { query, limit } = parseInput(searchInput, input);
        return searchByVariants(query, limit, (text) =>
          ctx.tx.contacts.list({ where: { text }, scope: ctx.scope(), limit }),
        );
      }),
  };
}
