import { match, P } from 'ts-pattern';
import type { ServiceCaseKind } from '../../domain/enums.js';
import type { Message } from '../../kernel/message.js';
import { compileMachine } from '../../lifecycle/compile-machine.js';
import type { Decision } from '../../lifecycle/decision.js';
import { eventText } from '../../lifecycle/effects.js';
import { type Gate, hasText, type TransitionRow } from '../../lifecycle/machine-spec.js';
import { sayServiceCase as say } from './service-case-messages.js';

export const SERVICE_CASE_STATUSES = [
  'open',
  'diagnosing',
  'repair',
  'replacement',
  'resolved',
  'closed',
] as const;
export type ServiceCaseStatus = (typeof SERVICE_CASE_STATUSES)[number];

export type ServiceCaseEvent =
  | { type: 'DIAGNOSE' }
  | { type: 'REPAIR' }
  /** From diagnosing, or from repair when the unit turns out not to be repairable. */
  | { type: 'REPLACE' }
  | { type: 'RESOLVE'; resolution: string }
  | { type: 'CLOSE' }
  /** The customer reports the problem again after it was resolved. */
  | { type: 'REOPEN' };
export type ServiceCaseEventType = ServiceCaseEvent['type'];
export const SERVICE_CASE_EVENT_TYPES = [
  'DIAGNOSE',
  'REPAIR',
  'REPLACE',
  'RESOLVE',
  'CLOSE',
  'REOPEN',
] as const satisfies readonly ServiceCaseEventType[];

export interface ServiceCaseFacts {
  kind: ServiceCaseKind;
}

export function isServiceCaseTerminal(status: ServiceCaseStatus): boolean {
  return status === 'closed';
}

export function isServiceCaseOpen(status: ServiceCaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

export const SERVICE_CASE_GATES: readonly Gate<ServiceCaseFacts, ServiceCaseEvent>[] = [
  {
    id: 'resolution',
    check: (_, e) => hasText(eventText(e, 'resolution')),
    reason: say('serviceCase.gate.resolution'),
  },
  {
    // Routine maintenance needs no repair or replacement step; the other kinds do.
    id: 'maintenanceOnly',
    check: (f) => f.kind === 'maintenance',
    reason: say('serviceCase.gate.maintenanceOnly'),
  },
];

type Row = TransitionRow<ServiceCaseStatus, ServiceCaseFacts, ServiceCaseEvent>;
const row = (
  from: ServiceCaseStatus,
  event: ServiceCaseEventType,
  to: ServiceCaseStatus,
  gates: readonly string[] = [],
  effects: Row['effects'] = [],
): Row => ({ from, event, to, gates, effects });

export const SERVICE_CASE_TRANSITIONS: readonly Row[] = [
  row('open', 'DIAGNOSE', 'diagnosing'),
  row('diagnosing', 'REPAIR', 'repair'),
  row('diagnosing', 'REPLACE', 'replacement'),
  row('diagnosing', 'RESOLVE', 'resolved', ['maintenanceOnly', 'resolution'], ['resolved']),
  row('repair', 'REPLACE', 'replacement'),
  row('repair', 'RESOLVE', 'resolved', ['resolution'], ['resolved']),
  row('replacement', 'RESOLVE', 'resolved', ['resolution'], ['resolved']),
  row('resolved', 'CLOSE', 'closed', [], ['frozen']),
  row('resolved', 'REOPEN', 'diagnosing', [], ['reopened']),
];

function explain(from: ServiceCaseStatus, event: ServiceCaseEvent): Message {
  return match({ from, type: event.type })
    .with({ from: 'closed' }, () => say('serviceCase.refused.closed'))
    .with({ type: 'REOPEN' }, () => say('serviceCase.refused.reopenResolvedOnly'))
    .with({ from: 'resolved' }, () => say('serviceCase.refused.resolved'))
    .with({ from: 'open' }, () => say('serviceCase.refused.diagnoseFirst'))
    .with({ from: 'diagnosing', type: 'DIAGNOSE' }, () => say('serviceCase.refused.diagnosing'))
    .with({ type: 'DIAGNOSE' }, () => say('serviceCase.refused.diagnosed'))
    .with({ type: 'CLOSE' }, () => say('serviceCase.refused.resolveFirst'))
    .with({ from: 'replacement', type: P.union('REPAIR', 'REPLACE') }, () =>
      say('serviceCase.refused.replacing'),
    )
    .otherwise(() => say('serviceCase.refused.repairing'));
}

const serviceCase = compileMachine<ServiceCaseStatus, ServiceCaseFacts, ServiceCaseEvent>({
  id: 'service_case',
  states: SERVICE_CASE_STATUSES,
  initial: 'open',
  events: SERVICE_CASE_EVENT_TYPES,
  gates: SERVICE_CASE_GATES,
  rows: SERVICE_CASE_TRANSITIONS,
  explain,
  unknownState: (value) => say('serviceCase.refused.unknownStatus', { value }),
  unknownEvent: (type) => say('serviceCase.refused.unknownEvent', { type }),
});

export const serviceCaseMachine = serviceCase.machine;

export function decideServiceCase(
  status: ServiceCaseStatus,
  facts: ServiceCaseFacts,
  event: ServiceCaseEvent,
): Decision<ServiceCaseStatus> {
  return serviceCase.decide(status, facts, event);
}
