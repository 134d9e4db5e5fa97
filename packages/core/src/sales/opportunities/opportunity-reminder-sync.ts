import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { pipelineAt } from '../config/resolve-pipeline.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { Opportunity } from './opportunity.js';
import { remindersForOpportunity } from './opportunity-reminders.js';
import { stageOf } from './pipeline-config.js';

/**
 * The stale-deal reminder of an opportunity, recomputed after any change to it. The stage is read
 * in the deal's own pipeline (the configuration version it runs on), not the built-in template:
 * a tenant's stages have their own ids and staleness limits.
 */
export async function syncOpportunityReminders(
  ctx: CommandContext,
  opp: Opportunity,
  options: FreshOption,
): Promise<void> {
  const pipeline = await pipelineAt(ctx, opp.channel, opp.pipelineVersion ?? 0);
  const info = stageOf(pipeline, opp.stage);
  const desired = remindersForOpportunity(
    {
      id: opp.id,
      ownerId: opp.ownerId,
      channel: opp.channel,
      stage: opp.stage,
      ...(info === undefined ? {} : { stageLabel: info.label }),
      stageOpen: info?.kind === 'open',
      staleAfterDays: info?.staleAfterDays ?? null,
      stageEnteredAt: opp.stageEnteredAt,
      label: opp.name,
    },
    ctx.reminders,
  );
  await syncReminders(ctx, 'opportunity', opp.id, desired, options);
}
