import { checkSafeAmount, moneyTotal } from '../../kernel/money.js';
import type { CostEntry, CostTotal } from './cost.js';

/**
 * Integer minor units summed as BigInt, so a total is exact however many entries there are; one
 * that no longer fits a safe JS number is refused rather than silently rounded.
 */
export function sumByCurrency(entries: readonly CostEntry[]): CostTotal[] {
  const sums = new Map<string, { amount: bigint; count: number }>();
  for (const e of entries) {
    const s = sums.get(e.amount.currency) ?? { amount: 0n, count: 0 };
    s.amount += BigInt(e.amount.amount);
    s.count += 1;
    sums.set(e.amount.currency, s);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, s]) => {
      const amount = checkSafeAmount(s.amount, 'amount', moneyTotal(currency));
      return { currency, amount, count: s.count };
    });
}
