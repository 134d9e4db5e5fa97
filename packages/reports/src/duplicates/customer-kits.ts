import { deliveryLevel } from './weights.js';

/**
 * The gap between two deliveries in days, binned finer than the delivery levels and inside them
 * (a bin never straddles a level's edge): a customer's re-order four weeks on and a copy re-dated
 * by a week share the level "within a month" but not a bin. Each bin is [first, last] days.
 */
export const GAP_BINS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 7],
  [8, 14],
  [15, 21],
  [22, 30],
  [31, 60],
  [61, 90],
  [91, Number.POSITIVE_INFINITY],
];

/** The `GAP_BINS` index of a gap of `days` (≥ 0). */
export function gapBin(days: number): number {
  return GAP_BINS.findIndex(([, last]) => days <= last);
}

/**
 * Which baskets each customer holds, and how often: what tells a customer's copy of a standard kit
 * from its re-order of it. Counted from the deals themselves as they are added to the statistics
 * (`CorpusStats.add`); statistics read from a stored index (`CorpusStats.fromCounts`) hold none —
 * a kit's buyers are not a block size — and keep the reading of the kit against the whole tenant.
 */

/** One customer's deals holding one basket: how many, and their delivery days (NaN when unknown). */
interface Holding {
  count: number;
  days: number[];
}

/** A kit's buyers and how often they buy it again, as counted (`KitSummary.kit`). */
export interface KitBuyers {
  /** Customers holding the basket in at least one deal. */
  buyers: number;
  /** Σ over its buyers of (deals holding it − 1): the orders of it beyond each buyer's first. */
  again: number;
  /** Σ over its buyers of (deals with a basket − 1): the other deals those orders could have been. */
  others: number;
}

/** Delivery gaps between two orders of one kit by one customer, counted over every such pair. */
export interface RepeatGaps {
  /** Pairs of one customer's deals holding one kit, both with a delivery date. */
  pairs: number;
  /** Of them, by `gapBin`. */
  byBin: readonly number[];
}

export interface KitSummary {
  kit(signature: string): KitBuyers;
  /** Σ again / Σ others over the kits (`isKit`): how often a kit's buyer's other deal holds it again. */
  rate: number;
  /** The gaps between one customer's orders of one kit, over the kits (`isKit`). */
  gaps: RepeatGaps;
}

const NONE: KitBuyers = Object.freeze({ buyers: 0, again: 0, others: 0 });

export class CustomerKits {
  /** By account, then basket signature. */
  private readonly holdings = new Map<string, Map<string, Holding>>();
  /** Deals with a basket, by account. */
  private readonly deals = new Map<string, number>();
  private version = 0;
  private summarised: { version: number; isKit: (holders: number) => boolean; summary: KitSummary } | null =
    null;

  add(accountId: string, signature: string, day: number | null): void {
    this.version++;
    this.deals.set(accountId, (this.deals.get(accountId) ?? 0) + 1);
    let kits = this.holdings.get(accountId);
    if (!kits) {
      kits = new Map();
      this.holdings.set(accountId, kits);
    }
    const held = kits.get(signature);
    if (held) {
      held.count++;
      held.days.push(day ?? Number.NaN);
    } else kits.set(signature, { count: 1, days: [day ?? Number.NaN] });
  }

  /** Deals of this customer holding exactly this basket. */
  count(accountId: string, signature: string): number {
    return this.holdings.get(accountId)?.get(signature)?.count ?? 0;
  }

  /** Deals of this customer with a basket. */
  dealsOf(accountId: string): number {
    return this.deals.get(accountId) ?? 0;
  }

  /**
   * Every kit's buyers, and over the baskets `isKit` (by how many deals hold them) the tenant's
   * repeat rate and the gaps between repeat orders; worked out once per version of the counts.
   */
  summary(isKit: (holders: number) => boolean): KitSummary {
    const cached = this.summarised;
    if (cached && cached.version === this.version && cached.isKit === isKit) return cached.summary;
    const kits = new Map<string, { buyers: number; again: number; others: number; holders: number }>();
    for (const [account, held] of this.holdings) {
      const others = (this.deals.get(account) ?? 0) - 1;
      for (const [signature, h] of held) {
        const k = kits.get(signature) ?? { buyers: 0, again: 0, others: 0, holders: 0 };
        k.buyers++;
        k.again += h.count - 1;
        k.others += others;
        k.holders += h.count;
        kits.set(signature, k);
      }
    }
    let again = 0;
    let others = 0;
    const byBin = GAP_BINS.map(() => 0);
    let pairs = 0;
    for (const held of this.holdings.values())
      for (const [signature, h] of held) {
        const k = kits.get(signature);
        if (!k || !isKit(k.holders)) continue;
        again += h.count - 1;
        for (let i = 0; i < h.days.length; i++)
          for (let j = i + 1; j < h.days.length; j++) {
            const [a, b] = [h.days[i] as number, h.days[j] as number];
            if (deliveryLevel(a, b) === null) continue;
            pairs++;
            const bin = gapBin(Math.abs(a - b));
            byBin[bin] = (byBin[bin] ?? 0) + 1;
          }
      }
    for (const k of kits.values()) if (isKit(k.holders)) others += k.others;
    const summary: KitSummary = {
      kit: (signature) => kits.get(signature) ?? NONE,
      rate: others > 0 ? again / others : 0,
      gaps: { pairs, byBin },
    };
    this.summarised = { version: this.version, isKit, summary };
    return summary;
  }
}
