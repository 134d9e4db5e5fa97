import { defineMessages, messagesOf } from '../../kernel/message.js';

const LIST_EN =
  '{list, select, leadSources {lead source} activityKinds {activity kind} other {cost category}}';
const LIST_ZH = '{list, select, leadSources {线索来源} activityKinds {活动类型} other {费用类别}}';

/** What the tenant's own lists refuse, and why. */
export const CONFIG_MESSAGES = defineMessages({
  'config.invalid.unknownKey': {
    en: `{key} is not a ${LIST_EN} of this workspace`,
    'zh-CN': `“{key}”不是本工作区的${LIST_ZH}`,
  },
  'config.invalid.unknownKeyGuess': {
    en: `{key} is not a ${LIST_EN} of this workspace; did you mean {guess}?`,
    'zh-CN': `“{key}”不是本工作区的${LIST_ZH}；您是指“{guess}”吗？`,
  },
  'config.invalid.retiredKey': {
    en: `the ${LIST_EN} {key} is no longer in use`,
    'zh-CN': `${LIST_ZH}“{key}”已停用`,
  },
});

export const sayConfig = messagesOf(CONFIG_MESSAGES);
