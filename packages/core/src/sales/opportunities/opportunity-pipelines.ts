import type { Channel, ForecastCategory } from '../../domain/enums.js';

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

/** Entry conditions a stage can demand; defined (with their reasons) in `opportunity-gates.ts`. */
export type OpportunityGateId = 'presales' | 'hasLines' | 'hasAmount' | 'lossReason' | 'noOrder';

export interface PipelineStage {
  readonly id: OpportunityStage;
  readonly label: string;
  /** Win probability in percent (0–100), used to weight the forecast. */
  readonly probability: number;
  readonly forecastCategory: ForecastCategory;
  /** Days without progress after which the deal counts as stale; null for closed stages. */
  readonly staleAfterDays: number | null;
  readonly kind: 'open' | 'won' | 'lost';
  /** Gates checked whenever a deal enters this stage, whichever event moves it there. */
  readonly entryGates: readonly OpportunityGateId[];
}

const open = (
  id: OpportunityStage,
  label: string,
  probability: number,
  forecastCategory: ForecastCategory,
  staleAfterDays: number,
  entryGates: readonly OpportunityGateId[] = [],
): PipelineStage => ({ id, label, probability, forecastCategory, staleAfterDays, kind: 'open', entryGates });

const won = (entryGates: readonly OpportunityGateId[]): PipelineStage => ({
  id: 'won',
  label: 'Won',
  probability: 100,
  forecastCategory: 'closed',
  staleAfterDays: null,
  kind: 'won',
  entryGates,
});

const lost: PipelineStage = {
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
 */
export const PIPELINE_TEMPLATES: Readonly<Record<Channel, readonly PipelineStage[]>> = {
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
};

export const OPPORTUNITY_CHANNELS = Object.keys(PIPELINE_TEMPLATES) as readonly Channel[];

/** The ordered stages of a channel's pipeline. */
export function pipelineFor(channel: Channel): readonly PipelineStage[] {
  return PIPELINE_TEMPLATES[channel];
}

/** A stage of a channel's pipeline, or undefined when that pipeline has no such stage. */
export function stageInfo(channel: Channel, stage: string): PipelineStage | undefined {
  return PIPELINE_TEMPLATES[channel].find((s) => s.id === stage);
}

/** How messages name a pipeline: "the key account pipeline". */
export function pipelineName(channel: Channel): string {
  return `the ${channel.replace('_', ' ')} pipeline`;
}
