import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the service case lifecycle says when it refuses a move. */
export const SERVICE_CASE_MESSAGES = defineMessages({
  'serviceCase.gate.resolution': {
    en: 'needs a resolution describing what was done for the customer',
    'zh-CN': '须填写处理结果，说明为客户做了什么',
  },
  'serviceCase.gate.maintenanceOnly': {
    en: 'a repair or replacement case is resolved only after the repair or replacement',
    'zh-CN': '维修或更换类工单须在维修或更换完成后才能解决',
  },
  'serviceCase.refused.closed': {
    en: 'the case is closed; open a new case instead',
    'zh-CN': '该工单已关闭，请新建工单',
  },
  'serviceCase.refused.reopenResolvedOnly': {
    en: 'only a resolved case can be reopened',
    'zh-CN': '只有已解决的工单才能重新打开',
  },
  'serviceCase.refused.resolved': {
    en: 'the case is resolved; reopen it first',
    'zh-CN': '该工单已解决，请先重新打开',
  },
  'serviceCase.refused.diagnoseFirst': {
    en: 'the case must be diagnosed first',
    'zh-CN': '工单须先诊断',
  },
  'serviceCase.refused.diagnosing': {
    en: 'the case is already being diagnosed',
    'zh-CN': '该工单正在诊断中',
  },
  'serviceCase.refused.diagnosed': {
    en: 'the case is already diagnosed',
    'zh-CN': '该工单已诊断',
  },
  'serviceCase.refused.resolveFirst': {
    en: 'the case must be resolved before it is closed',
    'zh-CN': '工单须先解决才能关闭',
  },
  'serviceCase.refused.replacing': {
    en: 'the unit is already being replaced',
    'zh-CN': '该设备正在更换中',
  },
  'serviceCase.refused.repairing': {
    en: 'the unit is already being repaired',
    'zh-CN': '该设备正在维修中',
  },
  'serviceCase.refused.unknownStatus': {
    en: '"{value}" is not a service case status',
    'zh-CN': '“{value}”不是服务工单状态',
  },
  'serviceCase.refused.unknownEvent': {
    en: '"{type}" is not something that can happen to a service case',
    'zh-CN': '服务工单没有“{type}”这种操作',
  },
  'serviceCase.refused.notDelivered': {
    en: 'order {number} has not been delivered yet; after-sales service starts on delivery',
    'zh-CN': '订单 {number} 尚未交付，售后服务自交付起开始',
  },
  'serviceCase.invalid.noLine': {
    en: 'no line {lineId} on order {number}',
    'zh-CN': '订单 {number} 上没有明细 {lineId}',
  },
  'serviceCase.invalid.serialNotShipped': {
    en: 'serial {serial} was not shipped on order {number}',
    'zh-CN': '序列号 {serial} 不在订单 {number} 的发货中',
  },
  'serviceCase.invalid.serialOtherLine': {
    en: 'serial {serial} was shipped on line {shipped}, not {named}',
    'zh-CN': '序列号 {serial} 随明细 {shipped} 发货，而不是 {named}',
  },
});

export const sayServiceCase = messagesOf(SERVICE_CASE_MESSAGES);
