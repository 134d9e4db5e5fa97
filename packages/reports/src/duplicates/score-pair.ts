import { type Message, renderBuiltIn } from '@gongfu/core';
import { type BasketWeight, basketWeight, basketWeightBound, compareBaskets } from './basket.js';
import { ownerFigures, pairOwnerShift } from './copy-owner.js';
import type { CorpusStats } from './corpus-stats.js';
import { clausesOf, sayDuplicate } from './duplicate-messages.js';
import { customerWeightWithShift, customerWithKitRepeats, kitRepeatsShift } from './kit-repeats.js';
import {
  AMOUNT,
  AMOUNT_EXPLAINED,
  amountBound,
  customerBound,
  END_CUSTOMER_MAX_WEIGHT,
  endCustomerKnown,
  exactGivenBasket,
  type Measure,
  measureAmount,
  measureCustomer,
  measureCustomerKind,
  measureDelivery,
  measureEndCustomer,
  measureRegion,
} from './measures.js';
import type { PreparedDeal } from './prepared-deal.js';
import {
  amountSignal,
  basketSignal,
  customerKindSignal,
  customerSignal,
  deliverySignal,
  endCustomerSignal,
  regionSignal,
} from './signals.js';
import type { DealDuplicate, DealSide, Signal, SignalName } from './types.js';
import { type DuplicateWeights, REFERENCE_PARTNERS_PER_DEAL } from './weights.js';

export { REFERENCE_PARTNERS_PER_DEAL };

/**
 * log2 of the prior odds that two candidate deals are one: about 1 in 1,000. Every signal's weight
 * is a log2 likelihood ratio added to it (Fellegi–Sunter), so the total reads in bits of evidence.
 * Tuned on the benchmark generator (bench/duplicates.bench.ts): a 10,000-deal tenant holds about 1
 * true pair per 1,000 candidates, and a customer's other deals sit just below the line.
 */
export const PRIOR_WEIGHT = -11;

export interface PairScore {
  score: number;
  probability: number;
  signals: Signal[];
}

/** Every comparison of one pair, in numbers. */
interface PairMeasures {
  basket: BasketWeight;
  delivery: Measure;
  region: Measure;
  kind: Measure;
  endCustomer: Measure;
  amount: Measure;
  customer: Measure;
}

/** Identical baskets at list price have equal amounts: count that evidence once, not twice. */
export function amountGiven(basket: BasketWeight, amount: Measure, sameSignature: boolean): Measure {
  // A near copy (the same SKUs in the same quantity bands) is counted like an identical basket, so
  // an exact copy never scores below a near one.
  // Never more than the tenant's own "same amount" (where kits sell at list price it is below the
  // hand figure): counting the evidence once must not count it higher, and the scan's bound holds.
  if (basket.level === 'identical' || sameSignature) {
    if (amount.level === AMOUNT.same.level && amount.weight > AMOUNT.sameAsBasket.weight)
      return AMOUNT.sameAsBasket;
    // The basket explains amounts within 5%, not amounts equal to the fen where a tenant's deals
    // seldom agree to it (`exact-amount.ts`): that part stays, on the basket's figure.
    if (amount.level === 'exact') return exactGivenBasket(amount);
  }
  // A line swapped for a dearer or cheaper product explains amounts far apart (see AMOUNT_EXPLAINED);
  // every line matched with one SKU in a far-off quantity does not (another purchase: `creditOf`).
  if (
    (basket.level === 'most' || basket.level === 'some') &&
    basket.swapped &&
    amount.weight < AMOUNT_EXPLAINED.weight
  )
    return AMOUNT_EXPLAINED;
  return amount;
}

/** The total in bits, summed in one fixed order so the fast path and the explained path agree to the bit. */
function total(prior: number, m: PairMeasures): number {
  const sum =
    prior +
    m.basket.weight +
    m.delivery.weight +
    m.region.weight +
    m.kind.weight +
    m.endCustomer.weight +
    m.amount.weight +
    m.customer.weight;
  return Math.round(sum * 1000) / 1000;
}

function measurePair(
  x: PreparedDeal,
  y: PreparedDeal,
  basket: BasketWeight,
  stats: CorpusStats,
): PairMeasures {
  return {
    basket,
    delivery: measureDelivery(x, y, stats),
    region: measureRegion(x, y, stats),
    kind: measureCustomerKind(x, y, stats),
    endCustomer: measureEndCustomer(x, y, stats.weights),
    amount: amountGiven(basket, measureAmount(x, y, stats), x.signature === y.signature),
    customer: customerOf(x, y, stats),
  };
}

/**
 * The customer comparison of a pair as it weighs: "the same customer", the kit read given the
 * customer (`kit-repeats.ts`), and who entered one account's two deals (`copy-owner.ts`), in that
 * order and rounding (the scan's columns add the owner's bits the same way).
 */
function customerOf(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Measure {
  const customer = customerWithKitRepeats(measureCustomer(x, y, stats), x, y, stats);
  const owner = pairOwnerShift(ownerFigures(stats.weights), x.record, y.record);
  if (owner === 0) return customer;
  return Object.freeze({ level: customer.level, weight: customerWeightWithShift(customer.weight, owner) });
}

/** Rounding to thousandths can lift a sum by half of one; bounds are held against the floor less this. */
export function reachOf(floor: number): number {
  return floor - 0.001;
}

/**
 * The first stage of `weighPair`: the most a pair can score once the cheap comparisons are made
 * (`cheap` is their sum with the prior), the rest bounded. A scan reading columns calls this too.
 */
export function firstStageBound(
  cheap: number,
  basketBound: number,
  bothEndKnown: boolean,
  customerMost: number,
): number {
  const endBound = bothEndKnown ? END_CUSTOMER_MAX_WEIGHT : 0;
  return cheap + basketBound + endBound + customerMost;
}

/** The prior and the cheap comparisons, summed in one order wherever they are summed. */
export function cheapSum(
  prior: number,
  delivery: Measure,
  region: Measure,
  kind: Measure,
  amount: Measure,
): number {
  return prior + delivery.weight + region.weight + kind.weight + amountBound(amount);
}

/**
 * The score `scorePair` gives, or -Infinity as soon as the pair cannot reach `floor`: the cheap
 * comparisons come first and the costly ones (baskets, customer names) are only made for pairs
 * whose bound still reaches the floor. Most candidate pairs of a scan stop after the cheap ones.
 */
export function weighPair(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats, floor: number): number {
  const prior = priorWeight(stats.n, stats.weights);
  const delivery = measureDelivery(x, y, stats);
  const region = measureRegion(x, y, stats);
  const kind = measureCustomerKind(x, y, stats);
  const amount = measureAmount(x, y, stats);
  const cheap = cheapSum(prior, delivery, region, kind, amount);
  const bothEndKnown = endCustomerKnown(x) && endCustomerKnown(y);
  const sameAccount = x.record.accountId === y.record.accountId;
  const reach = reachOf(floor);
  // One customer's two orders of one kit: the kit read given the customer (`kit-repeats.ts`).
  const customerMost = customerBound(sameAccount, x.record.accountId, stats) + kitRepeatsShift(x, y, stats);
  const bound = firstStageBound(cheap, basketWeightBound(x, y, stats), bothEndKnown, customerMost);
  if (bound < reach) return -Infinity;
  const endBound = bothEndKnown ? END_CUSTOMER_MAX_WEIGHT : 0;
  const basket = basketWeight(x, y, stats);
  if (cheap + basket.weight + endBound + customerMost < reach) return -Infinity;
  const endCustomer = measureEndCustomer(x, y, stats.weights);
  if (cheap + basket.weight + endCustomer.weight + customerMost < reach) return -Infinity;
  const customer = customerOf(x, y, stats);
  return total(prior, {
    basket,
    delivery,
    region,
    kind,
    endCustomer,
    amount: amountGiven(basket, amount, x.signature === y.signature),
    customer,
  });
}

/**
 * Scores one pair with its signals in words. Symmetric: swapping the deals swaps each signal's `a`
 * and `b`, never a weight.
 */
export function scorePair(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): PairScore {
  const basket = compareBaskets(x, y, stats);
  const m = measurePair(x, y, basket, stats);
  const signals = [
    basketSignal(x, y, basket, stats),
    deliverySignal(x, y, m.delivery, stats),
    regionSignal(x, y, m.region),
    customerKindSignal(x, y, m.kind),
    endCustomerSignal(x, y, m.endCustomer, stats.weights),
    amountSignal(
      x,
      y,
      m.amount,
      m.amount === measureAmount(x, y, stats) ? stats.weights : null,
      stats.weights.exactAmount,
    ),
    customerSignal(x, y, m.customer, stats),
  ];
  const score = total(priorWeight(stats.n, stats.weights), m);
  return { score, probability: probabilityOf(score), signals };
}

/**
 * Each deal has about the same number of true partners however many deals there are, so the prior
 * odds of a candidate pair fall as each deal is compared with more: by log2 of the tenant's
 * measured candidate partners per deal over the reference's (`REFERENCE_PARTNERS_PER_DEAL`), never
 * above `PRIOR_WEIGHT`. Not by N itself: what N adds — more deals holding the line a pair met by —
 * the first line's reading already counts (`sharedLineCap`: u = other holders / partners), and a
 * prior falling with N too counted it twice: planted hard pairs fell below 0 as N grew (40 % found
 * at 1,000,000 deals of generator 1; bench/RESULTS.md, issue 14, helper h-hard1m). Estimates made
 * before the figure keep the old rule: half a bit per doubling above 10,000 deals.
 */
export function priorWeight(n: number, weights?: DuplicateWeights): number {
  // Fitted with m among this tenant's candidate pairs (`fit-weights.ts`): λ as it is, no rule of thumb.
  if (weights?.lambda !== undefined)
    return Math.round(Math.log2(weights.lambda / (1 - weights.lambda)) * 1000) / 1000;
  const partners = weights?.partnersPerDeal;
  if (partners !== undefined)
    return PRIOR_WEIGHT - Math.max(0, Math.log2(partners / REFERENCE_PARTNERS_PER_DEAL));
  return PRIOR_WEIGHT - 0.5 * Math.max(0, Math.log2(n / 10_000));
}

export function probabilityOf(score: number): number {
  const odds = 2 ** score;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

const NARRATIVE: readonly SignalName[] = [
  'basket',
  'region',
  'delivery',
  'customer_kind',
  'end_customer',
  'customer',
  'amount',
];

/**
 * The sentence a sales manager reads: the evidence for, strongest first, then what speaks against.
 * Signals with nothing to say (unknown, or a neutral "different customers") are left out.
 */
export function explain(signals: readonly Signal[]): string {
  return sentence(renderBuiltIn(explanationOf(signals)));
}

/** The explanation as a message: the clauses for, strongest first, then what speaks against. */
export function explanationOf(signals: readonly Signal[]): Message {
  const useful = signals.filter((s) => s.level !== 'unknown' && s.weight !== 0);
  const pro = useful.filter((s) => s.weight > 0);
  const contra = useful.filter((s) => s.weight < 0).sort((p, q) => p.weight - q.weight);
  // A fixed narrative order, as a manager would tell it: what, where, when, who.
  pro.sort((p, q) => NARRATIVE.indexOf(p.name) - NARRATIVE.indexOf(q.name));
  const forIt = clausesOf(pro.map((s) => s.message));
  const against = clausesOf(contra.map((s) => s.message));
  if (pro.length > 0 && contra.length > 0)
    return sayDuplicate('duplicate.explanation.both', { pro: forIt, contra: against });
  if (pro.length > 0) return sayDuplicate('duplicate.explanation.for', { pro: forIt });
  if (contra.length > 0) return sayDuplicate('duplicate.explanation.against', { contra: against });
  return sayDuplicate('duplicate.explanation.none');
}

/** A rendered explanation as a sentence: capitalised where the script has capitals. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One side of a pair as the public shape shows it. */
export function dealSide(p: PreparedDeal): DealSide {
  return {
    id: p.record.id,
    name: p.record.name,
    ownerId: p.record.ownerId,
    accountName: p.record.accountName,
  };
}

/** The public shape of one scored pair. */
export function toDuplicate(x: PreparedDeal, y: PreparedDeal, s: PairScore, copy = false): DealDuplicate {
  // The message is made once and rendered from it (`explain` would make it a second time).
  const message = explanationOf(s.signals);
  return {
    a: dealSide(x),
    b: dealSide(y),
    score: s.score,
    probability: s.probability,
    signals: s.signals,
    explanation: { text: sentence(renderBuiltIn(message)), message },
    copy,
  };
}
