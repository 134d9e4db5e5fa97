import type { ContactDetails, Region } from '../../domain/common.js';
import type { AccountKind, BuyingRole, Channel } from '../../domain/enums.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Account, Contact } from './account.js';

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
}

export async function insertAccount(ctx: CommandContext, input: NewAccount): Promise<Account> {
  const account: Account = {
    tenantId: ctx.tx.tenantId,
    id: ctx.newId('acct'),
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
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
  };
  await ctx.insert(ENTITY.account, account, 'account.created');
  await ctx.setTeam(account.id, account.ownerId, [], { fresh: true });
  return account;
}

export async function insertContact(
  ctx: CommandContext,
  accountId: string,
  ownerId: string,
  details: ContactDetails,
  buyingRole: BuyingRole | null = null,
): Promise<Contact> {
  const contact: Contact = {
    tenantId: ctx.tx.tenantId,
    id: ctx.newId('cont'),
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    accountId,
    name: details.name,
    title: details.title ?? null,
    buyingRole,
    phone: details.phone ?? null,
    mobile: details.mobile ?? null,
    email: details.email ?? null,
    wechat: details.wechat ?? null,
    ownerId,
  };
  return ctx.insert(ENTITY.contact, contact, 'contact.created');
}
