import { defineMessages, messagesOf } from '../kernel/message.js';

/** What is wrong with an app's custom-field declarations, or with a custom value written or filtered. */
export const CUSTOM_FIELD_MESSAGES = defineMessages({
  'customField.invalid.kind': { en: 'not a record kind ({kinds})', 'zh-CN': '不是可用的记录类型（{kinds}）' },
  'customField.invalid.name': {
    en: 'a field name is a letter or _ then letters, digits or _',
    'zh-CN': '字段名须以字母或 _ 开头，后跟字母、数字或 _',
  },
  'customField.invalid.schema': { en: 'expected a zod schema', 'zh-CN': '应为 zod schema' },
  'customField.unknown.noneDeclared': {
    en: 'no custom field is declared for {kind}',
    'zh-CN': '{kind}未声明任何自定义字段',
  },
  'customField.unknown.field': {
    en: 'not a custom field of {kind} (declared: {declared})',
    'zh-CN': '不是{kind}的自定义字段（已声明：{declared}）',
  },
  'customField.thisList': { en: 'this list', 'zh-CN': '此列表' },
});

export const sayCustomField = messagesOf(CUSTOM_FIELD_MESSAGES);
