import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the product catalogue refuses, and why. */
export const PRODUCT_MESSAGES = defineMessages({
  'product.action.maintain': { en: 'maintain the product catalogue', 'zh-CN': '维护产品目录' },
  'product.denied.maintain': {
    en: 'only administrators and sales managers may',
    'zh-CN': '只有管理员和销售经理可以这样做',
  },
  'product.conflict.skuExists': { en: 'SKU {sku} already exists', 'zh-CN': 'SKU {sku} 已存在' },
  'product.invalid.unknownSku': {
    en: 'SKU {sku} is not in the product catalogue',
    'zh-CN': 'SKU {sku} 不在产品目录中',
  },
  'product.invalid.unknownSkuGuess': {
    en: 'SKU {sku} is not in the product catalogue; did you mean {guess}?',
    'zh-CN': 'SKU {sku} 不在产品目录中；您是指 {guess} 吗？',
  },
  'product.invalid.discontinued': {
    en: 'SKU {sku} is discontinued',
    'zh-CN': 'SKU {sku} 已停产',
  },
  'product.invalid.freeTextRefused': {
    en: 'free-text lines are not allowed here; name a SKU of the product catalogue',
    'zh-CN': '此处不允许自由文本明细，请填写产品目录中的 SKU',
  },
  'product.invalid.sku': {
    en: 'SKU may hold letters, digits, . - / _',
    'zh-CN': 'SKU 只能包含字母、数字和 . - / _',
  },
});

export const sayProduct = messagesOf(PRODUCT_MESSAGES);
