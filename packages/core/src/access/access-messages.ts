import { defineMessages, type Message, messagesOf, renderBuiltIn } from '../kernel/message.js';

/**
 * What the access policy says: why a user may not do something, why they can see a record (the
 * grants of `explainAccess`), and the sentence that sums it up.
 */
export const ACCESS_MESSAGES = defineMessages({
  'access.denied.inactive': { en: '{name} is no longer active', 'zh-CN': '{name} 已停用' },
  'access.denied.noRelation': {
    en: "{name} is not the owner, not above the owner ({owner}) in the reporting line, and not on the record's team",
    'zh-CN': '{name} 不是负责人，不是负责人（{owner}）的上级，也不在该记录的团队中',
  },
  'access.denied.readOnlyTeam': {
    en: "{name} is on the record's team with read access only",
    'zh-CN': '{name} 在该记录的团队中，但只有查看权限',
  },
  'access.denied.manageTeam': {
    en: 'only the owner, a manager above the owner or an administrator may change the team',
    'zh-CN': '只有负责人、负责人的上级或管理员才能调整团队',
  },
  'access.denied.ownerCannotGiveAway': {
    en: 'an owner cannot give a record away; a manager above the owner or an administrator must transfer it',
    'zh-CN': '负责人不能自行转出记录，须由其上级或管理员转移',
  },
  'access.denied.transfer': {
    en: 'only a manager above the owner or an administrator may transfer a record',
    'zh-CN': '只有负责人的上级或管理员才能转移记录',
  },
  'access.denied.delete': {
    en: 'only a manager above the owner or an administrator may delete a record',
    'zh-CN': '只有负责人的上级或管理员才能删除记录',
  },
  'access.grant.admin': { en: 'is an administrator', 'zh-CN': '是管理员' },
  'access.grant.owner': { en: 'owns the record', 'zh-CN': '是该记录的负责人' },
  'access.grant.manager': {
    en: 'manages {owner} ({levels, plural, one {# level} other {# levels}} up)',
    'zh-CN': '是 {owner} 的上级（高 {levels} 级）',
  },
  'access.grant.team': {
    en: "is on the record's team as {role} with {access} access",
    'zh-CN': '以{role}身份在该记录的团队中，拥有{access}权限',
  },
  'access.grant.managesTeamMember': {
    en: "manages {member}, who is on the record's team as {role} with {access} access",
    'zh-CN': '是 {member} 的上级，{member} 以{role}身份在该记录的团队中，拥有{access}权限',
  },
  'access.grant.dealTeamCustomer': {
    en: 'is on the team of a deal on this customer as {role}, which reads the customer',
    'zh-CN': '以{role}身份在该客户的商机团队中，可查看该客户',
  },
  'access.grant.managesDealTeamMember': {
    en: 'manages {member}, who is on the team of a deal on this customer as {role}, which reads the customer',
    'zh-CN': '是 {member} 的上级，{member} 以{role}身份在该客户的商机团队中，可查看该客户',
  },
  'access.grant.readsSubject': {
    en: 'can open the contact, order or service case this activity is about',
    'zh-CN': '可查看该日程所关联的联系人、订单或服务工单',
  },
  'access.level.read': { en: 'read', 'zh-CN': '查看' },
  'access.level.edit': { en: 'edit', 'zh-CN': '编辑' },
  'access.role.sales': { en: 'sales', 'zh-CN': '销售' },
  'access.role.presales': { en: 'presales', 'zh-CN': '售前' },
  'access.role.service': { en: 'service', 'zh-CN': '服务' },
  'access.summary.denied': {
    en: '{name} cannot see this record: {reason}.',
    'zh-CN': '{name} 无法查看该记录：{reason}。',
  },
  'access.summary.allowed': {
    en: '{name} can {canEdit, select, yes {read and edit} other {read but not edit}} this record because {name} {because}.',
    'zh-CN':
      '{name} {canEdit, select, yes {可以查看和编辑} other {可以查看但不能编辑}}该记录，因为 {name} {because}。',
  },
  'access.action.act': { en: 'act', 'zh-CN': '执行操作' },
  'access.action.assign': { en: 'assign {field}', 'zh-CN': '指派{field}' },
  'access.denied.hasLeft': { en: '{name} has left', 'zh-CN': '{name} 已离职' },
  'access.action.read': { en: 'read this {entity}', 'zh-CN': '查看该{entity}' },
  'access.action.edit': { en: 'edit this {entity}', 'zh-CN': '编辑该{entity}' },
  'access.action.manage_team': { en: 'manage_team this {entity}', 'zh-CN': '调整该{entity}的团队' },
  'access.action.transfer': { en: 'transfer this {entity}', 'zh-CN': '转移该{entity}' },
  'access.action.delete': { en: 'delete this {entity}', 'zh-CN': '删除该{entity}' },
  'access.invalid.userTwice': { en: 'duplicate user id {id}', 'zh-CN': '用户 ID {id} 重复' },
});

export const sayAccess = messagesOf(ACCESS_MESSAGES);

/** A refusal with its reason both as English text and as a key with parameters. */
export function deny(reasonDetail: Message): { allowed: false; reason: string; reasonDetail: Message } {
  return { allowed: false, reason: renderBuiltIn(reasonDetail), reasonDetail };
}

/** A team role or access level by name, as a message when Gongfu names it. */
export function accessWord(kind: 'role' | 'level', value: string): Message | string {
  const key = `access.${kind}.${value}`;
  return Object.hasOwn(ACCESS_MESSAGES, key) ? { key, params: {} } : value;
}
