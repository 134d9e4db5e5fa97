import { copiesBySignature, type KitRepeatFigures } from './customer-kits.js';
import { PROVINCE_COUNT } from './provinces.js';
import type { DealLine, DealRecord } from './types.js';
import { type DuplicateWeights, REFERENCE_WEIGHTS } from './weights.js';

/** Upper bounds of the quantity bands (log-like): 1, 2–4, 5–9, 10–19, 20–49, 50–99, 100–199, 200–499, 500–999, 1000+. */
const BAND_TOPS = [1, 4, 9, 19, 49, 99, 199, 499, 999];

/**
 * Before any data: how likely a random deal is to hold a given SKU in each band. Quantity 1 is
 * everywhere ("1 server"), 200 of one scanner is not — so a small corpus still ranks rarity sensibly.
 */
const PRIOR_SHARE = [0.05, 0.03, 0.02, 0.01, 0.008, 0.005, 0.003, 0.002, 0.001, 0.001];

/** Pseudo-deals that carry the prior; real counts outweigh it once the corpus grows. */
const PSEUDO = 100;
/** Provinces and customer kinds are few, so the data speaks for them sooner. */
const PSEUDO_SHARE = 20;
/** Pseudo-deals spread evenly over a band: until a band holds some deals, quantities count as even. */
const PSEUDO_QUANTITY = 50;
/** The most an exact quantity adds to a line's match. */
const EXACT_QUANTITY_MAX = 4;

export function quantityBand(quantity: number): number {
  const band = BAND_TOPS.findIndex((top) => quantity <= top);
  return band === -1 ? BAND_TOPS.length : band;
}

/** The quantities of `quantity`'s band, first and last (null: no last, the band of 1,000 and more). */
export function quantityBandRange(quantity: number): readonly [number, number | null] {
  const band = quantityBand(quantity);
  const low = band === 0 ? 1 : (BAND_TOPS[band - 1] as number) + 1;
  return [low, BAND_TOPS[band] ?? null];
}

export function itemToken(line: Pick<DealLine, 'sku' | 'quantity'>): string {
  return `${line.sku}|${quantityBand(line.quantity)}`;
}

/** One line per SKU (quantities summed), so a basket entered as two lines of one SKU compares alike. */
export function mergeBySku(lines: readonly DealLine[]): DealLine[] {
  const merged = new Map<string, DealLine>();
  for (const l of lines) {
    const seen = merged.get(l.sku);
    merged.set(l.sku, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
  }
  return [...merged.values()];
}

/** The whole basket as one value: equal signatures = the same SKUs in the same bands. */
export function basketSignature(lines: readonly DealLine[]): string {
  return mergeBySku(lines).map(itemToken).sort().join(',');
}

/** Prefixes of the statistics keys; `#` never starts a blocking key, so the two never collide. */
const STAT = {
  all: '#n',
  anyKind: '#k',
  item: '#i:',
  signature: '#s:',
  province: '#p:',
  kind: '#k:',
  account: '#a:',
  quantity: '#q:',
  band: '#b:',
  /** Deals holding both of two items (`pairKeyOf`): how often lines come together in this tenant. */
  together: '#c:',
  /** Deals whose item pairs were counted: a corpus indexed before the pairs were lacks them. */
  togetherCounted: '#cv',
  /** Deals of one customer holding exactly one basket (`accountBasketKey`): a customer's own count of a kit. */
  accountBasket: '#as:',
  /** Deals of one customer with a basket at all. */
  accountBaskets: '#ab:',
  /** Deals whose customer baskets were counted: an index stored before they were lacks them. */
  accountBasketsCounted: '#asv',
};

/** The key of one customer's deals holding one basket signature. */
function accountBasketKey(accountId: string, signature: string): string {
  return `${accountId}|${signature}`;
}

/** The key of two items held together, in one order whichever comes first. */
function pairKeyOf(tokenA: string, tokenB: string): string {
  return tokenA < tokenB ? `${tokenA}+${tokenB}` : `${tokenB}+${tokenA}`;
}

/** Every pair of a deal's distinct item tokens, as `pairKeyOf` keys. */
function tokenPairs(tokens: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j < tokens.length; j++)
      pairs.push(pairKeyOf(tokens[i] as string, tokens[j] as string));
  return pairs;
}

/** Quantities below this are equal by chance all the time: their exact value is not counted. */
export const EXACT_QUANTITY_FROM = 10;

/** The distinct exact quantities (of `EXACT_QUANTITY_FROM` or more) a deal holds, and their bands. */
function quantityKeys(items: readonly Pick<DealLine, 'quantity'>[]): string[] {
  const keys = new Set<string>();
  for (const { quantity } of items) {
    if (quantity < EXACT_QUANTITY_FROM) continue;
    keys.add(STAT.quantity + quantity);
    keys.add(STAT.band + quantityBand(quantity));
  }
  return [...keys];
}

/** How many quantities band `band` spans (the last, open one counted as 9,000). */
export function bandWidth(band: number): number {
  const top = BAND_TOPS[band] ?? 10_000;
  const below = band === 0 ? 0 : (BAND_TOPS[band - 1] as number);
  return top - below;
}

/**
 * The checked deal's basket, for the keys of its partners a check reads (`statKeys`). A pair reads
 * the co-occurrence of two of a partner's lines only when both can be matched to the checked deal's
 * lines, one of them by its own SKU (`furtherLine`: a further line read given an earlier one is
 * matched by its own SKU; the earlier one by its SKU or as a sibling, a SKU of a category the
 * checked deal holds); a partner's whole basket count only when each of its SKUs is one the checked
 * deal holds (`containedKit`: a kit copied whole, line for line, into the checked deal; the same
 * basket is the checked deal's own key); a customer's basket counts only when the two baskets are
 * one (`kitRepeatsOf`). A partner's count of its account's open deals is always read: "the same
 * account" reads it (`sameAccountOf`), and so does one customer under two accounts
 * (`oneCustomerShift`: both accounts' deals). The rest are the larger part of a many-candidate check's keys.
 */
export interface CheckedBasket {
  /** `basketSignature` of the checked deal's lines. */
  signature: string;
  /** The SKUs of the checked deal's lines. */
  skus: ReadonlySet<string>;
  /** The categories of the checked deal's lines (`mergeBySku`'s, as the matcher compares them). */
  categories: ReadonlySet<string>;
  /** The checked deal's customer account. */
  accountId: string;
}

export function checkedBasket(r: DealRecord): CheckedBasket {
  return {
    signature: basketSignature(r.lines),
    skus: new Set(r.lines.map((l) => l.sku)),
    categories: new Set(mergeBySku(r.lines).flatMap((l) => (l.category === null ? [] : [l.category]))),
    accountId: r.accountId,
  };
}

/** Whether a partner's line can be matched to one of the checked deal's: by its SKU, or as a sibling. */
function matchable(line: DealLine, against: CheckedBasket): boolean {
  return against.skus.has(line.sku) || (line.category !== null && against.categories.has(line.category));
}

/** Whether a check reads the co-occurrence of a partner's lines `a` and `b` (see `CheckedBasket`). */
function readsTogether(a: DealLine, b: DealLine, against: CheckedBasket): boolean {
  return (
    (against.skus.has(a.sku) && matchable(b, against)) || (against.skus.has(b.sku) && matchable(a, against))
  );
}

/**
 * What one deal adds to the statistics, as keys stored beside its blocking keys: each key's block
 * size is then the count `add` would have kept, so a stored corpus yields its statistics by lookup.
 * `against`: only those a check of that deal reads of this one, its partner.
 */
export function statKeys(r: DealRecord, against?: CheckedBasket): string[] {
  const keys = [STAT.all, STAT.togetherCounted, STAT.accountBasketsCounted];
  const items = mergeBySku(r.lines);
  const tokens = items.map(itemToken);
  for (const token of tokens) keys.push(STAT.item + token);
  // As `tokenPairs`, less the pairs a check never reads of a partner (see `CheckedBasket`).
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j < tokens.length; j++)
      if (against === undefined || readsTogether(items[i]!, items[j]!, against))
        keys.push(STAT.together + pairKeyOf(tokens[i] as string, tokens[j] as string));
  if (r.lines.length > 0) {
    const signature = basketSignature(r.lines);
    if (against === undefined || items.every((l) => against.skus.has(l.sku)))
      keys.push(STAT.signature + signature);
    if (against === undefined || against.signature === signature)
      keys.push(
        STAT.accountBasket + accountBasketKey(r.accountId, signature),
        STAT.accountBaskets + r.accountId,
      );
  }
  if (r.province) keys.push(STAT.province + r.province);
  if (r.accountKind) keys.push(STAT.anyKind, STAT.kind + r.accountKind);
  keys.push(STAT.account + r.accountId);
  keys.push(...quantityKeys(mergeBySku(r.lines)));
  return keys;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * How common each value is among the deals being compared: the u-probabilities of the model
 * (Splink's term-frequency adjustment). Built once per scan; `add` keeps it current.
 */
export class CorpusStats {
  n = 0;
  /** Moves on every `add`: whatever was derived from the statistics before is stale. */
  version = 0;
  private readonly items = new Map<string, number>();
  private readonly signatures = new Map<string, number>();
  private readonly provinces = new Map<string, number>();
  private readonly kinds = new Map<string, number>();
  private readonly accounts = new Map<string, number>();
  /** Deals holding a line of exactly this quantity / of a quantity in this band (`quantityKeys`). */
  private readonly quantities = new Map<string, number>();
  /** Deals holding both items of a pair (`pairKeyOf`). */
  private readonly together = new Map<string, number>();
  /** Deals whose item pairs `together` counts (all of them unless read from an older index). */
  private togetherCounted = 0;
  private kindTotal = 0;
  /** Deals of one customer holding one basket (`accountBasketKey`), and each customer's deals with a basket. */
  private readonly accountBasket = new Map<string, number>();
  private readonly accountBaskets = new Map<string, number>();
  /** Deals whose customer baskets the two maps above count (all of them unless read from an older index). */
  private accountBasketsCounted = 0;
  /**
   * The tenant's u-probabilities the comparisons are weighed with (`weights.ts`): the stored
   * estimate, one made for this scan, or the reference until either exists.
   */
  weights: DuplicateWeights = REFERENCE_WEIGHTS;
  /** Surprise per item token, valid until the next `add`. */
  private readonly idfCache = new Map<string, number>();
  /** `exactQuantityBits` per quantity, valid until the next `add`. */
  private readonly exactCache = new Map<number, number>();
  /**
   * `quantityShare` per quantity (for the pair's own two deals), valid until the next `add`: the
   * matcher asks it of every two lines of one SKU, each time building two keys to look up.
   */
  private readonly shareCache = new Map<number, number>();

  static of(records: Iterable<DealRecord>): CorpusStats {
    const stats = new CorpusStats();
    for (const r of records) stats.add(r);
    return stats;
  }

  /**
   * The statistics of a stored corpus from the sizes of its `statKeys` blocks (a missing key
   * counts 0). Only the values asked for need be present: those of the deals about to be scored.
   */
  static fromCounts(counts: ReadonlyMap<string, number>): CorpusStats {
    const stats = new CorpusStats();
    stats.n = counts.get(STAT.all) ?? 0;
    stats.kindTotal = counts.get(STAT.anyKind) ?? 0;
    stats.togetherCounted = counts.get(STAT.togetherCounted) ?? 0;
    stats.accountBasketsCounted = counts.get(STAT.accountBasketsCounted) ?? 0;
    const into: [string, Map<string, number>][] = [
      [STAT.item, stats.items],
      [STAT.signature, stats.signatures],
      [STAT.province, stats.provinces],
      [STAT.kind, stats.kinds],
      [STAT.account, stats.accounts],
      [STAT.quantity, stats.quantities],
      [STAT.band, stats.quantities],
      [STAT.together, stats.together],
      [STAT.accountBasket, stats.accountBasket],
      [STAT.accountBaskets, stats.accountBaskets],
    ];
    for (const [key, count] of counts) {
      for (const [prefix, map] of into) {
        if (!key.startsWith(prefix)) continue;
        // Quantities and bands share one map under their own prefixes.
        map.set(map === stats.quantities ? key : key.slice(prefix.length), count);
      }
    }
    return stats;
  }

  add(r: DealRecord): void {
    const items = mergeBySku(r.lines);
    this.addBasket(r, items.map(itemToken), basketSignature(items), items);
  }

  /** `add` for a deal whose items, their tokens and basket signature are already worked out (`PreparedDeal`). */
  addBasket(
    r: DealRecord,
    tokens: readonly string[],
    signature: string,
    items: readonly Pick<DealLine, 'quantity'>[] = mergeBySku(r.lines),
  ): void {
    for (const key of quantityKeys(items)) bump(this.quantities, key);
    this.n++;
    this.version++;
    this.idfCache.clear();
    this.exactCache.clear();
    this.shareCache.clear();
    for (const token of tokens) bump(this.items, token);
    for (const pair of tokenPairs(tokens)) bump(this.together, pair);
    this.togetherCounted++;
    if (tokens.length > 0) bump(this.signatures, signature);
    if (r.province) bump(this.provinces, r.province);
    if (r.accountKind) {
      bump(this.kinds, r.accountKind);
      this.kindTotal++;
    }
    bump(this.accounts, r.accountId);
    this.accountBasketsCounted++;
    if (tokens.length > 0) {
      bump(this.accountBasket, accountBasketKey(r.accountId, signature));
      bump(this.accountBaskets, r.accountId);
    }
  }

  /** Deals of this customer holding exactly this basket (`basketSignature`). */
  accountBasketCount(accountId: string, signature: string): number {
    return this.accountBasket.get(accountBasketKey(accountId, signature)) ?? 0;
  }

  /** Deals of this customer with a basket. */
  accountBasketDeals(accountId: string): number {
    return this.accountBaskets.get(accountId) ?? 0;
  }

  /**
   * Whether the two counts above speak for every deal: false for statistics read from an index
   * stored before customer baskets were counted (each customer would seem to hold none).
   */
  accountBasketsMeasured(): boolean {
    return this.n > 0 && this.accountBasketsCounted >= this.n;
  }

  /**
   * Bits an exact quantity adds to a matched line beyond "within 10 %" (Splink's term frequency on
   * the value): log2(P(within 10 % of q) / P(exactly q)) among the tenant's deals, the first taken as
   * even over q's band (0.2 q / band width), the second counted — so a quantity every standard kit
   * holds (100, 500) adds nothing and an odd one (437) adds up to `EXACT_QUANTITY_MAX`. `own` deals
   * holding it are the pair being weighed and do not count as others choosing it.
   */
  exactQuantityBits(quantity: number, own = 2): number {
    if (quantity < EXACT_QUANTITY_FROM) return 0;
    const cached = this.exactCache.get(quantity);
    if (cached !== undefined) return cached;
    const width = bandWidth(quantityBand(quantity));
    const bits = Math.log2((0.2 * quantity) / width / this.quantityShare(quantity, own));
    const clamped = Math.min(EXACT_QUANTITY_MAX, Math.max(0, bits));
    this.exactCache.set(quantity, clamped);
    return clamped;
  }

  /**
   * Of the deals with a line in `quantity`'s band, the share whose line is exactly `quantity`
   * (quantities of `EXACT_QUANTITY_FROM` or more; smoothed evenly over the band). `own` as above.
   */
  quantityShare(quantity: number, own = 2): number {
    if (own !== 2) return this.countedShare(quantity, own);
    let share = this.shareCache.get(quantity);
    if (share === undefined) {
      share = this.countedShare(quantity, own);
      this.shareCache.set(quantity, share);
    }
    return share;
  }

  /** `quantityShare` counted from the quantities. */
  private countedShare(quantity: number, own: number): number {
    const band = quantityBand(quantity);
    const exact = Math.max(0, (this.quantities.get(STAT.quantity + quantity) ?? 0) - own);
    const inBand = Math.max(0, (this.quantities.get(STAT.band + band) ?? 0) - own);
    return (exact + PSEUDO_QUANTITY / bandWidth(band)) / (inBand + PSEUDO_QUANTITY);
  }

  /** Open deals of this customer account (at least the pair being weighed, when it is theirs). */
  accountCount(accountId: string): number {
    return this.accounts.get(accountId) ?? 0;
  }

  /** Bits of surprise in a deal holding this SKU in this quantity band. */
  itemIdf(line: Pick<DealLine, 'sku' | 'quantity'>): number {
    return this.tokenIdf(itemToken(line), quantityBand(line.quantity));
  }

  /** `itemIdf` by the line's `itemToken` and quantity band, computed once per token. */
  tokenIdf(token: string, band: number): number {
    const copies = this.copies();
    const cached = this.idfCache.get(token);
    if (cached !== undefined) return cached;
    const df = this.itemCount(token, copies);
    const idf = Math.log2((this.n + PSEUDO) / (df + PSEUDO * (PRIOR_SHARE[band] ?? 0.001)));
    this.idfCache.set(token, idf);
    return idf;
  }

  /**
   * Bits of surprise in a whole basket; a standard bundle sold every week carries few. `own` deals
   * holding it are the pair being weighed: they are not evidence that the basket is common, so a
   * basket copied once is as rare in a 3-deal tenant as in a large one.
   */
  signatureIdf(signature: string, own = 0): number {
    const df = Math.max(0, this.signatureCount(signature) - own);
    return Math.log2((this.n + PSEUDO) / (df + PSEUDO * 0.001));
  }

  /** How many deals hold this item (`itemToken`: the SKU in its quantity band), as orders (`copies`). */
  itemCount(token: string, copies = this.copies()): number {
    const rows = this.items.get(token) ?? 0;
    return copies === null ? rows : orders(rows, copies.items.get(token));
  }

  /** How many deals hold both items (`itemToken`s of two different SKUs), as orders (`copies`). */
  togetherCount(tokenA: string, tokenB: string): number {
    const key = pairKeyOf(tokenA, tokenB);
    const rows = this.together.get(key) ?? 0;
    const copies = this.copies();
    return copies === null ? rows : orders(rows, copies.pairs.get(key));
  }

  /**
   * A customer's copies of one order (one kit due on one day, counted when the weights were
   * estimated: `KitRepeatFigures.copies`) by the items, item pairs and basket they hold: the
   * basket's counts read orders, not rows, so a deal entered eight times does not make its own
   * lines and kit common. Null without copies. Caches derived from the counts are dropped when
   * the weights (and so the copies) change.
   */
  private copies(): CopyCounts | null {
    const figures = this.weights.kitRepeats;
    if (figures !== this.copiesOf) {
      this.copiesOf = figures;
      this.idfCache.clear();
      this.exactCache.clear();
      this.shareCache.clear();
      // Kept beside the figures: a scan asks for every count it reads, and the `WeakMap` lookup
      // behind `copyCounts` cost more than the count.
      this.copyCountsOf = copyCounts(figures);
    }
    return this.copyCountsOf;
  }
  private copiesOf: KitRepeatFigures | undefined = undefined;
  private copyCountsOf: CopyCounts | null = null;

  /**
   * Whether `togetherCount` speaks for every deal: false for statistics read from an index whose
   * deals were stored before item pairs were counted (each of them would count as holding no pair).
   */
  togetherMeasured(): boolean {
    return this.n > 0 && this.togetherCounted >= this.n;
  }

  /** How many deals hold exactly this basket (`basketSignature`), as orders (`copies`). */
  signatureCount(signature: string): number {
    const rows = this.signatures.get(signature) ?? 0;
    const copies = this.copies();
    return copies === null ? rows : orders(rows, copies.signatures.get(signature));
  }

  /** Share of deals in this province, smoothed towards 1/34. */
  provinceShare(province: string): number {
    return ((this.provinces.get(province) ?? 0) + PSEUDO_SHARE / PROVINCE_COUNT) / (this.n + PSEUDO_SHARE);
  }

  /** Share of deals whose customer is of this kind, smoothed towards 1/4. */
  kindShare(kind: string): number {
    return ((this.kinds.get(kind) ?? 0) + PSEUDO_SHARE / 4) / (this.kindTotal + PSEUDO_SHARE);
  }
}

/** The copies `CorpusStats` counts out, by item token, item pair (`pairKeyOf`) and signature. */
interface CopyCounts {
  items: ReadonlyMap<string, number>;
  pairs: ReadonlyMap<string, number>;
  signatures: ReadonlyMap<string, number>;
}

const COPY_COUNTS = new WeakMap<KitRepeatFigures, CopyCounts | null>();

/** Rows less copies, never below one while a row is left: the order they are copies of stays. */
function orders(rows: number, copies: number | undefined): number {
  return copies === undefined ? rows : Math.max(Math.min(rows, 1), rows - copies);
}

/** The copies of each kit spread over the item tokens and pairs its signature holds. */
function copyCounts(figures: KitRepeatFigures | undefined): CopyCounts | null {
  if (figures === undefined) return null;
  let counts = COPY_COUNTS.get(figures);
  if (counts === undefined) {
    const bySignature = copiesBySignature(figures);
    counts = null;
    if (bySignature.size > 0) {
      const items = new Map<string, number>();
      const pairs = new Map<string, number>();
      for (const [signature, n] of bySignature) {
        // A signature is its item tokens, sorted and joined by commas (`basketSignature`).
        const tokens = signature.split(',');
        for (let i = 0; i < tokens.length; i++) {
          const a = tokens[i] as string;
          items.set(a, (items.get(a) ?? 0) + n);
          for (let j = i + 1; j < tokens.length; j++) {
            const key = pairKeyOf(a, tokens[j] as string);
            pairs.set(key, (pairs.get(key) ?? 0) + n);
          }
        }
      }
      counts = { items, pairs, signatures: bySignature };
    }
    COPY_COUNTS.set(figures, counts);
  }
  return counts;
}
