import type { Activity, ConversionResult, Crm, CrmErrorCode, Grant, Lead } from '@gongfu/core';
import {
  type AnyRecord,
  accessTo,
  bump,
  chartOf,
  created,
  isDealOpen,
  type LeadStatus,
  leadMove,
  type MLead,
  type MOpportunity,
  type Model,
  userOf,
} from './model-based-model.js';
import { planOther } from './model-based-plan-others.js';
import type { ActorPick, Step, VersionMode } from './model-based-steps.js';

/** One step resolved against the model: what the model expects, how to run it, how it changes the model. */
export interface Plan {
  /** The step with ids instead of indexes, for failure messages. */
  label: string;
  /** The refusal the model predicts, or null when the command must be accepted. */
  expected: CrmErrorCode | null;
  run(crm: Crm): Promise<unknown>;
  /** Apply the accepted command; returns the ids of the records it created or changed. */
  apply(result: unknown): string[];
}

type Check = () => CrmErrorCode | null;
const first = (...checks: (Check | false)[]): CrmErrorCode | null => {
  for (const check of checks) {
    const code = check ? check() : null;
    if (code) return code;
  }
  return null;
};

/** Resolves a step against the model at `now`; null when it names records that do not exist yet. */
export function planStep(m: Model, step: Step, now: string): Plan | null {
  const user = (i: number) => m.users[i % m.users.length]!.id;
  // A negative index counts from the end: -1 is the record created last.
  const pick = <T>(list: T[], i: number): T | undefined => list.at(i % Math.max(list.length, 1));
  const actorFor = (a: ActorPick, record: { ownerId: string }) => (a === 'owner' ? record.ownerId : user(a));
  const inactive = (id: string) => () => (userOf(m, id).active ? null : ('PERMISSION_DENIED' as const));
  const access = (id: string, r: AnyRecord, action: 'read' | 'edit' | 'manage_team') => () =>
    accessTo(m, id, r, action);
  const stale = (mode: VersionMode) => () => (mode === 'stale' ? ('CONCURRENCY' as const) : null);
  const versionOf = (r: { version: number }, mode: VersionMode) =>
    mode === 'none' ? {} : { expectedVersion: mode === 'current' ? r.version : r.version + 1 };
  const label = (ids: Record<string, unknown>) => JSON.stringify({ ...step, ...ids });
  const leadStep = (lead: MLead, actorId: string, event: Parameters<typeof leadMove>[1], extra: Check[]) => {
    const to = leadMove(lead.status, event);
    return first(inactive(actorId), access(actorId, lead, 'edit'), ...extra, () =>
      to ? null : 'INVALID_TRANSITION',
    );
  };
  const moveLead = (lead: MLead, to: LeadStatus | null) => {
    lead.status = to!;
    bump(m, lead);
  };

  switch (step.t) {
    case 'capture': {
      const actorId = user(step.actor);
      const ownerId = step.owner === null ? null : user(step.owner);
      const org = chartOf(m);
      const actor = userOf(m, actorId);
      const assignable: Check = () => {
        if (ownerId === null) return null;
        if (!userOf(m, ownerId).active) return 'PERMISSION_DENIED';
        const ok = ownerId === actorId || actor.role === 'admin' || org.isAbove(actorId, ownerId);
        return ok ? null : 'PERMISSION_DENIED';
      };
      const interests = step.skus.map((sku) => ({ sku, quantity: 10 }));
      return {
        label: label({ actor: actorId, owner: ownerId }),
        expected: first(inactive(actorId), () => (step.bad ? 'VALIDATION' : null), assignable),
        run: (crm) =>
          crm.leads.capture(actorId, {
            source: 'inbound_call',
            receivedAt: now,
            company: step.bad ? '   ' : `客户${m.leads.length}`,
            contact: { name: '王工', phone: '0531-8888 0000' },
            interests,
            channel: step.channel,
            ...(ownerId ? { ownerId } : {}),
          }),
        apply: (result) => {
          const { id } = result as Lead;
          created(m, m.leads, {
            id,
            ownerId: ownerId ?? actorId,
            version: 1,
            status: 'new',
            channel: step.channel,
            interests,
            accountId: null,
            convertedOpportunityId: null,
          });
          return [id];
        },
      };
    }
    case 'logContact':
    case 'quote':
    case 'qualify':
    case 'nurture':
    case 'recycle':
    case 'disqualify': {
      const lead = pick(m.leads, step.lead);
      if (!lead) return null;
      const actorId = actorFor(step.actor, lead);
      const event =
        ({ logContact: 'CONTACT', quote: 'CONTACT', qualify: 'QUALIFY', nurture: 'NURTURE' } as const)[
          step.t as 'logContact'
        ] ?? (step.t === 'recycle' ? 'RECYCLE' : 'DISQUALIFY');
      const to = leadMove(lead.status, event);
      const version = step.t === 'disqualify' ? step.version : 'none';
      const base = {
        label: label({ actor: actorId, lead: lead.id }),
        expected: leadStep(lead, actorId, event, [stale(version)]),
      };
      switch (step.t) {
        case 'logContact':
          return {
            ...base,
            run: (crm) =>
              crm.leads.logContact(actorId, lead.id, {
                kind: step.kind,
                at: now,
                outcome: { summary: '客户有兴趣' },
              }),
            apply: (result) => {
              const { activity } = result as { activity: Activity };
              created(m, m.activities, {
                id: activity.id,
                ownerId: actorId,
                version: 1,
                status: 'completed',
                kind: step.kind,
                leadId: lead.id,
                opportunityId: lead.convertedOpportunityId,
                accountId: lead.accountId,
              });
              moveLead(lead, to);
              return [lead.id, activity.id];
            },
          };
        case 'quote':
          return {
            ...base,
            run: (crm) =>
              crm.leads.quote(actorId, lead.id, {
                sku: step.sku,
                quantity: 10,
                unitPrice: { amount: step.price, currency: 'CNY' },
                validUntil: '2026-12-31',
              }),
            apply: () => {
              m.quotes.set(`${lead.id}|${step.sku}`, step.price);
              moveLead(lead, to);
              return [lead.id];
            },
          };
        default: {
          const t = step.t;
          const run = (crm: Crm) =>
            t === 'disqualify'
              ? crm.leads.disqualify(actorId, lead.id, { reason: '无预算', ...versionOf(lead, version) })
              : crm.leads[t](actorId, lead.id);
          return {
            ...base,
            run,
            apply: () => {
              moveLead(lead, to);
              return [lead.id];
            },
          };
        }
      }
    }
    case 'convert':
      return planConvert(m, step, { user, pick, actorFor, inactive, access, stale, versionOf, label, first });
    default:
      return planOther(m, step, now, {
        user,
        pick,
        actorFor,
        inactive,
        access,
        stale,
        versionOf,
        label,
        first,
      });
  }
}

/** The helpers `planStep` builds over one model, shared with the deal and activity planners. */
export interface PlanKit {
  user(i: number): string;
  pick<T>(list: T[], i: number): T | undefined;
  actorFor(a: ActorPick, record: { ownerId: string }): string;
  inactive(id: string): Check;
  access(id: string, r: AnyRecord, action: 'read' | 'edit' | 'manage_team'): Check;
  stale(mode: VersionMode): Check;
  versionOf(r: { version: number }, mode: VersionMode): { expectedVersion?: number };
  label(ids: Record<string, unknown>): string;
  first(...checks: (Check | false)[]): CrmErrorCode | null;
}

function planConvert(m: Model, step: Extract<Step, { t: 'convert' }>, k: PlanKit): Plan | null {
  const lead = k.pick(m.leads, step.lead);
  if (!lead) return null;
  const actorId = k.actorFor(step.actor, lead);
  const into = step.into === null ? undefined : k.pick(m.opportunities, step.into);
  const account = into ? m.accounts.find((a) => a.id === into.accountId)! : undefined;
  const team: Grant[] = [];
  for (const t of step.team) {
    const userId = k.user(t.user);
    if (!team.some((g) => g.userId === userId)) team.push({ userId, role: t.role, access: t.access });
  }
  const amountOf = (l: MLead) =>
    l.interests.reduce((sum, i) => sum + i.quantity * (m.quotes.get(`${l.id}|${i.sku}`) ?? 0), 0);
  const expected = k.first(
    k.inactive(actorId),
    k.access(actorId, lead, 'edit'),
    k.stale(step.version),
    () => (leadMove(lead.status, 'CONVERT') ? null : 'INVALID_TRANSITION'),
    !!account && k.access(actorId, account, 'read'),
    !!into && k.access(actorId, into, 'edit'),
    !!into && (() => (isDealOpen(into) ? null : 'INVALID_TRANSITION')),
    ...(into ? [] : team.map((g) => k.inactive(g.userId))),
  );
  return {
    label: k.label({ actor: actorId, lead: lead.id, into: into?.id, team }),
    expected,
    run: (crm) =>
      crm.leads.convert(actorId, lead.id, {
        ...(into ? { account: { existingId: into.accountId }, opportunityId: into.id } : { team }),
        ...k.versionOf(lead, step.version),
      }),
    apply: (result) => {
      const r = result as ConversionResult;
      let deal: MOpportunity;
      if (into) {
        deal = into;
        deal.lines += lead.interests.length;
        deal.amount += amountOf(lead);
        bump(m, deal);
      } else {
        created(m, m.accounts, { id: r.account.id, ownerId: lead.ownerId, version: 1 });
        deal = created(m, m.opportunities, {
          id: r.opportunity.id,
          ownerId: lead.ownerId,
          version: 1,
          stage: 'qualification' as const,
          channel: lead.channel,
          accountId: r.account.id,
          team: team.filter((g) => g.userId !== lead.ownerId),
          lines: lead.interests.length,
          amount: amountOf(lead),
          hasOrder: false,
        });
      }
      lead.status = 'converted';
      lead.accountId = deal.accountId;
      lead.convertedOpportunityId = deal.id;
      bump(m, lead);
      return [lead.id, deal.id, deal.accountId];
    },
  };
}
