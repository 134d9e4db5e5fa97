/**
 * Two amounts equal to the fen. Where every deal is priced from a quote with its own discount, two
 * different deals within 5% of each other almost never agree to the fen, and a deal entered twice
 * often does — its amount copied while a line or a quantity was re-typed. Where kits sell at list
 * price the same kit has the same amount in every deal, and the fen says nothing. Which tenant is
 * which is measured, not assumed: u is the share of its candidate pairs with amounts within 5%
 * that agree to the fen (`exactAmountFigures`), and the level weighs log2(m / u) on top of "within
 * 5%", never below it and at most `ADJUST_MAX` bits (u is evidence, not a switch).
 */

/** The u measured on one tenant's candidate pairs, stored with its weights. */
export interface ExactAmountFigures {
  /** Candidate pairs whose amounts are within 5% (the level's parent). */
  samePairs: number;
  /** Of those, the share equal to the fen, shrunk towards `REFERENCE_EXACT_SHARE` by `EXACT_PSEUDO_PAIRS`. */
  exactShare: number;
  /**
   * The same among pairs of one customer's deals (`oneCustomerPairs`), shrunk towards `exactShare`: a
   * customer on a contract price re-orders at one amount while its pairs with others do not agree.
   * Absent in figures made before it (then one customer's pairs read `exactShare`).
   */
  ownPairs?: number;
  ownShare?: number;
}

/**
 * m: how often a deal entered twice keeps its amount to the fen, given both are within 5%. No
 * labelled data says; one half is "kept or re-priced alike". With u below 1 in 16 the shift reaches
 * its cap whatever m in [1/2, 1] is taken, so the choice matters only where fen-equal amounts are common.
 */
export const EXACT_AMOUNT_M = 0.5;

/**
 * u₀: the share on the reference corpus the hand weights were tuned on (bench/duplicates-data.ts at
 * 10,000 deals, list prices: 1,303 of 1,931 pairs within 5% agree to the fen), so a tenant with few
 * pairs reads the fen as that corpus did — at no shift, the hand weights unchanged.
 */
export const REFERENCE_EXACT_SHARE = 0.675;

/**
 * Pseudo-pairs carrying u₀. Few: pairs within 5% are a few per cent of the candidate pairs sampled,
 * and the 5,000 the other levels use would hold a 10,000-deal tenant at the reference.
 */
export const EXACT_PSEUDO_PAIRS = 100;

/** The most the fen adds over "within 5%" (the bound on any u-adjustment, `ADJUST_MAX`). */
export const EXACT_AMOUNT_MAX_SHIFT = 3;

/** Counts pairs within 5% and those equal to the fen; `figures()` shrinks the share towards u₀. */
export class ExactAmountCounter {
  private same = 0;
  private exact = 0;

  /** One candidate pair whose amounts are within 5% (same currency, both known). */
  add(a: number, b: number): void {
    this.same++;
    if (a === b) this.exact++;
  }

  /** The pairs counted and the share equal to the fen, shrunk towards `prior` by `EXACT_PSEUDO_PAIRS`. */
  share(prior: number): { pairs: number; share: number } {
    const share = (this.exact + EXACT_PSEUDO_PAIRS * prior) / (this.same + EXACT_PSEUDO_PAIRS);
    return { pairs: this.same, share: Math.round(share * 1e6) / 1e6 };
  }
}

/** The figures from the counter of all pairs and the one of one customer's pairs. */
export function exactAmountFigures(all: ExactAmountCounter, own: ExactAmountCounter): ExactAmountFigures {
  const { pairs: samePairs, share: exactShare } = all.share(REFERENCE_EXACT_SHARE);
  const { pairs: ownPairs, share: ownShare } = own.share(exactShare);
  return { samePairs, exactShare, ownPairs, ownShare };
}

/**
 * Bits "equal to the fen" adds over "within 5%" for two deals of one customer (`sameAccount`) or of
 * two: log2(m / u), at least 0 and at most the cap; 0 unmeasured.
 */
export function exactAmountShift(figures: ExactAmountFigures | undefined, sameAccount = false): number {
  if (!figures) return 0;
  const shift = Math.log2(EXACT_AMOUNT_M / exactShareOf(figures, sameAccount));
  return Math.round(Math.min(EXACT_AMOUNT_MAX_SHIFT, Math.max(0, shift)) * 1000) / 1000;
}

export function isExactAmountFigures(doc: unknown): doc is ExactAmountFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<ExactAmountFigures>;
  const share = (x: unknown) => typeof x === 'number' && x > 0 && x <= 1;
  const own = d.ownPairs === undefined || (typeof d.ownPairs === 'number' && d.ownPairs >= 0);
  return (
    typeof d.samePairs === 'number' &&
    d.samePairs >= 0 &&
    share(d.exactShare) &&
    own &&
    (d.ownShare === undefined || share(d.ownShare))
  );
}

/** The u two deals equal to the fen are read against: among one customer's pairs or among all. */
export function exactShareOf(figures: ExactAmountFigures, sameAccount: boolean): number {
  return sameAccount ? (figures.ownShare ?? figures.exactShare) : figures.exactShare;
}
