import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { searchVariants } from '../../service/scan-all.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { MergeRecord, TeamMemberRow } from '../../storage/repositories.js';
import type { TeamMemberInput } from '../opportunities/opportunity.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type Account,
  type CreateAccountInput,
  createAccountInput,
  type SearchInput,
  searchInput,
  type UpdateAccountInput,
  updateAccountInput,
} from './account.js';
import { mergeAccounts, undoAccountMerge } from './account-merge.js';
import { insertAccount } from './account-support.js';
import { addAccountTeamMember, changeAccountOwner, removeAccountTeamMember } from './account-team.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const accountListQuery = pageSchema.extend({
  ownerId: z.array(z.string()).optional(),
  kind: z.array(z.string()).optional(),
  text: z.string().trim().max(200).optional(),
  /** Accounts merged into another are hidden unless asked for (they exist only so a merge can be undone). */
  includeMerged: z.boolean().default(false),
});

export const mergeAccountsInput = z
  .object({ survivorId: idInput, mergedId: idInput })
  .refine((m) => m.survivorId !== m.mergedId, {
    message: 'an account cannot be merged into itself',
    path: ['mergedId'],
  });

/** Only the fields the caller actually sent: `.partial()` would otherwise re-apply create defaults ([]). */
function sentFields<T extends object>(parsed: T, raw: object): Partial<T> {
  const sent = new Set(Object.keys(raw));
  return Object.fromEntries(
    Object.entries(parsed).filter(([k, v]) => sent.has(k) && v !== undefined),
  ) as Partial<T>;
}

export function accountCommands(run: Runner) {
  return {
    create: (actor: ActorRef, input: CreateAccountInput): Promise<Account> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createAccountInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        return insertAccount(ctx, { ...data, ownerId });
      }),

    update: (actor: ActorRef, id: string, input: UpdateAccountInput): Promise<Account> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateAccountInput, input);
        const account = await ctx.load(ENTITY.account, parseInput(idInput, id), 'edit');
        ctx.checkVersion('account', account, data.expectedVersion);
        const { expectedVersion: _, ...changes } = sentFields(data, input);
        if (changes.ownerId !== undefined && changes.ownerId !== account.ownerId) {
          assertAssignable(ctx, changes.ownerId);
          await changeAccountOwner(ctx, account, changes.ownerId);
        }
        return ctx.update(ENTITY.account, account, changes as Partial<Account>, 'account.updated');
      }),

    get: (actor: ActorRef, id: string): Promise<Account> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.account, parseInput(idInput, id))),

    list: (actor: ActorRef, query: z.input<typeof accountListQuery> = {}): Promise<Page<Account>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, includeMerged, ...where } = parseInput(accountListQuery, query);
        return ctx.tx.accounts.list({
          where: { ...stripUndefined(where), ...(includeMerged ? {} : { mergedIntoId: null }) },
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),

    /** Find a customer by name, alias, phone or email among the accounts this actor may see. */
    search: (actor: ActorRef, input: SearchInput): Promise<Account[]> =>
      run.read(actor, async (ctx) => {
        const { query, limit } = parseInput(searchInput, input);
        const found = new Map<string, Account>();
        for (const text of searchVariants(query)) {
          const page = await ctx.tx.accounts.list({
            where: { text, mergedIntoId: null },
            scope: ctx.scope(),
            limit,
          });
          for (const a of page.items) if (found.size < limit) found.set(a.id, a);
        }
        return [...found.values()];
      }),

    addTeamMember: (actor: ActorRef, accountId: string, input: TeamMemberInput): Promise<TeamMemberRow[]> =>
      run.write(actor, async (ctx) =>
        addAccountTeamMember(
          ctx,
          await ctx.load(ENTITY.account, parseInput(idInput, accountId), 'manage_team'),
          input,
        ),
      ),

    removeTeamMember: (actor: ActorRef, accountId: string, userId: string): Promise<TeamMemberRow[]> =>
      run.write(actor, async (ctx) =>
        removeAccountTeamMember(
          ctx,
          await ctx.load(ENTITY.account, parseInput(idInput, accountId), 'manage_team'),
          parseInput(idInput, userId),
        ),
      ),

    /** Who works on this customer: the owner row first-class (`isOwner`), then the account team. */
    team: (actor: ActorRef, accountId: string): Promise<TeamMemberRow[]> =>
      run.read(actor, async (ctx) => {
        const account = await ctx.load(ENTITY.account, parseInput(idInput, accountId));
        return ctx.tx.teams.members(account.id);
      }),

    /** Fold a duplicate customer into the survivor; every child record moves, and it can be undone. */
    merge: (actor: ActorRef, input: z.input<typeof mergeAccountsInput>): Promise<MergeRecord> =>
      run.write(actor, (ctx) => {
        const { survivorId, mergedId } = parseInput(mergeAccountsInput, input);
        return mergeAccounts(ctx, survivorId, mergedId);
      }),

    undoMerge: (actor: ActorRef, mergeId: string): Promise<MergeRecord> =>
      run.write(actor, (ctx) => undoAccountMerge(ctx, parseInput(idInput, mergeId))),
  };
}
