import type { BilingualText } from '../../kernel/kernel-messages.js';
import type { Instant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { addLocalDays } from '../reminders/local-time.js';
import {
  type ReminderChannel,
  type ReminderConfig,
  resolveRuleSettings,
} from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';

/**
 * What the stale-deal rule reads: a plain object the service builds from the stored record
 * (the rules never see a record, so they stay pure).
 */
export interface OpportunityReminderFacts {
  id: string;
  ownerId: string;
  channel: ReminderChannel;
  /** Stage id from the deal's pipeline (the template's or the tenant's), e.g. `solution`. */
  stage: string;
  /** The stage's label in the deal's pipeline, so the reminder names a tenant's stage in its words. */
  stageLabel?: string | BilingualText;
  /** False once the opportunity is won or lost (a terminal stage). */
  stageOpen: boolean;
  /** The pipeline template's staleness limit for this stage; null = never stale. Config may override. */
  staleAfterDays: number | null;
  stageEnteredAt: Instant;
  /** The deal's name as the salesperson knows it. */
  label: string;
}

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
        ...(facts.stageLabel === undefined ? {} : { stageLabel: facts.stageLabel }),
        staleDays,
      },
      settings,
    ),
  ];
}
