import type { BilingualText } from '../../kernel/kernel-messages.js';
import type { Text } from '../../kernel/message.js';
import { addMs, type Instant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';

export type ActivityFactStatus = 'scheduled' | 'completed' | 'cancelled';

/**
 * What the appointment rule reads: a plain object the service builds from the stored record
 * (the rules never see a record, so they stay pure).
 */
export interface ActivityReminderFacts {
  id: string;
  ownerId: string;
  status: ActivityFactStatus;
  /** What kind of appointment, in words for the message: `visit`, `call`, `demo`… */
  kind: string;
  /** The tenant's label of `kind` (its `config.activityKinds` entry), when it has one. */
  kindLabel?: BilingualText;
  startAt: Instant;
  /** Who the appointment is with. */
  label: Text;
}

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
        ...(facts.kindLabel ? { activityLabel: facts.kindLabel } : {}),
        startAt: facts.startAt,
        leadMinutes: settings.activityLeadMinutes,
      },
      settings,
    ),
  ];
}
