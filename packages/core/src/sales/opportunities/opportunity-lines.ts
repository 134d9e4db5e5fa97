import { ValidationError } from '../../kernel/errors.js';
import type { Money } from '../../kernel/money.js';
import type { LineItem, Opportunity } from './opportunity.js';

/** The deal amount: the sum of its lines, exact in minor units; a line in another currency is refused. */
export function sumLines(lines: readonly LineItem[], currency: string): Money {
  let amount = 0;
  for (const line of lines) {
    if (line.unitPrice.currency !== currency) {
      throw new ValidationError([
        {
          field: 'lines',
          message: `line ${line.sku} is in ${line.unitPrice.currency}, the deal in ${currency}`,
        },
      ]);
    }
    amount += line.unitPrice.amount * line.quantity;
  }
  return { amount, currency };
}

/** The deal with its lines replaced and the amount recomputed from them. */
export function withLines(
  opp: Pick<Opportunity, 'currency'>,
  lines: LineItem[],
): Pick<Opportunity, 'lines' | 'amount'> {
  return { lines, amount: sumLines(lines, opp.currency) };
}
