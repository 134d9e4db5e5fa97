import { match } from 'ts-pattern';
import type { CalendarDate, Instant } from '../../kernel/time.js';
import { type DesiredReminder, reminderKey } from './desired-reminder.js';
import { addLocalDays, localDateOf, localTimeOf } from './local-time.js';
import type { ResolvedRuleSettings } from './reminder-config.js';
import type { ReminderSubjectType } from './stored-reminder.js';

interface DraftBase {
  subjectId: string;
  userId: string;
  dueAt: Instant;
  label: string;
}

/**
 * What a rule decides, with the kind-specific facts its message needs. Turning drafts into
 * reminders in one place keeps subject types, messages and escalation consistent across rules.
 */
export type ReminderDraft = DraftBase &
  (
    | { kind: 'lead_follow_up'; quietDays: number }
    | { kind: 'stale_opportunity'; stage: string; staleDays: number }
    | { kind: 'upcoming_activity'; activityKind: string; startAt: Instant; leadMinutes: number }
    | { kind: 'quote_expiring'; validUntil: CalendarDate }
    | { kind: 'demo_unit_due_back'; serial: string; dueBack: CalendarDate }
    | { kind: 'order_delivery_approaching'; promisedDelivery: CalendarDate }
    | { kind: 'after_sales_visit'; lastServedAt: Instant; serviceVisitBefore: boolean }
  );

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function subjectTypeOf(draft: ReminderDraft): ReminderSubjectType {
  return match(draft.kind)
    .with('lead_follow_up', 'quote_expiring', () => 'lead' as const)
    .with('stale_opportunity', () => 'opportunity' as const)
    .with('upcoming_activity', () => 'activity' as const)
    .with('order_delivery_approaching', 'after_sales_visit', () => 'order' as const)
    .with('demo_unit_due_back', () => 'demo_loan' as const)
    .exhaustive();
}

function messageOf(draft: ReminderDraft, timeZone: string): string {
  return match(draft)
    .with(
      { kind: 'lead_follow_up' },
      (d) => `No contact with ${d.label} for ${plural(d.quietDays, 'day')} — follow up`,
    )
    .with(
      { kind: 'stale_opportunity' },
      (d) => `${d.label} has been in stage "${d.stage}" for ${plural(d.staleDays, 'day')} — move it on`,
    )
    .with(
      { kind: 'upcoming_activity' },
      (d) =>
        `${capitalise(d.activityKind)} with ${d.label} at ${localTimeOf(d.startAt, timeZone)} on ` +
        `${localDateOf(d.startAt, timeZone)} — starts in ${plural(d.leadMinutes, 'minute')}`,
    )
    .with(
      { kind: 'quote_expiring' },
      (d) => `The quote for ${d.label} is valid until ${d.validUntil} — follow up before it lapses`,
    )
    .with(
      { kind: 'demo_unit_due_back' },
      (d) => `Demo unit ${d.serial} lent to ${d.label} is due back on ${d.dueBack} — arrange its return`,
    )
    .with(
      { kind: 'order_delivery_approaching' },
      (d) => `Delivery to ${d.label} is promised for ${d.promisedDelivery} — check it is on track`,
    )
    .with(
      { kind: 'after_sales_visit' },
      (d) =>
        `After-sales visit due for ${d.label} — ` +
        `${d.serviceVisitBefore ? 'last visited' : 'delivered'} on ${localDateOf(d.lastServedAt, timeZone)}`,
    )
    .exhaustive();
}

export function toDesiredReminder(draft: ReminderDraft, settings: ResolvedRuleSettings): DesiredReminder {
  return {
    key: reminderKey(draft.kind, draft.subjectId),
    kind: draft.kind,
    subjectType: subjectTypeOf(draft),
    subjectId: draft.subjectId,
    userId: draft.userId,
    dueAt: draft.dueAt,
    // Calendar days at the same wall-clock time, so a 09:00 reminder escalates at 09:00 across DST.
    escalateAt:
      settings.escalationDays === null
        ? null
        : addLocalDays(draft.dueAt, settings.escalationDays, settings.timeZone),
    message: messageOf(draft, settings.timeZone),
  };
}
