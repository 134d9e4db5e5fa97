import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the workspace configuration refuses, and why. */
export const CONFIG_MESSAGES = defineMessages({
  'config.action.read': { en: 'read the configuration', 'zh-CN': '查看工作区配置' },
  'config.action.readHistory': { en: 'read the configuration history', 'zh-CN': '查看配置历史' },
  'config.action.change': { en: 'change the configuration', 'zh-CN': '修改工作区配置' },
  'config.denied.notAdmin': {
    en: 'only administrators change the workspace configuration',
    'zh-CN': '只有管理员才能修改工作区配置',
  },
});

export const sayConfig = messagesOf(CONFIG_MESSAGES);
