import fc from 'fast-check';

/** Ids of a fixture world: real ones of this tenant and of another tenant. */
export interface FuzzIds {
  own: string[];
  foreign: string[];
}

const SQL = ["'; DROP TABLE leads; --", '" OR 1=1 --', '%_\\', 'a\u0000b', "Robert'); DELETE FROM users;--"];
const CONTROL = ['\u0000', '\u0007\u001b[31m', '\r\n\t', '\u202e\u200b'];
const SURROGATE = ['x\uD800y', '\uDC00', 'ok\uD83D'];
const MIXED = ['王工 Wang ваня 😀', 'ＳＫＵ－１', 'ß\u0301é'];
const DATES = [
  '2026-02-30',
  '2026-03-02T24:00:00Z',
  '1900-12-31',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-03-02',
  '2026-03-02T09:00:00+08:00',
  'not a date',
];
const ZONES = ['Mars/Olympus_Mons', 'Asia/Shanghai', 'Africa/Monrovia', '', 'UTC'];

/** Scalars of every hostile class (issue 11/18): wrong types, text, numbers, dates, keys, symbols. */
export function hostileScalar(ids: FuzzIds): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      undefined,
      true,
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1e308,
      2 ** 53,
      [],
      {},
    ),
    fc.constantFrom(
      ...SQL,
      ...CONTROL,
      ...SURROGATE,
      ...MIXED,
      ...DATES,
      ...ZONES,
      '',
      ' ',
      'x'.repeat(100_000),
    ),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'key_account', 'won', 'LS2208', 'CNY', 'RMB'),
    fc.constantFrom(...ids.own, ...ids.foreign),
    fc.constant(Symbol('fuzz')),
    fc.constant(new Date(8.64e15)),
    fc.constant(new Date('2026-03-02T01:00:00Z')),
    fc.string({ maxLength: 20 }),
    fc.integer(),
  );
}

const KEYS = [
  'name',
  'company',
  'source',
  'receivedAt',
  'contact',
  'interests',
  'sku',
  'quantity',
  'unitPrice',
  'amount',
  'currency',
  'category',
  'incurredOn',
  'startAt',
  'kind',
  'subject',
  'view',
  'date',
  'timeZone',
  'accountId',
  'opportunityId',
  'leadId',
  'userId',
  'role',
  'access',
  'reason',
  'expectedVersion',
  'validUntil',
  'lines',
  'channel',
  'stage',
  'ownerId',
  'limit',
  'cursor',
  'note',
  'outcome',
  '__proto__',
  'constructor',
  'requiredDeliveryDate',
  'phoneNumber',
];

/** A hostile body: known and unknown keys, nested objects, hostile values, money with NaN/negative. */
export function hostileValue(ids: FuzzIds): fc.Arbitrary<unknown> {
  const scalar = hostileScalar(ids);
  const money = fc.record({
    amount: fc.constantFrom(
      -1,
      0,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER,
      5e15,
      100,
    ),
    currency: fc.constantFrom('CNY', 'RMB', 'cny', 'USD', ''),
  });
  const { body } = fc.letrec((tie) => ({
    body: fc.oneof(
      { depthSize: 'small' },
      scalar,
      money,
      fc.array(tie('body'), { maxLength: 3 }),
      fc
        .dictionary(fc.constantFrom(...KEYS), fc.oneof(scalar, money, tie('body')), { maxKeys: 6 })
        .map((o) => (Object.hasOwn(o, '__proto__') ? JSON.parse(JSON.stringify(o)) : o)),
    ),
  }));
  return body;
}
