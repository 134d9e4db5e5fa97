import { defineMessages, messagesOf } from '../../kernel/message.js';

/** What the order lifecycle says when it refuses a move. */
export const ORDER_MESSAGES = defineMessages({
  'order.gate.hasLines': {
    en: 'the order has no lines; add at least one first',
    'zh-CN': '订单没有明细，请先至少添加一条',
  },
  'order.gate.hasQuantity': {
    en: 'the order has nothing to ship',
    'zh-CN': '订单没有可发货的数量',
  },
  'order.gate.notOverShipped': {
    en: 'more would be shipped than the order holds',
    'zh-CN': '发货数量将超过订单数量',
  },
  'order.gate.somethingShipped': {
    en: 'nothing has been shipped; record a shipment with a quantity',
    'zh-CN': '尚未发货，请登记一次带数量的发货',
  },
  'order.gate.allShipped': {
    en: 'not everything on the order has shipped yet',
    'zh-CN': '订单尚未全部发货',
  },
  'order.gate.cancelReason': {
    en: 'needs a reason why the order is cancelled',
    'zh-CN': '须填写取消订单的原因',
  },
  'order.refused.closed': {
    en: 'the order is closed',
    'zh-CN': '该订单已关闭',
  },
  'order.refused.cancelled': {
    en: 'the order was cancelled',
    'zh-CN': '该订单已取消',
  },
  'order.refused.delivered': {
    en: 'the order was delivered; open a service case or a return instead',
    'zh-CN': '该订单已交付，请改为创建服务工单或退货',
  },
  'order.refused.alreadyConfirmed': {
    en: 'the order is already confirmed',
    'zh-CN': '该订单已确认',
  },
  'order.refused.confirmFirst': {
    en: 'the order must be confirmed first',
    'zh-CN': '订单须先确认',
  },
  'order.refused.allShipped': {
    en: 'everything on the order has already shipped',
    'zh-CN': '订单已全部发货',
  },
  'order.refused.nothingShipped': {
    en: 'nothing on the order has shipped yet',
    'zh-CN': '订单尚未发货',
  },
  'order.refused.partlyShipped': {
    en: 'only part of the order has shipped; ship the rest first',
    'zh-CN': '订单仅部分发货，请先发完其余货物',
  },
  'order.refused.alreadyDelivered': {
    en: 'the order was already delivered',
    'zh-CN': '该订单已交付',
  },
  'order.refused.closeAfterDelivery': {
    en: 'the order can only be closed after it is delivered',
    'zh-CN': '订单交付后才能关闭',
  },
  'order.refused.unknownStatus': {
    en: '"{value}" is not an order status',
    'zh-CN': '“{value}”不是订单状态',
  },
  'order.refused.unknownEvent': {
    en: '"{type}" is not something that can happen to an order',
    'zh-CN': '订单没有“{type}”这种操作',
  },
  'order.conflict.alreadyHasOrder': {
    en: 'the deal already has order {number}',
    'zh-CN': '该商机已有订单 {number}',
  },
  'order.refused.onlyWonDeal': {
    en: 'the deal is {stage}; only a won deal becomes an order',
    'zh-CN': '该商机处于“{stage}”，只有赢单的商机才能生成订单',
  },
  'order.invalid.deliveryInFuture': {
    en: 'a delivery cannot be in the future',
    'zh-CN': '交付时间不能晚于当前时间',
  },
  'order.invalid.lineCurrency': {
    en: 'line {sku} is in {lineCurrency}, the order in {currency}',
    'zh-CN': '明细 {sku} 以 {lineCurrency} 计价，而订单以 {currency} 计价',
  },
  'order.invalid.noLine': { en: 'no line {lineId} on this order', 'zh-CN': '该订单上没有明细 {lineId}' },
  'order.invalid.lineTwice': {
    en: 'the same line appears twice in one shipment',
    'zh-CN': '同一明细在一次发货中出现了两次',
  },
  'order.invalid.serialCount': {
    en: '{serials, plural, one {# serial} other {# serials}} given for {quantity, plural, one {# unit} other {# units}}',
    'zh-CN': '提供了 {serials} 个序列号，但数量为 {quantity}',
  },
  'order.conflict.serialTwice': {
    en: 'serial {serial} is already on this order (line {sku})',
    'zh-CN': '序列号 {serial} 已在该订单上（明细 {sku}）',
  },
  'order.refused.overShip': {
    en: 'line {sku} has {remaining} of {quantity} left to ship; {requested} requested',
    'zh-CN': '明细 {sku} 共 {quantity} 件，尚余 {remaining} 件待发，本次要求发 {requested} 件',
  },
  'order.invalid.noLines': { en: 'an order needs at least one line', 'zh-CN': '订单至少需要一行' },
  'order.invalid.shipNothing': { en: 'ship at least one line', 'zh-CN': '至少发货一行' },
});

export const sayOrder = messagesOf(ORDER_MESSAGES);
