import { z } from 'zod';
import type { Channel } from '../../domain/enums.js';
import type { Instant } from '../../kernel/time.js';
import {
  OPPORTUNITY_CHANNELS,
  type OpportunityGateId,
  type PipelineStage,
  pipelineFor,
} from '../opportunities/opportunity-pipelines.js';
import { type PipelineStagesInput, pipelineStagesSchema } from '../opportunities/pipeline-config.js';

/**
 * What a tenant may configure today: the pipeline of each sales channel. A channel left out keeps
 * the built-in template (`PIPELINE_TEMPLATES`), so the defaults are today's constants.
 */
export const tenantConfigSchema = z.strictObject({
  pipelines: z
    .partialRecord(z.enum(OPPORTUNITY_CHANNELS as [Channel, ...Channel[]]), pipelineStagesSchema)
    .default({}),
});
export type TenantConfigDoc = z.output<typeof tenantConfigSchema>;

/** `config.update`: the pipelines to replace (others are kept), at the version the admin read. */
export const updateTenantConfigInput = z.strictObject({
  pipelines: z.partialRecord(z.enum(OPPORTUNITY_CHANNELS as [Channel, ...Channel[]]), pipelineStagesSchema),
  /** The version `config.get` returned; 0 while the tenant runs on the defaults. */
  expectedVersion: z.number().int().min(0),
});
/** One stage as `config.update` takes it; a stage `config.get` returned can be passed back as is. */
export type PipelineStageInput = Omit<PipelineStagesInput[number], 'entryGates'> & {
  /** Checked at run time against the gates a stage may have (`OPPORTUNITY_GATE_IDS`). */
  entryGates?: readonly OpportunityGateId[];
};
export interface UpdateTenantConfigInput {
  pipelines: Partial<Record<Channel, readonly PipelineStageInput[]>>;
  expectedVersion: number;
}

/** A tenant's configuration as the service uses it: every channel's pipeline, defaults filled in. */
export interface TenantConfig {
  /** 0 while the tenant runs on the built-in defaults; then 1, 2, … one per saved change. */
  version: number;
  pipelines: Record<Channel, readonly PipelineStage<string>[]>;
  updatedAt: Instant | null;
  updatedBy: string | null;
}

/** The configuration a stored document (or none: the defaults) gives. */
export function resolveTenantConfig(
  stored: { version: number; config: unknown; createdAt: Instant; createdBy: string } | null,
): TenantConfig {
  const doc = stored ? tenantConfigSchema.parse(stored.config) : { pipelines: {} };
  const pipelines = Object.fromEntries(
    OPPORTUNITY_CHANNELS.map((channel) => [channel, doc.pipelines[channel] ?? pipelineFor(channel)]),
  ) as Record<Channel, readonly PipelineStage<string>[]>;
  return {
    version: stored?.version ?? 0,
    pipelines,
    updatedAt: stored?.createdAt ?? null,
    updatedBy: stored?.createdBy ?? null,
  };
}
