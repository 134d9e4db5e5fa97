import type { EntityType } from '../domain/history.js';
import { defineMessages, type Message, message, renderBuiltIn } from '../kernel/message.js';

/** Record kinds a derived text may point at. */
export type HiddenRecordKind = Exclude<EntityType, 'user' | 'product' | 'reminder'>;

/**
 * What a label says in place of a record its reader may not open: the kind and the id, never a
 * name (a customer's name is exactly what the access rules protect).
 */
export const HIDDEN_RECORD_MESSAGES = defineMessages({
  'access.hidden.account': { en: 'an account you cannot open ({id})', 'zh-CN': '无权查看的客户（{id}）' },
  'access.hidden.contact': { en: 'a contact you cannot open ({id})', 'zh-CN': '无权查看的联系人（{id}）' },
  'access.hidden.lead': { en: 'a lead you cannot open ({id})', 'zh-CN': '无权查看的线索（{id}）' },
  'access.hidden.opportunity': { en: 'a deal you cannot open ({id})', 'zh-CN': '无权查看的商机（{id}）' },
  'access.hidden.order': { en: 'an order you cannot open ({id})', 'zh-CN': '无权查看的订单（{id}）' },
  'access.hidden.service_case': {
    en: 'a service case you cannot open ({id})',
    'zh-CN': '无权查看的服务工单（{id}）',
  },
  'access.hidden.activity': { en: 'an activity you cannot open ({id})', 'zh-CN': '无权查看的日程（{id}）' },
  'access.hidden.demo_loan': {
    en: 'a demo loan you cannot open ({id})',
    'zh-CN': '无权查看的样机借用（{id}）',
  },
  'access.hidden.cost': { en: 'a cost entry you cannot open ({id})', 'zh-CN': '无权查看的费用（{id}）' },
});

export function hiddenRecord(kind: HiddenRecordKind, id: string): Message {
  return message(`access.hidden.${kind}`, { id });
}

/** The placeholder as text (English until the service renders in the caller's locale). */
export function hiddenRecordText(kind: HiddenRecordKind, id: string): string {
  return renderBuiltIn(hiddenRecord(kind, id));
}
