import { type BilingualText, bilingual } from '../../kernel/kernel-messages.js';
import { defineMessages, type Message, message, messagesOf } from '../../kernel/message.js';
import type { Reminder } from './stored-reminder.js';

/** Reminder texts, stored as key + parameters and rendered in the reader's language when read. */
export const REMINDER_MESSAGES = defineMessages({
  'reminder.leadFollowUp': {
    en: 'No contact with {label} for {days, plural, one {# day} other {# days}} — follow up',
    'zh-CN': '已有 {days} 天未联系{label}，请跟进',
  },
  'reminder.staleOpportunity': {
    en: '{label} has been in stage "{stage}" for {days, plural, one {# day} other {# days}} — move it on',
    'zh-CN': '{label}已在“{stage}”阶段停留 {days} 天，请推进',
  },
  'reminder.upcomingActivity': {
    en: '{activity} with {label} at {time} on {date} — starts in {minutes, plural, one {# minute} other {# minutes}}',
    'zh-CN': '{date} {time} 与{label}的{activity}将在 {minutes} 分钟后开始',
  },
  'reminder.quoteExpiring': {
    en: 'The quote for {label} is valid until {validUntil} — follow up before it lapses',
    'zh-CN': '给{label}的报价有效期至 {validUntil}，请在失效前跟进',
  },
  'reminder.demoUnitDueBack': {
    en: 'Demo unit {serial} lent to {label} is due back on {dueBack} — arrange its return',
    'zh-CN': '借给{label}的样机 {serial} 应于 {dueBack} 归还，请安排收回',
  },
  'reminder.orderDeliveryApproaching': {
    en: 'Delivery to {label} is promised for {promisedDelivery} — check it is on track',
    'zh-CN': '承诺给{label}的交货日期为 {promisedDelivery}，请确认进度',
  },
  'reminder.afterSalesVisit': {
    en: 'After-sales visit due for {label} — {visited, select, yes {last visited} other {delivered}} on {date}',
    'zh-CN': '{label}需要售后回访（{visited, select, yes {上次回访} other {交付}}于 {date}）',
  },
  // Names the reps, the customer and the product, never a price: a reminder text can be read by
  // more people than the manager (escalated, exported), and neither rep may learn the other's price.
  'reminder.quoteConflict': {
    en: '{first} and {second} quoted different prices for {sku} {basis, select, end_customer {to one end customer, through different integrators} other {to one customer}} — agree one price with them (the morning review names the customer)',
    'zh-CN':
      '{first}和{second}就 {sku} {basis, select, end_customer {经不同集成商向同一最终客户} other {向同一客户}}报了不同的价格，请与二人统一报价（客户见晨会回顾）',
  },
  'reminder.stored': { en: '{text}', 'zh-CN': '{text}' },
  'reminder.invalid.snoozeInPast': {
    en: 'snooze until a time in the future',
    'zh-CN': '推迟时间须晚于当前时间',
  },
  'reminder.activity.call': { en: 'Call', 'zh-CN': '电话' },
  'reminder.activity.visit': { en: 'Visit', 'zh-CN': '拜访' },
  'reminder.activity.meeting': { en: 'Meeting', 'zh-CN': '会议' },
  'reminder.activity.demo_loan': { en: 'Demo loan', 'zh-CN': '样机借用' },
  'reminder.activity.email': { en: 'Email', 'zh-CN': '邮件' },
  'reminder.activity.task': { en: 'Task', 'zh-CN': '任务' },
});

export const sayReminder = messagesOf(REMINDER_MESSAGES);

/**
 * An activity kind as the reminder names it: by the label the tenant's list gives it, else a
 * built-in kind by its own words, else (a key no list knows any more) the key, capitalised.
 */
export function activityName(kind: string, label?: BilingualText): Message | string {
  if (label) return bilingual(label);
  const key = `reminder.activity.${kind}`;
  return Object.hasOwn(REMINDER_MESSAGES, key) ? message(key) : kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * What a reminder says, as a message: its key and parameters, or — for a row stored before
 * reminders carried keys — its stored text as `reminder.stored`.
 */
export function reminderMessage(reminder: Pick<Reminder, 'detail' | 'message'>): Message {
  return reminder.detail ?? sayReminder('reminder.stored', { text: reminder.message });
}

/** The reminder as its reader sees it: `message` in their language, `detail` its key and parameters. */
export function renderReminder<R extends Pick<Reminder, 'detail' | 'message'>>(
  reminder: R,
  say: (m: Message) => string,
): R {
  const detail = reminderMessage(reminder);
  return { ...reminder, message: say(detail), detail };
}
