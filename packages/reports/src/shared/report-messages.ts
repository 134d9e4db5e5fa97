import { defineMessages, messagesOf } from '@gongfu/core';

/** What the report options refuse (periods, choices, cursors). */
export const REPORT_MESSAGES = defineMessages({
  'report.label.noDeal': { en: 'not on a deal', 'zh-CN': '未关联商机' },
  'report.label.noAccount': { en: 'no account', 'zh-CN': '无客户' },
  'report.label.noManager': { en: 'no manager', 'zh-CN': '无上级' },
  'report.label.team': { en: "{name}'s team", 'zh-CN': '{name}团队' },
  'report.label.noChannel': { en: 'no channel', 'zh-CN': '无渠道' },
  'report.label.noCloseDate': { en: 'no close date', 'zh-CN': '无预计成交日期' },
  'report.label.total': { en: 'total', 'zh-CN': '合计' },
  'report.label.forecast.pipeline': { en: 'pipeline', 'zh-CN': '早期' },
  'report.label.forecast.best_case': { en: 'best case', 'zh-CN': '乐观' },
  'report.label.forecast.commit': { en: 'commit', 'zh-CN': '承诺' },
  'report.label.forecast.closed': { en: 'closed', 'zh-CN': '已关闭' },
  'report.label.forecast.omitted': { en: 'omitted', 'zh-CN': '不计入' },
  'report.quoteConflict': {
    en: '{first} and {second} quoted {basis, select, same_end_customer {the end customer {customer}} other {{customer}}} different prices for {sku} {days, select, 0 {on the same day} other {{days, plural, one {# day} other {# days}} apart}}: {firstQuote}; {secondQuote}.',
    'zh-CN':
      '{first}和{second}{days, select, 0 {在同一天} other {相隔 {days} 天}}就 {sku} 向{basis, select, same_end_customer {最终客户{customer}} other {{customer}}}报了不同的价格：{firstQuote}；{secondQuote}。',
  },
  'report.quoteConflict.quote': { en: '{name} {price} × {quantity}', 'zh-CN': '{name} {price} × {quantity}' },
  'report.review.moreOverdue': {
    en: '… and {count}{atLeast, select, yes {+} other {}} more overdue {count, plural, one {follow-up} other {follow-ups}}',
    'zh-CN': '……另有 {count}{atLeast, select, yes {+} other {}} 条逾期跟进',
  },
  'report.review.moreStale': {
    en: '… and {count}{atLeast, select, yes {+} other {}} more stale {count, plural, one {deal} other {deals}}',
    'zh-CN': '……另有 {count}{atLeast, select, yes {+} other {}} 个停滞商机',
  },
  'report.invalid.toBeforeFrom': {
    en: 'must not be before from ({from})',
    'zh-CN': '不能早于开始日期（{from}）',
  },
  'report.invalid.notCursor': {
    en: 'expected a cursor from a previous page',
    'zh-CN': '应为上一页返回的翻页游标',
  },
});

export const sayReport = messagesOf(REPORT_MESSAGES);
