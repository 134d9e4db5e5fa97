import { defineMessages, messagesOf } from '../kernel/message.js';

/** What tenant administration refuses, and what is wrong with a tenant export file. */
export const TENANT_MESSAGES = defineMessages({
  'tenant.invalid.id': {
    en: 'tenant ids are 1–63 lowercase letters, digits, _ or -',
    'zh-CN': '租户 ID 须为 1–63 个小写字母、数字、_ 或 -',
  },
  'tenant.action.deleteDefault': { en: 'delete the default tenant', 'zh-CN': '删除默认租户' },
  'tenant.denied.defaultTenant': {
    en: "it holds the data of every app that names no tenant; pass '{ force: true }' to delete it anyway",
    'zh-CN': "未指定租户的应用数据都在其中；如确需删除，请传入 '{ force: true }'",
  },
  'tenant.export.notExport': { en: 'not a {format} file', 'zh-CN': '不是 {format} 文件' },
  'tenant.export.version': {
    en: 'unsupported export version (this SDK reads version {version})',
    'zh-CN': '不支持的导出版本（本 SDK 读取第 {version} 版）',
  },
  'tenant.export.notJson': { en: 'not valid JSON', 'zh-CN': '不是有效的 JSON' },
  'tenant.export.unknownTables': {
    en: 'this storage has no table {tables} (exported by a newer schema?)',
    'zh-CN': '当前存储没有表 {tables}（是否由更新版本导出？）',
  },
  'tenant.export.empty': { en: 'the export is empty', 'zh-CN': '导出文件为空' },
  'tenant.export.afterEnd': { en: 'content after the end line', 'zh-CN': '结束行之后还有内容' },
  'tenant.export.tableNotInHeader': {
    en: 'table {table} is not in the header',
    'zh-CN': '表 {table} 不在文件头中',
  },
  'tenant.export.truncated': {
    en: 'no end line: the export is truncated',
    'zh-CN': '缺少结束行：导出文件不完整',
  },
  'tenant.export.countMismatch': {
    en: 'the end line counts {expected} rows, found {found}',
    'zh-CN': '结束行记录 {expected} 行，实际读到 {found} 行',
  },
  'tenant.import.notEmpty': {
    en: 'tenant {tenant} already holds data ({table}); import only into an empty tenant',
    'zh-CN': '租户 {tenant} 已有数据（{table}）；只能导入到空租户',
  },
  'tenant.import.otherInProgress': {
    en: 'tenant {tenant} is in the middle of importing another export; resume that one or delete the tenant',
    'zh-CN': '租户 {tenant} 正在导入另一个导出文件；请继续那次导入，或删除该租户',
  },
  'tenant.importing': {
    en: 'tenant {tenant} is being imported (or a failed import of it is being removed); its data can be read and changed once that has finished',
    'zh-CN': '租户 {tenant} 正在导入（或正在清除一次失败的导入）；完成后才能读取和修改其数据',
  },
});

export const sayTenant = messagesOf(TENANT_MESSAGES);
