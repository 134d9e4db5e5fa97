import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { activityKindSchema } from '../../domain/enums.js';
import { instantSchema, maxInstant } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import type { LeadFilter } from '../../storage/repositories.js';
import type { Activity } from '../activities/activity.js';
import { contactOutcomeSchema } from '../activities/activity.js';
import { assertAssignable } from '../org/assignable.js';
import { type ConversionResult, convertLead } from './convert-lead.js';
import {
  type CaptureLeadInput,
  type ConvertLeadInput,
  captureLeadInput,
  disqualifyInput,
  type LastQuoteQuery,
  type Lead,
  lastQuoteQuery,
  type QuoteEntry,
  type QuoteInput,
  quoteInput,
  type UpdateLeadInput,
  updateLeadInput,
} from './lead.js';
import { leadFacts, refreshLeadReminders } from './lead-facts.js';
import { decideLead, type LeadEvent } from './lead-machine.js';

export const logContactInput = z.object({
  kind: activityKindSchema.exclude(['task', 'demo_loan']),
  at: instantSchema,
  subject: z.string().trim().min(1).max(300).optional(),
  outcome: contactOutcomeSchema,
});
export type LogContactInput = z.input<typeof logContactInput>;

export const leadListQuery = pageSchema.extend({
  status: z.array(z.string()).optional(),
  ownerId: z.array(z.string()).optional(),
  channel: z.array(z.string()).optional(),
  text: z.string().trim().max(200).optional(),
});

const idInput = z.string().trim().min(1, 'required').max(100);

/** Move a lead through its lifecycle, refusing with the machine's reason. */
async function transitionLead(
  ctx: CommandContext,
  lead: Lead,
  event: LeadEvent,
  changes: Partial<Lead>,
  name: string,
): Promise<Lead> {
  const decision = assertDecision(decideLead(lead.status, leadFacts(lead), event));
  const next = await ctx.update(ENTITY.lead, lead, { ...changes, status: decision.to }, name);
  await refreshLeadReminders(ctx, next);
  return next;
}

export function leadCommands(run: Runner) {
  return {
    /** A new inquiry: a call, a referral, a revisit, a conversation at an event. */
    capture: async (actor: ActorRef, input: CaptureLeadInput): Promise<Lead> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(captureLeadInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        if (data.accountId) await ctx.load(ENTITY.account, data.accountId);
        const lead: Lead = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('lead'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
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
        };
        await ctx.insert(ENTITY.lead, lead, 'lead.captured', { source: lead.source });
        await ctx.setTeam(lead.id, ownerId, [], { fresh: true });
        await refreshLeadReminders(ctx, lead, { fresh: true });
        return lead;
      }),

    update: async (actor: ActorRef, id: string, input: UpdateLeadInput): Promise<Lead> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateLeadInput, input);
        const lead = await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit');
        ctx.checkVersion('lead', lead, data.expectedVersion);
        if (lead.status === 'converted') {
          // A converted lead is frozen: its facts now live on the account and the opportunity.
          assertDecision({
            ok: false,
            from: lead.status,
            event: 'UPDATE',
            reason: 'the lead was converted; edit the opportunity instead',
          });
        }
        const { expectedVersion: _, ...changes } = data;
        const next = await ctx.update(
          ENTITY.lead,
          lead,
          stripUndefined(changes) as Partial<Lead>,
          'lead.updated',
        );
        await refreshLeadReminders(ctx, next);
        return next;
      }),

    /** Log a call, visit or email with what came of it; resets the follow-up clock. */
    logContact: async (
      actor: ActorRef,
      id: string,
      input: LogContactInput,
    ): Promise<{ lead: Lead; activity: Activity }> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(logContactInput, input);
        const lead = await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit');
        const activity: Activity = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('act'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          kind: data.kind,
          subject: data.subject ?? `${data.kind} with ${lead.contact.name} (${lead.company})`,
          status: 'completed',
          startAt: data.at,
          endAt: data.at,
          timeZone: ctx.settings.timeZone,
          location: null,
          leadId: lead.id,
          opportunityId: lead.convertedOpportunityId,
          accountId: lead.accountId,
          ownerId: ctx.actor.id,
          outcome: data.outcome,
          completedAt: ctx.now,
          cancelReason: null,
        };
        await ctx.insert(ENTITY.activity, activity, 'activity.logged', { leadId: lead.id });
        const lastContactAt = lead.lastContactAt ? maxInstant(lead.lastContactAt, data.at) : data.at;
        const next = await transitionLead(
          ctx,
          lead,
          { type: 'CONTACT' },
          { lastContactAt },
          'lead.contacted',
        );
        return { lead: next, activity };
      }),

    /** Append to the quote ledger; the last price given is never forgotten. */
    quote: async (actor: ActorRef, id: string, input: QuoteInput): Promise<QuoteEntry> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(quoteInput, input);
        const lead = await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit');
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
        const lastContactAt = lead.lastContactAt ? maxInstant(lead.lastContactAt, ctx.now) : ctx.now;
        await transitionLead(ctx, lead, { type: 'CONTACT' }, { lastContactAt }, 'lead.quoted');
        return entry;
      }),

    /** The most recent quote for a lead, account or opportunity (optionally one product). */
    lastQuote: async (actor: ActorRef, query: LastQuoteQuery): Promise<QuoteEntry | null> =>
      run.read(actor, async (ctx) => {
        const q = parseInput(lastQuoteQuery, query);
        if (q.leadId) await ctx.load(ENTITY.lead, q.leadId);
        if (q.accountId) await ctx.load(ENTITY.account, q.accountId);
        if (q.opportunityId) await ctx.load(ENTITY.opportunity, q.opportunityId);
        const [latest] = await ctx.tx.quotes.list(stripUndefined(q), 1);
        return latest ?? null;
      }),

    quotes: async (actor: ActorRef, id: string): Promise<QuoteEntry[]> =>
      run.read(actor, async (ctx) => {
        const lead = await ctx.load(ENTITY.lead, parseInput(idInput, id));
        return ctx.tx.quotes.list({ leadId: lead.id }, 500);
      }),

    qualify: async (actor: ActorRef, id: string): Promise<Lead> =>
      run.write(actor, async (ctx) =>
        transitionLead(
          ctx,
          await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit'),
          { type: 'QUALIFY' },
          {},
          'lead.qualified',
        ),
      ),

    disqualify: async (
      actor: ActorRef,
      id: string,
      input: { reason: string; expectedVersion?: number },
    ): Promise<Lead> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(disqualifyInput, input);
        const lead = await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit');
        ctx.checkVersion('lead', lead, data.expectedVersion);
        return transitionLead(
          ctx,
          lead,
          { type: 'DISQUALIFY', reason: data.reason },
          { disqualifyReason: data.reason },
          'lead.disqualified',
        );
      }),

    nurture: async (actor: ActorRef, id: string): Promise<Lead> =>
      run.write(actor, async (ctx) =>
        transitionLead(
          ctx,
          await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit'),
          { type: 'NURTURE' },
          {},
          'lead.nurtured',
        ),
      ),

    recycle: async (actor: ActorRef, id: string): Promise<Lead> =>
      run.write(actor, async (ctx) =>
        transitionLead(
          ctx,
          await ctx.load(ENTITY.lead, parseInput(idInput, id), 'edit'),
          { type: 'RECYCLE' },
          { disqualifyReason: null },
          'lead.recycled',
        ),
      ),

    /** Qualify and convert: account + contact + opportunity in one transaction. */
    convert: async (actor: ActorRef, id: string, input: ConvertLeadInput = {}): Promise<ConversionResult> =>
      run.write(actor, (ctx) => convertLead(ctx, parseInput(idInput, id), input)),

    get: async (actor: ActorRef, id: string): Promise<Lead> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.lead, parseInput(idInput, id))),

    list: async (actor: ActorRef, query: z.input<typeof leadListQuery> = {}): Promise<Page<Lead>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, ...where } = parseInput(leadListQuery, query);
        return ctx.tx.leads.list({
          where: stripUndefined(where) as LeadFilter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),
  };
}

/** Drop keys whose value is undefined, so partial updates never blank a field by accident. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
