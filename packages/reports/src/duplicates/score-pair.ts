import type { CorpusStats } from './corpus-stats.js';
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
import type { DealDuplicate, Signal, SignalName } from './types.js';

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

/**
 * Scores one pair. Symmetric: swapping the deals swaps each signal's `a` and `b`, never a weight.
 * `words: false` skips building the phrases (the scan's hot path); weights are the same either way.
 */
export function scorePair(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats, words = true): PairScore {
  const signals = [
    basketSignal(x, y, stats, words),
    deliverySignal(x, y, words),
    regionSignal(x, y, stats, words),
    customerKindSignal(x, y, stats, words),
    endCustomerSignal(x, y, words),
    amountSignal(x, y, words),
    customerSignal(x, y, words),
  ];
  // Identical baskets at list price have equal amounts: count that evidence once, not twice.
  const [basket, , , , , amount] = signals;
  if (basket?.level === 'identical' && amount?.level === 'same') amount.weight = 0.5;
  let score = priorWeight(stats.n);
  for (const s of signals) score += s.weight;
  score = Math.round(score * 1000) / 1000;
  return { score, probability: probabilityOf(score), signals };
}

/**
 * Each deal has about the same number of true partners however many deals there are, so the prior
 * odds of a candidate pair fall as N grows. Half a bit per doubling above the 10,000 deals it was
 * tuned on: a full bit (the all-pairs rate) over-corrects, as candidates are already enriched.
 */
export function priorWeight(n: number): number {
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
  const useful = signals.filter((s) => s.level !== 'unknown' && s.weight !== 0);
  const pro = useful.filter((s) => s.weight > 0);
  const contra = useful.filter((s) => s.weight < 0).sort((p, q) => p.weight - q.weight);
  // A fixed narrative order, as a manager would tell it: what, where, when, who.
  pro.sort((p, q) => NARRATIVE.indexOf(p.name) - NARRATIVE.indexOf(q.name));
  const parts = pro.map((s) => s.text);
  let text = parts.join('; ');
  if (contra.length > 0) text += `${text ? '; but ' : ''}${contra.map((s) => s.text).join('; ')}`;
  if (text === '') text = 'no evidence either way';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The public shape of one scored pair. */
export function toDuplicate(x: PreparedDeal, y: PreparedDeal, s: PairScore): DealDuplicate {
  const side = (p: PreparedDeal) => ({
    id: p.record.id,
    name: p.record.name,
    ownerId: p.record.ownerId,
    accountName: p.record.accountName,
  });
  return {
    a: side(x),
    b: side(y),
    score: s.score,
    probability: s.probability,
    signals: s.signals,
    explanation: { text: explain(s.signals) },
  };
}
