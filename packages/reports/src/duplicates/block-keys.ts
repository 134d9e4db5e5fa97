import { quantityBand } from './corpus-stats.js';
import type { MinHashLsh } from './minhash.js';
import type { PreparedDeal } from './prepared-deal.js';

const DAY_MS = 86_400_000;

/** `YYYY-MM` of a day number, memoised: every deal asks for two months and there are few. */
const months = new Map<number, string>();
function monthOf(day: number): string {
  let month = months.get(day);
  if (month === undefined) {
    month = new Date(day * DAY_MS).toISOString().slice(0, 7);
    if (months.size > 100_000) months.clear();
    months.set(day, month);
  }
  return month;
}

/** The keys that are one value of the deal after their prefix (`ck:…`, `ac:…`). */
export type NamedKind = 'ck' | 'ac' | 'cn' | 'cp' | 'ec' | 'ea' | 'et';

/**
 * Receives a deal's blocking keys as their parts, not as text: the stored keys are the text
 * (`keyText` below), the in-memory index interns the parts to integers (`block-table.ts`) instead
 * of building and hashing some 45 fresh strings per deal.
 */
export interface BlockKeySink {
  /** `pm:province:group:band:month` (group: the main line's category, else its SKU). */
  placed(province: string, group: string, band: number, month: string): void;
  /** `ri:sku:band`. */
  line(sku: string, band: number): void;
  /** `rm:sku:band:province:month` (province `-` when unknown). */
  lineAt(sku: string, band: number, province: string, month: string): void;
  /** `rq:sku:quantity`. */
  exact(sku: string, quantity: number): void;
  /** `pq:province:group:quantity` (group: the line's category, else its SKU). */
  placedExact(province: string, group: string, quantity: number): void;
  /** `nq:group:quantity:kind:value`: a customer key (`ac`, `cp`) split by a line's group and quantity. */
  namedExact(group: string, quantity: number, kind: NamedKind, value: string): void;
  /** `pp:province:skuA:bandA+skuB:bandB`, the two lines in the order of their `sku:band` text. */
  linePair(province: string, skuA: string, bandA: number, skuB: string, bandB: number): void;
  /** `l<band>.<min>.<min>…`: one MinHash-LSH band, its `rows` minima from `mins[from]`. */
  lshBand(band: number, mins: Uint32Array, from: number, rows: number): void;
  /** `<kind>:<value>`. */
  named(kind: NamedKind, value: string): void;
}

/** A line of 10 or more for the `pp:` pairs, with the text it is ordered by. */
interface BigLine {
  text: string;
  sku: string;
  band: number;
}

const byText = (x: BigLine, y: BigLine) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0);

/**
 * The blocking keys of one deal, in order, a key possibly more than once. Two deals are candidates
 * only when they share a key, so the relation is symmetric by construction and the full scan and
 * the incremental check agree.
 *
 * - `pm`: province + main line's category and quantity bands (overlapping) + every month the delivery ±7 days touches;
 * - `ri`: SKU + quantity band (and the band above, so 195 and 200 still meet) for lines of 10 or more;
 * - `rm`: the `ri` key split by province and delivery month, so a popular SKU's oversize block
 *   still pairs what lies close in place and time;
 * - `rq`: SKU + exact quantity for lines of 10 or more (migration 0016), the split that needs
 *   neither a province nor a delivery date;
 * - `pq`: province + a line's category + its exact quantity, for lines of 10 or more: the split of
 *   the oversize `pm` blocks that needs no delivery date, so a deal entered without one still
 *   meets a twin of another SKU of the category in the same quantity (384 × KS-20 / 384 × KS-10);
 * - `nq`: a customer key (`ac`, `cp`) + a line's category + its exact quantity: a busy
 *   customer's identity blocks are far over the cap, and this split pairs its re-entries without a
 *   province or a delivery date (10 × PR-D1 / 10 × PR-D4 of one account);
 * - `l…`: MinHash-LSH bands over the basket's SKU+band tokens;
 * - `ck`, `cn`, `cp`, `ac`, `ec`: the customer's identity keys, trade name, its pinyin, the account,
 *   the end customer — the same customer entered twice;
 * - `ea`, `et`: the linked end-customer account and the tender number, so two bids for one end
 *   customer or one tender are always compared, however different their baskets and bidders.
 */
export function eachBlockingKey(p: PreparedDeal, lsh: MinHashLsh, sink: BlockKeySink): void {
  const r = p.record;
  const lines = p.items;
  let main: (typeof lines)[number] | undefined;
  for (const l of lines) if (main === undefined || l.quantity > main.quantity) main = l;
  const early = p.deliveryDay === null ? null : monthOf(p.deliveryDay - 7);
  const late = p.deliveryDay === null ? null : monthOf(p.deliveryDay + 7);
  const second = late !== early ? late : null;
  if (r.province && main && early !== null) {
    const group = main.category ?? main.sku;
    const [lo, hi] = bandRange(main.quantity);
    for (let band = lo; band <= hi; band++) {
      sink.placed(r.province, group, band, early);
      if (second !== null) sink.placed(r.province, group, band, second);
    }
  }
  const big: BigLine[] = [];
  const pinyin = p.customer.pinyin.length >= 4 ? p.customer.pinyin : null;
  for (const l of lines) {
    // Oversize customer blocks split by line: the account, and the trade name's pinyin for one
    // customer entered again as another account, in Chinese or in English. Splitting the identity
    // keys (`ck`) and the Chinese trade name as well found no further planted pair on generator 2
    // at 100k and added some 350,000 blocks.
    const lineGroup = l.category ?? l.sku;
    sink.namedExact(lineGroup, l.quantity, 'ac', r.accountId);
    if (pinyin !== null) sink.namedExact(lineGroup, l.quantity, 'cp', pinyin);
    if (l.quantity < 10) continue;
    if (r.province) sink.placedExact(r.province, lineGroup, l.quantity);
    const band = quantityBand(l.quantity);
    sink.line(l.sku, band);
    sink.line(l.sku, band + 1);
    // A popular SKU's block outgrows the cap; its pairs are still met in these smaller blocks,
    // split by the province and the delivery months (an oversize block is split, not dropped).
    if (early !== null) {
      const province = r.province ?? '-';
      for (let b = band; b <= band + 1; b++) {
        sink.lineAt(l.sku, b, province, early);
        if (second !== null) sink.lineAt(l.sku, b, province, second);
      }
    }
    // The same SKU in exactly the same quantity: a copy keeps it, and an odd quantity (119, 393)
    // stays selective where the SKU's band blocks and their splits by province and month
    // outgrow the cap or are missed (one copy without a province or a delivery date).
    sink.exact(l.sku, l.quantity);
    if (r.province) big.push({ text: `${l.sku}:${band}`, sku: l.sku, band });
  }
  if (r.province && big.length > 1) {
    big.sort(byText);
    for (let i = 0; i < big.length; i++)
      for (let j = i + 1; j < big.length; j++) {
        const x = big[i] as BigLine;
        const y = big[j] as BigLine;
        sink.linePair(r.province, x.sku, x.band, y.sku, y.band);
      }
  }
  const mins = lsh.minima(p.tokens);
  if (mins !== null) {
    const { bands, rows } = lsh.params;
    for (let b = 0; b < bands; b++) sink.lshBand(b, mins, b * rows, rows);
  }
  for (const k of r.accountKeys) sink.named('ck', k);
  sink.named('ac', r.accountId);
  if (p.customer.tradeName.length >= 2) sink.named('cn', p.customer.tradeName);
  if (p.customer.pinyin.length >= 4) sink.named('cp', p.customer.pinyin);
  if (p.endCustomer) sink.named('ec', p.endCustomer);
  if (p.endCustomerAccountId) sink.named('ea', p.endCustomerAccountId);
  if (p.tender) sink.named('et', p.tender);
}

/** The text of an LSH band key (as `MinHashLsh.bandKeys` writes it). */
export function lshBandText(band: number, mins: ArrayLike<number>, from: number, rows: number): string {
  let key = `l${band}`;
  for (let r = 0; r < rows; r++) key += `.${((mins[from + r] as number) >>> 0).toString(36)}`;
  return key;
}

/** The keys as the text that is stored (`dedupe_keys`) and compared across processes. */
export class KeyText implements BlockKeySink {
  constructor(private readonly emit: (key: string) => void) {}
  placed(province: string, group: string, band: number, month: string): void {
    this.emit(`pm:${province}:${group}:${band}:${month}`);
  }
  line(sku: string, band: number): void {
    this.emit(`ri:${sku}:${band}`);
  }
  lineAt(sku: string, band: number, province: string, month: string): void {
    this.emit(`rm:${sku}:${band}:${province}:${month}`);
  }
  exact(sku: string, quantity: number): void {
    this.emit(`rq:${sku}:${quantity}`);
  }
  placedExact(province: string, group: string, quantity: number): void {
    this.emit(`pq:${province}:${group}:${quantity}`);
  }
  namedExact(group: string, quantity: number, kind: NamedKind, value: string): void {
    this.emit(`nq:${group}:${quantity}:${kind}:${value}`);
  }
  linePair(province: string, skuA: string, bandA: number, skuB: string, bandB: number): void {
    this.emit(`pp:${province}:${skuA}:${bandA}+${skuB}:${bandB}`);
  }
  lshBand(band: number, mins: Uint32Array, from: number, rows: number): void {
    this.emit(lshBandText(band, mins, from, rows));
  }
  named(kind: NamedKind, value: string): void {
    this.emit(`${kind}:${value}`);
  }
}

/** The blocking keys of one deal as stored text, each once, in the order `eachBlockingKey` gives them. */
export function blockingKeys(p: PreparedDeal, lsh: MinHashLsh): string[] {
  const keys = new Set<string>();
  eachBlockingKey(p, lsh, new KeyText((key) => keys.add(key)));
  return [...keys];
}

/**
 * The quantity bands of every quantity within 10% of `quantity`: two quantities within 10% of each
 * other always share one, so round numbers meet their neighbours (100 and 96, 50 and 52).
 */
export function overlappingBands(quantity: number): number[] {
  const [lo, hi] = bandRange(quantity);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The first and last of `overlappingBands(quantity)`. */
function bandRange(quantity: number): [number, number] {
  return [quantityBand(Math.floor(quantity / 1.1)), quantityBand(Math.ceil(quantity * 1.1))];
}
