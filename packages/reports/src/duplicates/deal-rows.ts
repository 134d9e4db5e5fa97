/**
 * The per-deal numbers a scan's first stages read (`ScanColumns.reaches`), one row per deal with its
 * fields side by side. A scan reads them for tens of millions of candidate pairs whose later deal is
 * anywhere in the tenant: as one column per field (a dozen typed arrays, each 8 MB at a million
 * deals) every such pair missed the cache once per column; in one row it misses once or twice.
 *
 * A row is 9 doubles (72 bytes): the real-valued fields as doubles, then the small integers as
 * 32-bit integers over the same bytes (each fits: ordinals, a line count, a flag).
 */
const STRIDE = 9;
const DAY = 0;
const AMOUNT = 1;
const BEST = 2;
const FURTHER = 3;
const SIBLING_BEST = 4;
/** Where a row's integers start, counted in 32-bit slots from the row's start (after 5 doubles). */
const INTEGERS = 10;
const LINES = 0;
const END_KNOWN = 1;
const PROVINCE = 2;
const KIND = 3;
const ACCOUNT = 4;
const CURRENCY = 5;
const SIGNATURE = 6;

/** One deal's row as `DealRows.set` takes it. */
export interface DealRow {
  /** Days since 1970-01-01 of the required delivery, NaN when unknown. */
  day: number;
  amount: number;
  /** `BasketSurprise.best`, `.further` and `siblingBestOf`. */
  best: number;
  further: number;
  siblingBest: number;
  lines: number;
  endKnown: boolean;
  /** Ordinals of the deal's province, customer kind, account, currency and basket signature. */
  province: number;
  kind: number;
  account: number;
  currency: number;
  signature: number;
}

export class DealRows {
  private readonly real: Float64Array;
  private readonly whole: Int32Array;

  constructor(deals: number) {
    const bytes = new ArrayBuffer(deals * STRIDE * Float64Array.BYTES_PER_ELEMENT);
    this.real = new Float64Array(bytes);
    this.whole = new Int32Array(bytes);
  }

  set(i: number, row: DealRow): void {
    const at = i * STRIDE;
    this.real[at + DAY] = row.day;
    this.real[at + AMOUNT] = row.amount;
    this.real[at + BEST] = row.best;
    this.real[at + FURTHER] = row.further;
    this.real[at + SIBLING_BEST] = row.siblingBest;
    const from = 2 * at + INTEGERS;
    this.whole[from + LINES] = row.lines;
    this.whole[from + END_KNOWN] = row.endKnown ? 1 : 0;
    this.whole[from + PROVINCE] = row.province;
    this.whole[from + KIND] = row.kind;
    this.whole[from + ACCOUNT] = row.account;
    this.whole[from + CURRENCY] = row.currency;
    this.whole[from + SIGNATURE] = row.signature;
  }

  day(i: number): number {
    return this.real[i * STRIDE + DAY] as number;
  }
  amount(i: number): number {
    return this.real[i * STRIDE + AMOUNT] as number;
  }
  best(i: number): number {
    return this.real[i * STRIDE + BEST] as number;
  }
  further(i: number): number {
    return this.real[i * STRIDE + FURTHER] as number;
  }
  siblingBest(i: number): number {
    return this.real[i * STRIDE + SIBLING_BEST] as number;
  }
  lines(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + LINES] as number;
  }
  endKnown(i: number): boolean {
    return this.whole[2 * i * STRIDE + INTEGERS + END_KNOWN] === 1;
  }
  province(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + PROVINCE] as number;
  }
  kind(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + KIND] as number;
  }
  account(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + ACCOUNT] as number;
  }
  currency(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + CURRENCY] as number;
  }
  signature(i: number): number {
    return this.whole[2 * i * STRIDE + INTEGERS + SIGNATURE] as number;
  }
}
