import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What customer (account) commands refuse, and why. */
export const ACCOUNT_MESSAGES = defineMessages({
  'account.action.merge': { en: 'merge accounts', 'zh-CN': '合并客户' },
  'account.denied.mergeNotAboveBoth': {
    en: '{name} must be a manager above both {a} and {b}',
    'zh-CN': '{name} 须同时是 {a} 和 {b} 的上级',
  },
  'account.invalid.mergeIntoItself': {
    en: 'an account cannot be merged into itself',
    'zh-CN': '客户不能合并到其自身',
  },
  'account.refused.alreadyMerged': {
    en: '{name} was already merged into {into}',
    'zh-CN': '{name} 已合并到 {into}',
  },
  'account.refused.mergeUndone': {
    en: 'the merge was already undone at {at}',
    'zh-CN': '该合并已于 {at} 撤销',
  },
  'account.invalid.ownerOnTeam': { en: 'the owner is always on the team', 'zh-CN': '负责人始终在团队中' },
  'account.invalid.notOnTeam': { en: '{userId} is not on the team', 'zh-CN': '{userId} 不在团队中' },
  'account.invalid.timelineCursor': {
    en: 'not a cursor of this timeline',
    'zh-CN': '不是此时间线的翻页游标',
  },
  'account.invalid.creditCode': {
    en: 'expected an 18-character unified social credit code',
    'zh-CN': '应为 18 位统一社会信用代码',
  },
});

export const sayAccount = messagesOf(ACCOUNT_MESSAGES);
