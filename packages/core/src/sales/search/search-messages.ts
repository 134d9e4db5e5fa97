import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What a search says beside its hits. */
export const SEARCH_MESSAGES = defineMessages({
  'search.more.refineQuery': {
    en: 'more records may contain "{q}": type more of the name to narrow the search',
    'zh-CN': '可能还有更多包含“{q}”的记录：请输入更完整的名称以缩小范围',
  },
});

export const saySearch = messagesOf(SEARCH_MESSAGES);
