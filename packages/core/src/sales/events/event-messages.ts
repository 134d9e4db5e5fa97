import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the change feed and its dispatcher refuse. */
export const EVENT_MESSAGES = defineMessages({
  'event.invalid.cursor': { en: 'not a change feed cursor', 'zh-CN': '不是变更流的游标' },
  'event.invalid.handlers': {
    en: 'handlers need distinct, non-empty names',
    'zh-CN': '处理器须有互不相同的非空名称',
  },
  'dispatcher.invalid.positiveInt': {
    en: '{field} must be a positive integer',
    'zh-CN': '{field} 须为正整数',
  },
  'dispatcher.invalid.workerId': { en: 'a dispatcher needs a worker id', 'zh-CN': '调度器须有 worker ID' },
});

export const sayEvent = messagesOf(EVENT_MESSAGES);
