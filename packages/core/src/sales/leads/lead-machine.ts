import { match } from 'ts-pattern';
import { type Message, messagesOf } from '../../kernel/message.js';
import { compileMachine } from '../../lifecycle/compile-machine.js';
import type { Decision } from '../../lifecycle/decision.js';
import { eventText } from '../../lifecycle/effects.js';
import { type Gate, hasText, type TransitionRow } from '../../lifecycle/machine-spec.js';
import { LEAD_MESSAGES } from './lead-messages.js';

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
const say = messagesOf(LEAD_MESSAGES);

export const LEAD_FROZEN_REASON: Message = say('lead.refused.frozen');

/** Open leads are the ones a salesperson is expected to follow up. */
export function isLeadOpen(status: LeadStatus): boolean {
  return status === 'new' || status === 'working' || status === 'qualified' || status === 'nurture';
}

export const LEAD_GATES: readonly Gate<LeadFacts, LeadEvent>[] = [
  {
    id: 'hasCompany',
    check: (f) => f.hasCompany,
    reason: say('lead.gate.hasCompany'),
  },
  {
    id: 'hasContact',
    check: (f) => f.hasContact,
    reason: say('lead.gate.hasContact'),
  },
  {
    id: 'disqualifyReason',
    check: (_, e) => hasText(eventText(e, 'reason')),
    reason: say('lead.gate.disqualifyReason'),
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

function explain(from: LeadStatus, event: LeadEvent): Message {
  return match({ from, type: event.type })
    .with({ from: 'converted' }, () => say('lead.refused.converted'))
    .with({ from: 'disqualified' }, () => say('lead.refused.disqualified'))
    .with({ type: 'RECYCLE' }, () => say('lead.refused.recycleOnly'))
    .with({ type: 'QUALIFY', from: 'qualified' }, () => say('lead.refused.alreadyQualified'))
    .with({ type: 'NURTURE', from: 'nurture' }, () => say('lead.refused.alreadyNurtured'))
    .with({ from: 'nurture' }, () => say('lead.refused.nurture'))
    .with({ type: 'CONVERT', from: 'new' }, () => say('lead.refused.notWorked'))
    .otherwise(() => say('lead.refused.otherwise', { from, event: event.type }));
}

const lead = compileMachine<LeadStatus, LeadFacts, LeadEvent>({
  id: 'lead',
  states: LEAD_STATUSES,
  initial: 'new',
  events: LEAD_EVENT_TYPES,
  gates: LEAD_GATES,
  rows: LEAD_TRANSITIONS,
  explain,
  unknownState: (value) => say('lead.refused.unknownStatus', { value }),
  unknownEvent: (type) => say('lead.refused.unknownEvent', { type }),
});

export const leadMachine = lead.machine;

/** Decides a lead event purely; the caller persists `to` and runs `effects`. */
export function decideLead(status: LeadStatus, facts: LeadFacts, event: LeadEvent): Decision<LeadStatus> {
  return lead.decide(status, facts, event);
}
