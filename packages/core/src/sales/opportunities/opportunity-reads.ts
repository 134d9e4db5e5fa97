import type { Money } from '../../kernel/money.js';
import type { CommandContext } from '../../service/context.js';
import type { Product } from '../products/product.js';
import type { LineItem, LineItemInput, Opportunity } from './opportunity.js';
import type { OpportunityFacts } from './opportunity-machine.js';

/** What the machine's gates need to know about a deal beyond its own row: whether it has an order. */
export async function opportunityFacts(ctx: CommandContext, opp: Opportunity): Promise<OpportunityFacts> {
  const hasOrder = (await ctx.tx.orders.count({ opportunityId: [opp.id] }, { kind: 'all' })) > 0;
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
  /** The catalogue entries of these SKUs when the caller already read them (one round trip fewer). */
  catalogue?: readonly Product[],
): Promise<LineItem[]> {
  const skus = [...new Set(inputs.map((l) => l.sku))];
  const products =
    catalogue !== undefined
      ? { items: catalogue }
      : skus.length
        ? await ctx.tx.products.list({ where: { sku: skus }, scope: { kind: 'all' }, limit: 500 })
        : { items: [] };
  const category = new Map(products.items.map((p) => [p.sku, p.category]));
  return inputs.map((l) => ({
    id: ctx.newId('line'),
    sku: l.sku,
    category: category.get(l.sku) ?? null,
    description: l.description ?? null,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  }));
}
