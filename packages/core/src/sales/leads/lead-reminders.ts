import { type CalendarDate, type Instant, maxInstant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { addLocalDays, atLocalTime, shiftCalendarDate } from '../reminders/local-time.js';
import {
  type ReminderChannel,
  type ReminderConfig,
  resolveRuleSettings,
} from '../reminders/reminder-config.js';
import { type ReminderDraft, toDesiredReminder } from '../reminders/reminder-draft.js';

export type LeadFactStatus = 'new' | 'working' | 'qualified' | 'nurture' | 'converted' | 'disqualified';

/**
 * What the lead rules read: a plain object the service builds from the stored lead (the rules never
 * see a record, so they stay pure). `label` is the name a salesperson knows the lead by.
 */
export interface LeadReminderFacts {
  id: string;
  ownerId: string;
  channel: ReminderChannel;
  status: LeadFactStatus;
  /** Company name, e.g. 山东恒通系统集成有限公司. */
  label: string;
  receivedAt: Instant;
  /** Latest customer-facing contact (call, visit, email, quote); null when none since capture. */
  lastCustomerContactAt: Instant | null;
  /** The most recent quote given, or null when none was given. */
  latestQuote: { validUntil: CalendarDate } | null;
}

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
