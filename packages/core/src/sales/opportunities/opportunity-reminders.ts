import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { addLocalDays } from '../reminders/local-time.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';
import type { OpportunityReminderFacts } from '../reminders/reminder-facts.js';

/**
 * An opportunity that has sat in one open stage longer than the stage allows is stale. The limit
 * comes from the pipeline template unless config overrides it for the channel and stage.
 */
export function remindersForOpportunity(
  facts: OpportunityReminderFacts,
  config: ReminderConfig,
): DesiredReminder[] {
  if (!facts.stageOpen) return [];
  const settings = resolveRuleSettings(config, facts.channel);
  const overrides = settings.staleAfterDaysByStage;
  // hasOwn, not `??`: an override of null must switch the reminder off, not fall back to the template.
  const staleDays = Object.hasOwn(overrides, facts.stage)
    ? (overrides[facts.stage] ?? null)
    : facts.staleAfterDays;
  if (staleDays === null) return [];

  return [
    toDesiredReminder(
      {
        kind: 'stale_opportunity',
        subjectId: facts.id,
        userId: facts.ownerId,
        label: facts.label,
        dueAt: addLocalDays(facts.stageEnteredAt, staleDays, settings.timeZone),
        stage: facts.stage,
        staleDays,
      },
      settings,
    ),
  ];
}
