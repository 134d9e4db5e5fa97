/**
 * The pure model the model-based suite runs beside a real store: records reduced to owner, status or
 * stage, version, team and history length. Who may see or change what is asked of the access policy
 * (`authorize`) over the model's own org chart; lifecycle moves come from small tables written here,
 * not from the service's machines, so the two implementations check each other.
 */

import type { Action, ActivityKind, Channel, CrmErrorCode, Grant, OrgUser } from '@gongfu/core';
import {
  authorize,
  type OpportunityGateId,
  type OpportunityStage,
  OrgChart,
  pipelineFor,
} from '@gongfu/core';

export type LeadStatus = 'new' | 'working' | 'qualified' | 'converted' | 'disqualified' | 'nurture';

interface Versioned {
  id: string;
  ownerId: string;
  version: number;
}
export interface MLead extends Versioned {
  status: LeadStatus;
  channel: Channel;
  interests: { sku: string; quantity: number }[];
  accountId: string | null;
  convertedOpportunityId: string | null;
}
export interface MOpportunity extends Versioned {
  stage: OpportunityStage;
  channel: Channel;
  accountId: string;
  /** Non-owner members, as on the record. */
  team: Grant[];
  lines: number;
  amount: number;
  hasOrder: boolean;
}
export type MAccount = Versioned;
interface Linked extends Versioned {
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
}
export interface MActivity extends Linked {
  status: 'scheduled' | 'completed' | 'cancelled';
  kind: ActivityKind;
}
/** `ownerId` is the cost's `incurredBy`. */
export type MCost = Linked;

export interface Model {
  users: OrgUser[];
  leads: MLead[];
  opportunities: MOpportunity[];
  accounts: MAccount[];
  activities: MActivity[];
  costs: MCost[];
  /** History entries expected per record id (ids are unique across kinds: `lead_1`, `opp_1`, …). */
  history: Map<string, number>;
  /** Last unit price quoted (CNY minor units) by `${leadId}|${sku}`. */
  quotes: Map<string, number>;
}

export type ModelKind = 'lead' | 'opportunity' | 'account' | 'activity' | 'cost';
export type AnyRecord = MLead | MOpportunity | MAccount | MActivity | MCost;

export function emptyModel(users: OrgUser[]): Model {
  return {
    users,
    leads: [],
    opportunities: [],
    accounts: [],
    activities: [],
    costs: [],
    history: new Map(),
    quotes: new Map(),
  };
}

/** A new record: version 1 and its creation event. */
export function created<T extends Versioned>(m: Model, list: T[], record: T): T {
  list.push(record);
  m.history.set(record.id, 1);
  return record;
}

/** One accepted change: the next version and one more history entry. */
export function bump(m: Model, record: Versioned): void {
  record.version += 1;
  logged(m, record.id);
}

export function logged(m: Model, id: string): void {
  m.history.set(id, (m.history.get(id) ?? 0) + 1);
}

export const chartOf = (m: Model) => new OrgChart(m.users);
export const userOf = (m: Model, id: string): OrgUser => m.users.find((u) => u.id === id)!;

/** The governing team of `key`: its record's owner (as the owner row) plus the record's members. */
function teamRows(m: Model, key: string): Grant[] {
  const deal = m.opportunities.find((o) => o.id === key);
  const governing = deal ?? m.leads.find((l) => l.id === key) ?? m.accounts.find((a) => a.id === key);
  if (!governing) return [];
  return [{ userId: governing.ownerId, role: 'sales', access: 'edit' }, ...(deal?.team ?? [])];
}

/** Activities and costs live under their deal's team, else their lead's, else their account's. */
export function teamKeyOf(record: AnyRecord): string {
  // Leads, deals and accounts govern their own team (a lead's or deal's accountId does not count).
  if (!('leadId' in record)) return record.id;
  return record.opportunityId ?? record.leadId ?? record.accountId ?? record.id;
}

/** Read first (an invisible record is NOT_FOUND), then the action (PERMISSION_DENIED). */
export function accessTo(m: Model, actorId: string, record: AnyRecord, action: Action): CrmErrorCode | null {
  const org = chartOf(m);
  const actor = userOf(m, actorId);
  const target = { ownerId: record.ownerId, grants: teamRows(m, teamKeyOf(record)) };
  if (!authorize(org, actor, 'read', target).allowed) return 'NOT_FOUND';
  if (action === 'read') return null;
  return authorize(org, actor, action, target).allowed ? null : 'PERMISSION_DENIED';
}

export const mayRead = (m: Model, actorId: string, record: AnyRecord) =>
  userOf(m, actorId).active && accessTo(m, actorId, record, 'read') === null;

type LeadEvent = 'CONTACT' | 'QUALIFY' | 'DISQUALIFY' | 'RECYCLE' | 'NURTURE' | 'CONVERT';
const LEAD_MOVES: Record<LeadEvent, Partial<Record<LeadStatus, LeadStatus>>> = {
  CONTACT: { new: 'working', working: 'working', qualified: 'qualified', nurture: 'nurture' },
  QUALIFY: { new: 'qualified', working: 'qualified' },
  DISQUALIFY: {
    new: 'disqualified',
    working: 'disqualified',
    qualified: 'disqualified',
    nurture: 'disqualified',
  },
  NURTURE: { new: 'nurture', working: 'nurture', qualified: 'nurture' },
  RECYCLE: { nurture: 'working', disqualified: 'working' },
  CONVERT: { working: 'converted', qualified: 'converted' },
};

export function leadMove(status: LeadStatus, event: LeadEvent): LeadStatus | null {
  return LEAD_MOVES[event][status] ?? null;
}

const GATES: Record<OpportunityGateId, (o: MOpportunity) => boolean> = {
  presales: (o) => o.team.some((g) => g.role === 'presales'),
  hasLines: (o) => o.lines >= 1,
  hasAmount: (o) => o.amount > 0,
  lossReason: () => true,
  noOrder: (o) => !o.hasOrder,
};

export type DealEvent =
  | { type: 'ADVANCE' | 'RETREAT'; to: OpportunityStage }
  | { type: 'WIN' | 'LOSE' }
  | { type: 'REOPEN'; to: OpportunityStage | null };

/** Where a deal goes, read off the channel's pipeline (its stage order and entry gates); null = refused. */
export function dealMove(o: MOpportunity, e: DealEvent): OpportunityStage | null {
  const stages = pipelineFor(o.channel);
  const open = stages.filter((s) => s.kind === 'open');
  const at = open.findIndex((s) => s.id === o.stage);
  const enter = (stage: OpportunityStage | undefined, extra: OpportunityGateId[] = []) => {
    const target = stages.find((s) => s.id === stage);
    if (!target) return null;
    return [...extra, ...target.entryGates].every((g) => GATES[g](o)) ? target.id : null;
  };
  switch (e.type) {
    case 'ADVANCE':
    case 'RETREAT': {
      const to = open.findIndex((s) => s.id === e.to);
      if (at < 0 || to < 0 || (e.type === 'ADVANCE' ? to <= at : to >= at)) return null;
      return enter(e.to);
    }
    case 'WIN':
      return at < 0 ? null : enter('won');
    case 'LOSE':
      return at < 0 ? null : 'lost';
    case 'REOPEN': {
      if (at >= 0) return null;
      const to = e.to ?? (o.stage === 'won' ? open.at(-1)!.id : 'qualification');
      if (!open.some((s) => s.id === to)) return null;
      return enter(to, o.stage === 'won' ? ['noOrder'] : []);
    }
  }
}

export const isDealOpen = (o: MOpportunity) => o.stage !== 'won' && o.stage !== 'lost';
export const isLeadOpen = (l: MLead) => l.status !== 'converted' && l.status !== 'disqualified';
