import type { z } from 'zod';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Account } from '../accounts/account.js';
import { insertAccount } from '../accounts/account-support.js';
import { type EndCustomer, type endCustomerSchema, toTender } from './opportunity.js';
import { sayOpportunity } from './opportunity-messages.js';

type EndCustomerNaming = z.output<typeof endCustomerSchema>;

/** Names compare the way people type them: full-width forms, spacing and letter case do not count. */
export function endCustomerNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The end-user account a name denotes. The end customer is the party both integrators bid to, so
 * one rep's deal must land on the account another rep already created for it: the lookup prefers
 * an account the actor can see, then any end-user account of the workspace by exact name or alias
 * (the actor typed the name, so linking reveals nothing but its id). No match creates one, owned
 * by the actor.
 */
async function findOrCreateEndUser(ctx: CommandContext, name: string): Promise<Account> {
  const key = endCustomerNameKey(name);
  const named = (a: Account) => [a.name, ...a.aliases].some((n) => endCustomerNameKey(n) === key);
  for (const scope of [ctx.scope(), { kind: 'all' as const }]) {
    const page = await ctx.tx.accounts.list({
      where: { kind: ['end_user'], text: name.trim(), mergedIntoId: null },
      scope,
      limit: 50,
    });
    const match = page.items.filter(named).sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (match) return match;
  }
  return insertAccount(ctx, { name: name.trim(), kind: 'end_user', ownerId: ctx.actor.id });
}

/** A visible account by id, which must be an end user. */
async function endUserById(ctx: CommandContext, accountId: string): Promise<Account> {
  const account = await ctx.load(ENTITY.account, accountId);
  if (account.kind !== 'end_user')
    throw new ValidationError([
      fieldIssue(
        'accountId',
        sayOpportunity('opportunity.invalid.notEndUser', { name: account.name, kind: account.kind }),
      ),
    ]);
  return account;
}

/** The end customer as stored on a deal: the linked end-user account, its name, and the tender. */
export async function resolveEndCustomer(
  ctx: CommandContext,
  input: EndCustomerNaming,
): Promise<EndCustomer> {
  const account =
    input.accountId !== undefined
      ? await endUserById(ctx, input.accountId)
      : await findOrCreateEndUser(ctx, input.name ?? '');
  return { accountId: account.id, name: account.name, tender: input.tender ? toTender(input.tender) : null };
}
