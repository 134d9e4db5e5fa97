import type { Activity, CostEntry, Crm, Grant } from '@gongfu/core';
import { authorizeManageUser, authorizeTransfer, type OpportunityStage, pipelineFor } from '@gongfu/core';
import {
  bump,
  chartOf,
  created,
  dealMove,
  leadMove,
  type MLead,
  type MOpportunity,
  type Model,
  userOf,
} from './model-based-model.js';
import type { Plan, PlanKit } from './model-based-plan.js';
import type { LinkPick, Step } from './model-based-steps.js';
import { transferInModel } from './model-based-transfer.js';

const OUTCOME_REQUIRED = ['call', 'visit', 'meeting', 'demo_loan'];
const CUSTOMER_FACING = ['call', 'visit', 'meeting', 'demo_loan', 'email'];
const DAY = 86_400_000;

function linked(m: Model, k: PlanKit, link: LinkPick) {
  const target = 'lead' in link ? k.pick(m.leads, link.lead) : k.pick(m.opportunities, link.opp);
  if (!target) return null;
  const lead = 'lead' in link ? (target as MLead) : null;
  const dealId = lead ? lead.convertedOpportunityId : target.id;
  const deal = m.opportunities.find((o) => o.id === dealId) ?? null;
  const links = {
    leadId: lead?.id ?? null,
    opportunityId: deal?.id ?? null,
    accountId: deal?.accountId ?? lead?.accountId ?? null,
  };
  const input = lead ? { leadId: lead.id } : { opportunityId: target.id };
  return { target, links, input };
}

/** The stage a `next` move aims at: one step along the deal's pipeline, or the stage named. */
function neighbour(
  deal: MOpportunity,
  t: 'advance' | 'retreat',
  to: OpportunityStage | 'next',
): OpportunityStage {
  if (to !== 'next') return to;
  const open = pipelineFor(deal.channel).filter((s) => s.kind === 'open');
  const at = open.findIndex((s) => s.id === deal.stage);
  return (open[at + (t === 'advance' ? 1 : -1)] ?? open[0]!).id;
}

export function planOther(m: Model, step: Step, now: string, k: PlanKit): Plan | null {
  switch (step.t) {
    case 'advance':
    case 'retreat':
    case 'win':
    case 'lose':
    case 'reopen': {
      const deal = k.pick(m.opportunities, step.opp);
      if (!deal) return null;
      const actorId = k.actorFor(step.actor, deal);
      const target = step.t === 'advance' || step.t === 'retreat' ? neighbour(deal, step.t, step.to) : null;
      const event =
        step.t === 'advance' || step.t === 'retreat'
          ? ({ type: step.t === 'advance' ? 'ADVANCE' : 'RETREAT', to: target! } as const)
          : step.t === 'reopen'
            ? ({ type: 'REOPEN', to: step.to } as const)
            : ({ type: step.t === 'win' ? 'WIN' : 'LOSE' } as const);
      const to = dealMove(deal, event);
      const version = k.versionOf(deal, step.version);
      const run = (crm: Crm): Promise<unknown> => {
        const o = crm.opportunities;
        switch (step.t) {
          case 'advance':
          case 'retreat':
            return o[step.t](actorId, deal.id, { to: target!, ...version });
          case 'win':
            return o.win(actorId, deal.id, { ...version, ...(step.createOrder ? { createOrder: {} } : {}) });
          case 'lose':
            return o.lose(actorId, deal.id, { reason: step.reason, ...version });
          case 'reopen':
            return o.reopen(actorId, deal.id, { ...(step.to ? { to: step.to } : {}), ...version });
        }
      };
      return {
        label: k.label({ actor: actorId, opp: deal.id, ...(target ? { to: target } : {}) }),
        expected: k.first(
          // lose and the stage moves parse their input before the transaction opens.
          step.t === 'lose' && (() => (step.reason.trim() ? null : 'VALIDATION')),
          k.inactive(actorId),
          k.access(actorId, deal, 'edit'),
          k.stale(step.version),
          () => (to ? null : 'INVALID_TRANSITION'),
        ),
        run,
        apply: () => {
          deal.stage = to!;
          if (step.t === 'win' && step.createOrder) deal.hasOrder = true;
          bump(m, deal);
          return [deal.id];
        },
      };
    }
    case 'addMember':
    case 'removeMember': {
      const deal = k.pick(m.opportunities, step.opp);
      if (!deal) return null;
      const actorId = k.actorFor(step.actor, deal);
      const onTeam = step.t === 'removeMember' && step.onTeam ? k.pick(deal.team, step.user) : undefined;
      const userId = onTeam?.userId ?? k.user(step.user);
      const adding = step.t === 'addMember';
      const member: Grant | null =
        step.t === 'addMember' ? { userId, role: step.role, access: step.access } : null;
      return {
        label: k.label({ actor: actorId, opp: deal.id, user: userId }),
        expected: k.first(
          k.inactive(actorId),
          k.access(actorId, deal, 'manage_team'),
          adding && k.inactive(userId),
          adding && (() => (userId === deal.ownerId ? 'VALIDATION' : null)),
          !adding && (() => (deal.team.some((g) => g.userId === userId) ? null : 'VALIDATION')),
        ),
        run: (crm) =>
          member
            ? crm.opportunities.addTeamMember(actorId, deal.id, member)
            : crm.opportunities.removeTeamMember(actorId, deal.id, userId),
        apply: () => {
          deal.team = [...deal.team.filter((g) => g.userId !== userId), ...(member ? [member] : [])];
          bump(m, deal);
          return [deal.id];
        },
      };
    }
    case 'schedule':
    case 'cost': {
      const found = linked(m, k, step.link);
      if (!found) return null;
      const { target, links, input } = found;
      const actorId = k.actorFor(step.actor, target);
      const isCost = step.t === 'cost';
      const currencyClash = step.t === 'cost' && step.currency !== 'CNY' && links.opportunityId !== null;
      return {
        label: k.label({ actor: actorId, target: target.id }),
        expected: k.first(k.inactive(actorId), k.access(actorId, target, 'read'), () =>
          currencyClash ? 'VALIDATION' : null,
        ),
        run: (crm) =>
          step.t === 'cost'
            ? crm.costs.record(actorId, {
                category: 'travel',
                amount: { amount: step.amount, currency: step.currency },
                incurredOn: now.slice(0, 10),
                ...input,
              })
            : crm.activities.schedule(actorId, {
                kind: step.kind,
                subject: '拜访客户',
                startAt: new Date(Date.parse(now) + DAY).toISOString(),
                ...input,
              }),
        apply: (result) => {
          const { id } = result as Activity | CostEntry;
          if (isCost) created(m, m.costs, { id, ownerId: actorId, version: 1, ...links });
          else
            created(m, m.activities, {
              id,
              ownerId: actorId,
              version: 1,
              status: 'scheduled',
              kind: (step as Extract<Step, { t: 'schedule' }>).kind,
              ...links,
            });
          return [id];
        },
      };
    }
    case 'complete': {
      const scheduled = m.activities.filter((x) => x.status === 'scheduled');
      const a = k.pick(step.scheduled && scheduled.length > 0 ? scheduled : m.activities, step.activity);
      if (!a) return null;
      const actorId = k.actorFor(step.actor, a);
      const ready = a.status === 'scheduled' && (step.outcome || !OUTCOME_REQUIRED.includes(a.kind));
      return {
        label: k.label({ actor: actorId, activity: a.id }),
        expected: k.first(k.inactive(actorId), k.access(actorId, a, 'edit'), () =>
          ready ? null : 'INVALID_TRANSITION',
        ),
        run: (crm) =>
          crm.activities.complete(
            actorId,
            a.id,
            step.outcome ? { outcome: { summary: '客户认可方案' } } : {},
          ),
        apply: () => {
          a.status = 'completed';
          bump(m, a);
          // A completed customer contact restarts the lead's follow-up clock, whoever completed it.
          const lead = m.leads.find((l) => l.id === a.leadId);
          const to = lead && CUSTOMER_FACING.includes(a.kind) ? leadMove(lead.status, 'CONTACT') : null;
          if (lead && to) {
            lead.status = to;
            bump(m, lead);
          }
          return lead ? [a.id, lead.id] : [a.id];
        },
      };
    }
    case 'transfer': {
      const from = k.user(step.from);
      const admin = m.users.find((u) => u.role === 'admin')?.id ?? from;
      const actorId = step.actor === 'owner' ? (chartOf(m).managerOf(from) ?? admin) : k.user(step.actor);
      const to = step.to === 'actor' ? actorId : k.user(step.to);
      return {
        label: k.label({ actor: actorId, from, to }),
        expected: k.first(k.inactive(actorId), () =>
          authorizeTransfer(chartOf(m), userOf(m, actorId), from, to).allowed ? null : 'PERMISSION_DENIED',
        ),
        run: (crm) => crm.ownership.transfer(actorId, { from, to }),
        apply: () => transferInModel(m, from, to),
      };
    }
    case 'deactivate': {
      const actorId = k.user(step.actor);
      const target = userOf(m, k.user(step.target));
      return {
        label: k.label({ actor: actorId, target: target.id }),
        expected: k.first(k.inactive(actorId), () =>
          authorizeManageUser(chartOf(m), userOf(m, actorId), target).allowed ? null : 'PERMISSION_DENIED',
        ),
        run: (crm) => crm.users.deactivate(actorId, target.id),
        apply: () => {
          target.active = false;
          return [];
        },
      };
    }
    default:
      throw new Error(`unplanned step ${step.t}`);
  }
}
