import { diceBigrams } from '../names/chinese-text.js';
import { compareCompanyNames } from '../names/company-name.js';
import { clamp, compareBaskets } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import type { PreparedDeal } from './prepared-deal.js';
import { describeLine, listWords } from './product-words.js';
import { provinceLabel } from './provinces.js';
import type { Signal, SignalName } from './types.js';

/**
 * Each comparison returns its level and weight; the phrase is only built when `words` is set,
 * because a scan weighs hundreds of thousands of candidate pairs and explains a few hundred.
 */
type Say = (phrase: () => string) => string;
const sayer = (words: boolean): Say => (words ? (phrase) => phrase() : () => '');

const KIND_WORDS: Readonly<Record<string, [string, string]>> = {
  system_integrator: ['a system integrator', 'system integrators'],
  end_user: ['an end user', 'end users'],
  dealer: ['a dealer', 'dealers'],
  distributor: ['a distributor', 'distributors'],
};

function signal(
  name: SignalName,
  level: string,
  weight: number,
  a: unknown,
  b: unknown,
  text: string,
): Signal {
  return { name, level, weight, a, b, text };
}

export function basketSignal(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats, words: boolean): Signal {
  const say = sayer(words);
  const c = compareBaskets(x.items, y.items, stats);
  const [a, b] = [x.record.lines, y.record.lines];
  if (c.level === 'unknown')
    return signal(
      'basket',
      c.level,
      0,
      a,
      b,
      say(() => 'a basket is empty'),
    );
  if (c.level === 'none')
    return signal(
      'basket',
      c.level,
      c.weight,
      a,
      b,
      say(() => 'the baskets share no product'),
    );
  if (c.weight <= 0) {
    const lines = Math.max(x.items.length, y.items.length);
    const text = say(() => `the baskets share little (${c.matched.length} of ${lines} lines alike)`);
    return signal('basket', c.level, c.weight, a, b, text);
  }
  const text = say(() => {
    // In the order the first deal lists its lines, as the salesperson entered them.
    const order = new Map(x.record.lines.map((l, i) => [l.sku, i]));
    const shown = [...c.matched]
      .sort((p, q) => (order.get(p.a.sku) ?? 0) - (order.get(q.a.sku) ?? 0))
      .slice(0, 4);
    const phrases = shown.map((m) => {
      const both = `(${m.a.quantity} / ${m.b.quantity})`;
      if (m.sibling) {
        const kind = describeLine({ ...m.a, quantity: 2 }).replace(/^2 /, '');
        return `similar ${kind} (${m.a.quantity} × ${m.a.sku} / ${m.b.quantity} × ${m.b.sku})`;
      }
      if (m.a.quantity === m.b.quantity) return describeLine(m.a);
      if (describeLine(m.a) === describeLine(m.b)) return `${describeLine(m.a)} ${both}`;
      return `about ${describeLine(m.a)} ${both}`;
    });
    const more = c.matched.length > 4 ? ` and ${c.matched.length - 4} more` : '';
    const differ = c.unmatchedA + c.unmatchedB;
    const tail = differ > 0 ? ` (${differ} other line${differ === 1 ? '' : 's'} differ)` : '';
    return `both need ${listWords(phrases)}${more}${tail}`;
  });
  return signal('basket', c.level, c.weight, a, b, text);
}

export function deliverySignal(x: PreparedDeal, y: PreparedDeal, words: boolean): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.requiredDelivery, y.record.requiredDelivery];
  if (x.deliveryDay === null || y.deliveryDay === null)
    return signal(
      'delivery',
      'unknown',
      0,
      a,
      b,
      say(() => 'a delivery date is missing'),
    );
  const days = Math.abs(x.deliveryDay - y.deliveryDay);
  if (days === 0)
    return signal(
      'delivery',
      'same_day',
      3,
      a,
      b,
      say(() => `delivery on the same day (${a})`),
    );
  const apart = say(() => `delivery ${days} day${days === 1 ? '' : 's'} apart`);
  if (days <= 7) return signal('delivery', 'within_week', 2.5, a, b, apart);
  if (days <= 30) return signal('delivery', 'within_month', 0.5, a, b, apart);
  // One project is not delivered twice months apart.
  return signal('delivery', 'further', days <= 90 ? -3.5 : -6, a, b, apart);
}

export function regionSignal(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats, words: boolean): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.province, y.record.province];
  if (a === null || b === null)
    return signal(
      'region',
      'unknown',
      0,
      a,
      b,
      say(() => 'a province is missing'),
    );
  if (a !== b)
    return signal(
      'region',
      'different',
      -3,
      a,
      b,
      say(() => `one in ${provinceLabel(a)}, the other in ${provinceLabel(b)}`),
    );
  // A shared province means more where few deals are (Splink's term-frequency adjustment).
  const weight = clamp(Math.log2(0.95 / stats.provinceShare(a)), 0.5, 5);
  return signal(
    'region',
    'same',
    weight,
    a,
    b,
    say(() => `both in ${provinceLabel(a)}`),
  );
}

export function customerKindSignal(
  x: PreparedDeal,
  y: PreparedDeal,
  stats: CorpusStats,
  words: boolean,
): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.accountKind, y.record.accountKind];
  const names = () => `(${x.record.accountName} / ${y.record.accountName})`;
  if (a === null || b === null)
    return signal(
      'customer_kind',
      'unknown',
      0,
      a,
      b,
      say(() => 'a customer kind is missing'),
    );
  // One account has one kind: the customer signal already counts that evidence.
  if (x.record.accountId === y.record.accountId)
    return signal(
      'customer_kind',
      'same_customer',
      0,
      a,
      b,
      say(() => 'the same customer'),
    );
  if (a !== b) {
    const text = say(
      () => `the customers are ${KIND_WORDS[a]?.[0] ?? a} and ${KIND_WORDS[b]?.[0] ?? b} ${names()}`,
    );
    // The end user and an integrator often register one project each: a mild penalty only.
    return signal('customer_kind', 'different', -0.5, a, b, text);
  }
  // Given one customer's kind, the other shares it by chance with that kind's frequency.
  const weight = clamp(Math.log2(0.8 / stats.kindShare(a)), 0.3, 2.5);
  return signal(
    'customer_kind',
    'same',
    weight,
    a,
    b,
    say(() => `both customers are ${KIND_WORDS[a]?.[1] ?? a} ${names()}`),
  );
}

export function endCustomerSignal(x: PreparedDeal, y: PreparedDeal, words: boolean): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.endCustomer, y.record.endCustomer];
  if (x.endCustomer === null || y.endCustomer === null)
    return signal(
      'end_customer',
      'unknown',
      0,
      a,
      b,
      say(() => 'an end customer is unknown'),
    );
  if (x.endCustomer === y.endCustomer)
    return signal(
      'end_customer',
      'same',
      6,
      a,
      b,
      say(() => `both for the same end customer (${a})`),
    );
  if (diceBigrams(x.endCustomer, y.endCustomer) >= 0.6)
    return signal(
      'end_customer',
      'similar',
      3,
      a,
      b,
      say(() => `similar end customers (${a} / ${b})`),
    );
  return signal(
    'end_customer',
    'different',
    -5,
    a,
    b,
    say(() => `different end customers (${a} / ${b})`),
  );
}

const money = (minor: number, currency: string) =>
  `${currency === 'CNY' ? '¥' : `${currency} `}${Math.round(minor / 100).toLocaleString('en-US')}`;

export function amountSignal(x: PreparedDeal, y: PreparedDeal, words: boolean): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.amountMinor, y.record.amountMinor];
  if (x.record.currency !== y.record.currency || a <= 0 || b <= 0)
    return signal(
      'amount',
      'unknown',
      0,
      a,
      b,
      say(() => 'amounts cannot be compared'),
    );
  const ratio = Math.min(a, b) / Math.max(a, b);
  const both = () => `(${money(a, x.record.currency)} / ${money(b, y.record.currency)})`;
  if (ratio >= 0.95)
    return signal(
      'amount',
      'same',
      2,
      a,
      b,
      say(() => `amounts within 5% ${both()}`),
    );
  if (ratio >= 0.8)
    return signal(
      'amount',
      'close',
      1,
      a,
      b,
      say(() => `amounts within 20% ${both()}`),
    );
  if (ratio >= 0.5)
    return signal(
      'amount',
      'different',
      -0.5,
      a,
      b,
      say(() => `amounts differ ${both()}`),
    );
  return signal(
    'amount',
    'far',
    -2,
    a,
    b,
    say(() => `amounts far apart ${both()}`),
  );
}

export function customerSignal(x: PreparedDeal, y: PreparedDeal, words: boolean): Signal {
  const say = sayer(words);
  const [a, b] = [x.record.accountName, y.record.accountName];
  const both = () => `(${a} / ${b})`;
  // A customer has several deals, so the same account is evidence, not proof.
  if (x.record.accountId === y.record.accountId)
    return signal(
      'customer',
      'same_account',
      4,
      a,
      b,
      say(() => `the same customer (${a})`),
    );
  const keys = new Set(x.record.accountKeys);
  if (y.record.accountKeys.some((k) => keys.has(k)))
    return signal(
      'customer',
      'same_identity',
      5,
      a,
      b,
      say(() => `the customers share a phone or credit code ${both()}`),
    );
  const names = compareCompanyNames(x.customer, y.customer);
  if (names === 'different')
    // Different integrators bidding for one tender is exactly the story: no penalty for other names.
    return signal(
      'customer',
      'different',
      0,
      a,
      b,
      say(() => `different customers ${both()}`),
    );
  // Two companies can share a trade name; different credit codes prove they are two.
  if (x.record.accountKeys.some(isCreditKey) && y.record.accountKeys.some(isCreditKey))
    return signal(
      'customer',
      'different_identity',
      -3,
      a,
      b,
      say(() => `two companies with similar names ${both()}`),
    );
  if (x.customer.branch !== y.customer.branch)
    return signal(
      'customer',
      'branch',
      1,
      a,
      b,
      say(() => `a company and its branch ${both()}`),
    );
  if (names === 'similar')
    return signal(
      'customer',
      'similar_name',
      2,
      a,
      b,
      say(() => `similar customer names ${both()}`),
    );
  const weight = names === 'same' ? 4.5 : 4;
  return signal(
    'customer',
    'same_name',
    weight,
    a,
    b,
    say(() => `one customer under two spellings ${both()}`),
  );
}

export function isCreditKey(key: string): boolean {
  return key.startsWith('cc:');
}
