import { z } from 'zod';
import { expectedVersionSchema } from '../../domain/common.js';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { currentPipeline } from '../config/resolve-pipeline.js';
import type { Opportunity } from './opportunity.js';
import { sayOpportunity } from './opportunity-messages.js';
import { stageFields } from './opportunity-rules.js';
import type { ResolvedPipeline } from './pipeline-config.js';

export const migratePipelineInput = z
  .strictObject({
    /** Where each open stage the new pipeline lacks goes: `{ needs_analysis: 'discovery' }`. */
    stageMap: z.record(z.string(), z.string()).default({}),
    expectedVersion: expectedVersionSchema,
  })
  .default({ stageMap: {} });
export type MigratePipelineInput = z.input<typeof migratePipelineInput>;

/** What `migratePipeline` did: the versions and stages before and after, and whether anything moved. */
export interface PipelineMigration {
  opportunity: Opportunity;
  fromVersion: number;
  toVersion: number;
  fromStage: string;
  toStage: string;
  /** False when the deal already ran on the configuration in force (nothing written). */
  moved: boolean;
}

/** The stage a deal lands on in `target`: a closed deal stays closed; an open one keeps its id or is mapped. */
export function targetStage(
  opp: Opportunity,
  target: ResolvedPipeline,
  stageMap: Record<string, string>,
): string {
  if (opp.stage === 'won' || opp.stage === 'lost') return opp.stage;
  const open = target.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  const to = stageMap[opp.stage] ?? opp.stage;
  if (open.includes(to)) return to;
  throw new ValidationError([
    fieldIssue(
      `stageMap.${opp.stage}`,
      sayOpportunity('opportunity.invalid.noOpenStage', {
        version: target.version,
        channel: opp.channel,
        to,
        stage: opp.stage,
        open: open.join(', '),
      }),
    ),
  ]);
}

/**
 * Moves a deal onto the pipeline in force. Probability and forecast follow the new stage table; the
 * stage clock restarts only if the stage changed. Entry gates are not re-checked: the admin's new
 * table is applied to where the deal already is, and the history event records the move.
 */
export async function migrateDealPipeline(
  ctx: CommandContext,
  opp: Opportunity,
  input: z.output<typeof migratePipelineInput>,
): Promise<PipelineMigration> {
  const target = await currentPipeline(ctx, opp.channel);
  const fromVersion = opp.pipelineVersion ?? 0;
  const base = { fromVersion, toVersion: target.version, fromStage: opp.stage };
  if (target.version === fromVersion) return { ...base, opportunity: opp, toStage: opp.stage, moved: false };
  const toStage = targetStage(opp, target, input.stageMap);
  const fields = stageFields(opp, toStage, ctx.now, target);
  const changes: Partial<Opportunity> = {
    ...fields,
    stageEnteredAt: toStage === opp.stage ? opp.stageEnteredAt : ctx.now,
    closedAt: opp.closedAt,
    pipelineVersion: target.version,
  };
  const next = await ctx.update(ENTITY.opportunity, opp, changes, 'opportunity.pipeline_migrated', {
    fromVersion,
    toVersion: target.version,
    fromStage: opp.stage,
    toStage,
  });
  return { ...base, opportunity: next, toStage, moved: true };
}
