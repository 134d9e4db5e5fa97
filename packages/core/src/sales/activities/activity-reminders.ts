import { addMs } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';
import type { ActivityReminderFacts } from '../reminders/reminder-facts.js';

const MS_PER_MINUTE = 60_000;

/**
 * A scheduled appointment (visit, call, demo-unit hand-over) is announced a fixed number of
 * minutes before it starts, so customer appointments are kept on time (MISSION point 5). Elapsed
 * minutes, not wall-clock: "in 60 minutes" is 60 real minutes even across a DST change.
 */
export function remindersForActivity(
  facts: ActivityReminderFacts,
  config: ReminderConfig,
): DesiredReminder[] {
  if (facts.status !== 'scheduled') return [];
  const settings = resolveRuleSettings(config);
  return [
    toDesiredReminder(
      {
        kind: 'upcoming_activity',
        subjectId: facts.id,
        userId: facts.ownerId,
        label: facts.label,
        dueAt: addMs(facts.startAt, -settings.activityLeadMinutes * MS_PER_MINUTE),
        activityKind: facts.kind,
        startAt: facts.startAt,
        leadMinutes: settings.activityLeadMinutes,
      },
      settings,
    ),
  ];
}
