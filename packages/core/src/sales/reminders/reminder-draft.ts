import type { BilingualText } from '../../kernel/kernel-messages.js';
import { type Message, renderBuiltIn, type Text } from '../../kernel/message.js';
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
  label: Text;
}

/**
 * What a rule decides, with the kind-specific facts its message needs. Turning drafts into
 * reminders in one place keeps subject types, messages and escalation consistent across rules.
 */
export type ReminderDraft = DraftBase &
  (
    | { kind: 'lead_follow_up'; quietDays: number }
    | { kind: 'stale_opportunity'; stage: string; stageLabel?: string | BilingualText; staleDays: number }
    | {
        kind: 'upcoming_activity';
        activityKind: string;
        /** The tenant's words for the kind, when its list has it. */
        activityLabel?: BilingualText;
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

// Switches, not ts-pattern's `match`: these run for every reminder of every write, and `match`
// builds a matcher per call. Exhaustive all the same: a new kind fails `unknownKind` at compile time.
function subjectTypeOf(draft: ReminderDraft): ReminderSubjectType {
  const kind = draft.kind;
  switch (kind) {
    case 'lead_follow_up':
    case 'quote_expiring':
      return 'lead';
    case 'stale_opportunity':
      return 'opportunity';
    case 'upcoming_activity':
      return 'activity';
    case 'order_delivery_approaching':
    case 'after_sales_visit':
      return 'order';
    case 'demo_unit_due_back':
      return 'demo_loan';
    case 'quote_conflict':
      return 'quote_conflict';
    default:
      return unknownKind(kind);
  }
}

function messageOf(d: ReminderDraft, timeZone: string): Message {
  const label = d.label;
  switch (d.kind) {
    case 'lead_follow_up':
      return say('reminder.leadFollowUp', { label, days: d.quietDays });
    case 'stale_opportunity':
      return say('reminder.staleOpportunity', {
        label,
        stage: stageName(d.stage, d.stageLabel),
        days: d.staleDays,
      });
    case 'upcoming_activity':
      return say('reminder.upcomingActivity', {
        activity: activityName(d.activityKind, d.activityLabel),
        label,
        time: localTimeOf(d.startAt, timeZone),
        date: localDateOf(d.startAt, timeZone),
        minutes: d.leadMinutes,
      });
    case 'quote_expiring':
      return say('reminder.quoteExpiring', { label, validUntil: d.validUntil });
    case 'demo_unit_due_back':
      return say('reminder.demoUnitDueBack', { serial: d.serial, label, dueBack: d.dueBack });
    case 'order_delivery_approaching':
      return say('reminder.orderDeliveryApproaching', { label, promisedDelivery: d.promisedDelivery });
    case 'after_sales_visit':
      return say('reminder.afterSalesVisit', {
        label,
        visited: d.serviceVisitBefore ? 'yes' : 'no',
        date: localDateOf(d.lastServedAt, timeZone),
      });
    case 'quote_conflict':
      return say('reminder.quoteConflict', {
        first: d.firstRep,
        second: d.secondRep,
        basis: d.basis,
        sku: d.sku,
      });
    default:
      return unknownKind(d);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`unknown reminder kind ${JSON.stringify(kind)}`);
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
