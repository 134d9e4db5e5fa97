import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the activity lifecycle says when it refuses a move. */
export const ACTIVITY_MESSAGES = defineMessages({
  'activity.gate.outcomeLogged': {
    en: 'needs the outcome logged: who was met, what they thought, what they asked for',
    'zh-CN': '须记录拜访结果：见了谁、对方的看法、提出了哪些新需求',
  },
  'activity.refused.completed': {
    en: 'the activity is already completed',
    'zh-CN': '该活动已完成',
  },
  'activity.refused.cancelled': {
    en: 'the activity was cancelled; schedule a new one instead',
    'zh-CN': '该活动已取消，请新安排一个',
  },
  'activity.refused.scheduled': {
    en: 'the activity is still scheduled',
    'zh-CN': '该活动仍在计划中',
  },
  'activity.refused.unknownStatus': {
    en: '"{value}" is not an activity status',
    'zh-CN': '“{value}”不是活动状态',
  },
  'activity.refused.unknownEvent': {
    en: '"{type}" is not something that can happen to an activity',
    'zh-CN': '活动没有“{type}”这种操作',
  },
  'activity.action.seeCalendar': { en: "see {name}'s calendar", 'zh-CN': '查看 {name} 的日程' },
  'activity.denied.notManager': { en: '{name} does not manage {user}', 'zh-CN': '{name} 不是 {user} 的上级' },
  'activity.invalid.metWithoutDeal': {
    en: "contacts met are a deal's contacts: link the activity to a deal first",
    'zh-CN': '见到的联系人须是商机联系人：请先将活动关联到商机',
  },
  'activity.invalid.notDealContact': {
    en: '{contactId} is not a contact of the deal',
    'zh-CN': '{contactId} 不是该商机的联系人',
  },
  'activity.invalid.endBeforeStart': {
    en: 'an activity cannot end before it starts',
    'zh-CN': '活动结束时间不能早于开始时间',
  },
  'activity.invalid.tooLong': {
    en: 'an activity can last at most {days} days',
    'zh-CN': '活动时长不能超过 {days} 天',
  },
  'activity.invalid.unlinked': {
    en: 'link the activity to a lead, an opportunity, an account, a contact, an order or a service case',
    'zh-CN': '活动须关联到线索、商机、客户、联系人、订单或服务工单',
  },
  'activity.invalid.linkedTwice': {
    en: 'name the record it is about once: regarding, or leadId/opportunityId/accountId',
    'zh-CN': '关联记录只能指定一次：用 regarding，或用 leadId/opportunityId/accountId',
  },
  'activity.invalid.noCancelReason': { en: 'say why it is cancelled', 'zh-CN': '请说明取消原因' },
});

export const sayActivity = messagesOf(ACTIVITY_MESSAGES);
