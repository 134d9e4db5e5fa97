import type { BasketComparison } from './basket.js';
import type { Measure } from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import { describeLine, listWords } from './product-words.js';
import { provinceLabel } from './provinces.js';
import type { Signal, SignalName } from './types.js';

/**
 * The words for each measured comparison: what a sales manager reads beside its level and weight.
 * Only the pairs a scan shows get here; the weights were settled by `measures.ts` already.
 */

const KIND_WORDS: Readonly<Record<string, [string, string]>> = {
  system_integrator: ['a system integrator', 'system integrators'],
  end_user: ['an end user', 'end users'],
  dealer: ['a dealer', 'dealers'],
  distributor: ['a distributor', 'distributors'],
};

function signal(name: SignalName, m: Measure, a: unknown, b: unknown, text: string): Signal {
  return { name, level: m.level, weight: m.weight, a, b, text };
}

export function basketSignal(x: PreparedDeal, y: PreparedDeal, c: BasketComparison): Signal {
  const [a, b] = [x.record.lines, y.record.lines];
  return signal('basket', c, a, b, basketWords(x, c));
}

function basketWords(x: PreparedDeal, c: BasketComparison): string {
  if (c.level === 'unknown') return 'a basket is empty';
  if (c.level === 'none') return 'the baskets share no product';
  if (c.weight <= 0) {
    const lines = c.matched.length + Math.max(c.unmatchedA, c.unmatchedB);
    return `the baskets share little (${c.matched.length} of ${lines} lines alike)`;
  }
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
}

export function deliverySignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.requiredDelivery, y.record.requiredDelivery];
  if (x.deliveryDay === null || y.deliveryDay === null)
    return signal('delivery', m, a, b, 'a delivery date is missing');
  const days = Math.abs(x.deliveryDay - y.deliveryDay);
  const text =
    days === 0 ? `delivery on the same day (${a})` : `delivery ${days} day${days === 1 ? '' : 's'} apart`;
  return signal('delivery', m, a, b, text);
}

export function regionSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.province, y.record.province];
  const text =
    a === null || b === null
      ? 'a province is missing'
      : a !== b
        ? `one in ${provinceLabel(a)}, the other in ${provinceLabel(b)}`
        : `both in ${provinceLabel(a)}`;
  return signal('region', m, a, b, text);
}

export function customerKindSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.accountKind, y.record.accountKind];
  const names = `(${x.record.accountName} / ${y.record.accountName})`;
  const text =
    a === null || b === null
      ? 'a customer kind is missing'
      : m.level === 'same_customer'
        ? 'the same customer'
        : a !== b
          ? `the customers are ${KIND_WORDS[a]?.[0] ?? a} and ${KIND_WORDS[b]?.[0] ?? b} ${names}`
          : `both customers are ${KIND_WORDS[a]?.[1] ?? a} ${names}`;
  return signal('customer_kind', m, a, b, text);
}

export function endCustomerSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.endCustomer, y.record.endCustomer];
  const words: Record<string, string> = {
    unknown: 'an end customer is unknown',
    same: `both for the same end customer (${a})`,
    similar: `similar end customers (${a} / ${b})`,
    different: `different end customers (${a} / ${b})`,
  };
  return signal('end_customer', m, a, b, words[m.level] ?? m.level);
}

const money = (minor: number, currency: string) =>
  `${currency === 'CNY' ? '¥' : `${currency} `}${Math.round(minor / 100).toLocaleString('en-US')}`;

export function amountSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.amountMinor, y.record.amountMinor];
  const both = `(${money(a, x.record.currency)} / ${money(b, y.record.currency)})`;
  const words: Record<string, string> = {
    unknown: 'amounts cannot be compared',
    same: `amounts within 5% ${both}`,
    close: `amounts within 20% ${both}`,
    different: `amounts differ ${both}`,
    far: `amounts far apart ${both}`,
  };
  return signal('amount', m, a, b, words[m.level] ?? m.level);
}

export function customerSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.accountName, y.record.accountName];
  const both = `(${a} / ${b})`;
  const words: Record<string, string> = {
    same_account: `the same customer (${a})`,
    same_identity: `the customers share a phone or credit code ${both}`,
    different: `different customers ${both}`,
    different_identity: `two companies with similar names ${both}`,
    branch: `a company and its branch ${both}`,
    similar_name: `similar customer names ${both}`,
    same_name: `one customer under two spellings ${both}`,
  };
  return signal('customer', m, a, b, words[m.level] ?? m.level);
}
