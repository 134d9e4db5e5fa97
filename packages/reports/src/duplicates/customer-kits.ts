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
 * Deals holding a basket before it counts as a standard kit: the pair weighed and two others, as
 * `isCommonBasket` (basket.ts) reads a signature's count.
 */
export const KIT_HOLDERS = 4;

/**
 * What tells a customer's copy of a standard kit from its re-order of it, counted over the whole
 * tenant when its weights are estimated (`DealDuplicateEngine.weights`) and stored with them: each
 * kit's buyers and how often they buy it again, the tenant's repeat rate and the delivery gaps
 * between one customer's orders of one kit. The scan and the stored-key check both read these
 * figures from the tenant's weights, and the customer's own counts from the statistics (`#as:`,
 * `#ab:` keys), so they weigh such pairs alike. Versioned with the weights: an estimate made before
 * it lacks them, and the kit is then read against the tenant only.
 */
export interface KitRepeatFigures {
  /**
   * Σ again / Σ others over the kits, shrunk by `RATE_PSEUDO` pseudo-deals towards the rate chance
   * alone gives (a buyer's other deal holding the kit as often as any deal does): how often a
   * kit's buyer's other deal holds it again.
   */
  rate: number;
  /** The gaps between one customer's orders of one kit, over the kits. */
  gaps: RepeatGaps;
  /**
   * Per kit (basket signature held by `KIT_HOLDERS` deals or more) with two buyers or more:
   * [buyers, again, others] (`KitBuyers`). A kit with one buyer has none once that buyer is left out.
   */
  kits: Readonly<Record<string, readonly [number, number, number]>>;
  /**
   * A customer's orders, not its rows: deals of one customer holding one kit due on one day are
   * copies of one order and count once in the figures above. Per `copyKey(account, kit)`, the rows
   * beyond one per order (groups of copies only), so a pair reads the customer's own counts from the
   * statistics (rows) as orders too. Absent from an estimate made before copies were counted once.
   */
  copies?: Readonly<Record<string, number>>;
}

/** The key of one customer's kit in `KitRepeatFigures.copies`. */
export function copyKey(accountId: string, signature: string): string {
  return `${accountId}|${signature}`;
}

/** A kit's buyers and how often they buy it again, as counted. */
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
  /**
   * Pairs of one customer's deals holding one kit, both with a delivery date; a close pair counts
   * by its chance of being two orders (`copyChance`), so the counts need not be whole.
   */
  pairs: number;
  /** Of them, by `gapBin`. */
  byBin: readonly number[];
}

/** One deal as the figures count it: its customer, basket signature ('' for none) and delivery day. */
export interface KitHolding {
  accountId: string;
  signature: string;
  day: number | null;
}

/**
 * Pseudo-deals the tenant's repeat rate is shrunk with towards chance: a tenant whose few repeat
 * orders of kits are all copies of one deal (each counted as a repeat) does not read every customer
 * as re-ordering its kits. As many as a kit's share is shrunk with (`kit-repeats.ts`).
 */
const RATE_PSEUDO = 100;

const NONE: KitBuyers = Object.freeze({ buyers: 0, again: 0, others: 0 });

/** A kit's buyers as the figures hold them (none for a kit they do not list). */
export function kitBuyers(figures: KitRepeatFigures, signature: string): KitBuyers {
  if (!Object.hasOwn(figures.kits, signature)) return NONE;
  const [buyers, again, others] = figures.kits[signature] as readonly [number, number, number];
  return { buyers, again, others };
}

/**
 * The last `GAP_BINS` index a copy is looked for in (`kitRepeatFigures`' `copyChance`): gaps up to a
 * month, the delivery levels a deal entered twice shows (`deliveryLevel`); beyond them "within a
 * quarter" and "further" weigh a pair down by several bits, so it is never proposed as one deal.
 */
export const COPY_BINS_TO = 4;

/**
 * The tenant's kit figures from all its deals (`KitRepeatFigures`).
 *
 * `copyChance(i, j)`, given the deals' positions in `deals`: the chance the detector, weighing with
 * the figures counted so far, gives the two of being one deal. A close pair counts among the gaps
 * between repeat orders only by the rest of its chance (1 − chance) — the E-step of
 * expectation–maximisation: u is the share among pairs that are not duplicates, and a customer's
 * copies of its kit, each counted as a repeat order due days apart, were what the close gaps held
 * (probe 10k: of the 10 pairs due the same day, 10 were planted copies; of 17 up to a week apart,
 * 15; of 22 one to two weeks apart, 8), so a copy was read against copies and its gap said little.
 * A pair counted out only when proposed (chance ≥ ½) left the copies scored just below 0 among the
 * repeat orders, keeping their own readings low (`recountKitGaps` in engine.ts).
 */
export function kitRepeatFigures(
  deals: Iterable<KitHolding>,
  copyChance?: (i: number, j: number) => number,
): KitRepeatFigures {
  /** By account, then signature: the delivery days (NaN when unknown) of its deals holding it. */
  const holdings = new Map<string, Map<string, number[]>>();
  /** The same, each day's deal by its position in `deals` (read only with `copyChance`). */
  const positions = new Map<string, Map<string, number[]>>();
  const dealsOf = new Map<string, number>();
  const holders = new Map<string, number>();
  /** Rows beyond the first of one customer's deals holding one basket due on one day (`copyKey`). */
  const extra = new Map<string, number>();
  let position = -1;
  for (const { accountId, signature, day } of deals) {
    position++;
    if (signature === '') continue;
    holders.set(signature, (holders.get(signature) ?? 0) + 1);
    const same = day === null ? undefined : holdings.get(accountId)?.get(signature);
    if (same?.includes(day as number)) {
      // A copy of an order already counted: one order, however many times it was entered.
      const key = copyKey(accountId, signature);
      extra.set(key, (extra.get(key) ?? 0) + 1);
      continue;
    }
    if (copyChance) {
      let at = positions.get(accountId);
      if (!at) {
        at = new Map();
        positions.set(accountId, at);
      }
      const list = at.get(signature);
      if (list) list.push(position);
      else at.set(signature, [position]);
    }
    dealsOf.set(accountId, (dealsOf.get(accountId) ?? 0) + 1);
    let held = holdings.get(accountId);
    if (!held) {
      held = new Map();
      holdings.set(accountId, held);
    }
    const days = held.get(signature);
    if (days) days.push(day ?? Number.NaN);
    else held.set(signature, [day ?? Number.NaN]);
  }
  const isKit = (signature: string) => (holders.get(signature) ?? 0) >= KIT_HOLDERS;
  // A customer's deals with a basket count its kits' orders once; other baskets' copies stay rows,
  // as `kitRepeatsOf` reads them (it subtracts the kits' copies alone).
  const copies: Record<string, number> = {};
  for (const [key, n] of [...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cut = key.indexOf('|');
    const [account, signature] = [key.slice(0, cut), key.slice(cut + 1)];
    if (isKit(signature)) copies[key] = n;
    else dealsOf.set(account, (dealsOf.get(account) ?? 0) + n);
  }
  const kits = new Map<string, [number, number, number]>();
  let basketDeals = 0;
  for (const count of dealsOf.values()) basketDeals += count;
  let again = 0;
  let others = 0;
  /** Σ over the kits' buyers of their other deals × the kit's share of all deals: `again` by chance. */
  let byChance = 0;
  let pairs = 0;
  const byBin = GAP_BINS.map(() => 0);
  for (const [account, held] of holdings) {
    const otherDeals = (dealsOf.get(account) ?? 0) - 1;
    const at = positions.get(account);
    for (const [signature, days] of held) {
      if (!isKit(signature)) continue;
      const k = kits.get(signature) ?? [0, 0, 0];
      k[0]++;
      k[1] += days.length - 1;
      k[2] += otherDeals;
      kits.set(signature, k);
      again += days.length - 1;
      others += otherDeals;
      byChance += (otherDeals * (holders.get(signature) ?? 0)) / basketDeals;
      for (let i = 0; i < days.length; i++)
        for (let j = i + 1; j < days.length; j++) {
          const [a, b] = [days[i] as number, days[j] as number];
          // A pair without both delivery days says nothing of the gap.
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          const bin = gapBin(Math.abs(a - b));
          // A close pair counts by its chance of being two orders, not one entered twice.
          let repeat = 1;
          if (copyChance && bin <= COPY_BINS_TO) {
            const of = at?.get(signature) as number[];
            repeat = 1 - copyChance(of[i] as number, of[j] as number);
          }
          pairs += repeat;
          byBin[bin] = (byBin[bin] ?? 0) + repeat;
        }
    }
  }
  const listed: Record<string, readonly [number, number, number]> = {};
  for (const [signature, k] of [...kits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (k[0] >= 2) listed[signature] = k;
  const chance = others > 0 ? byChance / others : 0;
  const rate = (again + RATE_PSEUDO * chance) / (others + RATE_PSEUDO);
  return { rate, gaps: { pairs, byBin }, kits: listed, copies };
}

/** A kit's or a customer's copies: rows beyond one per order (`KitRepeatFigures.copies`). */
interface CopyTotals {
  byAccount: Map<string, number>;
  bySignature: Map<string, number>;
}

/** Per figures object, the copies summed by customer and by kit, worked out once. */
const COPY_TOTALS = new WeakMap<KitRepeatFigures, CopyTotals>();

function copyTotals(figures: KitRepeatFigures): CopyTotals {
  let totals = COPY_TOTALS.get(figures);
  if (!totals) {
    totals = { byAccount: new Map(), bySignature: new Map() };
    for (const [key, n] of Object.entries(figures.copies ?? {})) {
      const cut = key.indexOf('|');
      const [account, signature] = [key.slice(0, cut), key.slice(cut + 1)];
      totals.byAccount.set(account, (totals.byAccount.get(account) ?? 0) + n);
      totals.bySignature.set(signature, (totals.bySignature.get(signature) ?? 0) + n);
    }
    COPY_TOTALS.set(figures, totals);
  }
  return totals;
}

/** Each kit's copies over all its buyers, by signature (empty without copies counted). */
export function copiesBySignature(figures: KitRepeatFigures | undefined): ReadonlyMap<string, number> {
  return figures?.copies === undefined ? NO_TOTALS : copyTotals(figures).bySignature;
}
const NO_TOTALS: ReadonlyMap<string, number> = new Map();

/** One customer's copies of all its kits: its deals beyond one per order. */
export function copiesOfAccount(figures: KitRepeatFigures | undefined, account: string): number {
  if (figures?.copies === undefined) return 0;
  return copyTotals(figures).byAccount.get(account) ?? 0;
}

/** One customer's copies: of this kit, and of all its kits. */
export function accountCopies(
  figures: KitRepeatFigures,
  account: string,
  signature: string,
): { kit: number; all: number } {
  const copies = figures.copies;
  if (copies === undefined) return NO_COPIES;
  const all = copiesOfAccount(figures, account);
  if (all === 0) return NO_COPIES;
  const key = copyKey(account, signature);
  return { kit: Object.hasOwn(copies, key) ? (copies[key] as number) : 0, all };
}
const NO_COPIES = Object.freeze({ kit: 0, all: 0 });

/** Whether a stored document holds usable kit figures (an older or foreign shape is ignored). */
export function isKitRepeatFigures(doc: unknown): doc is KitRepeatFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<KitRepeatFigures>;
  const count = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (!count(d.rate) || typeof d.gaps !== 'object' || d.gaps === null) return false;
  if (!count(d.gaps.pairs) || !Array.isArray(d.gaps.byBin) || d.gaps.byBin.length !== GAP_BINS.length)
    return false;
  if (!d.gaps.byBin.every(count) || typeof d.kits !== 'object' || d.kits === null) return false;
  if (d.copies !== undefined && (typeof d.copies !== 'object' || d.copies === null)) return false;
  if (d.copies !== undefined && !Object.values(d.copies).every(count)) return false;
  return Object.values(d.kits).every((k) => Array.isArray(k) && k.length === 3 && k.every(count));
}
