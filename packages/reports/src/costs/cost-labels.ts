import type { CommandContext } from '@gongfu/core';
import type { CostRollupBy } from './cost-rollup.js';

/**
 * Readable names for group keys. The deals and accounts named are ones the actor already sees a
 * cost of, which means they see the deal itself (a spender is on the deal's team, and a manager
 * sees what their people see).
 */
export async function labelKeys(
  ctx: CommandContext,
  by: CostRollupBy,
  keys: readonly (string | null)[],
): Promise<Map<string | null, string>> {
  const ids = [...new Set(keys.filter((k): k is string => k !== null))];
  const labels = new Map<string | null, string>();
  switch (by) {
    case 'opportunity':
      labels.set(null, 'not on a deal');
      for (const o of await ctx.tx.opportunities.getMany(ids)) labels.set(o.id, o.name);
      break;
    case 'account':
      labels.set(null, 'no account');
      for (const a of await ctx.tx.accounts.getMany(ids)) labels.set(a.id, a.name);
      break;
    case 'salesperson':
      for (const id of ids) labels.set(id, ctx.userName(id));
      break;
    case 'team':
      labels.set(null, 'no manager');
      for (const id of ids) labels.set(id, `${ctx.userName(id)}'s team`);
      break;
    case 'channel':
      labels.set(null, 'no channel');
      break;
    case 'category':
    case 'month':
      break;
  }
  return labels;
}
