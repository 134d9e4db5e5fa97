import type { Grant, TransferRecord } from '@gongfu/core';
import { planTransfer } from '@gongfu/core';
import {
  type AnyRecord,
  bump,
  isDealOpen,
  isLeadOpen,
  logged,
  type MOpportunity,
  type Model,
} from './model-based-model.js';

type Item = { kind: TransferRecord['kind']; record: AnyRecord };

/** The leaver's book as the pure planner sees it: what they own, and the deal teams they sit on. */
function gather(m: Model, from: string): Item[] {
  const items: Item[] = [
    ...m.leads.filter((l) => l.ownerId === from).map((record) => ({ kind: 'lead' as const, record })),
    ...m.opportunities
      .filter((o) => o.ownerId === from || o.team.some((g) => g.userId === from))
      .map((record) => ({ kind: 'opportunity' as const, record })),
    ...m.activities
      .filter((a) => a.ownerId === from)
      .map((record) => ({ kind: 'activity' as const, record })),
    ...m.accounts.filter((a) => a.ownerId === from).map((record) => ({ kind: 'account' as const, record })),
  ];
  return items;
}

function isOpen({ kind, record }: Item): boolean {
  if (kind === 'lead') return isLeadOpen(record as Model['leads'][number]);
  if (kind === 'opportunity') return isDealOpen(record as MOpportunity);
  if (kind === 'activity') return (record as Model['activities'][number]).status === 'scheduled';
  return true;
}

const sameTeam = (a: readonly Grant[], b: readonly Grant[]) => {
  const key = (g: Grant) => `${g.userId}:${g.role}:${g.access}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
};

/**
 * `from`'s book goes to `to` with the default options, as the access policy's `planTransfer` plans
 * it: open records move (one new version each), the leaver's deal seats go to `to` unless `to`
 * already has that access. A deal whose team changes gets a version; history records every touch.
 */
export function transferInModel(m: Model, from: string, to: string): string[] {
  const items = gather(m, from);
  const plan = planTransfer({
    from,
    to,
    options: {},
    records: items.map((item) => ({
      kind: item.kind,
      id: item.record.id,
      ownerId: item.record.ownerId,
      open: isOpen(item),
      grants: item.kind === 'opportunity' ? (item.record as MOpportunity).team : [],
    })),
  });
  const moving = new Set(plan.moves.map((mv) => mv.id));
  const changes = new Map(plan.teamChanges.map((c) => [c.id, c]));
  const touched: string[] = [];
  for (const { kind, record } of items) {
    const change = changes.get(record.id);
    if (!moving.has(record.id) && !change) continue;
    touched.push(record.id);
    const owner = moving.has(record.id) ? to : record.ownerId;
    let teamChanged = false;
    if (kind === 'opportunity') {
      const deal = record as MOpportunity;
      let team = deal.team.filter((g) => g.userId !== owner && g.userId !== change?.remove);
      const add = change?.add;
      if (add && add.userId !== owner) team = [...team.filter((g) => g.userId !== add.userId), { ...add }];
      teamChanged = !sameTeam(team, deal.team);
      deal.team = team;
    }
    if (moving.has(record.id) || teamChanged) {
      record.ownerId = owner;
      bump(m, record);
    } else logged(m, record.id);
  }
  return touched;
}
