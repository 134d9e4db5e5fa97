import { match } from 'ts-pattern';
import { compileMachine } from '../../lifecycle/compile-machine.js';
import type { Decision } from '../../lifecycle/decision.js';
import { eventText } from '../../lifecycle/effects.js';
import { type Gate, hasText, type TransitionRow } from '../../lifecycle/machine-spec.js';

export const LEAD_STATUSES = ['new', 'working', 'qualified', 'converted', 'disqualified', 'nurture'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type LeadEvent =
  /** Any customer contact or quote. Moves a new lead to working; elsewhere it only resets follow-up. */
  | { type: 'CONTACT' }
  | { type: 'QUALIFY' }
  | { type: 'CONVERT' }
  | { type: 'DISQUALIFY'; reason: string }
  | { type: 'NURTURE' }
  | { type: 'RECYCLE' };
export type LeadEventType = LeadEvent['type'];
export const LEAD_EVENT_TYPES = [
  'CONTACT',
  'QUALIFY',
  'CONVERT',
  'DISQUALIFY',
  'NURTURE',
  'RECYCLE',
] as const satisfies readonly LeadEventType[];

export interface LeadFacts {
  hasCompany: boolean;
  hasContact: boolean;
}

/** Converted is the only final status; a disqualified lead can still be recycled. */
export function isLeadTerminal(status: LeadStatus): boolean {
  return status === 'converted';
}

/** Why a converted lead refuses edits: its facts now live on the account and the opportunity. */
export const LEAD_FROZEN_REASON = 'the lead was converted; edit the opportunity instead';

/** Open leads are the ones a salesperson is expected to follow up. */
export function isLeadOpen(status: LeadStatus): boolean {
  return status === 'new' || status === 'working' || status === 'qualified' || status === 'nurture';
}

export const LEAD_GATES: readonly Gate<LeadFacts, LeadEvent>[] = [
  {
    id: 'hasCompany',
    check: (f) => f.hasCompany,
    reason: 'needs the customer company before it can be converted',
  },
  {
    id: 'hasContact',
    check: (f) => f.hasContact,
    reason: 'needs a contact person before it can be converted',
  },
  {
    id: 'disqualifyReason',
    check: (_, e) => hasText(eventText(e, 'reason')),
    reason: 'needs a reason why the lead is disqualified',
  },
];

type Row = TransitionRow<LeadStatus, LeadFacts, LeadEvent>;
const contact = (from: LeadStatus, to: LeadStatus): Row => ({
  from,
  event: 'CONTACT',
  to,
  gates: [],
  effects: ['followUpReset'],
});
const move = (from: LeadStatus, event: LeadEventType, to: LeadStatus): Row => ({
  from,
  event,
  to,
  gates: [],
  effects: [],
});
const convert = (from: LeadStatus): Row => ({
  from,
  event: 'CONVERT',
  to: 'converted',
  gates: ['hasCompany', 'hasContact'],
  effects: ['converted', 'frozen'],
});
const disqualify = (from: LeadStatus): Row => ({
  from,
  event: 'DISQUALIFY',
  to: 'disqualified',
  gates: ['disqualifyReason'],
  effects: ['disqualified'],
});
const recycle = (from: LeadStatus): Row => ({
  from,
  event: 'RECYCLE',
  to: 'working',
  gates: [],
  effects: ['followUpReset'],
});

/** Every accepted move of a lead. Anything not listed is refused with a reason. */
export const LEAD_TRANSITIONS: readonly Row[] = [
  contact('new', 'working'),
  move('new', 'QUALIFY', 'qualified'),
  disqualify('new'),
  move('new', 'NURTURE', 'nurture'),
  contact('working', 'working'),
  move('working', 'QUALIFY', 'qualified'),
  convert('working'),
  disqualify('working'),
  move('working', 'NURTURE', 'nurture'),
  contact('qualified', 'qualified'),
  convert('qualified'),
  disqualify('qualified'),
  move('qualified', 'NURTURE', 'nurture'),
  contact('nurture', 'nurture'),
  disqualify('nurture'),
  recycle('nurture'),
  recycle('disqualified'),
];

function explain(from: LeadStatus, event: LeadEvent): string {
  return match({ from, type: event.type })
    .with({ from: 'converted' }, () => 'the lead was converted; work on the opportunity instead')
    .with({ from: 'disqualified' }, () => 'the lead was disqualified; recycle it to work on it again')
    .with({ type: 'RECYCLE' }, () => 'only a disqualified or nurtured lead can be recycled')
    .with({ type: 'QUALIFY', from: 'qualified' }, () => 'the lead is already qualified')
    .with({ type: 'NURTURE', from: 'nurture' }, () => 'the lead is already being nurtured')
    .with({ from: 'nurture' }, () => 'the lead is being nurtured; recycle it to work on it again')
    .with(
      { type: 'CONVERT', from: 'new' },
      () => 'the lead has not been worked yet; contact the customer first',
    )
    .otherwise(() => `a ${from} lead cannot be sent ${event.type}`);
}

const lead = compileMachine<LeadStatus, LeadFacts, LeadEvent>({
  id: 'lead',
  states: LEAD_STATUSES,
  initial: 'new',
  events: LEAD_EVENT_TYPES,
  gates: LEAD_GATES,
  rows: LEAD_TRANSITIONS,
  explain,
  unknownState: (value) => `"${value}" is not a lead status`,
  unknownEvent: (type) => `"${type}" is not something that can happen to a lead`,
});

export const leadMachine = lead.machine;

/** Decides a lead event purely; the caller persists `to` and runs `effects`. */
export function decideLead(status: LeadStatus, facts: LeadFacts, event: LeadEvent): Decision<LeadStatus> {
  return lead.decide(status, facts, event);
}
