import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { Opportunity } from './opportunity.js';
import { stageInfo } from './opportunity-pipelines.js';
import { remindersForOpportunity } from './opportunity-reminders.js';

/** The stale-deal reminder of an opportunity, recomputed after any change to it. */
export async function syncOpportunityReminders(
  ctx: CommandContext,
  opp: Opportunity,
  options: FreshOption,
): Promise<void> {
  const info = stageInfo(opp.channel, opp.stage);
  const desired = remindersForOpportunity(
    {
      id: opp.id,
      ownerId: opp.ownerId,
      channel: opp.channel,
      stage: opp.stage,
      stageOpen: info?.kind === 'open',
      staleAfterDays: info?.staleAfterDays ?? null,
      stageEnteredAt: opp.stageEnteredAt,
      label: opp.name,
    },
    ctx.reminders,
  );
  await syncReminders(ctx, 'opportunity', opp.id, desired, options);
}
