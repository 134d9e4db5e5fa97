import { idSchema, type Page } from '../../domain/common.js';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { pageOf } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { MergeRecord, TeamMemberRow } from '../../storage/repositories.js';
import type { TeamMemberInput } from '../opportunities/opportunity.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type Account,
  type AccountListQuery,
  accountListQuery,
  type CreateAccountInput,
  createAccountInput,
  type MergeAccountsInput,
  mergeAccountsInput,
  type SearchInput,
  searchInput,
  type UpdateAccountInput,
  updateAccountInput,
} from './account.js';
import { mergeAccounts, undoAccountMerge } from './account-merge.js';
import { sayAccount } from './account-messages.js';
import { searchByVariants } from './account-search.js';
import { insertAccount } from './account-support.js';
import { addAccountTeamMember, changeAccountOwner, removeAccountTeamMember } from './account-team.js';
import { contactsFollowAccount } from './contact-owner.js';
import { pageTimeline, type TimelineEntry, type TimelineQuery, timelineQuery } from './timeline.js';
import { gatherTimeline } from './timeline-gather.js';

/**
 * Customers (客户信息): one record per company that gathers its people, deals, orders, visits and
 * costs, so nothing is lost when staff leave, and the account team sees the same facts.
 */
export interface AccountCommands {
  /**
   * Add a customer company. Owned by the actor unless their manager names someone else.
   * @example
   * ```ts
   * const account = await crm.accounts.create(jia, {
   *   name: '山东恒通系统集成有限公司', kind: 'system_integrator',
   *   region: { province: '37' }, phones: ['0531-8888 0000'],
   * });
   * ```
   */
  create(actor: ActorRef, input: CreateAccountInput): Promise<Account>;
  /**
   * Change only the fields sent. A new owner takes over the account team's owner row.
   * @example
   * ```ts
   * await crm.accounts.update(jia, account.id, { industry: '仓储物流', expectedVersion: account.version });
   * ```
   */
  update(actor: ActorRef, id: string, input: UpdateAccountInput): Promise<Account>;
  /**
   * One customer the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const account = await crm.accounts.get(li, accountId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Account>;
  /**
   * The customers the actor may see, one page at a time; merged duplicates stay hidden unless asked for.
   * @example
   * ```ts
   * const page = await crm.accounts.list(li, { kind: ['system_integrator', 'dealer'], ownerId: jia.id });
   * ```
   */
  list(actor: ActorRef, query?: AccountListQuery): Promise<Page<Account>>;
  /**
   * Find a customer by name, alias, phone or email among the accounts the actor may see. A number
   * typed with spaces or dashes also finds one stored as plain digits.
   * @example
   * ```ts
   * const found = await crm.accounts.search(jia, { query: '恒通' });
   * const byPhone = await crm.accounts.search(jia, { query: '0531-8888 0000' });
   * ```
   */
  search(actor: ActorRef, input: SearchInput): Promise<Account[]>;
  /**
   * Put a presales or service engineer on the account team, so they see its contacts and visits
   * without owning the customer.
   * @example
   * ```ts
   * await crm.accounts.addTeamMember(jia, account.id, { userId: zhao.id, role: 'presales', access: 'read' });
   * ```
   */
  addTeamMember(actor: ActorRef, accountId: string, input: TeamMemberInput): Promise<TeamMemberRow[]>;
  /**
   * Take someone off the account team; the owner always stays.
   * @example
   * ```ts
   * await crm.accounts.removeTeamMember(jia, account.id, zhao.id);
   * ```
   */
  removeTeamMember(actor: ActorRef, accountId: string, userId: string): Promise<TeamMemberRow[]>;
  /**
   * Who works on this customer: the owner's row (`isOwner`), then the account team.
   * @example
   * ```ts
   * const team = await crm.accounts.team(li, account.id);
   * ```
   */
  team(actor: ActorRef, accountId: string): Promise<TeamMemberRow[]>;
  /**
   * Fold a duplicate customer into the survivor: every contact, lead, deal, order, visit, loan and
   * cost moves, the names, phones and emails join the survivor, and it can be undone. Only a
   * manager above both owners, or an admin, may merge.
   * @example
   * ```ts
   * const merge = await crm.accounts.merge(li, { survivorId: qingdaoPort.id, mergedId: qingdaoPortGroup.id });
   * ```
   */
  merge(actor: ActorRef, input: MergeAccountsInput): Promise<MergeRecord>;
  /**
   * Undo a merge: exactly the records it moved go back (edits made since stay), and what it added
   * to the survivor comes off again.
   * @example
   * ```ts
   * await crm.accounts.undoMerge(li, merge.id);
   * ```
   */
  undoMerge(actor: ActorRef, mergeId: string): Promise<MergeRecord>;
  /**
   * The customer 360: one feed over the customer's leads, quotes, deals and their stage moves,
   * orders, deliveries, service cases, activities (with outcomes), demo loans, costs and ownership
   * changes, newest first (ties by entry id), one page at a time. Only what the actor may open
   * appears — an invisible deal is left out, not named — and a leaver's records stay, under their
   * name, for whoever may still see them.
   * @example
   * ```ts
   * const first = await crm.accounts.timeline(li, account.id, { limit: 20, kinds: ['deal', 'stage_move', 'order'] });
   * for (const entry of first.items) if (entry.kind === 'stage_move') console.log(entry.move.to, entry.userName);
   * const next = first.nextCursor ? await crm.accounts.timeline(li, account.id, { cursor: first.nextCursor }) : null;
   * ```
   */
  timeline(actor: ActorRef, accountId: string, query?: TimelineQuery): Promise<Page<TimelineEntry>>;
}

/** Only the fields the caller actually sent: `.partial()` would otherwise re-apply create defaults ([]). */
function sentFields<T extends object>(parsed: T, raw: object): Partial<T> {
  const sent = new Set(Object.keys(raw));
  return Object.fromEntries(
    Object.entries(parsed).filter(([k, v]) => sent.has(k) && v !== undefined),
  ) as Partial<T>;
}

export function accountCommands(run: Runner): AccountCommands {
  return {
    create: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createAccountInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        return insertAccount(ctx, { ...data, ownerId, custom: newCustom(ctx, 'account', data.custom) });
      }),

    update: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateAccountInput, input);
        const account = await ctx.load(ENTITY.account, parseInput(idSchema, id), 'edit');
        ctx.checkVersion('account', account, data.expectedVersion);
        const { expectedVersion: _, ...changes } = sentFields(data, input);
        const newOwner =
          changes.ownerId !== undefined && changes.ownerId !== account.ownerId ? changes.ownerId : null;
        if (newOwner !== null) {
          assertAssignable(ctx, newOwner);
          await changeAccountOwner(ctx, account, newOwner);
        }
        const updated = await ctx.update(
          ENTITY.account,
          account,
          changes as Partial<Account>,
          'account.updated',
        );
        if (newOwner !== null) await contactsFollowAccount(ctx, account.id, newOwner);
        return updated;
      }),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.account, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => {
        const { limit, cursor, includeMerged, ...where } = parseInput(accountListQuery, query);
        const filter = { ...stripUndefined(where), ...(includeMerged ? {} : { mergedIntoId: null }) };
        return pageOf(ctx, ctx.tx.accounts, filter, { limit, cursor }, 'account');
      }),

    search: (actor, input) =>
      run.read(actor, (ctx) => {
        const { query, limit } = parseInput(searchInput, input);
        return searchByVariants(query, limit, (text) =>
          ctx.tx.accounts.list({ where: { text, mergedIntoId: null }, scope: ctx.scope(), limit }),
        );
      }),

    addTeamMember: (actor, accountId, input) =>
      run.write(actor, async (ctx) =>
        addAccountTeamMember(
          ctx,
          await ctx.load(ENTITY.account, parseInput(idSchema, accountId), 'manage_team'),
          input,
        ),
      ),

    removeTeamMember: (actor, accountId, userId) =>
      run.write(actor, async (ctx) =>
        removeAccountTeamMember(
          ctx,
          await ctx.load(ENTITY.account, parseInput(idSchema, accountId), 'manage_team'),
          parseInput(idSchema, userId),
        ),
      ),

    team: (actor, accountId) =>
      run.read(actor, async (ctx) => {
        const account = await ctx.load(ENTITY.account, parseInput(idSchema, accountId));
        return ctx.tx.teams.members(account.id);
      }),

    merge: (actor, input) =>
      run.write(actor, (ctx) => {
        const { survivorId, mergedId } = parseInput(mergeAccountsInput, input);
        return mergeAccounts(ctx, survivorId, mergedId);
      }),

    undoMerge: (actor, mergeId) =>
      run.write(actor, (ctx) => undoAccountMerge(ctx, parseInput(idSchema, mergeId))),

    timeline: (actor, accountId, query = {}) =>
      run.read(actor, async (ctx) => {
        const { limit, cursor, kinds } = parseInput(timelineQuery, query);
        const wanted = new Set(kinds ?? []);
        const entries = await gatherTimeline(
          ctx,
          parseInput(idSchema, accountId),
          (k) => wanted.size === 0 || wanted.has(k),
        );
        const page = pageTimeline(entries, { limit, cursor });
        if (!page)
          throw new ValidationError([fieldIssue('cursor', sayAccount('account.invalid.timelineCursor'))]);
        return page;
      }),
  };
}
