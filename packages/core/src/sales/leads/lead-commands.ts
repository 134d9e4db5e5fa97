import { idSchema, type Page } from '../../domain/common.js';
import type { Channel } from '../../domain/enums.js';
import { InvalidTransitionError } from '../../kernel/errors.js';
import { merged } from '../../kernel/merged.js';
import { maxInstant } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { listPage } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { Activity } from '../activities/activity.js';
import { assertMetDealContacts } from '../activities/met-contacts.js';
import { assertListed } from '../config/assert-listed.js';
import { assertAssignable } from '../org/assignable.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import { contactSubject } from './contact-subject.js';
import { type ConversionResult, convertLead } from './convert-lead.js';
import {
  type CaptureLeadInput,
  type ConvertLeadInput,
  captureLeadInput,
  type DisqualifyLeadInput,
  disqualifyInput,
  type LastQuoteQuery,
  type Lead,
  type LeadListQuery,
  type LogContactInput,
  lastQuoteQuery,
  leadListQuery,
  logContactInput,
  type QuoteEntry,
  type QuoteInput,
  quoteInput,
  type UpdateLeadInput,
  updateLeadInput,
} from './lead.js';
import { leadFacts } from './lead-facts.js';
import { decideLead, isLeadTerminal, LEAD_FROZEN_REASON, type LeadEvent } from './lead-machine.js';
import { quotePartiesOf, raiseQuoteConflicts } from './quote-conflict-reminders.js';
import { LAST_QUOTE_WINDOW, visibleQuotes } from './quote-visibility.js';

/**
 * Leads (线索): inquiries from a call, a referral, a revisit of an existing customer or a
 * conversation at a marketing event; their contacts and quotes; and conversion into a deal.
 */
export interface LeadCommands {
  /**
   * Record a new inquiry. The follow-up reminder starts counting from `receivedAt`.
   * @example
   * ```ts
   * const lead = await crm.leads.capture(jia, {
   *   source: 'inbound_call',
   *   receivedAt: '2026-03-02T09:15:00+08:00',
   *   company: '山东恒通系统集成有限公司',
   *   contact: { name: '王工', phone: '0531-8888 0000' },
   *   interests: [{ sku: 'LS2208', quantity: 200 }],
   * });
   * ```
   */
  capture(actor: ActorRef, input: CaptureLeadInput): Promise<Lead>;
  /**
   * Change the company, contact, interests, channel or region of a lead that is not converted.
   * @example
   * ```ts
   * await crm.leads.update(jia, lead.id, { interests: [{ sku: 'LS2208', quantity: 250 }], expectedVersion: lead.version });
   * ```
   */
  update(actor: ActorRef, id: string, input: UpdateLeadInput): Promise<Lead>;
  /**
   * Log a call, visit or email with what came of it; restarts the follow-up clock.
   * @example
   * ```ts
   * const { activity } = await crm.leads.logContact(jia, lead.id, {
   *   kind: 'call', at: '2026-03-03T10:00:00+08:00',
   *   outcome: { summary: '王工 wants a demo unit', opinion: 'positive' },
   * });
   * ```
   */
  logContact(
    actor: ActorRef,
    id: string,
    input: LogContactInput,
  ): Promise<{ lead: Lead; activity: Activity }>;
  /**
   * Give a price. Appended to the quote ledger, which never forgets: the last price stays at hand
   * when the customer bargains.
   * @example
   * ```ts
   * await crm.leads.quote(jia, lead.id, {
   *   sku: 'LS2208', quantity: 200, unitPrice: { amount: 980_00, currency: 'CNY' }, validUntil: '2026-03-31',
   * });
   * ```
   */
  quote(actor: ActorRef, id: string, input: QuoteInput): Promise<QuoteEntry>;
  /**
   * The most recent quote for a lead, an account or an opportunity, optionally for one product.
   * @example
   * ```ts
   * const last = await crm.leads.lastQuote(jia, { leadId: lead.id, sku: 'LS2208' });
   * ```
   */
  lastQuote(actor: ActorRef, query: LastQuoteQuery): Promise<QuoteEntry | null>;
  /**
   * Every quote given on a lead, newest first.
   * @example
   * ```ts
   * const history = await crm.leads.quotes(jia, lead.id);
   * ```
   */
  quotes(actor: ActorRef, id: string): Promise<QuoteEntry[]>;
  /**
   * Mark the lead as likely to go ahead.
   * @example
   * ```ts
   * await crm.leads.qualify(jia, lead.id);
   * ```
   */
  qualify(actor: ActorRef, id: string): Promise<Lead>;
  /**
   * Drop a lead, saying why; it can be recycled later.
   * @example
   * ```ts
   * await crm.leads.disqualify(jia, lead.id, { reason: 'student project, no budget' });
   * ```
   */
  disqualify(actor: ActorRef, id: string, input: DisqualifyLeadInput): Promise<Lead>;
  /**
   * Park a lead that is not ready to buy; it stays on the list without follow-up pressure.
   * @example
   * ```ts
   * await crm.leads.nurture(jia, lead.id);
   * ```
   */
  nurture(actor: ActorRef, id: string): Promise<Lead>;
  /**
   * Bring a disqualified or nurtured lead back to working.
   * @example
   * ```ts
   * await crm.leads.recycle(jia, lead.id);
   * ```
   */
  recycle(actor: ActorRef, id: string): Promise<Lead>;
  /**
   * Qualify and convert in one transaction: the account (new or existing), the contact and the
   * opportunity (new, or an open one to merge into). The lead is frozen afterwards and its quote
   * ledger follows the deal. A new deal keeps the literal channel you name, so its stage moves are
   * checked against that pipeline.
   * @example
   * ```ts
   * const { opportunity } = await crm.leads.convert(jia, lead.id, {
   *   account: { kind: 'system_integrator' }, requiredDelivery: '2026-06-30', region: { province: '37' },
   * });
   * ```
   */
  convert<C extends Channel = Channel>(
    actor: ActorRef,
    id: string,
    input?: ConvertLeadInput & { channel?: C; opportunityId?: undefined },
  ): Promise<ConversionResult<C>>;
  /**
   * Convert into an open deal that already exists on the customer (`opportunityId`): the lead's
   * interests are added to its lines and the deal keeps its own channel.
   * @example
   * ```ts
   * const { opportunity } = await crm.leads.convert(jia, lead.id, { opportunityId: deal.id });
   * ```
   */
  convert(actor: ActorRef, id: string, input?: ConvertLeadInput): Promise<ConversionResult>;
  /**
   * One lead the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const lead = await crm.leads.get(li, leadId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Lead>;
  /**
   * The leads the actor may see, newest first, one page at a time.
   * @example
   * ```ts
   * const page = await crm.leads.list(li, { status: ['new', 'working'], ownerId: jia.id, limit: 20 });
   * const next = page.nextCursor ? await crm.leads.list(li, { cursor: page.nextCursor }) : null;
   * ```
   */
  list(actor: ActorRef, query?: LeadListQuery): Promise<Page<Lead>>;
}

/** Move a lead through its lifecycle, refusing with the machine's reason. */
async function transitionLead(
  ctx: CommandContext,
  lead: Lead,
  event: LeadEvent,
  name: string,
  changes: Partial<Lead> = {},
): Promise<Lead> {
  const decision = assertDecision(decideLead(lead.status, leadFacts(lead), event));
  return ctx.transition(ENTITY.lead, lead, decision, { event: name, changes });
}

/** Load a lead for a lifecycle move by the actor; the machine decides what may happen next. */
const loadForEdit = (ctx: CommandContext, id: string) =>
  ctx.load(ENTITY.lead, parseInput(idSchema, id), 'edit');

/** A customer-facing contact at `at` never moves the follow-up clock backwards. */
const contactedAt = (lead: Lead, at: string) =>
  lead.lastContactAt ? maxInstant(lead.lastContactAt, at) : at;

export function leadCommands(run: Runner): LeadCommands {
  return {
    capture: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(captureLeadInput, input);
        assertListed(ctx, 'leadSources', data.source, 'source');
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        if (data.accountId) await ctx.load(ENTITY.account, data.accountId);
        await assertCatalogueLines(ctx, data.interests, (i) => `interests.${i}`);
        const lead: Lead = {
          ...ctx.stamp('lead'),
          source: data.source,
          receivedAt: data.receivedAt,
          company: data.company,
          contact: data.contact,
          interests: data.interests,
          channel: data.channel,
          region: data.region ?? null,
          accountId: data.accountId ?? null,
          referredBy: data.referredBy ?? null,
          eventName: data.eventName ?? null,
          ownerId,
          status: 'new',
          disqualifyReason: null,
          lastContactAt: null,
          convertedAt: null,
          convertedOpportunityId: null,
          convertedContactId: null,
          custom: newCustom(ctx, 'lead', data.custom),
        };
        await ctx.insert(ENTITY.lead, lead, 'lead.captured', { source: lead.source });
        await ctx.setTeam(lead.id, ownerId, [], { fresh: true });
        return lead;
      }),

    update: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateLeadInput, input);
        const lead = await loadForEdit(ctx, id);
        ctx.checkVersion('lead', lead, data.expectedVersion);
        // A converted lead is frozen: its facts now live on the account and the opportunity.
        if (isLeadTerminal(lead.status))
          throw new InvalidTransitionError(lead.status, 'UPDATE', LEAD_FROZEN_REASON);
        if (data.interests) await assertCatalogueLines(ctx, data.interests, (i) => `interests.${i}`);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update(ENTITY.lead, lead, stripUndefined(changes) as Partial<Lead>, 'lead.updated');
      }),

    logContact: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(logContactInput, input);
        assertListed(ctx, 'activityKinds', data.kind, 'kind');
        const lead = await loadForEdit(ctx, id);
        await assertMetDealContacts(ctx, lead.convertedOpportunityId, data.outcome);
        // merged, not a spread: the store and the reminder rules read it field by field (kernel/merged.ts).
        const activity: Activity = merged(ctx.stamp('act'), {
          kind: data.kind,
          subject: data.subject ?? contactSubject(ctx, data.kind, lead),
          status: 'completed',
          startAt: data.at,
          endAt: data.at,
          timeZone: ctx.settings.timeZone,
          location: null,
          leadId: lead.id,
          opportunityId: lead.convertedOpportunityId,
          accountId: lead.accountId,
          contactId: null,
          orderId: null,
          serviceCaseId: null,
          regarding: { kind: 'lead', id: lead.id },
          ownerId: ctx.actor.id,
          outcome: data.outcome,
          completedAt: ctx.now,
          cancelReason: null,
          custom: {},
        });
        await ctx.insert(ENTITY.activity, activity, 'activity.logged', { leadId: lead.id });
        const next = await transitionLead(ctx, lead, { type: 'CONTACT' }, 'lead.contacted', {
          lastContactAt: contactedAt(lead, data.at),
        });
        return { lead: next, activity };
      }),

    quote: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(quoteInput, input);
        const lead = await loadForEdit(ctx, id);
        await assertCatalogueLines(ctx, [data], () => '');
        const entry: QuoteEntry = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('quote'),
          leadId: lead.id,
          opportunityId: lead.convertedOpportunityId,
          accountId: lead.accountId,
          sku: data.sku,
          quantity: data.quantity,
          unitPrice: data.unitPrice,
          validUntil: data.validUntil,
          quotedBy: ctx.actor.id,
          quotedAt: ctx.now,
          note: data.note ?? null,
        };
        await ctx.tx.quotes.append(entry);
        await transitionLead(ctx, lead, { type: 'CONTACT' }, 'lead.quoted', {
          lastContactAt: contactedAt(lead, ctx.now),
        });
        await raiseQuoteConflicts(ctx, entry, await quotePartiesOf(ctx, lead));
        return entry;
      }),

    lastQuote: (actor, query) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(lastQuoteQuery, query);
        if (q.leadId) await ctx.load(ENTITY.lead, q.leadId);
        if (q.accountId) await ctx.load(ENTITY.account, q.accountId);
        if (q.opportunityId) await ctx.load(ENTITY.opportunity, q.opportunityId);
        const candidates = await ctx.tx.quotes.list(stripUndefined(q), q.leadId ? 1 : LAST_QUOTE_WINDOW);
        const [latest] = q.leadId ? candidates : await visibleQuotes(ctx, candidates, 1);
        return latest ?? null;
      }),

    quotes: (actor, id) =>
      run.read(actor, async (ctx) => {
        const lead = await ctx.load(ENTITY.lead, parseInput(idSchema, id));
        return ctx.tx.quotes.list({ leadId: lead.id }, 500);
      }),

    qualify: (actor, id) =>
      run.write(actor, async (ctx) =>
        transitionLead(ctx, await loadForEdit(ctx, id), { type: 'QUALIFY' }, 'lead.qualified'),
      ),

    disqualify: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(disqualifyInput, input);
        const lead = await loadForEdit(ctx, id);
        ctx.checkVersion('lead', lead, data.expectedVersion);
        return transitionLead(ctx, lead, { type: 'DISQUALIFY', reason: data.reason }, 'lead.disqualified');
      }),

    nurture: (actor, id) =>
      run.write(actor, async (ctx) =>
        transitionLead(ctx, await loadForEdit(ctx, id), { type: 'NURTURE' }, 'lead.nurtured'),
      ),

    recycle: (actor, id) =>
      run.write(actor, async (ctx) =>
        transitionLead(ctx, await loadForEdit(ctx, id), { type: 'RECYCLE' }, 'lead.recycled', {
          disqualifyReason: null,
        }),
      ),

    // One implementation for both overloads: a new deal takes the input's channel (the lead's when
    // none is named), so the narrower result type the first overload promises is what is returned.
    convert: ((actor: ActorRef, id: string, input: ConvertLeadInput = {}) =>
      run.write(actor, (ctx) =>
        convertLead(ctx, parseInput(idSchema, id), input),
      )) as LeadCommands['convert'],

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.lead, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => listPage(ctx, ctx.tx.leads, parseInput(leadListQuery, query), 'lead')),
  };
}
