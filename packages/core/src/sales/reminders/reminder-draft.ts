import { match } from 'ts-pattern';
import { type Message, renderBuiltIn } from '../../kernel/message.js';
import type { CalendarDate, Instant } from '../../kernel/time.js';
import { stageName } from '../opportunities/opportunity-messages.js';
import { type DesiredReminder, reminderKey } from './desired-reminder.js';
import { addLocalDays, localDateOf, localTimeOf } from './local-time.js';
import type { ResolvedRuleSettings } from './reminder-config.js';
import { activityName, sayReminder as say } from './reminder-messages.js';
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
    | {
        kind: 'upcoming_activity';
        activityKind: string;
        /** The tenant's words for the kind, when its list has it. */
        activityLabel?: { 'zh-CN': string; en: string };
        startAt: Instant;
        leadMinutes: number;
      }
    | { kind: 'quote_expiring'; validUntil: CalendarDate }
    | { kind: 'demo_unit_due_back'; serial: string; dueBack: CalendarDate }
    | { kind: 'order_delivery_approaching'; promisedDelivery: CalendarDate }
    | { kind: 'after_sales_visit'; lastServedAt: Instant; serviceVisitBefore: boolean }
    | {
        kind: 'quote_conflict';
        /** Whom both quoted: the customer itself, or one end customer through two integrators. */
        basis: 'customer' | 'end_customer';
        /** The two reps by name, older quote first; never their prices. */
        firstRep: string;
        secondRep: string;
        sku: string;
      }
  );

function subjectTypeOf(draft: ReminderDraft): ReminderSubjectType {
  return match(draft.kind)
    .with('lead_follow_up', 'quote_expiring', () => 'lead' as const)
    .with('stale_opportunity', () => 'opportunity' as const)
    .with('upcoming_activity', () => 'activity' as const)
    .with('order_delivery_approaching', 'after_sales_visit', () => 'order' as const)
    .with('demo_unit_due_back', () => 'demo_loan' as const)
    .with('quote_conflict', () => 'quote_conflict' as const)
    .exhaustive();
}

function messageOf(draft: ReminderDraft, timeZone: string): Message {
  const label = draft.label;
  return match(draft)
    .with({ kind: 'lead_follow_up' }, (d) => say('reminder.leadFollowUp', { label, days: d.quietDays }))
    .with({ kind: 'stale_opportunity' }, (d) =>
      say('reminder.staleOpportunity', { label, stage: stageName(d.stage), days: d.staleDays }),
    )
    .with({ kind: 'upcoming_activity' }, (d) =>
      say('reminder.upcomingActivity', {
        activity: activityName(d.activityKind, d.activityLabel),
        label,
        time: localTimeOf(d.startAt, timeZone),
        date: localDateOf(d.startAt, timeZone),
        minutes: d.leadMinutes,
      }),
    )
    .with({ kind: 'quote_expiring' }, (d) =>
      say('reminder.quoteExpiring', { label, validUntil: d.validUntil }),
    )
    .with({ kind: 'demo_unit_due_back' }, (d) =>
      say('reminder.demoUnitDueBack', { serial: d.serial, label, dueBack: d.dueBack }),
    )
    .with({ kind: 'order_delivery_approaching' }, (d) =>
      say('reminder.orderDeliveryApproaching', { label, promisedDelivery: d.promisedDelivery }),
    )
    .with({ kind: 'after_sales_visit' }, (d) =>
      say('reminder.afterSalesVisit', {
        label,
        visited: d.serviceVisitBefore ? 'yes' : 'no',
        date: localDateOf(d.lastServedAt, timeZone),
      }),
    )
    .with({ kind: 'quote_conflict' }, (d) =>
      say('reminder.quoteConflict', {
        first: d.firstRep,
        second: d.secondRep,
        customer: label,
        basis: d.basis,
        sku: d.sku,
      }),
    )
    .exhaustive();
}

export function toDesiredReminder(draft: ReminderDraft, settings: ResolvedRuleSettings): DesiredReminder {
  const detail = messageOf(draft, settings.timeZone);
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
    // The English text stays stored beside the key: what older readers and exports show.
    message: renderBuiltIn(detail),
    detail,
  };
}
