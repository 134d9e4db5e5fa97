import type { PreparedDeal } from './prepared-deal.js';
import type { DealLine } from './types.js';

/**
 * Classes of deals for the scan's memos (`ScanColumns`): deals that hold everything one comparison
 * reads fall in one class, numbered by first appearance, with how many deals each class holds.
 *
 * Why not a string key per deal in a `Map`: at a million deals nearly every deal is alone in its
 * class, so the scan built, hashed and kept a million fresh strings per memo (a tenth of building
 * its columns, and garbage the collector walked). Here a deal is placed by a number worked out from
 * numbers it already has (ordinals of its SKUs, its account …), and told apart from the deals of
 * the classes under the same number by comparing what the comparison reads.
 */
export class DealClasses {
  /** Per class, how many deals it holds. */
  readonly counts: number[] = [];
  /** Per class, the first deal placed in it: the one later deals are compared with. */
  private readonly firstDeal: number[] = [];
  /** Per class, the next class placed under the same number (−1: none). */
  private readonly nextClass: number[] = [];
  /** By number, the first class placed under it. */
  private readonly byNumber = new Map<number, number>();

  /** `same(a, b)`: deals `a` and `b` hold everything the comparison reads alike. */
  constructor(private readonly same: (a: number, b: number) => boolean) {}

  /** The class of deal `deal`, whose number is `number` (equal deals must have equal numbers). */
  of(deal: number, number: number): number {
    const head = this.byNumber.get(number);
    for (let c = head ?? -1; c >= 0; c = this.nextClass[c] as number) {
      if (this.same(this.firstDeal[c] as number, deal)) {
        this.counts[c] = (this.counts[c] as number) + 1;
        return c;
      }
    }
    const c = this.counts.length;
    this.counts.push(1);
    this.firstDeal.push(deal);
    this.nextClass.push(head ?? -1);
    this.byNumber.set(number, c);
    return c;
  }
}

/** Mixes `value` into `hash`: a small integer (a `Map` keeps it unboxed) spreading equal inputs alike. */
export function mixNumber(hash: number, value: number): number {
  return (Math.imul(hash ^ (value | 0), 0x9e3779b1) + 0x7f4a7c15) & 0x3fffffff;
}

/** Two quantities alike as the old string keys read them (`String(q)`): NaN is like NaN. */
function sameQuantity(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Everything `basketWeight` reads of one side alike: the lines in their order (SKU, quantity, category). */
export function sameLines(a: PreparedDeal, b: PreparedDeal): boolean {
  if (a.items.length !== b.items.length) return false;
  for (let k = 0; k < a.items.length; k++) {
    const x = a.items[k] as DealLine;
    const y = b.items[k] as DealLine;
    if (x.sku !== y.sku || !sameQuantity(x.quantity, y.quantity) || (x.category ?? '') !== (y.category ?? ''))
      return false;
  }
  return true;
}

/** Everything `measureCustomer` reads of one side alike: the account, its name and identity keys in order. */
export function sameCustomer(a: PreparedDeal, b: PreparedDeal): boolean {
  const [x, y] = [a.record, b.record];
  if (x.accountId !== y.accountId || x.accountName !== y.accountName) return false;
  if (x.accountKeys.length !== y.accountKeys.length) return false;
  return x.accountKeys.every((k, at) => k === y.accountKeys[at]);
}

/** Everything `measureEndCustomer` reads of one side alike: the tender, the end customer's name and linked account. */
export function sameEndCustomer(a: PreparedDeal, b: PreparedDeal): boolean {
  return (
    a.tender === b.tender &&
    a.endCustomer === b.endCustomer &&
    a.endCustomerAccountId === b.endCustomerAccountId
  );
}
