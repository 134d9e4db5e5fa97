import { basketBoundOf, basketSurprise } from './basket.js';
import type { CorpusStats } from './corpus-stats.js';
import {
  amountMeasure,
  customerBound,
  deliveryMeasure,
  endCustomerKnown,
  kindMeasure,
  regionMeasure,
} from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import { cheapSum, firstStageBound, priorWeight } from './score-pair.js';

/**
 * What the first stage of `weighPair` reads, laid out by ordinal in flat arrays. A scan of a
 * million deals weighs tens of millions of pairs and drops most after this stage; reading it from
 * columns rather than from each deal's objects keeps those reads in cache. The numbers come from
 * the same functions as `weighPair`'s, so a pair dropped here is one `weighPair` would drop.
 */
export class ScanColumns {
  private readonly prior: number;
  private readonly day: Float64Array;
  private readonly amount: Float64Array;
  private readonly lines: Int32Array;
  private readonly best: Float64Array;
  private readonly endKnown: Uint8Array;
  private readonly province: (string | null)[];
  private readonly kind: (string | null)[];
  private readonly account: string[];
  private readonly currency: string[];

  constructor(
    deals: readonly PreparedDeal[],
    private readonly stats: CorpusStats,
  ) {
    const n = deals.length;
    this.prior = priorWeight(stats.n);
    this.day = new Float64Array(n);
    this.amount = new Float64Array(n);
    this.lines = new Int32Array(n);
    this.best = new Float64Array(n);
    this.endKnown = new Uint8Array(n);
    this.province = new Array(n);
    this.kind = new Array(n);
    this.account = new Array(n);
    this.currency = new Array(n);
    deals.forEach((d, i) => {
      this.day[i] = d.deliveryDay ?? Number.NaN;
      this.amount[i] = d.record.amountMinor;
      this.lines[i] = d.items.length;
      this.best[i] = basketSurprise(d, stats).best;
      this.endKnown[i] = endCustomerKnown(d) ? 1 : 0;
      this.province[i] = d.record.province;
      this.kind[i] = d.record.accountKind;
      this.account[i] = d.record.accountId;
      this.currency[i] = d.record.currency;
    });
  }

  /** False when the pair of ordinals `i`, `j` cannot reach `reach` (see `reachOf`). */
  reaches(i: number, j: number, reach: number): boolean {
    const sameAccount = this.account[i] === this.account[j];
    const cheap = cheapSum(
      this.prior,
      deliveryMeasure(this.day[i] as number, this.day[j] as number, this.stats.weights),
      regionMeasure(this.province[i] ?? null, this.province[j] ?? null, sameAccount, this.stats),
      kindMeasure(this.kind[i] ?? null, this.kind[j] ?? null, sameAccount, this.stats),
      amountMeasure(
        this.amount[i] as number,
        this.amount[j] as number,
        this.currency[i] === this.currency[j],
        this.stats.weights,
      ),
    );
    const basket = basketBoundOf(
      this.lines[i] as number,
      this.lines[j] as number,
      this.best[i] as number,
      this.best[j] as number,
    );
    const bothEndKnown = this.endKnown[i] === 1 && this.endKnown[j] === 1;
    const customer = customerBound(sameAccount, this.account[i] as string, this.stats);
    return firstStageBound(cheap, basket, bothEndKnown, customer) >= reach;
  }
}
