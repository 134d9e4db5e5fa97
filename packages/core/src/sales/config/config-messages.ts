import { defineMessages, messagesOf } from '../../kernel/message.js';

const LIST_EN =
  '{list, select, leadSources {lead source} activityKinds {activity kind} other {cost category}}';
const LIST_ZH = '{list, select, leadSources {线索来源} activityKinds {活动类型} other {费用类别}}';

/** What the workspace configuration and its own lists refuse, and why. */
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
  'config.action.read': { en: 'read the configuration', 'zh-CN': '查看工作区配置' },
  'config.action.readHistory': { en: 'read the configuration history', 'zh-CN': '查看配置历史' },
  'config.action.change': { en: 'change the configuration', 'zh-CN': '修改工作区配置' },
  'config.denied.notAdmin': {
    en: 'only administrators change the workspace configuration',
    'zh-CN': '只有管理员才能修改工作区配置',
  },
  'config.invalid.listedTwice': { en: '{key} is listed twice', 'zh-CN': '“{key}”重复出现' },
  'config.invalid.noneActive': { en: 'keep at least one entry active', 'zh-CN': '至少保留一项为启用' },
  'config.invalid.labelLanguage': {
    en: '{key} is not a language tag (such as ja or zh-TW)',
    'zh-CN': '“{key}”不是语言标记（例如 ja、zh-TW）',
  },
  'config.invalid.labelLanguageSpelling': {
    en: 'write the language tag {key} as {canonical}',
    'zh-CN': '语言标记“{key}”应写作“{canonical}”',
  },
  'config.invalid.labelLanguages': {
    en: 'a label is given in at most {max} added languages',
    'zh-CN': '标签最多提供 {max} 种附加语言',
  },
  'config.invalid.notActivityKind': {
    en: '{kind} is not an activity kind',
    'zh-CN': '“{kind}”不是活动类型',
  },
});

export const sayConfig = messagesOf(CONFIG_MESSAGES);
