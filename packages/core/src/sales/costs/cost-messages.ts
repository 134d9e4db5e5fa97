import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What cost commands refuse, and why. */
export const COST_MESSAGES = defineMessages({
  'cost.invalid.dealCurrency': {
    en: 'the deal is priced in {currency}; book its costs in {currency}',
    'zh-CN': '该商机以 {currency} 计价，请以 {currency} 记录费用',
  },
  'cost.action.correct': { en: 'correct this cost entry', 'zh-CN': '更正该费用记录' },
  'cost.denied.correct': {
    en: 'only {name}, a manager above them or an administrator may',
    'zh-CN': '只有 {name}、其上级或管理员可以这样做',
  },
  'cost.invalid.nothingToCorrect': {
    en: 'nothing to correct: give a new amount, category, date or description',
    'zh-CN': '没有可更正的内容：请给出新的金额、类别、日期或说明',
  },
  'cost.invalid.toBeforeFrom': {
    en: 'must not be before from ({from})',
    'zh-CN': '不能早于开始日期（{from}）',
  },
  'cost.invalid.notPositive': { en: 'a cost must be more than zero', 'zh-CN': '费用金额须大于零' },
  'cost.invalid.unlinked': {
    en: 'book the cost against an opportunity, an account or a lead',
    'zh-CN': '费用须关联到商机、客户或线索',
  },
  'cost.invalid.noCorrectionReason': { en: 'say why the cost is corrected', 'zh-CN': '请说明更正费用的原因' },
});

export const sayCost = messagesOf(COST_MESSAGES);
