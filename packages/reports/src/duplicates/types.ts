import type { Message } from '@gongfu/core';
/** One line of a deal's basket, as duplicate detection sees it. */
export interface DealLine {
  sku: string;
  /** Product category (sibling SKUs share one); null when the SKU is not in the catalogue. */
  category: string | null;
  quantity: number;
}

/**
 * An open opportunity reduced to what duplicate detection compares. Built from the stored
 * opportunity and its bill-to account (`toDealRecord`), or directly by a generator.
 */
export interface DealRecord {
  id: string;
  name: string;
  ownerId: string;
  accountId: string;
  accountName: string;
  accountKind: string | null;
  /** Identity keys of the customer (credit code, phones in E.164): one shared key = one company. */
  accountKeys: readonly string[];
  /** End customer behind an integrator (its name; for older records the name and tender as typed); null when unknown. */
  endCustomer: string | null;
  /**
   * The end customer's account when it is linked: two deals for one end-user account are most
   * likely one project. Absent or null when unlinked (the name above is compared instead).
   */
  endCustomerAccountId?: string | null;
  /** The number of the end customer's tender the deal bids for; absent or null when unknown. */
  tender?: string | null;
  lines: readonly DealLine[];
  /** `YYYY-MM-DD` or null. */
  requiredDelivery: string | null;
  /** GB/T 2260 2-digit province code or null. */
  province: string | null;
  amountMinor: number;
  currency: string;
}

export type SignalName =
  | 'basket'
  | 'delivery'
  | 'region'
  | 'customer_kind'
  | 'end_customer'
  | 'amount'
  | 'customer'
  /** The pair's deals are proposed with other deals too (`competing-partners.ts`). */
  | 'competition';

/**
 * One piece of evidence about a pair: its level, its log2 likelihood-ratio weight (positive: more
 * likely one deal), both values compared and the phrase the explanation uses.
 */
export interface Signal {
  name: SignalName;
  level: string;
  weight: number;
  a: unknown;
  b: unknown;
  /** The phrase in English (or the service's language, when read through a report). */
  text: string;
  /** The phrase as a key with parameters (`duplicate.region.same` …), for any locale. */
  message: Message;
}

export interface DealSide {
  id: string;
  name: string;
  ownerId: string;
  accountName: string;
}

export interface DealDuplicate {
  a: DealSide;
  b: DealSide;
  /** Total match weight in bits: the prior plus every signal's weight. */
  score: number;
  /** 2^score / (1 + 2^score): the chance the two are one deal under the model. */
  probability: number;
  signals: Signal[];
  /** Why the pair looks like one deal: `text` in words, `message` as a key with parameters. */
  explanation: { text: string; message: Message };
  /**
   * An exact or near-exact copy (one customer, the same basket no other deal holds, delivery within
   * a week): these head the list, whatever their score.
   */
  copy: boolean;
}

export interface DuplicateScanOptions {
  /**
   * At most this many pairs, best first: a whole number from 1 to 10,000; outside that, a
   * ValidationError naming `limit`. Without it `findDuplicateDeals` and `checkDealForDuplicates`
   * return every pair (no default cap) and `findDuplicateDealsPage` a page of 50 with its
   * `nextCursor`; `allDuplicateDeals` streams the whole result.
   */
  limit?: number;
  /** Only pairs scoring at least this (bits). Default 0 (probability ≥ 0.5). */
  minScore?: number;
  /** Called as candidates are scored, so a CLI or UI can show a bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Threads the full scan scores candidate pairs on: a whole number from 1 to 64, or `'auto'` (one
   * below 200,000 deals, else two where the machine has two cores). Default 1: each extra thread is
   * a worker holding a copy of the prepared deals and statistics (at 1M deals ~2.6 GiB more), so a
   * server asks for it when it has the memory. The result is the same on any number. Outside that,
   * a ValidationError naming `threads`; a worker that fails, a `DuplicateScanThreadError`.
   */
  threads?: number | 'auto';
}
