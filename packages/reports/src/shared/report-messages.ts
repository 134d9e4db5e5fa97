import { defineMessages, messagesOf } from '@gongfu/core';

/** What the report options refuse (periods, choices, cursors). */
export const REPORT_MESSAGES = defineMessages({
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
