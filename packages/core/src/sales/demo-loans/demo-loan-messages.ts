import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What demo-unit loans refuse, and why. */
export const DEMO_LOAN_MESSAGES = defineMessages({
  'demoLoan.conflict.alreadyOut': {
    en: 'demo unit {serial} is already out (due back {dueBack})',
    'zh-CN': '样机 {serial} 已借出（应于 {dueBack} 归还）',
  },
  'demoLoan.invalid.dealOfOtherAccount': {
    en: 'the deal belongs to another account',
    'zh-CN': '该商机属于其他客户',
  },
  'demoLoan.refused.alreadyReturned': {
    en: 'demo unit {serial} was already returned at {at}',
    'zh-CN': '样机 {serial} 已于 {at} 归还',
  },
  'demoLoan.invalid.returnBeforeLent': {
    en: 'a unit cannot come back before it was lent',
    'zh-CN': '样机的归还时间不能早于借出时间',
  },
});

export const sayDemoLoan = messagesOf(DEMO_LOAN_MESSAGES);
