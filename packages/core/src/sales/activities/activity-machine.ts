import { match } from 'ts-pattern';
import type { ActivityKind } from '../../domain/enums.js';
import type { Message } from '../../kernel/message.js';
import { compileMachine } from '../../lifecycle/compile-machine.js';
import type { Decision } from '../../lifecycle/decision.js';
import type { Gate, TransitionRow } from '../../lifecycle/machine-spec.js';
import { sayActivity as say } from './activity-messages.js';

export const ACTIVITY_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export type ActivityEvent = { type: 'COMPLETE' } | { type: 'CANCEL' } | { type: 'RESCHEDULE' };
export type ActivityEventType = ActivityEvent['type'];
export const ACTIVITY_EVENT_TYPES = [
  'COMPLETE',
  'CANCEL',
  'RESCHEDULE',
] as const satisfies readonly ActivityEventType[];

export interface ActivityFacts {
  kind: ActivityKind;
  /** The result was logged: who was met, their opinion of the solution, new requirements. */
  hasOutcome: boolean;
}

/**
 * Kinds whose result must be logged before they count as done (MISSION point 5). An email or a
 * task can be ticked off without one.
 */
export const OUTCOME_REQUIRED_KINDS: readonly ActivityKind[] = ['call', 'visit', 'meeting', 'demo_loan'];

export function isActivityTerminal(status: ActivityStatus): boolean {
  return status !== 'scheduled';
}

export function isActivityOpen(status: ActivityStatus): boolean {
  return status === 'scheduled';
}

export const ACTIVITY_GATES: readonly Gate<ActivityFacts, ActivityEvent>[] = [
  {
    id: 'outcomeLogged',
    check: (f) => f.hasOutcome || !OUTCOME_REQUIRED_KINDS.includes(f.kind),
    reason: say('activity.gate.outcomeLogged'),
  },
];

type Row = TransitionRow<ActivityStatus, ActivityFacts, ActivityEvent>;
export const ACTIVITY_TRANSITIONS: readonly Row[] = [
  { from: 'scheduled', event: 'COMPLETE', to: 'completed', gates: ['outcomeLogged'], effects: ['frozen'] },
  { from: 'scheduled', event: 'CANCEL', to: 'cancelled', gates: [], effects: ['frozen'] },
  { from: 'scheduled', event: 'RESCHEDULE', to: 'scheduled', gates: [], effects: [] },
];

function explain(from: ActivityStatus): Message {
  return match(from)
    .with('completed', () => say('activity.refused.completed'))
    .with('cancelled', () => say('activity.refused.cancelled'))
    .with('scheduled', () => say('activity.refused.scheduled'))
    .exhaustive();
}

const activity = compileMachine<ActivityStatus, ActivityFacts, ActivityEvent>({
  id: 'activity',
  states: ACTIVITY_STATUSES,
  initial: 'scheduled',
  events: ACTIVITY_EVENT_TYPES,
  gates: ACTIVITY_GATES,
  rows: ACTIVITY_TRANSITIONS,
  explain,
  unknownState: (value) => say('activity.refused.unknownStatus', { value }),
  unknownEvent: (type) => say('activity.refused.unknownEvent', { type }),
});

export const activityMachine = activity.machine;

export function decideActivity(
  status: ActivityStatus,
  facts: ActivityFacts,
  event: ActivityEvent,
): Decision<ActivityStatus> {
  return activity.decide(status, facts, event);
}
