import { basketBoundOf, basketSurprise, basketWeight } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import {
  amountMeasure,
  customerBound,
  deliveryMeasure,
  endCustomerKnown,
  kindMeasure,
  type Measure,
  measureCustomer,
  measureEndCustomer,
  regionMeasure,
} from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import { cheapSum, firstStageBound, priorWeight } from './score-pair.js';

/** Memo entries kept before a memo starts over: bounds the memory of a scan of a huge tenant. */
const MEMO_MAX = 2_000_000;

/** Small ordinals for the distinct values of one column, so pairs compare and index by number. */
class Interner<T> {
  private readonly ordinals = new Map<T, number>();
  readonly values: T[] = [];
  /** How many deals hold each value. */
  readonly counts: number[] = [];

  of(value: T): number {
    let ordinal = this.ordinals.get(value);
    if (ordinal === undefined) {
      ordinal = this.values.length;
      this.ordinals.set(value, ordinal);
      this.values.push(value);
      this.counts.push(0);
    }
    this.counts[ordinal] = (this.counts[ordinal] as number) + 1;
    return ordinal;
  }
}

/**
 * A comparison of two values of a column that depends on nothing else (for one version of the
 * statistics), made once per pair of values: a scan meets the same few provinces millions of times.
 */
class PairTable {
  private readonly cells: (Measure | undefined)[];

  constructor(
    private readonly values: readonly (string | null)[],
    private readonly compare: (a: string | null, b: string | null, sameAccount: boolean) => Measure,
  ) {
    this.cells = new Array(values.length * values.length * 2);
  }

  get(a: number, b: number, sameAccount: boolean): Measure {
    const cell = (a * this.values.length + b) * 2 + (sameAccount ? 1 : 0);
    let m = this.cells[cell];
    if (m === undefined) {
      m = this.compare(this.values[a] ?? null, this.values[b] ?? null, sameAccount);
      this.cells[cell] = m;
    }
    return m;
  }
}

/**
 * A pure comparison of two deals memoised by the classes of the two sides: deals of one class hold
 * everything the comparison reads, so a pair of classes weighs the same whichever deals stand for
 * them. Only pairs where a class has more than one deal are kept: only they can come again.
 */
class ClassPairMemo {
  private readonly memo = new Map<number, number>();

  constructor(
    private readonly classOf: Int32Array,
    private readonly counts: readonly number[],
  ) {}

  /** The memo key of a pair of ordinals, or -1 when the pair of classes cannot come again. */
  keyOf(i: number, j: number): number {
    const [ci, cj] = [this.classOf[i] as number, this.classOf[j] as number];
    if ((this.counts[ci] as number) < 2 && (this.counts[cj] as number) < 2) return -1;
    return ci * this.counts.length + cj;
  }

  get(key: number): number | undefined {
    return key < 0 ? undefined : this.memo.get(key);
  }

  set(key: number, weight: number): number {
    if (key < 0) return weight;
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    this.memo.set(key, weight);
    return weight;
  }
}

/** Everything `basketWeight` reads of one side: the lines in their order (the tokens, signature and surprises follow). */
function basketClassKey(p: PreparedDeal): string {
  let key = '';
  for (const l of p.items) key += `${l.sku}\u0001${l.quantity}\u0001${l.category ?? ''}\u0002`;
  return key;
}

/** Everything `measureCustomer` reads of one side: the account, its identity keys and its name (parsed). */
function customerClassKey(p: PreparedDeal): string {
  const r = p.record;
  return `${r.accountId}\u0001${r.accountName}\u0001${r.accountKeys.join('\u0001')}`;
}

/**
 * The stages of `weighPair` before its final sum, run over flat arrays by ordinal. A scan of a
 * million deals meets tens of millions of candidate pairs and drops nearly all of them in these
 * stages; reading columns, looking the province and kind comparisons up by value, and weighing a
 * pair of baskets or customers once per pair of classes keeps that cheap. Every number comes from
 * the functions `weighPair` calls and every bound is the one it holds against, so a pair dropped
 * here is one `weighPair` would drop (`scan({ prune: false })` checks this in the tests).
 */
export class ScanColumns {
  private readonly prior: number;
  private readonly day: Float64Array;
  private readonly amount: Float64Array;
  private readonly lines: Int32Array;
  private readonly best: Float64Array;
  private readonly endKnown: Uint8Array;
  private readonly province: Int32Array;
  private readonly kind: Int32Array;
  private readonly account: Int32Array;
  private readonly accountIds: readonly string[];
  private readonly currency: Int32Array;
  private readonly region: PairTable;
  private readonly kinds: PairTable;
  private readonly baskets: ClassPairMemo;
  private readonly customers: ClassPairMemo;

  constructor(
    private readonly deals: readonly PreparedDeal[],
    private readonly stats: CorpusStats,
  ) {
    const n = deals.length;
    this.prior = priorWeight(stats.n, stats.weights);
    this.day = new Float64Array(n);
    this.amount = new Float64Array(n);
    this.lines = new Int32Array(n);
    this.best = new Float64Array(n);
    this.endKnown = new Uint8Array(n);
    this.province = new Int32Array(n);
    this.kind = new Int32Array(n);
    this.account = new Int32Array(n);
    this.currency = new Int32Array(n);
    const basketClass = new Int32Array(n);
    const customerClass = new Int32Array(n);
    const provinces = new Interner<string | null>();
    const kinds = new Interner<string | null>();
    const accounts = new Interner<string>();
    const currencies = new Interner<string>();
    const basketKeys = new Interner<string>();
    const customerKeys = new Interner<string>();
    deals.forEach((d, i) => {
      this.day[i] = d.deliveryDay ?? Number.NaN;
      this.amount[i] = d.record.amountMinor;
      this.lines[i] = d.items.length;
      this.best[i] = basketSurprise(d, stats).best;
      this.endKnown[i] = endCustomerKnown(d) ? 1 : 0;
      this.province[i] = provinces.of(d.record.province);
      this.kind[i] = kinds.of(d.record.accountKind);
      this.account[i] = accounts.of(d.record.accountId);
      this.currency[i] = currencies.of(d.record.currency);
      basketClass[i] = basketKeys.of(basketClassKey(d));
      customerClass[i] = customerKeys.of(customerClassKey(d));
    });
    this.accountIds = accounts.values;
    this.region = new PairTable(provinces.values, (a, b, same) => regionMeasure(a, b, same, stats));
    this.kinds = new PairTable(kinds.values, (a, b, same) => kindMeasure(a, b, same, stats));
    this.baskets = new ClassPairMemo(basketClass, basketKeys.counts);
    this.customers = new ClassPairMemo(customerClass, customerKeys.counts);
  }

  /** False when the pair of ordinals `i`, `j` cannot reach `reach` (see `reachOf`). */
  reaches(i: number, j: number, reach: number): boolean {
    const sameAccount = this.account[i] === this.account[j];
    const cheap = cheapSum(
      this.prior,
      deliveryMeasure(this.day[i] as number, this.day[j] as number, this.stats.weights),
      this.region.get(this.province[i] as number, this.province[j] as number, sameAccount),
      this.kinds.get(this.kind[i] as number, this.kind[j] as number, sameAccount),
      amountMeasure(
        this.amount[i] as number,
        this.amount[j] as number,
        this.currency[i] === this.currency[j],
        this.stats.weights,
      ),
    );
    const bothEndKnown = this.endKnown[i] === 1 && this.endKnown[j] === 1;
    const basketBound = basketBoundOf(
      this.lines[i] as number,
      this.lines[j] as number,
      this.best[i] as number,
      this.best[j] as number,
    );
    const customerMost = customerBound(
      sameAccount,
      this.accountIds[this.account[i] as number] as string,
      this.stats,
    );
    if (firstStageBound(cheap, basketBound, bothEndKnown, customerMost) < reach) return false;
    // The stages of `weighPair` after the first, in its order, each bound the one it holds.
    const x = this.deals[i] as PreparedDeal;
    const y = this.deals[j] as PreparedDeal;
    const basketKey = this.baskets.keyOf(i, j);
    const basket =
      this.baskets.get(basketKey) ?? this.baskets.set(basketKey, basketWeight(x, y, this.stats).weight);
    if (firstStageBound(cheap, basket, bothEndKnown, customerMost) < reach) return false;
    const end = bothEndKnown ? measureEndCustomer(x, y).weight : 0;
    if (firstStageBound(cheap + end, basket, false, customerMost) < reach) return false;
    const customerKey = this.customers.keyOf(i, j);
    const customer =
      this.customers.get(customerKey) ??
      this.customers.set(customerKey, measureCustomer(x, y, this.stats).weight);
    return cheap + basket + end + customer >= reach;
  }
}
