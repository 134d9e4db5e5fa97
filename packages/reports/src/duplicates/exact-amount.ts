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

  figures(): ExactAmountFigures {
    const exactShare =
      (this.exact + EXACT_PSEUDO_PAIRS * REFERENCE_EXACT_SHARE) / (this.same + EXACT_PSEUDO_PAIRS);
    return { samePairs: this.same, exactShare: Math.round(exactShare * 1e6) / 1e6 };
  }
}

/** Bits "equal to the fen" adds over "within 5%": log2(m / u), at least 0 and at most the cap; 0 unmeasured. */
export function exactAmountShift(figures: ExactAmountFigures | undefined): number {
  if (!figures) return 0;
  const shift = Math.log2(EXACT_AMOUNT_M / figures.exactShare);
  return Math.round(Math.min(EXACT_AMOUNT_MAX_SHIFT, Math.max(0, shift)) * 1000) / 1000;
}

export function isExactAmountFigures(doc: unknown): doc is ExactAmountFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<ExactAmountFigures>;
  return (
    typeof d.samePairs === 'number' &&
    d.samePairs >= 0 &&
    typeof d.exactShare === 'number' &&
    d.exactShare > 0 &&
    d.exactShare <= 1
  );
}
