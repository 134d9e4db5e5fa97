import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { vocabularyKeySchema } from '../../src/domain/enums.js';
import {
  buildCatalogues,
  builtInMessages,
  calendarDateSchema,
  checkSafeAmount,
  type FieldIssue,
  guardArguments,
  INPUT_MESSAGES,
  instantSchema,
  isCrmError,
  moneySchema,
  moneyTotal,
  nonNegativeMoneySchema,
  parseInput,
  sumLineAmounts,
  timeZoneSchema,
  type ValidationError,
} from '../../src/index.js';
import { actorIdOf } from '../../src/service/actor.js';

const catalogues = buildCatalogues([builtInMessages()]);
const HAN = /\p{Script=Han}/u;

/** The first issue of a refused call, rendered in zh-CN and in en, with its key and parameters. */
function refused(call: () => unknown): { zh: FieldIssue; en: FieldIssue; zhError: string } {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  if (!isCrmError(error, 'VALIDATION')) throw new Error(`expected a ValidationError, got ${String(error)}`);
  // localize re-renders the error in place: read each language before the next.
  const inZh = (error as ValidationError).localize('zh-CN', catalogues);
  const zh = inZh.issues[0] as FieldIssue;
  const zhError = inZh.message;
  const en = (error as ValidationError).localize('en', catalogues).issues[0] as FieldIssue;
  return { zh, en, zhError };
}

const obj = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** One real failing call per input key: the field, the key, and both texts. */
const CASES: readonly [
  name: string,
  call: () => unknown,
  field: string,
  key: string,
  zh: string,
  en: string,
][] = [
  [
    'wrong type',
    () => parseInput(obj({ name: z.string() }), { name: 1 }),
    'name',
    'input.invalidType',
    '应为文本',
    'expected text',
  ],
  ['missing', () => parseInput(obj({ name: z.string() }), {}), 'name', 'input.required', '必填', 'required'],
  [
    'a list key that is not snake_case',
    () => parseInput(obj({ key: vocabularyKeySchema }), { key: 'Trade Show' }),
    'key',
    'input.vocabularyKey',
    '应为小写蛇形命名的键（a–z、0–9、_），最多 40 个字符',
    'expected a key in lower-case snake_case (a–z, 0–9, _), up to 40 characters',
  ],
  [
    'empty text',
    () => parseInput(obj({ name: z.string().min(1) }), { name: '' }),
    'name',
    'input.empty',
    '不能为空',
    'must not be empty',
  ],
  [
    'short text',
    () => parseInput(obj({ code: z.string().min(3) }), { code: 'a' }),
    'code',
    'input.tooShort',
    '至少 3 个字符',
    'must have at least 3 characters',
  ],
  [
    'long text',
    () => parseInput(obj({ code: z.string().max(2) }), { code: 'abc' }),
    'code',
    'input.tooLong',
    '最多 2 个字符',
    'must have at most 2 characters',
  ],
  [
    'few items',
    () => parseInput(obj({ lines: z.array(z.number()).min(2) }), { lines: [] }),
    'lines',
    'input.tooFewItems',
    '至少需要 2 项',
    'needs at least 2 items',
  ],
  [
    'many items',
    () => parseInput(obj({ lines: z.array(z.number()).max(1) }), { lines: [1, 2] }),
    'lines',
    'input.tooManyItems',
    '最多 1 项',
    'allows at most 1 item',
  ],
  [
    'small number',
    () => parseInput(obj({ n: z.number().min(5) }), { n: 1 }),
    'n',
    'input.tooSmall',
    '不能小于 5',
    'must be at least 5',
  ],
  [
    'not positive',
    () => parseInput(obj({ n: z.number().positive() }), { n: 0 }),
    'n',
    'input.notAbove',
    '须大于 0',
    'must be greater than 0',
  ],
  [
    'big number',
    () => parseInput(obj({ n: z.number().max(5) }), { n: 9 }),
    'n',
    'input.tooBig',
    '不能大于 5',
    'must be at most 5',
  ],
  [
    'not below',
    () => parseInput(obj({ n: z.number().lt(5) }), { n: 5 }),
    'n',
    'input.notBelow',
    '须小于 5',
    'must be less than 5',
  ],
  [
    'email',
    () => parseInput(obj({ e: z.email() }), { e: 'x' }),
    'e',
    'input.invalidFormat',
    '邮箱地址格式不正确',
    'not a valid email address',
  ],
  [
    'pattern',
    () => parseInput(obj({ c: z.string().regex(/^\d+$/) }), { c: 'x' }),
    'c',
    'input.invalidFormat',
    '格式不正确',
    'not in the expected format',
  ],
  [
    'one of',
    () => parseInput(obj({ k: z.enum(['a', 'b']) }), { k: 'c' }),
    'k',
    'input.oneOf',
    '须为以下之一：a, b',
    'must be one of a, b',
  ],
  [
    'exactly',
    () => parseInput(obj({ k: z.literal('a') }), { k: 'c' }),
    'k',
    'input.exactly',
    '须为 a',
    'must be a',
  ],
  [
    'union',
    () => parseInput(obj({ u: z.union([z.string(), z.number()]) }), { u: true }),
    'u',
    'input.noFormMatches',
    '不符合任何一种允许的格式',
    'matches none of the accepted forms',
  ],
  [
    'multiple',
    () => parseInput(obj({ n: z.number().multipleOf(5) }), { n: 3 }),
    'n',
    'input.multipleOf',
    '须为 5 的倍数',
    'must be a multiple of 5',
  ],
  [
    'record key',
    () => parseInput(obj({ r: z.record(z.string().min(2), z.number()) }), { r: { a: 1 } }),
    'r.a',
    'input.invalidKey',
    '含有无效的键',
    'has an invalid key',
  ],
  [
    'refinement without a key',
    () => parseInput(obj({ n: z.number().refine(() => false, { message: '' }) }), { n: 1 }),
    'n',
    'input.invalid',
    '无效',
    'is invalid',
  ],
  [
    'unknown key',
    () => parseInput(obj({ name: z.string() }), { name: 'a', zzz: 1 }),
    'zzz',
    'input.unknownKey',
    '未知字段“zzz”',
    "unknown key 'zzz'",
  ],
  [
    'did you mean',
    () => parseInput(obj({ phone: z.string() }), { phone: 'a', phnoe: 1 }),
    'phnoe',
    'input.unknownKeyDidYouMean',
    '未知字段“phnoe”，是否应为“phone”？',
    "unknown key 'phnoe' — did you mean 'phone'?",
  ],
  [
    'lone surrogate',
    () => guardArguments(['u1', { name: '\uD800' }]),
    'name',
    'input.guard.loneSurrogate',
    '文本含有无法存储的字符（不成对的 UTF-16 代理项）',
    'text contains a lone surrogate (ill-formed UTF-16)',
  ],
  [
    'symbol',
    () => guardArguments(['u1', { name: Symbol('x') }]),
    'name',
    'input.guard.symbol',
    '应为一个值，不能是 symbol',
    'expected a value, got a symbol',
  ],
  [
    'deep',
    () => {
      const a: Record<string, unknown> = {};
      a.self = a;
      guardArguments(['u1', a]);
    },
    'self',
    'input.guard.tooDeep',
    '嵌套层级过深',
    'input nests too deeply',
  ],
  [
    'symbol key',
    () => guardArguments(['u1', { [Symbol('k')]: 1 }]),
    'arguments.1',
    'input.guard.symbolKeys',
    '不接受 symbol 作为字段名',
    'symbol keys are not input',
  ],
  [
    'surrogate key',
    () => guardArguments(['u1', { '\uDC00': 1 }]),
    '\uDC00',
    'input.guard.keyLoneSurrogate',
    '字段名含有不成对的 UTF-16 代理项',
    'key contains a lone surrogate',
  ],
  [
    '__proto__ key',
    () => guardArguments(['u1', JSON.parse('{"custom": {"__proto__": {"x": 1}}}')]),
    'custom.__proto__',
    'input.guard.protoKey',
    '不接受“__proto__”作为字段名',
    "the key '__proto__' is not input",
  ],
  [
    'actor',
    () => actorIdOf('' as never),
    'actor',
    'input.actor',
    '应为执行操作的用户或其 ID',
    'expected the acting user or their id',
  ],
  [
    'instant',
    () => parseInput(instantSchema, '2026-03-02', 'at'),
    'at',
    'input.instant',
    '应为带时区的 ISO-8601 时间，例如 2026-03-02T09:15:00+08:00',
    'expected an ISO-8601 instant with a time zone offset, e.g. 2026-03-02T09:15:00+08:00',
  ],
  [
    'instant range',
    () => parseInput(instantSchema, '3026-03-02T00:00:00Z', 'at'),
    'at',
    'input.instantOutOfRange',
    '时间超出允许范围（1970-01-01 至 2199-12-31）',
    'the instant is outside the accepted range 1970-01-01 … 2199-12-31',
  ],
  [
    'date',
    () => parseInput(calendarDateSchema, '2026-02-30', 'on'),
    'on',
    'input.calendarDate',
    '应为 YYYY-MM-DD 格式的日期',
    'expected a calendar date YYYY-MM-DD',
  ],
  [
    'date range',
    () => parseInput(calendarDateSchema, '1900-01-01', 'on'),
    'on',
    'input.dateOutOfRange',
    '日期超出允许范围（1970-01-01 至 2199-12-31）',
    'the date is outside the accepted range 1970-01-01 … 2199-12-31',
  ],
  [
    'time zone',
    () => parseInput(timeZoneSchema, 'Mars/Olympus', 'timeZone'),
    'timeZone',
    'input.timeZone',
    '应为 IANA 时区，例如 Asia/Shanghai',
    'expected an IANA time zone such as Asia/Shanghai',
  ],
  [
    'currency',
    () => parseInput(moneySchema, { amount: 1, currency: 'RMB' }),
    'currency',
    'money.currency',
    '应为 ISO-4217 货币代码，例如 CNY',
    'expected an ISO-4217 currency code such as CNY',
  ],
  [
    'fraction',
    () => parseInput(moneySchema, { amount: 1.5, currency: 'CNY' }),
    'amount',
    'money.wholeMinorUnits',
    '金额须为以最小单位（如分）计的整数，不能有小数',
    'money amounts are integer minor units (e.g. fen), never fractions',
  ],
  [
    'negative',
    () => parseInput(nonNegativeMoneySchema, { amount: -1, currency: 'CNY' }),
    'amount',
    'money.negative',
    '金额不能为负数',
    'amount must not be negative',
  ],
  [
    'unsafe',
    () => checkSafeAmount(2n ** 60n, 'amount', moneyTotal('CNY')),
    'amount',
    'money.unsafe',
    'CNY 合计超出可精确计算的范围（最多 9007199254740991 个最小货币单位）',
    'the CNY total exceeds the safe integer range of minor units (9007199254740991)',
  ],
  [
    'line currency',
    () =>
      sumLineAmounts(
        [{ sku: 'LS2208', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } }],
        'CNY',
        'order',
      ),
    'lines.0.unitPrice.currency',
    'money.lineCurrency',
    'LS2208 行的币种为 USD，而订单的币种为 CNY',
    'line LS2208 is in USD, the order in CNY',
  ],
];

describe('input messages: every key from a real refused call, in zh-CN and en', () => {
  it.each(CASES)('%s', (_name, call, field, key, zh, en) => {
    const said = refused(call);
    expect(said.zh.field).toBe(field);
    expect(said.zh.detail?.key).toBe(key);
    expect(said.zh.message).toBe(zh);
    expect(said.en.message).toBe(en);
    expect(said.zh.message).toMatch(HAN);
    // The error's own sentence names the field, in the same language.
    expect(said.zhError).toBe(`${field}：${zh}`);
  });

  it('covers every input key that a call can produce alone', () => {
    // Pieces that only appear inside another message, or in the other packages' tests.
    const nested = new Set([
      // zod 4 reports a bad map or set element by the element's own issue; the mapping stays for safety.
      'input.invalidElement',
      'money.what.line',
      'money.what.deal',
      'money.what.order',
      'money.what.total',
      'money.what.sum',
      'input.outOfRange',
      'input.email',
      'input.province',
      'input.phone',
      'input.city',
      'input.localTime',
      'input.wholeNumberBetween',
      'input.finiteNumber',
      'input.function',
    ]);
    const covered = new Set(CASES.map((c) => c[3]));
    const missing = Object.keys(INPUT_MESSAGES).filter((k) => !covered.has(k) && !nested.has(k));
    expect(missing).toEqual([]);
  });
});
