import { match, P } from 'ts-pattern';
import type { AnyStateMachine } from 'xstate';
import type { Channel, TeamRole } from '../../domain/enums.js';
import type { Message } from '../../kernel/message.js';
import { type CompiledMachine, compileMachine } from '../../lifecycle/compile-machine.js';
import { type Decision, refused } from '../../lifecycle/decision.js';
import { eventText } from '../../lifecycle/effects.js';
import { type Gate, hasText, type TransitionRow } from '../../lifecycle/machine-spec.js';
import { pipelineTitle, sayOpportunity as say, stageName } from './opportunity-messages.js';
import {
  isPipelineChannel,
  OPPORTUNITY_CHANNELS,
  OPPORTUNITY_STAGES,
  type OpportunityGateId,
  type OpportunityStage,
  pipelineFor,
  stageInfo,
} from './opportunity-pipelines.js';

export type OpportunityEvent =
  /** Forward to any later open stage. */
  | { type: 'ADVANCE'; to: OpportunityStage }
  /** Back to any earlier open stage. */
  | { type: 'RETREAT'; to: OpportunityStage }
  | { type: 'WIN' }
  | { type: 'LOSE'; reason: string }
  /** Lost deals reopen at qualification, won deals at the last open stage, unless `to` says otherwise. */
  | { type: 'REOPEN'; to?: OpportunityStage };
export type OpportunityEventType = OpportunityEvent['type'];
export const OPPORTUNITY_EVENT_TYPES = [
  'ADVANCE',
  'RETREAT',
  'WIN',
  'LOSE',
  'REOPEN',
] as const satisfies readonly OpportunityEventType[];

export interface OpportunityFacts {
  lineCount: number;
  amountMinor: number;
  teamRoles: readonly TeamRole[];
  /** An order was already created from this deal. */
  hasOrder: boolean;
  endCustomerKnown: boolean;
}

export function isOpportunityOpen(stage: OpportunityStage): boolean {
  return stage !== 'won' && stage !== 'lost';
}

/** Won and lost close the deal; only REOPEN leaves them. */
export function isOpportunityTerminal(stage: OpportunityStage): boolean {
  return !isOpportunityOpen(stage);
}

type OpportunityGate = Gate<OpportunityFacts, OpportunityEvent> & { readonly id: OpportunityGateId };
export const OPPORTUNITY_GATES: readonly OpportunityGate[] = [
  {
    id: 'presales',
    check: (f) => f.teamRoles.includes('presales'),
    reason: say('opportunity.gate.presales'),
  },
  { id: 'hasLines', check: (f) => f.lineCount >= 1, reason: say('opportunity.gate.hasLines') },
  { id: 'hasAmount', check: (f) => f.amountMinor > 0, reason: say('opportunity.gate.hasAmount') },
  {
    id: 'lossReason',
    check: (_, e) => hasText(eventText(e, 'reason')),
    reason: say('opportunity.gate.lossReason'),
  },
  { id: 'noOrder', check: (f) => !f.hasOrder, reason: say('opportunity.gate.noOrder') },
];

type Row = TransitionRow<OpportunityStage, OpportunityFacts, OpportunityEvent>;
const targetOf = (e: OpportunityEvent): unknown => (e as { to?: unknown }).to;

/** Derives a channel's transition table from its template, so adding a stage needs no new rows. */
function rowsFor(channel: Channel): readonly Row[] {
  const stages = pipelineFor(channel);
  const openStages = stages.filter((s) => s.kind === 'open');
  const wonStage = stages.find((s) => s.kind === 'won')!;
  const lastOpen = openStages[openStages.length - 1]!;
  const rows: Row[] = [];
  openStages.forEach((from, i) => {
    openStages.forEach((to, j) => {
      if (i === j) return;
      rows.push({
        from: from.id,
        event: j > i ? 'ADVANCE' : 'RETREAT',
        to: to.id,
        when: (_, e) => targetOf(e) === to.id,
        gates: to.entryGates,
        effects: ['stageEntered'],
      });
    });
    rows.push({
      from: from.id,
      event: 'WIN',
      to: 'won',
      gates: wonStage.entryGates,
      effects: ['stageEntered', 'closedWon'],
    });
    rows.push({
      from: from.id,
      event: 'LOSE',
      to: 'lost',
      gates: ['lossReason'],
      effects: ['stageEntered', 'closedLost'],
    });
  });
  for (const closed of ['won', 'lost'] as const) {
    const fallback = closed === 'won' ? lastOpen.id : 'qualification';
    for (const to of openStages) {
      rows.push({
        from: closed,
        event: 'REOPEN',
        to: to.id,
        when: (_, e) => (targetOf(e) ?? fallback) === to.id,
        gates: closed === 'won' ? ['noOrder', ...to.entryGates] : to.entryGates,
        effects: ['stageEntered', 'reopened'],
      });
    }
  }
  return rows;
}

function explainFor(channel: Channel) {
  const pipeline = pipelineTitle(channel);
  const label = (id: unknown) => stageName(String(id), stageInfo(channel, String(id))?.label);
  return (from: OpportunityStage, event: OpportunityEvent): Message => {
    const to = targetOf(event);
    const target = to === undefined ? undefined : stageInfo(channel, String(to));
    const stage = stageName(from);
    return match({ from, type: event.type })
      .with({ from: P.union('won', 'lost'), type: P.union('ADVANCE', 'RETREAT') }, () =>
        say('opportunity.refused.closedReopenFirst', { stage }),
      )
      .with({ from: 'won', type: 'WIN' }, { from: 'lost', type: 'LOSE' }, () =>
        say('opportunity.refused.alreadyClosed', { stage }),
      )
      .with({ from: P.union('won', 'lost') }, ({ type }) =>
        type === 'REOPEN'
          ? say('opportunity.refused.noOpenStage', { pipeline, stage: String(to) })
          : say('opportunity.refused.wasClosed', { stage }),
      )
      .with({ type: 'REOPEN' }, () => say('opportunity.refused.stillOpen'))
      .otherwise(({ type }) => {
        if (target === undefined) return say('opportunity.refused.noStage', { pipeline, stage: String(to) });
        if (target.kind !== 'open')
          return say('opportunity.refused.markInstead', { stage: stageName(target.id) });
        if (target.id === from) return say('opportunity.refused.alreadyAt', { stage: label(target.id) });
        const pair = { target: label(target.id), current: label(from) };
        return type === 'ADVANCE'
          ? say('opportunity.refused.moveBack', pair)
          : say('opportunity.refused.advanceInstead', pair);
      });
  };
}

/** Each channel's table, declared once; the coverage test walks these. */
export const OPPORTUNITY_TRANSITIONS: Readonly<Record<Channel, readonly Row[]>> = Object.fromEntries(
  OPPORTUNITY_CHANNELS.map((channel) => [channel, rowsFor(channel)]),
) as Record<Channel, readonly Row[]>;

const machines = Object.fromEntries(
  OPPORTUNITY_CHANNELS.map((channel) => [
    channel,
    compileMachine<OpportunityStage, OpportunityFacts, OpportunityEvent>({
      id: `opportunity.${channel}`,
      states: pipelineFor(channel).map((s) => s.id),
      initial: 'qualification',
      events: OPPORTUNITY_EVENT_TYPES,
      gates: OPPORTUNITY_GATES,
      rows: OPPORTUNITY_TRANSITIONS[channel],
      explain: explainFor(channel),
      unknownState: (value) =>
        say('opportunity.refused.noStage', { pipeline: pipelineTitle(channel), stage: value }),
      unknownEvent: (type) => say('opportunity.refused.unknownEvent', { type }),
    }),
  ]),
) as Record<Channel, CompiledMachine<OpportunityStage, OpportunityFacts, OpportunityEvent>>;

/** The compiled xstate machine of each channel, for inspection; decide through `decideOpportunity`. */
export const opportunityMachines: Readonly<Record<Channel, AnyStateMachine>> = Object.fromEntries(
  OPPORTUNITY_CHANNELS.map((channel) => [channel, machines[channel].machine]),
) as Record<Channel, AnyStateMachine>;

/** Stage ids across all channels, in pipeline order; a persisted stage must be one of these. */
export const OPPORTUNITY_STATES: readonly OpportunityStage[] = OPPORTUNITY_STAGES;

/** Decides an opportunity event purely, against the pipeline of the deal's channel. */
export function decideOpportunity(
  channel: Channel,
  stage: OpportunityStage,
  facts: OpportunityFacts,
  event: OpportunityEvent,
): Decision<OpportunityStage> {
  if (!isPipelineChannel(channel))
    return refused(
      stage,
      String(event?.type),
      say('opportunity.refused.unknownChannel', { channel: String(channel) }),
    );
  return machines[channel].decide(stage, facts, event);
}
