import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the duplicate-deal verdicts refuse, and why. */
export const DUPLICATE_MESSAGES = defineMessages({
  'duplicate.denied.notAboveBoth': {
    en: '{name} must be a manager above both {a} and {b}',
    'zh-CN': '{name} 须同时是 {a} 和 {b} 的上级',
  },
  'duplicate.invalid.itself': {
    en: 'a record cannot be a duplicate of itself',
    'zh-CN': '记录不能与自身重复',
  },
  'duplicate.refused.closed': { en: '{name} is already {stage}', 'zh-CN': '{name} 已{stage}' },
  'duplicate.action.link': { en: 'link duplicate deals', 'zh-CN': '关联重复商机' },
  'duplicate.action.notDuplicates': { en: 'mark {kind}s as not duplicates', 'zh-CN': '将{kind}标记为不重复' },
});

export const sayDuplicate = messagesOf(DUPLICATE_MESSAGES);
