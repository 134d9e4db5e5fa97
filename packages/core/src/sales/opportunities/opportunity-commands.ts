import type { AccessExplanation } from '../../access/explain-access.js';
import { renderExplanation } from '../../access/explain-access.js';
import { idSchema, type Page } from '../../domain/common.js';
import type { Channel } from '../../domain/enums.js';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { listPage } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import { currentPipeline } from '../config/resolve-pipeline.js';
import { newestPerRepAndSku, raiseQuoteConflicts } from '../leads/quote-conflict-reminders.js';
import { insertOrderFromOpportunity } from '../orders/insert-order.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import { createOpportunity } from './create-opportunity.js';
import { withDealContact, withoutDealContact } from './deal-contacts.js';
import { resolveEndCustomer } from './end-customer.js';
import {
  type MigratePipelineInput,
  migrateDealPipeline,
  migratePipelineInput,
  type PipelineMigration,
} from './migrate-pipeline.js';
import {
  type AddLineInput,
  addLineInput,
  type CreateOpportunityInput,
  type DealContactInput,
  type DealRef,
  dealContactInput,
  type LinkEndCustomerInput,
  type LoseOpportunityInput,
  linkEndCustomerInput,
  loseInput,
  type Opportunity,
  type OpportunityListQuery,
  type OpportunityOf,
  opportunityListQuery,
  pipelineQuery,
  type ReopenOpportunityInput,
  reopenInput,
  type StageMoveInput,
  type StageTarget,
  stageInfoQuery,
  type TeamMemberInput,
  teamMemberInput,
  type UpdateOpportunityInput,
  updateOpportunityInput,
  type WinOpportunityInput,
  type WinResult,
  winInput,
} from './opportunity.js';
import { sayOpportunity } from './opportunity-messages.js';
import { assertOpen, loadDeal, moveOpportunity, moveStage, typedDeal } from './opportunity-moves.js';
import {
  type OpportunityStage,
  type PipelineStage,
  type StageOf,
  stageInfo,
} from './opportunity-pipelines.js';
import { buildLines } from './opportunity-reads.js';
import { withLines } from './opportunity-rules.js';
import type { ResolvedPipeline } from './pipeline-config.js';

/**
 * Opportunities (售前机会): qualified business on a locked customer, moved stage by stage along its
 * channel's pipeline by the deal's virtual team until it is won or lost.
 */
export interface OpportunityCommands {
  /**
   * Open a deal on an account the owner can see. It starts at the first stage of its channel's
   * pipeline; the result keeps the channel you named, so later stage moves are checked against it.
   * @example
   * ```ts
   * const deal = await crm.opportunities.create(jia, {
   *   name: '恒通仓储条码项目', accountId: hengtong.id, channel: 'key_account',
   *   lines: [{ sku: 'LS2208', quantity: 200, unitPrice: { amount: 980_00, currency: 'CNY' } }],
   *   requiredDelivery: '2026-06-30', region: { province: '37' },
   * });
   * ```
   */
  create<C extends Channel>(
    actor: ActorRef,
    input: CreateOpportunityInput & { channel: C },
  ): Promise<Opportunity & { channel: C }>;
  /**
   * Change the name, end customer, dates, region or competitors of a deal.
   * @example
   * ```ts
   * await crm.opportunities.update(jia, deal.id, { expectedClose: '2026-05-31', expectedVersion: deal.version });
   * ```
   */
  update(actor: ActorRef, id: string, input: UpdateOpportunityInput): Promise<Opportunity>;
  /**
   * Name the end customer (an account of kind `end_user`) and the tender behind a system
   * integrator; the duplicate finder compares them and `list({ endCustomerId })` finds every deal
   * for one end customer. `accountId` links an end-user account the actor can see; `name` links the
   * workspace's end-user account of that name or alias — so two integrators' deals land on one end
   * customer — or creates it. A tender given as a string is its number.
   * @example
   * ```ts
   * await crm.opportunities.linkEndCustomer(jia, deal.id, {
   *   name: '山东物流集团',
   *   tender: { number: 'SD-2026-0315', issuer: '山东省公共资源交易中心', deadline: '2026-04-20' },
   * });
   * await crm.opportunities.linkEndCustomer(yi, other.id, { accountId: sdLogistics.id, tender: 'SD-2026-0315' });
   * ```
   */
  linkEndCustomer(actor: ActorRef, id: string, input: LinkEndCustomerInput): Promise<Opportunity>;
  /**
   * Put a person of the deal's customer or end customer on the deal in a buying role; the first
   * one (or one added with `primary: true`) is the primary contact. Adding a contact already on the
   * deal changes their role. Needs edit access to the deal and sight of the contact.
   * @example
   * ```ts
   * await crm.opportunities.addContact(jia, deal.id, { contactId: wang.id, role: 'decision_maker', primary: true });
   * await crm.opportunities.addContact(jia, deal.id, { contactId: zhao.id, role: 'technical_evaluator' });
   * ```
   */
  addContact(actor: ActorRef, id: string, input: DealContactInput): Promise<Opportunity>;
  /**
   * Take a contact off the deal; when the primary contact leaves, the earliest remaining one becomes primary.
   * @example
   * ```ts
   * await crm.opportunities.removeContact(jia, deal.id, zhao.id);
   * ```
   */
  removeContact(
    actor: ActorRef,
    id: string,
    contactId: string,
    expectedVersion?: number,
  ): Promise<Opportunity>;
  /**
   * Move the deal forward to a later open stage of its pipeline; the stage's gates are checked
   * (a key-account solution needs a presales engineer on the team). Pass the deal itself and the
   * compiler knows its stages: `'bid'` on a key-account deal, `'proposal'` on the others.
   * @example
   * ```ts
   * await crm.opportunities.advance(jia, deal, { to: 'needs_analysis' });
   * await crm.opportunities.advance(jia, deal.id, { to: 'solution', expectedVersion: 2 });
   * ```
   */
  advance<C extends Channel = never>(
    actor: ActorRef,
    deal: DealRef<C>,
    input: StageMoveInput<StageTarget<C>>,
  ): Promise<OpportunityOf<C>>;
  /**
   * Move the deal back to an earlier open stage, e.g. when the customer reopens the requirements.
   * @example
   * ```ts
   * await crm.opportunities.retreat(jia, deal, { to: 'solution' });
   * ```
   */
  retreat<C extends Channel = never>(
    actor: ActorRef,
    deal: DealRef<C>,
    input: StageMoveInput<StageTarget<C>>,
  ): Promise<OpportunityOf<C>>;
  /**
   * Add a product line to an open deal; the amount is recomputed from the lines.
   * @example
   * ```ts
   * await crm.opportunities.addLine(jia, deal.id, {
   *   sku: 'SRV-R740', quantity: 1, unitPrice: { amount: 68_000_00, currency: 'CNY' },
   * });
   * ```
   */
  addLine(actor: ActorRef, id: string, input: AddLineInput): Promise<Opportunity>;
  /**
   * Take a product line off an open deal.
   * @example
   * ```ts
   * const server = deal.lines.find((l) => l.sku === 'SRV-R740');
   * if (server) await crm.opportunities.removeLine(jia, deal.id, server.id, deal.version);
   * ```
   */
  removeLine(actor: ActorRef, id: string, lineId: string, expectedVersion?: number): Promise<Opportunity>;
  /**
   * Put a presales or service engineer (or another salesperson) on the deal's virtual team; they
   * see the deal and its customer from then on.
   * @example
   * ```ts
   * await crm.opportunities.addTeamMember(jia, deal.id, { userId: presales.id, role: 'presales' });
   * ```
   */
  addTeamMember(actor: ActorRef, id: string, input: TeamMemberInput): Promise<Opportunity>;
  /**
   * Take someone off the deal's virtual team; the owner always stays.
   * @example
   * ```ts
   * await crm.opportunities.removeTeamMember(jia, deal.id, presales.id);
   * ```
   */
  removeTeamMember(actor: ActorRef, id: string, userId: string): Promise<Opportunity>;
  /**
   * Close the deal as won; with `createOrder` the order is created in the same transaction.
   * @example
   * ```ts
   * const { order } = await crm.opportunities.win(jia, deal.id, { createOrder: { promisedDelivery: '2026-06-30' } });
   * ```
   */
  win(actor: ActorRef, id: string, input?: WinOpportunityInput): Promise<WinResult>;
  /**
   * Close the deal as lost, saying why and, when known, to whom.
   * @example
   * ```ts
   * await crm.opportunities.lose(yi, deal.id, { reason: '客户预算取消', competitor: '霍尼韦尔' });
   * ```
   */
  lose(actor: ActorRef, id: string, input: LoseOpportunityInput): Promise<Opportunity>;
  /**
   * Bring a closed deal back: a lost one restarts at qualification, a won one (without an order)
   * at its last open stage, unless `to` names another open stage.
   * @example
   * ```ts
   * await crm.opportunities.reopen(yi, deal, { to: 'negotiation' });
   * ```
   */
  reopen<C extends Channel = never>(
    actor: ActorRef,
    deal: DealRef<C>,
    input?: ReopenOpportunityInput<StageTarget<C>>,
  ): Promise<OpportunityOf<C>>;
  /**
   * One deal the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const deal = await crm.opportunities.get(li, dealId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Opportunity>;
  /**
   * Why this user can see this deal: ownership, the management line and the deal team, in words.
   * @example
   * ```ts
   * const why = await crm.opportunities.explainAccess(presales, deal.id);
   * console.log(why.summary); // "售前工程师 can read this record because …"
   * ```
   */
  explainAccess(actor: ActorRef, id: string): Promise<AccessExplanation>;
  /**
   * The deals the actor may see, one page at a time; every filter takes one value or several.
   * @example
   * ```ts
   * const page = await crm.opportunities.list(li, { ownerId: [jia.id, yi.id], open: true, limit: 50 });
   * ```
   */
  list(actor: ActorRef, query?: OpportunityListQuery): Promise<Page<Opportunity>>;
  /**
   * A stage of a channel's pipeline with its probability, forecast category and stale limit, or
   * undefined when the pipeline has no such stage. Throws a ValidationError for an unknown channel.
   * @example
   * ```ts
   * crm.opportunities.stageInfo('key_account', 'bid'); // { label: 'Bid', probability: 60, … }
   * ```
   */
  stageInfo<C extends Channel>(channel: C, stage: string): PipelineStage<StageOf<C>> | undefined;
  /**
   * The pipeline a new deal of `channel` starts on in this workspace: the configuration in force
   * (`config.update`), else the built-in template. Its stages in order, each with id, label,
   * probability, forecast category, stale limit, kind (open, won or lost) and entry gates. Any
   * active user may read it (a rep's app lists the stages from it), unlike `config.get`.
   * @example
   * ```ts
   * const { stages } = await crm.opportunities.pipeline(jia, 'distribution');
   * stages.map((s) => s.id); // ['qualification', 'offer', 'won', 'lost'] after an update
   * ```
   */
  pipeline(actor: ActorRef, channel: Channel): Promise<ResolvedPipeline>;
  /**
   * Move a deal from the pipeline version it started on to the workspace's configuration in force.
   * An open stage the new pipeline lacks must be mapped (`stageMap`); the result says what moved.
   * @example
   * ```ts
   * const { moved, fromStage, toStage } = await crm.opportunities.migratePipeline(jia, deal.id, {
   *   stageMap: { needs_analysis: 'discovery' },
   * });
   * ```
   */
  migratePipeline(actor: ActorRef, deal: DealRef, input?: MigratePipelineInput): Promise<PipelineMigration>;
}

/** The deal team changed: the record and the governing team rows move together. */
async function setDealTeam(
  ctx: CommandContext,
  opp: Opportunity,
  team: Opportunity['team'],
  event: string,
  meta: Record<string, unknown>,
): Promise<Opportunity> {
  const next = await ctx.update(ENTITY.opportunity, opp, { team }, event, meta);
  await ctx.setTeam(next.id, next.ownerId, team);
  return next;
}

export function opportunityCommands(run: Runner): OpportunityCommands {
  const withDeal = <T>(
    actor: ActorRef,
    deal: DealRef,
    action: 'edit' | 'manage_team',
    expectedVersion: number | undefined,
    fn: (ctx: CommandContext, opp: Opportunity) => Promise<T>,
  ) => run.write(actor, async (ctx) => fn(ctx, await loadDeal(ctx, deal, action, expectedVersion)));

  return {
    migratePipeline: async (actor, deal, input) => {
      const data = parseInput(migratePipelineInput, input);
      return withDeal(actor, deal, 'edit', data.expectedVersion, (ctx, opp) =>
        migrateDealPipeline(ctx, opp, data),
      );
    },

    // The deal is stored with the input's channel, so the narrower type states what is returned.
    create: <C extends Channel>(actor: ActorRef, input: CreateOpportunityInput & { channel: C }) =>
      run.write(actor, (ctx) => createOpportunity(ctx, input)) as Promise<Opportunity & { channel: C }>,

    update: async (actor, id, input) => {
      const data = parseInput(updateOpportunityInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const { expectedVersion: _, endCustomer, custom, ...rest } = data;
        const changes: Partial<Opportunity> = stripUndefined({ ...rest, custom }) as Partial<Opportunity>;
        if (endCustomer !== undefined)
          changes.endCustomer = endCustomer ? await resolveEndCustomer(ctx, endCustomer) : null;
        return ctx.update(ENTITY.opportunity, opp, changes, 'opportunity.updated');
      });
    },

    linkEndCustomer: async (actor, id, input) => {
      const data = parseInput(linkEndCustomerInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const endCustomer = await resolveEndCustomer(ctx, data);
        const linked = await ctx.update(
          ENTITY.opportunity,
          opp,
          { endCustomer },
          'opportunity.end_customer_linked',
          {
            accountId: endCustomer.accountId,
            tender: endCustomer.tender?.number ?? null,
          },
        );
        // Quoted before the link, the deal's prices now meet other integrators' for this end customer.
        if (endCustomer.accountId !== opp.endCustomer?.accountId)
          for (const quote of newestPerRepAndSku(await ctx.tx.quotes.list({ opportunityId: linked.id }, 500)))
            await raiseQuoteConflicts(ctx, quote, { deal: linked, customerName: null });
        return linked;
      });
    },

    addContact: async (actor, id, input) => {
      const data = parseInput(dealContactInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const contact = await ctx.load(ENTITY.contact, data.contactId);
        if (contact.accountId !== opp.accountId && contact.accountId !== opp.endCustomer?.accountId)
          throw new ValidationError([
            fieldIssue(
              'contactId',
              sayOpportunity('opportunity.invalid.contactElsewhere', { name: contact.name }),
            ),
          ]);
        const contacts = withDealContact(opp.contacts, data);
        return ctx.update(ENTITY.opportunity, opp, { contacts }, 'opportunity.contact_added', {
          contactId: contact.id,
          role: data.role,
          primary: contacts.find((c) => c.contactId === contact.id)?.primary ?? false,
        });
      });
    },

    removeContact: async (actor, id, contactId, expectedVersion) =>
      withDeal(actor, id, 'edit', expectedVersion, async (ctx, opp) => {
        if (!opp.contacts.some((c) => c.contactId === contactId))
          throw new ValidationError([
            fieldIssue('contactId', sayOpportunity('opportunity.invalid.notDealContact', { contactId })),
          ]);
        return ctx.update(
          ENTITY.opportunity,
          opp,
          { contacts: withoutDealContact(opp.contacts, contactId) },
          'opportunity.contact_removed',
          { contactId },
        );
      }),

    // Async, so bad input rejects the promise rather than throwing synchronously.
    advance: async (actor, deal, input) =>
      typedDeal(deal, await moveStage(run, 'ADVANCE', actor, deal, input)),
    retreat: async (actor, deal, input) =>
      typedDeal(deal, await moveStage(run, 'RETREAT', actor, deal, input)),

    addLine: async (actor, id, input) => {
      const data = parseInput(addLineInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        assertOpen(opp, 'ADD_LINE');
        if (data.unitPrice.currency !== opp.currency) {
          throw new ValidationError([
            fieldIssue(
              'unitPrice.currency',
              sayOpportunity('opportunity.invalid.addedLineCurrency', {
                lineCurrency: data.unitPrice.currency,
                currency: opp.currency,
              }),
            ),
          ]);
        }
        await assertCatalogueLines(ctx, [data], () => '');
        const lines = [...opp.lines, ...(await buildLines(ctx, [data]))];
        return ctx.update(ENTITY.opportunity, opp, withLines(opp, lines), 'opportunity.line_added', {
          sku: data.sku,
        });
      });
    },

    removeLine: async (actor, id, lineId, expectedVersion) =>
      withDeal(actor, id, 'edit', expectedVersion, async (ctx, opp) => {
        assertOpen(opp, 'REMOVE_LINE');
        const lines = opp.lines.filter((l) => l.id !== lineId);
        if (lines.length === opp.lines.length)
          throw new ValidationError([
            fieldIssue('lineId', sayOpportunity('opportunity.invalid.noLine', { lineId })),
          ]);
        return ctx.update(ENTITY.opportunity, opp, withLines(opp, lines), 'opportunity.line_removed', {
          lineId,
        });
      }),

    addTeamMember: async (actor, id, input) => {
      const member = parseInput(teamMemberInput, input);
      return withDeal(actor, id, 'manage_team', undefined, async (ctx, opp) => {
        ctx.activeUser(member.userId, 'team member');
        if (member.userId === opp.ownerId)
          throw new ValidationError([
            fieldIssue('userId', sayOpportunity('opportunity.invalid.ownerOnTeam')),
          ]);
        const team = [...opp.team.filter((m) => m.userId !== member.userId), member];
        return setDealTeam(ctx, opp, team, 'opportunity.team_member_added', {
          userId: member.userId,
          role: member.role,
        });
      });
    },

    removeTeamMember: async (actor, id, userId) =>
      withDeal(actor, id, 'manage_team', undefined, async (ctx, opp) => {
        const team = opp.team.filter((m) => m.userId !== userId);
        if (team.length === opp.team.length)
          throw new ValidationError([
            fieldIssue('userId', sayOpportunity('opportunity.invalid.notOnTeam', { userId })),
          ]);
        return setDealTeam(ctx, opp, team, 'opportunity.team_member_removed', { userId });
      }),

    win: async (actor, id, input = {}) => {
      const data = parseInput(winInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, async (ctx, opp) => {
        const won = await moveOpportunity(ctx, opp, { type: 'WIN' }, 'opportunity.won');
        const order = data.createOrder ? await insertOrderFromOpportunity(ctx, won, data.createOrder) : null;
        return { opportunity: won, order };
      });
    },

    lose: async (actor, id, input) => {
      const data = parseInput(loseInput, input);
      return withDeal(actor, id, 'edit', data.expectedVersion, (ctx, opp) =>
        moveOpportunity(ctx, opp, { type: 'LOSE', reason: data.reason }, 'opportunity.lost', {
          changes: {
            competitors:
              data.competitor && !opp.competitors.includes(data.competitor)
                ? [...opp.competitors, data.competitor]
                : opp.competitors,
          },
        }),
      );
    },

    reopen: async (actor, deal, input = {}) => {
      const data = parseInput(reopenInput, input);
      const to = data.to as OpportunityStage | undefined;
      const reopened = await withDeal(actor, deal, 'edit', data.expectedVersion, (ctx, opp) =>
        moveOpportunity(ctx, opp, to ? { type: 'REOPEN', to } : { type: 'REOPEN' }, 'opportunity.reopened'),
      );
      return typedDeal(deal, reopened);
    },

    get: async (actor, id) =>
      run.read(actor, (ctx) => ctx.load(ENTITY.opportunity, parseInput(idSchema, id))),

    explainAccess: async (actor, id) =>
      run.read(actor, async (ctx) =>
        renderExplanation(
          await ctx.explain(ENTITY.opportunity, await ctx.load(ENTITY.opportunity, parseInput(idSchema, id))),
          run.say,
        ),
      ),

    list: async (actor, query = {}) =>
      run.read(actor, (ctx) =>
        listPage(ctx, ctx.tx.opportunities, parseInput(opportunityListQuery, query), 'opportunity'),
      ),

    // Validated like any input: a channel from a request may be 'bogus' or '__proto__'.
    stageInfo: <C extends Channel>(channel: C, stage: string) => {
      const q = parseInput(stageInfoQuery, { channel, stage });
      return stageInfo(q.channel as C, q.stage);
    },

    pipeline: async (actor, channel) =>
      run.read(actor, (ctx) => currentPipeline(ctx, parseInput(pipelineQuery, { channel }).channel)),
  };
}
