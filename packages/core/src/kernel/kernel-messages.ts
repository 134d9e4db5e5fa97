import { defineMessages, type Message, message, wordsParam } from './message.js';

/** The sentences of the typed errors themselves, and the names of the records they name. */
export const KERNEL_MESSAGES = defineMessages({
  'error.validation': { en: '{field}: {problem}', 'zh-CN': '{field}：{problem}' },
  'error.notFound': { en: '{entity} {id} not found', 'zh-CN': '找不到{entity} {id}' },
  'error.permissionDenied': {
    en: 'not allowed to {action}: {reason}',
    'zh-CN': '无权{action}：{reason}',
  },
  'error.invalidTransition': {
    en: 'cannot {event} from {from}: {reason}',
    'zh-CN': '无法在“{from}”状态下执行 {event}：{reason}',
  },
  'error.concurrency': {
    en: '{entity} {id} was changed by someone else (expected version {expected}, found {actual})',
    'zh-CN': '{entity} {id} 已被他人修改（应为第 {expected} 版，实际为 {actual}）',
  },

  'error.idempotencyKeyReused': {
    en: 'idempotency key {key} was already used for a different {command} request',
    'zh-CN': '幂等键 {key} 已用于另一个不同的 {command} 请求',
  },

  'lifecycle.refused': { en: '{reason}', 'zh-CN': '{reason}' },

  /**
   * Words that are data, written in both built-in languages (a tenant's label for its own activity
   * kind, a place name): both travel in the message, since it may be stored and read later in
   * either language; each text shows its own and passes over the other with an empty select, so
   * that every text still uses every parameter (the catalogue's rule, which catches a forgotten one).
   */
  'text.bilingual': { en: '{en}{zh, select, other {}}', 'zh-CN': '{zh}{en, select, other {}}' },

  'entity.user': { en: 'user', 'zh-CN': '用户' },
  'entity.account': { en: 'account', 'zh-CN': '客户' },
  'entity.contact': { en: 'contact', 'zh-CN': '联系人' },
  'entity.product': { en: 'product', 'zh-CN': '产品' },
  'entity.lead': { en: 'lead', 'zh-CN': '线索' },
  'entity.opportunity': { en: 'opportunity', 'zh-CN': '商机' },
  'entity.order': { en: 'order', 'zh-CN': '订单' },
  'entity.serviceCase': { en: 'service case', 'zh-CN': '服务工单' },
  'entity.activity': { en: 'activity', 'zh-CN': '活动' },
  'entity.demoLoan': { en: 'demo loan', 'zh-CN': '样机借用' },
  'entity.costEntry': { en: 'cost entry', 'zh-CN': '费用记录' },
  'entity.reminder': { en: 'reminder', 'zh-CN': '提醒' },
  'entity.merge': { en: 'merge', 'zh-CN': '合并记录' },
  'entity.tenant': { en: 'tenant', 'zh-CN': '租户' },
  'entity.tenantConfiguration': { en: 'tenant configuration', 'zh-CN': '工作区配置' },
  'entity.quota': { en: 'quota', 'zh-CN': '销售指标' },
});

const ENTITY_KEYS: Readonly<Record<string, string>> = {
  user: 'entity.user',
  account: 'entity.account',
  contact: 'entity.contact',
  product: 'entity.product',
  lead: 'entity.lead',
  opportunity: 'entity.opportunity',
  order: 'entity.order',
  'service case': 'entity.serviceCase',
  activity: 'entity.activity',
  'demo loan': 'entity.demoLoan',
  'cost entry': 'entity.costEntry',
  reminder: 'entity.reminder',
  merge: 'entity.merge',
  tenant: 'entity.tenant',
  'tenant configuration': 'entity.tenantConfiguration',
  quota: 'entity.quota',
};

/** A record kind's name as a message when Gongfu names it, else the label as given. */
export function entityName(label: string): Message | string {
  const key = Object.hasOwn(ENTITY_KEYS, label) ? ENTITY_KEYS[label] : undefined;
  return key ? message(key) : label;
}

/**
 * Words a tenant gives in both built-in languages (a list entry's or a stage's label), and in any
 * language the app adds (`ja`, `zh-TW`, keyed by BCP 47 tag): a reader in an added language reads its
 * own words when the label has them, else along the same fallback chain as every other text.
 */
export interface BilingualText {
  readonly 'zh-CN': string;
  readonly en: string;
  readonly [locale: string]: string;
}

/**
 * Words given in both built-in languages (and any added one), as a message that shows the reader's
 * one. The built-in two stay `en` / `zh` so a message stored before added languages renders as it
 * did; the others ride along as `in:<tag>` and are picked by the renderer (`message.ts`).
 */
export function bilingual(words: BilingualText): Message {
  const params: Record<string, string> = { en: words.en, zh: words['zh-CN'] };
  for (const locale of Object.keys(words)) {
    if (locale !== 'en' && locale !== 'zh-CN') params[wordsParam(locale)] = words[locale]!;
  }
  return message('text.bilingual', params);
}
