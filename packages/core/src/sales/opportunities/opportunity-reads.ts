import type { Money } from '../../kernel/money.js';
import type { CommandContext } from '../../service/context.js';
import type { LineItem, LineItemInput, Opportunity } from './opportunity.js';
import type { OpportunityFacts } from './opportunity-machine.js';

/**
 * What the machine's gates need to know about a deal beyond its own row: whether it has an order.
 * `countOrders` false (no gate the decision can check reads it: `gateMayRun`) skips the count and
 * says `hasOrder: false`, which nothing then reads.
 */
export async function opportunityFacts(
  ctx: CommandContext,
  opp: Opportunity,
  countOrders = true,
): Promise<OpportunityFacts> {
  const hasOrder =
    countOrders && (await ctx.tx.orders.count({ opportunityId: [opp.id] }, { kind: 'all' })) > 0;
  return {
    lineCount: opp.lines.length,
    amountMinor: opp.amount.amount,
    // The owner always sells; the rest of the virtual team brings presales and service.
    teamRoles: ['sales', ...opp.team.map((m) => m.role)],
    hasOrder,
    endCustomerKnown: opp.endCustomer !== null,
  };
}

/** Lines with the product category looked up, so baskets of sibling SKUs can be compared later. */
export async function buildLines(
  ctx: CommandContext,
  inputs: readonly (LineItemInput & { unitPrice: Money })[],
): Promise<LineItem[]> {
  const products = await ctx.productsBySku(inputs.map((l) => l.sku));
  return inputs.map((l) => ({
    id: ctx.newId('line'),
    sku: l.sku,
    category: products.get(l.sku)?.category ?? null,
    description: l.description ?? null,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  }));
}
