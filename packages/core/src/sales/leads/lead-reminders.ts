import { maxInstant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { addLocalDays, atLocalTime, shiftCalendarDate } from '../reminders/local-time.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { type ReminderDraft, toDesiredReminder } from '../reminders/reminder-draft.js';
import type { LeadFactStatus, LeadReminderFacts } from '../reminders/reminder-facts.js';

const OPEN_LEAD_STATUSES: ReadonlySet<LeadFactStatus> = new Set(['new', 'working', 'qualified', 'nurture']);

/**
 * An open lead is followed up N days after the last customer-facing contact (or capture, when the
 * customer has not been contacted yet), and reminded before its latest quote lapses. Converted and
 * disqualified leads need neither: the opportunity or nobody carries on from there.
 */
export function remindersForLead(facts: LeadReminderFacts, config: ReminderConfig): DesiredReminder[] {
  if (!OPEN_LEAD_STATUSES.has(facts.status)) return [];
  const settings = resolveRuleSettings(config, facts.channel);
  const quietDays = facts.status === 'nurture' ? settings.nurtureFollowUpDays : settings.leadFollowUpDays;
  // The later of the two: a contact logged with a time before capture (back-filled) must not pull
  // the follow-up earlier than the lead exists.
  const lastTouch =
    facts.lastCustomerContactAt === null
      ? facts.receivedAt
      : maxInstant(facts.receivedAt, facts.lastCustomerContactAt);

  const drafts: ReminderDraft[] = [
    {
      kind: 'lead_follow_up',
      subjectId: facts.id,
      userId: facts.ownerId,
      label: facts.label,
      // Calendar days in the configured zone: "3 days after a 23:30 call" is 23:30 three days later.
      dueAt: addLocalDays(lastTouch, quietDays, settings.timeZone),
      quietDays,
    },
  ];

  if (facts.latestQuote !== null) {
    const { validUntil } = facts.latestQuote;
    drafts.push({
      kind: 'quote_expiring',
      subjectId: facts.id,
      userId: facts.ownerId,
      label: facts.label,
      dueAt: atLocalTime(
        shiftCalendarDate(validUntil, -settings.quoteExpiryNoticeDays),
        settings.noticeTime,
        settings.timeZone,
      ),
      validUntil,
    });
  }

  return drafts.map((d) => toDesiredReminder(d, settings));
}
