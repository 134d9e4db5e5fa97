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
  type PipelineStage,
  pipelineFor,
} from './opportunity-pipelines.js';
import type { ResolvedPipeline } from './pipeline-config.js';

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

/**
 * Derives a pipeline's transition table from its stages, so adding a stage needs no new rows: any
 * open stage to any other (ADVANCE forward, RETREAT back), WIN and LOSE from every open stage, and
 * REOPEN from won or lost to any open stage (lost deals reopen at the first open stage, won deals at
 * the last, unless the event names one).
 */
function rowsFor(stages: readonly PipelineStage<string>[]): readonly Row[] {
  const openStages = stages.filter((s) => s.kind === 'open');
  const wonStage = stages.find((s) => s.kind === 'won')!;
  const firstOpen = openStages[0]!;
  const lastOpen = openStages[openStages.length - 1]!;
  const rows: Row[] = [];
  const id = (s: PipelineStage<string>) => s.id as OpportunityStage;
  openStages.forEach((from, i) => {
    openStages.forEach((to, j) => {
      if (i === j) return;
      rows.push({
        from: id(from),
        event: j > i ? 'ADVANCE' : 'RETREAT',
        to: id(to),
        when: (_, e) => targetOf(e) === to.id,
        gates: to.entryGates,
        effects: ['stageEntered'],
      });
    });
    rows.push({
      from: id(from),
      event: 'WIN',
      to: 'won',
      gates: wonStage.entryGates,
      effects: ['stageEntered', 'closedWon'],
    });
    rows.push({
      from: id(from),
      event: 'LOSE',
      to: 'lost',
      gates: ['lossReason'],
      effects: ['stageEntered', 'closedLost'],
    });
  });
  for (const closed of ['won', 'lost'] as const) {
    const fallback = closed === 'won' ? lastOpen.id : firstOpen.id;
    for (const to of openStages) {
      rows.push({
        from: closed,
        event: 'REOPEN',
        to: id(to),
        when: (_, e) => (targetOf(e) ?? fallback) === to.id,
        gates: closed === 'won' ? ['noOrder', ...to.entryGates] : to.entryGates,
        effects: ['stageEntered', 'reopened'],
      });
    }
  }
  return rows;
}

function explainFor(pipeline: Message, stages: readonly PipelineStage<string>[]) {
  const find = (id: unknown) => stages.find((s) => s.id === String(id));
  const label = (id: unknown) => stageName(String(id), find(id)?.label);
  return (from: OpportunityStage, event: OpportunityEvent): Message => {
    const to = targetOf(event);
    const target = to === undefined ? undefined : find(to);
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

type OpportunityMachine = CompiledMachine<OpportunityStage, OpportunityFacts, OpportunityEvent>;

/** A pipeline's machine: the same xstate compilation for the built-in templates and a tenant's own. */
export function compilePipelineMachine(
  id: string,
  channel: Channel,
  stages: readonly PipelineStage<string>[],
): OpportunityMachine {
  const pipeline = pipelineTitle(channel);
  return compileMachine<OpportunityStage, OpportunityFacts, OpportunityEvent>({
    id,
    states: stages.map((s) => s.id as OpportunityStage),
    initial: stages[0]!.id as OpportunityStage,
    events: OPPORTUNITY_EVENT_TYPES,
    gates: OPPORTUNITY_GATES,
    rows: rowsFor(stages),
    explain: explainFor(pipeline, stages),
    unknownState: (value) => say('opportunity.refused.noStage', { pipeline, stage: value }),
    unknownEvent: (type) => say('opportunity.refused.unknownEvent', { type }),
  });
}

/** Each channel's table, declared once; the coverage test walks these. */
export const OPPORTUNITY_TRANSITIONS: Readonly<Record<Channel, readonly Row[]>> = Object.fromEntries(
  OPPORTUNITY_CHANNELS.map((channel) => [channel, rowsFor(pipelineFor(channel))]),
) as Record<Channel, readonly Row[]>;

const machines = Object.fromEntries(
  OPPORTUNITY_CHANNELS.map((channel) => [
    channel,
    compilePipelineMachine(`opportunity.${channel}`, channel, pipelineFor(channel)),
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

/** Compiled tenant pipelines, by content: a configuration version never changes once written. */
const compiled = new Map<string, OpportunityMachine>();

/**
 * Decides an opportunity event against a resolved pipeline: the built-in template of its channel
 * (version 0) or a tenant's configured one, compiled once per distinct stage table.
 */
export function decideOnPipeline(
  pipeline: ResolvedPipeline,
  stage: string,
  facts: OpportunityFacts,
  event: OpportunityEvent,
): Decision<OpportunityStage> {
  if (pipeline.version === 0)
    return decideOpportunity(pipeline.channel, stage as OpportunityStage, facts, event);
  const key = `${pipeline.channel}\u0000${JSON.stringify(pipeline.stages)}`;
  let machine = compiled.get(key);
  if (machine === undefined) {
    if (compiled.size >= 256) compiled.clear();
    machine = compilePipelineMachine(`opportunity.${pipeline.channel}`, pipeline.channel, pipeline.stages);
    compiled.set(key, machine);
  }
  return machine.decide(stage as OpportunityStage, facts, event);
}

/** Rows of tenant pipelines by their stage list (a configuration's, kept with the tenant's setup). */
const rowsByStages = new WeakMap<readonly PipelineStage<string>[], readonly Row[]>();

/**
 * Whether deciding `type` from `stage` on this pipeline can check `gate`: some row from that stage
 * for that event lists it (whichever row the event then selects). A gate no row can check is never
 * asked, so the fact only it reads need not be gathered: `noOrder` alone reads `hasOrder`, and
 * only a REOPEN of a won deal (or a stage a tenant gave that gate) checks it, so a stage move
 * counts no orders. An unknown channel answers true: nothing is assumed of it.
 */
export function gateMayRun(
  pipeline: ResolvedPipeline,
  stage: string,
  type: OpportunityEventType,
  gate: OpportunityGateId,
): boolean {
  let rows: readonly Row[] | undefined;
  if (pipeline.version === 0) {
    if (!isPipelineChannel(pipeline.channel)) return true;
    rows = OPPORTUNITY_TRANSITIONS[pipeline.channel];
  } else {
    rows = rowsByStages.get(pipeline.stages);
    if (rows === undefined) {
      rows = rowsFor(pipeline.stages);
      rowsByStages.set(pipeline.stages, rows);
    }
  }
  for (const row of rows)
    if (row.from === stage && row.event === type && row.gates.includes(gate)) return true;
  return false;
}
