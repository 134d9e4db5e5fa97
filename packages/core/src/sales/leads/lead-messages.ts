import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the lead lifecycle says when it refuses a move (gates by id, then the machine's own reasons). */
export const LEAD_MESSAGES = defineMessages({
  'lead.contactSubject': { en: '{kind} with {name} ({company})', 'zh-CN': '{kind}：{name}（{company}）' },
  'lead.invalid.notAContactKind': {
    en: 'log a call, visit, meeting or email (or a kind of your own); tasks and demo loans are not contacts',
    'zh-CN': '请记录电话、拜访、会议或邮件（或自定义的类型）；任务和样机借用不算联系',
  },
  'lead.gate.hasCompany': {
    en: 'needs the customer company before it can be converted',
    'zh-CN': '转化前须填写客户公司',
  },
  'lead.gate.hasContact': {
    en: 'needs a contact person before it can be converted',
    'zh-CN': '转化前须填写联系人',
  },
  'lead.gate.disqualifyReason': {
    en: 'needs a reason why the lead is disqualified',
    'zh-CN': '须填写线索无效的原因',
  },
  'lead.refused.converted': {
    en: 'the lead was converted; work on the opportunity instead',
    'zh-CN': '该线索已转化，请改为跟进商机',
  },
  'lead.refused.frozen': {
    en: 'the lead was converted; edit the opportunity instead',
    'zh-CN': '该线索已转化，请改为编辑商机',
  },
  'lead.refused.disqualified': {
    en: 'the lead was disqualified; recycle it to work on it again',
    'zh-CN': '该线索已判定无效，需先重新激活才能继续跟进',
  },
  'lead.refused.recycleOnly': {
    en: 'only a disqualified or nurtured lead can be recycled',
    'zh-CN': '只有无效或培育中的线索才能重新激活',
  },
  'lead.refused.alreadyQualified': { en: 'the lead is already qualified', 'zh-CN': '该线索已确认为有效' },
  'lead.refused.alreadyNurtured': { en: 'the lead is already being nurtured', 'zh-CN': '该线索已在培育中' },
  'lead.refused.nurture': {
    en: 'the lead is being nurtured; recycle it to work on it again',
    'zh-CN': '该线索正在培育中，需先重新激活才能继续跟进',
  },
  'lead.refused.notWorked': {
    en: 'the lead has not been worked yet; contact the customer first',
    'zh-CN': '该线索尚未跟进，请先联系客户',
  },
  'lead.refused.otherwise': {
    en: 'a {from} lead cannot be sent {event}',
    'zh-CN': '处于“{from}”状态的线索不能执行 {event}',
  },
  'lead.refused.unknownStatus': { en: '"{value}" is not a lead status', 'zh-CN': '“{value}”不是线索状态' },
  'lead.refused.unknownEvent': {
    en: '"{type}" is not something that can happen to a lead',
    'zh-CN': '线索没有“{type}”这种操作',
  },
  'lead.invalid.noReferrer': {
    en: 'a referral needs the name of who referred it',
    'zh-CN': '转介绍线索须填写介绍人',
  },
  'lead.invalid.noEventName': {
    en: 'a marketing-event lead needs the event name',
    'zh-CN': '市场活动线索须填写活动名称',
  },
  'lead.invalid.noRevisitAccount': {
    en: 'a revisit of an existing customer needs the customer account',
    'zh-CN': '老客户回访须关联客户',
  },
  'lead.invalid.quoteUnlinked': {
    en: 'name a lead, account or opportunity',
    'zh-CN': '须指定线索、客户或商机',
  },
});

export const sayLead = messagesOf(LEAD_MESSAGES);
