import { type CommandContext, ENTITY, hiddenRecordText } from '@gongfu/core';
import { visibleById } from '../shared/visible.js';
import type { CostRollupBy } from './cost-rollup.js';

/**
 * Readable names for group keys. Seeing a cost booked on a deal does not mean seeing the deal (a
 * manager books for a rep on someone else's deal; an engineer leaves the deal team), so a deal or
 * account is named only when the reader may open it, and otherwise by kind and id.
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
      for (const id of ids) labels.set(id, hiddenRecordText('opportunity', id));
      for (const o of await visibleById(ctx, ENTITY.opportunity, await ctx.tx.opportunities.getMany(ids)))
        labels.set(o[0], o[1].name);
      break;
    case 'account':
      labels.set(null, 'no account');
      for (const id of ids) labels.set(id, hiddenRecordText('account', id));
      for (const a of await visibleById(ctx, ENTITY.account, await ctx.tx.accounts.getMany(ids)))
        labels.set(a[0], a[1].name);
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
