import type { ContactDetails, Region } from '../../domain/common.js';
import type { CustomFieldsOf } from '../../domain/custom-fields.js';
import type { AccountKind, BuyingRole, Channel } from '../../domain/enums.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Account } from './account.js';
import type { Contact } from './contact.js';

/** An account as the service creates it: by hand, or from a converted lead. */
export interface NewAccount {
  name: string;
  kind: AccountKind;
  ownerId: string;
  aliases?: string[];
  industry?: string | null;
  region?: Region | null;
  address?: string | null;
  creditCode?: string | null;
  phones?: string[];
  emails?: string[];
  channel?: Channel | null;
  custom?: CustomFieldsOf<'account'>;
}

/** A new customer, owned by `ownerId`, whose team starts with the owner alone. */
export async function insertAccount(ctx: CommandContext, input: NewAccount): Promise<Account> {
  const account: Account = {
    ...ctx.stamp('acct'),
    name: input.name,
    aliases: input.aliases ?? [],
    kind: input.kind,
    industry: input.industry ?? null,
    region: input.region ?? null,
    address: input.address ?? null,
    creditCode: input.creditCode ?? null,
    phones: input.phones ?? [],
    emails: input.emails ?? [],
    channel: input.channel ?? null,
    ownerId: input.ownerId,
    mergedIntoId: null,
    custom: input.custom ?? {},
  };
  await ctx.insert(ENTITY.account, account, 'account.created');
  await ctx.setTeam(account.id, account.ownerId, [], { fresh: true });
  return account;
}

/** A new person at a customer, owned by whoever owns the account. */
export async function insertContact(
  ctx: CommandContext,
  accountId: string,
  ownerId: string,
  details: ContactDetails,
  buyingRole: BuyingRole | null = null,
  custom: CustomFieldsOf<'contact'> = {},
): Promise<Contact> {
  const contact: Contact = {
    ...ctx.stamp('cont'),
    accountId,
    name: details.name,
    title: details.title ?? null,
    buyingRole,
    phone: details.phone ?? null,
    mobile: details.mobile ?? null,
    email: details.email ?? null,
    wechat: details.wechat ?? null,
    ownerId,
    custom,
  };
  return ctx.insert(ENTITY.contact, contact, 'contact.created');
}
