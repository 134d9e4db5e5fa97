import { defineMessages, messagesOf } from '../../kernel/message.js';

/** Why a transfer of records is refused. */
export const OWNERSHIP_MESSAGES = defineMessages({
  'ownership.denied.sameOwner': {
    en: 'records cannot be transferred to their current owner',
    'zh-CN': '记录不能转移给其当前负责人',
  },
  'ownership.denied.unknownUser': { en: '{name} is not a known user', 'zh-CN': '{name} 不是已知用户' },
  'ownership.denied.inactiveReceiver': {
    en: '{name} is no longer active and cannot receive records',
    'zh-CN': '{name} 已停用，不能接收记录',
  },
  'ownership.denied.notAboveBoth': {
    en: '{name} must be above {from} and have {to} in their own team',
    'zh-CN': '{name} 须是 {from} 的上级，且 {to} 须在其团队中',
  },
  'ownership.action.transfer': { en: 'transfer records', 'zh-CN': '转移记录' },
  'ownership.invalid.sameUser': {
    en: 'must differ from `from`',
    'zh-CN': '不能与转出人（from）相同',
  },
  'ownership.invalid.listedTwice': { en: 'duplicate {record}', 'zh-CN': '{record} 重复列出' },
  'ownership.record.open': { en: 'open {kind} {name}', 'zh-CN': '未关闭的{kind} {name}' },
  'ownership.record.closed': { en: 'closed {kind} {name}', 'zh-CN': '已关闭的{kind} {name}' },
  'ownership.record.plain': { en: '{kind} {name}', 'zh-CN': '{kind} {name}' },
  'ownership.record.scheduledActivity': { en: 'scheduled activity {name}', 'zh-CN': '待进行的活动 {name}' },
  'ownership.record.pastActivity': { en: 'past activity {name}', 'zh-CN': '已结束的活动 {name}' },
  'ownership.record.named': { en: '{label} ({id})', 'zh-CN': '{label}（{id}）' },
  'ownership.reason.costStays': {
    en: '{what} stays incurred by {from}: an expense is a fact about who spent it; {to} reads it through the deal or customer it is booked on',
    'zh-CN': '{what}仍记在{from}名下：费用记的是谁花的钱；{to}可通过其所属商机或客户查看',
  },
  'ownership.reason.contactFollows': {
    en: '{what} follows its account {account} to {to}',
    'zh-CN': '{what}随所属客户{account}转给{to}',
  },
  'ownership.reason.contactStays': {
    en: "{what} stays: contacts follow their account's owner, and its account does not move",
    'zh-CN': '{what}不转移：联系人跟随客户负责人，而其客户不转移',
  },
  'ownership.reason.followsAccount': {
    en: "{what} follows its account {account} to {to}, so the customer's records stay together",
    'zh-CN': '{what}随所属客户{account}转给{to}，同一客户的记录不分散',
  },
  'ownership.reason.closedMoves': {
    en: '{what} moves to {to} because closed records are included',
    'zh-CN': '{what}转给{to}（本次包含已关闭记录）',
  },
  'ownership.reason.closedStays': {
    en: '{what} stays with {from}; closed records keep their history where it happened',
    'zh-CN': '{what}留在{from}名下；已关闭记录保留原有经手人',
  },
  'ownership.reason.alwaysMoves': {
    en: '{what} always moves to {to} so the customer is not orphaned',
    'zh-CN': '{what}一律转给{to}，避免客户无人跟进',
  },
  'ownership.reason.moves': { en: '{what} moves to {to}', 'zh-CN': '{what}转给{to}' },
  'ownership.reason.optionOff': {
    en: '{what} stays with {from} because {option} is off',
    'zh-CN': '{what}留在{from}名下，因为未开启 {option}',
  },
  'ownership.team.leaves': { en: '{from} leaves the team of {what}', 'zh-CN': '{from}退出{what}的团队' },
  'ownership.team.leavesCovered': {
    en: '{from} leaves the team of {what}; {to} already has access',
    'zh-CN': '{from}退出{what}的团队；{to}已有权限',
  },
  'ownership.team.takesSeat': {
    en: "{to} takes {from}'s {role} seat on the team of {what}",
    'zh-CN': '{to}接替{from}在{what}团队中的{role}席位',
  },
});

export const sayOwnership = messagesOf(OWNERSHIP_MESSAGES);
