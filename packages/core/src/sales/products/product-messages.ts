import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the product catalogue refuses, and why. */
export const PRODUCT_MESSAGES = defineMessages({
  'product.action.maintain': { en: 'maintain the product catalogue', 'zh-CN': '维护产品目录' },
  'product.denied.maintain': {
    en: 'only administrators and sales managers may',
    'zh-CN': '只有管理员和销售经理可以这样做',
  },
  'product.conflict.skuExists': { en: 'SKU {sku} already exists', 'zh-CN': 'SKU {sku} 已存在' },
});

export const sayProduct = messagesOf(PRODUCT_MESSAGES);
