import { defineMessages, type Message, messagesOf } from './message.js';

/**
 * What is wrong with one input field: the schema checks every command runs (one message per zod
 * issue code, with the limits as parameters), the argument guard, and the kernel's own value rules
 * (instants, dates, money). The field itself is named by `error.validation` around these.
 */
export const INPUT_MESSAGES = defineMessages({
  'input.required': { en: 'required', 'zh-CN': '必填' },
  'input.vocabularyKey': {
    en: 'expected a key in lower-case snake_case (a–z, 0–9, _), up to 40 characters',
    'zh-CN': '应为小写蛇形命名的键（a–z、0–9、_），最多 40 个字符',
  },
  'input.invalidType': {
    en: 'expected {expected, select, string {text} number {a number} int {a whole number} boolean {true or false} object {an object} array {a list} date {a date} other {{expected}}}',
    'zh-CN':
      '应为{expected, select, string {文本} number {数字} int {整数} boolean {是或否} object {对象} array {列表} date {日期} other {{expected}}}',
  },
  'input.empty': { en: 'must not be empty', 'zh-CN': '不能为空' },
  'input.tooShort': {
    en: 'must have at least {minimum, plural, one {# character} other {# characters}}',
    'zh-CN': '至少 {minimum} 个字符',
  },
  'input.tooLong': {
    en: 'must have at most {maximum, plural, one {# character} other {# characters}}',
    'zh-CN': '最多 {maximum} 个字符',
  },
  'input.tooFewItems': {
    en: 'needs at least {minimum, plural, one {# item} other {# items}}',
    'zh-CN': '至少需要 {minimum} 项',
  },
  'input.tooManyItems': {
    en: 'allows at most {maximum, plural, one {# item} other {# items}}',
    'zh-CN': '最多 {maximum} 项',
  },
  'input.tooSmall': { en: 'must be at least {minimum}', 'zh-CN': '不能小于 {minimum}' },
  'input.notAbove': { en: 'must be greater than {minimum}', 'zh-CN': '须大于 {minimum}' },
  'input.tooBig': { en: 'must be at most {maximum}', 'zh-CN': '不能大于 {maximum}' },
  'input.notBelow': { en: 'must be less than {maximum}', 'zh-CN': '须小于 {maximum}' },
  'input.invalidFormat': {
    en: '{format, select, email {not a valid email address} url {not a valid URL} uuid {not a valid UUID} regex {not in the expected format} other {not a valid {format}}}',
    'zh-CN':
      '{format, select, email {邮箱地址格式不正确} url {网址格式不正确} uuid {UUID 格式不正确} regex {格式不正确} other {{format} 格式不正确}}',
  },
  'input.oneOf': { en: 'must be one of {values}', 'zh-CN': '须为以下之一：{values}' },
  'input.exactly': { en: 'must be {value}', 'zh-CN': '须为 {value}' },
  'input.noFormMatches': {
    en: 'matches none of the accepted forms',
    'zh-CN': '不符合任何一种允许的格式',
  },
  'input.multipleOf': { en: 'must be a multiple of {divisor}', 'zh-CN': '须为 {divisor} 的倍数' },
  'input.invalidKey': { en: 'has an invalid key', 'zh-CN': '含有无效的键' },
  'input.invalidElement': { en: 'has an invalid value', 'zh-CN': '含有无效的值' },
  'input.invalid': { en: 'is invalid', 'zh-CN': '无效' },
  'input.unknownKey': { en: "unknown key ''{key}''", 'zh-CN': '未知字段“{key}”' },
  'input.unknownKeyDidYouMean': {
    en: "unknown key ''{key}'' — did you mean ''{guess}''?",
    'zh-CN': '未知字段“{key}”，是否应为“{guess}”？',
  },

  'input.guard.loneSurrogate': {
    en: 'text contains a lone surrogate (ill-formed UTF-16)',
    'zh-CN': '文本含有无法存储的字符（不成对的 UTF-16 代理项）',
  },
  'input.guard.symbol': { en: 'expected a value, got a symbol', 'zh-CN': '应为一个值，不能是 symbol' },
  'input.guard.tooDeep': { en: 'input nests too deeply', 'zh-CN': '嵌套层级过深' },
  'input.guard.symbolKeys': { en: 'symbol keys are not input', 'zh-CN': '不接受 symbol 作为字段名' },
  'input.guard.protoKey': {
    en: "the key '__proto__' is not input",
    'zh-CN': '不接受“__proto__”作为字段名',
  },
  'input.guard.keyLoneSurrogate': {
    en: 'key contains a lone surrogate',
    'zh-CN': '字段名含有不成对的 UTF-16 代理项',
  },
  'input.actor': {
    en: 'expected the acting user or their id',
    'zh-CN': '应为执行操作的用户或其 ID',
  },

  'input.instant': {
    en: 'expected an ISO-8601 instant with a time zone offset, e.g. 2026-03-02T09:15:00+08:00',
    'zh-CN': '应为带时区的 ISO-8601 时间，例如 2026-03-02T09:15:00+08:00',
  },
  'input.calendarDate': {
    en: 'expected a calendar date YYYY-MM-DD',
    'zh-CN': '应为 YYYY-MM-DD 格式的日期',
  },
  'input.outOfRange': {
    en: '{value} is outside the accepted range {earliest} … {latest}',
    'zh-CN': '{value} 超出允许范围（{earliest} 至 {latest}）',
  },
  'input.instantOutOfRange': {
    en: 'the instant is outside the accepted range {earliest} … {latest}',
    'zh-CN': '时间超出允许范围（{earliest} 至 {latest}）',
  },
  'input.dateOutOfRange': {
    en: 'the date is outside the accepted range {earliest} … {latest}',
    'zh-CN': '日期超出允许范围（{earliest} 至 {latest}）',
  },
  'input.timeZone': {
    en: 'expected an IANA time zone such as Asia/Shanghai',
    'zh-CN': '应为 IANA 时区，例如 Asia/Shanghai',
  },
  'input.phone': { en: 'expected a phone number', 'zh-CN': '应为电话号码' },
  'input.city': { en: 'expected a 4- or 6-digit city code', 'zh-CN': '应为 4 位或 6 位城市代码' },
  'input.localTime': { en: 'expected a local time HH:mm', 'zh-CN': '应为 HH:mm 格式的本地时间' },
  'input.wholeNumberBetween': {
    en: 'expected a whole number from {min} to {max}',
    'zh-CN': '应为 {min} 到 {max} 之间的整数',
  },
  'input.finiteNumber': { en: 'expected a finite number', 'zh-CN': '应为有限数值' },
  'input.function': { en: 'expected a function', 'zh-CN': '应为函数' },
  'input.email': { en: 'expected an email address', 'zh-CN': '应为邮箱地址' },
  'input.province': {
    en: 'expected a 2-digit province code, e.g. 37 for Shandong',
    'zh-CN': '应为两位省份代码，例如山东为 37',
  },

  'money.currency': {
    en: 'expected an ISO-4217 currency code such as CNY',
    'zh-CN': '应为 ISO-4217 货币代码，例如 CNY',
  },
  'money.wholeMinorUnits': {
    en: 'money amounts are integer minor units (e.g. fen), never fractions',
    'zh-CN': '金额须为以最小单位（如分）计的整数，不能有小数',
  },
  'money.negative': { en: 'amount must not be negative', 'zh-CN': '金额不能为负数' },
  'money.unsafe': {
    en: '{what} exceeds the safe integer range of minor units ({limit})',
    'zh-CN': '{what}超出可精确计算的范围（最多 {limit} 个最小货币单位）',
  },
  'money.what.line': { en: 'the line total', 'zh-CN': '行金额' },
  'money.what.deal': { en: 'the deal total', 'zh-CN': '商机总额' },
  'money.what.order': { en: 'the order total', 'zh-CN': '订单总额' },
  'money.what.total': { en: 'the {currency} total', 'zh-CN': '{currency} 合计' },
  'money.what.sum': { en: 'the sum {sum}', 'zh-CN': '合计 {sum}' },
  'money.lineCurrency': {
    en: 'line {sku} is in {lineCurrency}, the {owner, select, deal {deal} order {order} other {{owner}}} in {currency}',
    'zh-CN':
      '{sku} 行的币种为 {lineCurrency}，而{owner, select, deal {商机} order {订单} other {{owner}}}的币种为 {currency}',
  },
});

export const sayInput = messagesOf(INPUT_MESSAGES);

/**
 * A message as a zod check's options: the key as the message, the parameters beside it.
 * `parseInput` turns such an issue back into the message, so a schema's own sentence reaches the
 * caller in their language. Zod copies `params` only onto custom issues (refine, superRefine), so
 * a message with parameters belongs on a refinement; a built-in check takes a parameterless one.
 */
export function zodMessage(msg: Message): { message: string; params: Record<string, unknown> } {
  return { message: msg.key, params: { ...msg.params } };
}
