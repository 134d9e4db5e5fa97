import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What quota commands refuse, and why. */
export const QUOTA_MESSAGES = defineMessages({
  'quota.action.set': { en: 'set this quota', 'zh-CN': '设定此指标' },
  'quota.denied.notAbove': {
    en: "only a manager above {name} or an administrator sets {name}'s quota",
    'zh-CN': '只有{name}的上级或管理员才能设定其指标',
  },
  'quota.conflict.exists': {
    en: '{name} already has a {scope} quota for {period} (version {version}); pass expectedVersion to replace it',
    'zh-CN':
      '{name}在 {period} 已有{scope, select, person {个人} team {团队} other {{scope}}}指标（第 {version} 版）；如需替换，请传入 expectedVersion',
  },
  'quota.invalid.notPositive': { en: 'a quota is more than zero', 'zh-CN': '指标须大于零' },
  'quota.invalid.period': {
    en: 'a period is a year (2026), a quarter (2026-Q1) or a month (2026-03)',
    'zh-CN': '期间须为年份（2026）、季度（2026-Q1）或月份（2026-03）',
  },
  'quota.invalid.periodYear': {
    en: 'a period lies between 1970 and 2199',
    'zh-CN': '期间须在 1970 年至 2199 年之间',
  },
});

export const sayQuota = messagesOf(QUOTA_MESSAGES);
