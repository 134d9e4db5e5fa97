import type { Channel } from '../../domain/enums.js';
import { StorageError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { pipelineFor } from '../opportunities/opportunity-pipelines.js';
import type { ResolvedPipeline } from '../opportunities/pipeline-config.js';
import { resolveTenantConfig } from './tenant-config.js';

/**
 * The pipeline a new deal of `channel` starts on: the tenant's latest configuration, as the
 * command's context holds it (cached beside the org chart, checked by the stamp every command reads).
 */
export async function currentPipeline(ctx: CommandContext, channel: Channel): Promise<ResolvedPipeline> {
  const { config } = ctx;
  return { channel, version: config.version, stages: config.pipelines[channel] };
}

/** The pipeline of configuration `version` (0: the built-in template) for `channel`. */
export async function pipelineAt(
  ctx: CommandContext,
  channel: Channel,
  version: number,
): Promise<ResolvedPipeline> {
  if (version === 0) return { channel, version, stages: pipelineFor(channel) };
  if (version === ctx.config.version) return { channel, version, stages: ctx.config.pipelines[channel] };
  const stored = await ctx.tx.configs.get(version);
  if (stored === null) throw new StorageError(`configuration version ${version} is missing`);
  return { channel, version, stages: resolveTenantConfig(stored).pipelines[channel] };
}
