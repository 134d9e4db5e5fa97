import type { Channel, ForecastCategory } from '../../domain/enums.js';
import type { BilingualText } from '../../kernel/kernel-messages.js';

/** Every stage id any channel's pipeline uses; each template picks its own ordered subset. */
export const OPPORTUNITY_STAGES = [
  'qualification',
  'needs_analysis',
  'demo',
  'solution',
  'proposal',
  'bid',
  'negotiation',
  'won',
  'lost',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

/** Entry conditions a stage can demand; defined (with their reasons) in `opportunity-machine.ts`. */
export type OpportunityGateId = 'presales' | 'hasLines' | 'hasAmount' | 'lossReason' | 'noOrder';

/** Open stages move along the pipeline; won and lost close the deal. */
export type StageKind = 'open' | 'won' | 'lost';

/** One stage of a pipeline. The type parameters keep a template's literal ids and kinds. */
export interface PipelineStage<Id extends string = OpportunityStage, K extends StageKind = StageKind> {
  readonly id: Id;
  /** What people read: one text, or a tenant's words in both built-in languages. */
  readonly label: string | BilingualText;
  /** Win probability in percent (0–100), used to weight the forecast. */
  readonly probability: number;
  readonly forecastCategory: ForecastCategory;
  /** Days without progress after which the deal counts as stale; null for closed stages. */
  readonly staleAfterDays: number | null;
  readonly kind: K;
  /** Gates checked whenever a deal enters this stage, whichever event moves it there. */
  readonly entryGates: readonly OpportunityGateId[];
}

const open = <const Id extends OpportunityStage>(
  id: Id,
  label: string,
  probability: number,
  forecastCategory: ForecastCategory,
  staleAfterDays: number,
  entryGates: readonly OpportunityGateId[] = [],
): PipelineStage<Id, 'open'> => ({
  id,
  label,
  probability,
  forecastCategory,
  staleAfterDays,
  kind: 'open',
  entryGates,
});

const won = (entryGates: readonly OpportunityGateId[]): PipelineStage<'won', 'won'> => ({
  id: 'won',
  label: 'Won',
  probability: 100,
  forecastCategory: 'closed',
  staleAfterDays: null,
  kind: 'won',
  entryGates,
});

const lost: PipelineStage<'lost', 'lost'> = {
  id: 'lost',
  label: 'Lost',
  probability: 0,
  forecastCategory: 'omitted',
  staleAfterDays: null,
  kind: 'lost',
  entryGates: [],
};

/**
 * One pipeline per sales channel (MISSION point 10). Key-account projects run up to a year and
 * need the technical department from the solution stage on, so their stages are longer, slower to
 * go stale, and gated on the deal team; distribution deals are short standard-product sales;
 * wireless has its own team and lends demo units before it quotes.
 *
 * `as const` keeps each template's stage ids as literals: the stage types below are read off this
 * data, so a stage added here is at once a valid `advance` target for that channel and no other.
 */
export const PIPELINE_TEMPLATES = {
  key_account: [
    open('qualification', 'Qualification', 10, 'pipeline', 30),
    open('needs_analysis', 'Needs analysis', 20, 'pipeline', 30),
    open('solution', 'Solution', 40, 'best_case', 45, ['presales']),
    open('bid', 'Bid', 60, 'best_case', 30, ['presales', 'hasLines']),
    open('negotiation', 'Negotiation', 80, 'commit', 21, ['presales', 'hasLines']),
    won(['presales', 'hasLines', 'hasAmount']),
    lost,
  ],
  distribution: [
    open('qualification', 'Qualification', 20, 'pipeline', 14),
    open('proposal', 'Proposal', 50, 'best_case', 14),
    open('negotiation', 'Negotiation', 80, 'commit', 7),
    won(['hasLines', 'hasAmount']),
    lost,
  ],
  wireless: [
    open('qualification', 'Qualification', 10, 'pipeline', 21),
    open('demo', 'Demo', 30, 'pipeline', 30),
    open('proposal', 'Proposal', 60, 'best_case', 14),
    open('negotiation', 'Negotiation', 80, 'commit', 10),
    won(['hasLines', 'hasAmount']),
    lost,
  ],
} as const satisfies Readonly<Record<Channel, readonly PipelineStage[]>>;

type Templates = typeof PIPELINE_TEMPLATES;

/** Every stage id of channel `C`'s pipeline, open and closed; a union of channels gives the union of their stages. */
export type StageOf<C extends Channel> = Templates[C][number]['id'];
/** The stages a deal of channel `C` can be moved to by `advance`, `retreat` or `reopen`. */
export type OpenStageOf<C extends Channel> = Extract<Templates[C][number], { kind: 'open' }>['id'];
/** Key-account project stages: `'qualification' | 'needs_analysis' | 'solution' | 'bid' | 'negotiation' | 'won' | 'lost'`. */
export type KeyAccountStage = StageOf<'key_account'>;
/** Distribution stages: `'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost'`. */
export type DistributionStage = StageOf<'distribution'>;
/** Wireless stages: `'qualification' | 'demo' | 'proposal' | 'negotiation' | 'won' | 'lost'`. */
export type WirelessStage = StageOf<'wireless'>;
/** The ordered stages of channel `C`'s pipeline. */
export type Pipeline<C extends Channel = Channel> = readonly PipelineStage<StageOf<C>>[];

export const OPPORTUNITY_CHANNELS = Object.keys(PIPELINE_TEMPLATES) as readonly Channel[];

/**
 * Whether `channel` names a built-in pipeline. `Object.hasOwn`, not `in` or a lookup: a channel
 * read from a request may be `'__proto__'` or `'constructor'`, which every object literal inherits.
 */
export function isPipelineChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(PIPELINE_TEMPLATES, channel);
}

/** The ordered stages of a channel's pipeline. */
export function pipelineFor<C extends Channel>(channel: C): Pipeline<C> {
  return PIPELINE_TEMPLATES[channel] as Pipeline<C>;
}

/** A stage of a channel's pipeline, or undefined when there is no such channel or stage. */
export function stageInfo<C extends Channel>(
  channel: C,
  stage: string,
): PipelineStage<StageOf<C>> | undefined {
  return isPipelineChannel(channel) ? pipelineFor(channel).find((s) => s.id === stage) : undefined;
}

/** How messages name a pipeline: "the key account pipeline". */
export function pipelineName(channel: Channel): string {
  return `the ${channel.replace('_', ' ')} pipeline`;
}
