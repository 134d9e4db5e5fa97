import { defineMessages, messagesOf } from '../../kernel/message.js';

/** Why managing people is refused, and what was refused. */
export const ORG_MESSAGES = defineMessages({
  'org.denied.manageAdmin': {
    en: 'only an administrator may manage an administrator',
    'zh-CN': '只有管理员才能管理管理员账号',
  },
  'org.denied.notAbove': {
    en: '{name} is not above {target} in the reporting line',
    'zh-CN': '{name} 不是 {target} 的上级',
  },
  'org.denied.createUsers': {
    en: 'only administrators and sales managers may create users',
    'zh-CN': '只有管理员和销售经理才能创建用户',
  },
  'org.denied.createAdmin': {
    en: 'only an administrator may create an administrator',
    'zh-CN': '只有管理员才能创建管理员',
  },
  'org.denied.ownTeamOnly': {
    en: '{name} may only add users who report into their own team',
    'zh-CN': '{name} 只能添加向自己团队汇报的用户',
  },
  'org.denied.grantAdmin': { en: 'only an administrator may', 'zh-CN': '只有管理员可以这样做' },
  'org.denied.notManager': { en: '{name} does not manage {owner}', 'zh-CN': '{name} 不是 {owner} 的上级' },
  'org.action.createUsers': { en: 'create users', 'zh-CN': '创建用户' },
  'org.action.changeUser': { en: 'change this user', 'zh-CN': '修改该用户' },
  'org.action.deactivateUser': { en: 'deactivate this user', 'zh-CN': '停用该用户' },
  'org.action.grantAdmin': { en: 'grant admin', 'zh-CN': '授予管理员权限' },
  'org.action.assignRecords': { en: 'assign records', 'zh-CN': '分配记录' },
  'org.conflict.email': { en: '{email} is already used by {name}', 'zh-CN': '{email} 已被 {name} 使用' },
  'org.invalid.ownTeamManager': {
    en: 'a user cannot report to someone in their own team',
    'zh-CN': '用户不能向自己团队中的人汇报',
  },
});

export const sayOrg = messagesOf(ORG_MESSAGES);
