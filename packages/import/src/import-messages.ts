import { defineMessages, messagesOf } from '@gongfu/core';

/** What an import and the one-record duplicate check tell the person entering data. */
export const IMPORT_MESSAGES = defineMessages({
  'import.row.notJsonObject': { en: 'not a JSON object: {problem}', 'zh-CN': '不是 JSON 对象：{problem}' },
  'import.row.refused': {
    en: 'the command refused it: {reason}',
    'zh-CN': '系统拒绝了此行：{reason}',
  },
  'import.duplicate.earlierRow': {
    en: 'This repeats row {row} of this file ({name}): {explanation}',
    'zh-CN': '与本文件第 {row} 行（{name}）重复：{explanation}',
  },
  'import.duplicate.visible': {
    en: 'This looks like {name} (owner {owner}): {explanation}',
    'zh-CN': '疑似与{name}重复（负责人：{owner}）：{explanation}',
  },
  'import.duplicate.hiddenOwned': {
    en: 'This looks like a {noun, select, contact {contact} other {customer}} you cannot open, owned by {owner}',
    'zh-CN': '疑似与一个您无权查看的{noun, select, contact {联系人} other {客户}}重复，负责人为{owner}',
  },
  'import.duplicate.hidden': {
    en: 'This looks like a {noun, select, contact {contact} other {customer}} that is already entered; ask your manager before saving',
    'zh-CN': '疑似已录入过该{noun, select, contact {联系人} other {客户}}；保存前请先询问上级',
  },
});

export const sayImport = messagesOf(IMPORT_MESSAGES);
