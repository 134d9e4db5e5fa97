import { z } from 'zod';
import { type Channel, forecastCategorySchema } from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import type { Message } from '../../kernel/message.js';
import { bilingualLabelSchema } from '../config/vocabulary.js';
import { sayOpportunity as say, sayOpportunity } from './opportunity-messages.js';
import type { OpportunityGateId, PipelineStage } from './opportunity-pipelines.js';

/**
 * The gates a tenant's pipeline may put on entering a stage: the built-in checks on the deal, by id.
 * `lossReason` and `noOrder` guard losing and reopening whatever the pipeline; as entry gates they
 * would make a stage unreachable, so they are not offered.
 */
export const OPPORTUNITY_GATE_IDS = [
  'presales',
  'hasLines',
  'hasAmount',
] as const satisfies readonly OpportunityGateId[];

/** A stage id a tenant names: a lower-case identifier, stored on deals and written in reports. */
const stageIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, zodMessage(sayOpportunity('opportunity.invalid.stageId')));

const stageSchema = z.strictObject({
  id: stageIdSchema,
  // One text for every reader, or the stage's words in both built-in languages (each reader sees theirs).
  label: z.union([z.string().trim().min(1).max(80), bilingualLabelSchema]),
  probability: z.number().int().min(0).max(100),
  forecastCategory: forecastCategorySchema,
  staleAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
  kind: z.enum(['open', 'won', 'lost']),
  entryGates: z.array(z.enum(OPPORTUNITY_GATE_IDS)).max(OPPORTUNITY_GATE_IDS.length).default([]),
});

/**
 * One channel's pipeline as a tenant declares it: its open stages in order, then exactly one `won`
 * and one `lost` stage. The closed stages keep the ids `won` and `lost` (reports, the close date
 * and every "is the deal open" check read them); their labels, probabilities and gates are the
 * tenant's. Open stages are the tenant's own ids.
 */
export const pipelineStagesSchema = z
  .array(stageSchema)
  .min(3)
  .max(30)
  .superRefine((stages, ctx) => {
    const issue = (problem: Message, path: (string | number)[] = []) =>
      ctx.addIssue({ code: 'custom', ...zodMessage(problem), path });
    const ids = new Set<string>();
    stages.forEach((s, i) => {
      if (ids.has(s.id)) issue(say('opportunity.pipeline.stageTwice', { id: s.id }), [i, 'id']);
      ids.add(s.id);
      if (s.kind === 'open' && (s.id === 'won' || s.id === 'lost'))
        issue(say('opportunity.pipeline.reservedId', { id: s.id }), [i, 'id']);
      if (s.kind !== 'open' && s.id !== s.kind)
        issue(say('opportunity.pipeline.closedId', { kind: s.kind }), [i, 'id']);
      if (s.kind === 'open' && s.staleAfterDays === null)
        issue(say('opportunity.pipeline.staleDays'), [i, 'staleAfterDays']);
    });
    const kinds = stages.map((s) => s.kind);
    const firstClosed = kinds.findIndex((k) => k !== 'open');
    if (firstClosed < 1) issue(say('opportunity.pipeline.noOpenStage'));
    if (kinds.filter((k) => k === 'won').length !== 1) issue(say('opportunity.pipeline.oneWon'));
    if (kinds.filter((k) => k === 'lost').length !== 1) issue(say('opportunity.pipeline.oneLost'));
    if (firstClosed >= 1 && kinds.slice(firstClosed).some((k) => k === 'open'))
      issue(say('opportunity.pipeline.openFirst'));
  });
export type PipelineStagesInput = z.input<typeof pipelineStagesSchema>;

/** A pipeline the machine can be built from: its channel (for messages) and its ordered stages. */
export interface ResolvedPipeline {
  readonly channel: Channel;
  /** The tenant configuration version it comes from; 0 = the built-in templates. */
  readonly version: number;
  readonly stages: readonly PipelineStage<string>[];
}

/** The stage of a resolved pipeline, or undefined. */
export function stageOf(pipeline: ResolvedPipeline, stage: string): PipelineStage<string> | undefined {
  return pipeline.stages.find((s) => s.id === stage);
}
