import type { CrmStorage, EntityType, RecordStore, ReminderSubjectType, StorageTx } from '@gongfu/core';
import { scanAll } from '@gongfu/core';

type Store = RecordStore<{ id: string }, unknown>;

const STORES: readonly [keyof StorageTx, EntityType, ReminderSubjectType | null][] = [
  ['users', 'user', null],
  ['accounts', 'account', null],
  ['contacts', 'contact', null],
  ['leads', 'lead', 'lead'],
  ['opportunities', 'opportunity', 'opportunity'],
  ['orders', 'order', 'order'],
  ['serviceCases', 'service_case', null],
  ['activities', 'activity', 'activity'],
  ['demoLoans', 'demo_loan', 'demo_loan'],
  ['costs', 'cost', null],
];

/**
 * Everything of one tenant a command could change: every record whole, each record's team rows,
 * history length and reminders. Two equal snapshots mean nothing was written in between.
 */
export async function tenantSnapshot(
  storage: CrmStorage,
  tenantId: string,
): Promise<Record<string, unknown>> {
  return storage.read({ tenantId }, async (tx) => {
    const out: Record<string, unknown> = {};
    for (const [name, type, subject] of STORES) {
      const rows = await scanAll(tx[name] as unknown as Store, undefined);
      const ids = rows.map((r) => r.id).sort();
      const teams = await tx.teams.membersOfMany(ids);
      const entries: Record<string, unknown> = {};
      for (const row of rows.sort((a, b) => a.id.localeCompare(b.id))) {
        entries[row.id] = {
          row,
          team: [...(teams.get(row.id) ?? [])].sort((a, b) => a.userId.localeCompare(b.userId)),
          history: (await tx.history.forEntity(type, row.id)).length,
          reminders: subject ? await tx.reminders.forSubject(subject, row.id) : [],
        };
      }
      out[name] = entries;
    }
    return out;
  });
}
