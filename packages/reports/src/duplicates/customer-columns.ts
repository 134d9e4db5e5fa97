import { mixNumber } from './deal-classes.js';
import type { PreparedDeal } from './prepared-deal.js';

/** Numbers for the distinct strings of a few columns: equal numbers exactly when equal strings. */
class StringIds {
  private readonly ids = new Map<string, number>();

  of(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of `value`, or −1 when it is null or does not count (`counts` false). */
  ofCounted(value: string | null, counts = true): number {
    return value === null || !counts ? -1 : this.of(value);
  }
}

/** Integers per deal in `CustomerColumns.cells`: one cache line, as a scan reads them for deals all over the ordinals. */
const WIDTH = 16;
const ACCOUNT = 0;
const CLEAN = 1;
const TRADE_NAME = 2;
/** The trade name when it has two characters or more (what `metByLine` compares), else −1. */
const TRADE_NAME_2 = 3;
/** The pinyin when it has four letters or more, else −1. */
const PINYIN_4 = 4;
const END_CUSTOMER = 5;
const END_ACCOUNT = 6;
const TENDER = 7;
/** The deal's identity keys, sorted, are `keys[KEYS_FROM .. KEYS_TO)`. */
const KEYS_FROM = 8;
const KEYS_TO = 9;

/**
 * What `metByLine` and `mayBeOneCustomer` read of each deal, as small integers by ordinal: the
 * scan asks them of millions of candidate pairs, and comparing the strings (customer names, end
 * customers, identity keys) of two deals cost it more than the comparisons they guard. A field
 * holds −1 where its string function compares nothing (no value, or too short to count), so equal
 * non-negative numbers are exactly the equal strings those functions look for.
 */
export class CustomerColumns {
  private readonly cells: Int32Array;
  private readonly keys: Int32Array;

  constructor(deals: readonly PreparedDeal[]) {
    const strings = new StringIds();
    const cells = new Int32Array(deals.length * WIDTH);
    const keys: number[] = [];
    deals.forEach((d, i) => {
      const o = i * WIDTH;
      const { customer } = d;
      cells[o + ACCOUNT] = strings.of(d.record.accountId);
      cells[o + CLEAN] = strings.of(customer.clean);
      cells[o + TRADE_NAME] = strings.of(customer.tradeName);
      cells[o + TRADE_NAME_2] = strings.ofCounted(customer.tradeName, customer.tradeName.length >= 2);
      cells[o + PINYIN_4] = strings.ofCounted(customer.pinyin, customer.pinyin.length >= 4);
      cells[o + END_CUSTOMER] = strings.ofCounted(d.endCustomer);
      cells[o + END_ACCOUNT] = strings.ofCounted(d.endCustomerAccountId);
      cells[o + TENDER] = strings.ofCounted(d.tender);
      cells[o + KEYS_FROM] = keys.length;
      keys.push(...d.record.accountKeys.map((k) => strings.of(k)).sort((a, b) => a - b));
      cells[o + KEYS_TO] = keys.length;
    });
    this.cells = cells;
    this.keys = Int32Array.from(keys);
  }

  /**
   * A number for deal `i`'s end customer (tender, name, linked account): equal for deals that name
   * one alike (`DealClasses` tells the rest apart).
   */
  endCustomerNumber(i: number): number {
    const o = i * WIDTH;
    const cells = this.cells;
    return mixNumber(
      mixNumber(mixNumber(0, cells[o + TENDER] as number), cells[o + END_CUSTOMER] as number),
      cells[o + END_ACCOUNT] as number,
    );
  }

  /** Whether deals `i` and `j` share an identity key (a phone, a credit code …). */
  sharesKey(i: number, j: number): boolean {
    const { cells, keys } = this;
    let a = cells[i * WIDTH + KEYS_FROM] as number;
    let b = cells[j * WIDTH + KEYS_FROM] as number;
    const endA = cells[i * WIDTH + KEYS_TO] as number;
    const endB = cells[j * WIDTH + KEYS_TO] as number;
    while (a < endA && b < endB) {
      const x = keys[a] as number;
      const y = keys[b] as number;
      if (x === y) return true;
      if (x < y) a++;
      else b++;
    }
    return false;
  }

  /** `metByLine` of deals `i` and `j`. */
  metByLine(i: number, j: number): boolean {
    const cells = this.cells;
    const a = i * WIDTH;
    const b = j * WIDTH;
    if (cells[a + ACCOUNT] === cells[b + ACCOUNT] || this.sharesKey(i, j)) return false;
    return !(
      sameCounted(cells, a + TRADE_NAME_2, b + TRADE_NAME_2) ||
      sameCounted(cells, a + PINYIN_4, b + PINYIN_4) ||
      sameCounted(cells, a + END_CUSTOMER, b + END_CUSTOMER) ||
      sameCounted(cells, a + END_ACCOUNT, b + END_ACCOUNT) ||
      sameCounted(cells, a + TENDER, b + TENDER)
    );
  }

  /** `mayBeOneCustomer` of deals `i` and `j`. */
  mayBeOneCustomer(i: number, j: number): boolean {
    const cells = this.cells;
    const a = i * WIDTH;
    const b = j * WIDTH;
    if (cells[a + CLEAN] === cells[b + CLEAN] || cells[a + TRADE_NAME] === cells[b + TRADE_NAME]) return true;
    return sameCounted(cells, a + PINYIN_4, b + PINYIN_4) || this.sharesKey(i, j);
  }
}

/** Both cells hold one counted value. */
function sameCounted(cells: Int32Array, a: number, b: number): boolean {
  const value = cells[a] as number;
  return value >= 0 && value === cells[b];
}
