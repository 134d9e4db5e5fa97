import { type BilingualText, bilingual } from '../../kernel/kernel-messages.js';
import { defineMessages, type Message, message, messagesOf } from '../../kernel/message.js';

/** What the deal lifecycle says: gate refusals by gate id, the machine's own reasons, stage names. */
export const OPPORTUNITY_MESSAGES = defineMessages({
  'opportunity.gate.presales': {
    en: 'needs a presales engineer on the deal team',
    'zh-CN': '商机团队中须有一名售前工程师',
  },
  'opportunity.gate.hasLines': {
    en: 'needs at least one product line on the deal',
    'zh-CN': '商机上须至少有一条产品明细',
  },
  'opportunity.gate.hasAmount': {
    en: 'needs a deal amount greater than zero',
    'zh-CN': '商机金额须大于零',
  },
  'opportunity.gate.lossReason': {
    en: 'needs a reason why the deal was lost',
    'zh-CN': '须填写丢单原因',
  },
  'opportunity.gate.noOrder': {
    en: 'an order already exists; cancel the order first',
    'zh-CN': '已生成订单，请先取消订单',
  },
  'opportunity.refused.closedReopenFirst': {
    en: 'the deal is {stage}; reopen it first',
    'zh-CN': '该商机已{stage}，请先重新打开',
  },
  'opportunity.refused.closedConvert': {
    en: 'the opportunity is closed; reopen it first',
    'zh-CN': '该商机已关闭，请先重新打开',
  },
  'opportunity.refused.alreadyClosed': { en: 'the deal is already {stage}', 'zh-CN': '该商机已经{stage}' },
  'opportunity.refused.wasClosed': {
    en: 'the deal was {stage}; reopen it first',
    'zh-CN': '该商机已{stage}，请先重新打开',
  },
  'opportunity.refused.noOpenStage': {
    en: '{pipeline} has no open stage "{stage}"',
    'zh-CN': '{pipeline}没有进行中的阶段“{stage}”',
  },
  'opportunity.refused.stillOpen': { en: 'the deal is still open', 'zh-CN': '该商机仍在进行中' },
  'opportunity.refused.noStage': {
    en: '{pipeline} has no stage "{stage}"',
    'zh-CN': '{pipeline}没有阶段“{stage}”',
  },
  'opportunity.refused.markInstead': {
    en: 'mark the deal {stage} instead of moving it there',
    'zh-CN': '请直接将商机标记为{stage}，而不是推进到该阶段',
  },
  'opportunity.refused.alreadyAt': {
    en: 'the deal is already at {stage}',
    'zh-CN': '该商机已处于“{stage}”阶段',
  },
  'opportunity.refused.moveBack': {
    en: '{target} comes before {current}; move the deal back instead',
    'zh-CN': '“{target}”在“{current}”之前，请改为回退商机',
  },
  'opportunity.refused.advanceInstead': {
    en: '{target} comes after {current}; advance the deal instead',
    'zh-CN': '“{target}”在“{current}”之后，请改为推进商机',
  },
  'opportunity.refused.unknownEvent': {
    en: '"{type}" is not something that can happen to an opportunity',
    'zh-CN': '商机没有“{type}”这种操作',
  },
  'opportunity.refused.unknownChannel': {
    en: '"{channel}" is not a sales channel',
    'zh-CN': '“{channel}”不是销售渠道',
  },
  'opportunity.pipeline': {
    en: 'the {channel} pipeline',
    'zh-CN': '{channel}销售流程',
  },
  'channel.key_account': { en: 'key account', 'zh-CN': '大客户项目' },
  'channel.distribution': { en: 'distribution', 'zh-CN': '分销' },
  'channel.wireless': { en: 'wireless', 'zh-CN': '无线' },
  'opportunity.stage.qualification': { en: 'Qualification', 'zh-CN': '资格确认' },
  'opportunity.stage.needs_analysis': { en: 'Needs analysis', 'zh-CN': '需求分析' },
  'opportunity.stage.solution': { en: 'Solution', 'zh-CN': '方案' },
  'opportunity.stage.bid': { en: 'Bid', 'zh-CN': '投标' },
  'opportunity.stage.negotiation': { en: 'Negotiation', 'zh-CN': '商务谈判' },
  'opportunity.stage.proposal': { en: 'Proposal', 'zh-CN': '报价' },
  'opportunity.stage.demo': { en: 'Demo', 'zh-CN': '样机演示' },
  'opportunity.stage.won': { en: 'won', 'zh-CN': '赢单' },
  'opportunity.stage.lost': { en: 'lost', 'zh-CN': '丢单' },
  'opportunity.invalid.ownerOnTeam': { en: 'the owner is always on the team', 'zh-CN': '负责人始终在团队中' },
  'opportunity.invalid.notOnTeam': { en: '{userId} is not on the team', 'zh-CN': '{userId} 不在团队中' },
  'opportunity.invalid.lineCurrency': {
    en: 'line {sku} is in {lineCurrency}, the deal in {currency}',
    'zh-CN': '明细 {sku} 以 {lineCurrency} 计价，而商机以 {currency} 计价',
  },
  'opportunity.invalid.notAStage': {
    en: '{stage} is not a stage of {pipeline}',
    'zh-CN': '{stage} 不是{pipeline}中的阶段',
  },
  'opportunity.invalid.otherChannel': {
    en: 'the deal is on the {channel} channel, not {named}',
    'zh-CN': '该商机属于{channel}渠道，而不是 {named}',
  },
  'opportunity.invalid.noLine': { en: 'no line {lineId} on this deal', 'zh-CN': '该商机上没有明细 {lineId}' },
  'opportunity.invalid.otherAccount': {
    en: 'the opportunity belongs to another account',
    'zh-CN': '该商机属于其他客户',
  },
  'opportunity.invalid.namedOtherAccount': {
    en: 'the opportunity {name} belongs to another account',
    'zh-CN': '商机 {name} 属于其他客户',
  },
  'opportunity.invalid.notEndUser': {
    en: '{name} is a {kind}, not an end user',
    'zh-CN': '{name} 是{kind}，不是最终用户类客户',
  },
  'opportunity.invalid.contactElsewhere': {
    en: "{name} works for neither the deal's customer nor its end customer",
    'zh-CN': '{name} 既不属于该商机的客户，也不属于其最终用户',
  },
  'opportunity.invalid.notDealContact': {
    en: '{contactId} is not a contact of this deal',
    'zh-CN': '{contactId} 不是该商机的联系人',
  },
  'opportunity.invalid.teamTwice': {
    en: '{userId} is on the team twice',
    'zh-CN': '{userId} 在团队中出现了两次',
  },
  'opportunity.invalid.endCustomerOneOf': {
    en: 'name the end customer by accountId or by name (one of them)',
    'zh-CN': '最终客户须用 accountId 或名称指定（二选一）',
  },
  'opportunity.invalid.quantity': { en: 'quantity must be at least 1', 'zh-CN': '数量至少为 1' },
  'opportunity.invalid.stageId': {
    en: 'a stage id is a lower-case identifier',
    'zh-CN': '阶段 ID 须为小写字母开头的标识符',
  },
  'opportunity.invalid.addedLineCurrency': {
    en: 'the line is in {lineCurrency}, the deal in {currency}',
    'zh-CN': '该行币种为 {lineCurrency}，而商机币种为 {currency}',
  },
  'opportunity.invalid.noOpenStage': {
    en: 'version {version} of the {channel} pipeline has no open stage "{to}"; map {stage} to one of {open}',
    'zh-CN': '{channel} 销售流程第 {version} 版没有未关闭的阶段“{to}”；请把 {stage} 映射到以下之一：{open}',
  },
  'opportunity.pipeline.stageTwice': { en: 'stage {id} is named twice', 'zh-CN': '阶段 {id} 重复' },
  'opportunity.pipeline.reservedId': {
    en: '{id} is reserved for the closed stage',
    'zh-CN': '{id} 保留给已关闭阶段使用',
  },
  'opportunity.pipeline.closedId': {
    en: 'the {kind} stage has the id {kind}',
    'zh-CN': '{kind} 阶段的 ID 须为 {kind}',
  },
  'opportunity.pipeline.staleDays': {
    en: 'an open stage says after how many days a deal goes stale',
    'zh-CN': '未关闭阶段须设定商机停滞多少天后提醒',
  },
  'opportunity.pipeline.noOpenStage': {
    en: 'a pipeline starts with at least one open stage',
    'zh-CN': '销售流程须以至少一个未关闭阶段开始',
  },
  'opportunity.pipeline.oneWon': {
    en: 'a pipeline has exactly one won stage',
    'zh-CN': '销售流程须有且仅有一个赢单阶段',
  },
  'opportunity.pipeline.oneLost': {
    en: 'a pipeline has exactly one lost stage',
    'zh-CN': '销售流程须有且仅有一个输单阶段',
  },
  'opportunity.pipeline.openFirst': {
    en: 'open stages come before the won and lost stages',
    'zh-CN': '未关闭阶段须排在赢单和输单阶段之前',
  },
});

export const sayOpportunity = messagesOf(OPPORTUNITY_MESSAGES);

/**
 * A stage by name: a tenant's words in both languages when it gave them (even for one of Gongfu's
 * own ids: the tenant renamed it), else Gongfu's own stages as messages, else the label as given.
 */
export function stageName(id: string, label: string | BilingualText = id): Message | string {
  if (typeof label !== 'string') return bilingual(label);
  const key = `opportunity.stage.${id}`;
  return Object.hasOwn(OPPORTUNITY_MESSAGES, key) ? message(key) : label;
}

/** A sales channel by name ("key account", "大客户项目"); an unknown one by its id, spaced. */
export function channelName(channel: string): Message | string {
  const key = `channel.${channel}`;
  return Object.hasOwn(OPPORTUNITY_MESSAGES, key) ? message(key) : channel.replace('_', ' ');
}

/** A channel's pipeline by name ("the key account pipeline"). */
export function pipelineTitle(channel: string): Message {
  return sayOpportunity('opportunity.pipeline', { channel: channelName(channel) });
}
