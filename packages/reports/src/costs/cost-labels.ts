import { type CommandContext, ENTITY, hiddenRecord } from '@gongfu/core';
import { sayReport } from '../shared/report-messages.js';
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
      labels.set(null, ctx.say(sayReport('report.label.noDeal')));
      for (const id of ids) labels.set(id, ctx.say(hiddenRecord('opportunity', id)));
      for (const o of await visibleById(ctx, ENTITY.opportunity, await ctx.tx.opportunities.getMany(ids)))
        labels.set(o[0], o[1].name);
      break;
    case 'account':
      labels.set(null, ctx.say(sayReport('report.label.noAccount')));
      for (const id of ids) labels.set(id, ctx.say(hiddenRecord('account', id)));
      for (const a of await visibleById(ctx, ENTITY.account, await ctx.tx.accounts.getMany(ids)))
        labels.set(a[0], a[1].name);
      break;
    case 'salesperson':
      for (const id of ids) labels.set(id, ctx.userName(id));
      break;
    case 'team':
      labels.set(null, ctx.say(sayReport('report.label.noManager')));
      for (const id of ids)
        labels.set(id, ctx.say(sayReport('report.label.team', { name: ctx.userName(id) })));
      break;
    case 'channel':
      labels.set(null, ctx.say(sayReport('report.label.noChannel')));
      break;
    case 'category':
    case 'month':
      break;
  }
  return labels;
}
