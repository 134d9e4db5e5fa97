import type { Text } from '../../kernel/message.js';
import type { CalendarDate, Instant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { atLocalTime, shiftCalendarDate } from '../reminders/local-time.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';

/**
 * What the demo-unit rule reads: a plain object the service builds from the stored record
 * (the rules never see a record, so they stay pure).
 */
export interface DemoLoanReminderFacts {
  id: string;
  ownerId: string;
  /** Serial number of the lent unit, so the salesperson knows which one to fetch. */
  serial: string;
  dueBack: CalendarDate;
  /** When the unit came back; null while it is still with the customer. */
  returnedAt: Instant | null;
  /** Who has the unit. */
  label: Text;
}

/**
 * A lent demo unit is announced at the notice time on the day before it is due back. The reminder
 * stays until the unit is returned, so an overdue loan remains due rather than disappearing.
 */
export function remindersForDemoLoan(
  facts: DemoLoanReminderFacts,
  config: ReminderConfig,
): DesiredReminder[] {
  if (facts.returnedAt !== null) return [];
  const settings = resolveRuleSettings(config);
  return [
    toDesiredReminder(
      {
        kind: 'demo_unit_due_back',
        subjectId: facts.id,
        userId: facts.ownerId,
        label: facts.label,
        dueAt: atLocalTime(
          shiftCalendarDate(facts.dueBack, -settings.demoReturnNoticeDays),
          settings.noticeTime,
          settings.timeZone,
        ),
        serial: facts.serial,
        dueBack: facts.dueBack,
      },
      settings,
    ),
  ];
}
