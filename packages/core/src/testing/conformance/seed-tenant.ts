import type { StorageTx } from '@gongfu/core';
import { inTx } from './conformance-it.js';
import { buildMerge, minutesAfterBase } from './fixtures.js';
import { buildHistoryEvent, buildQuote, buildReminder, buildTeamMember } from './fixtures-work.js';
import type { SuiteState } from './harness.js';
import { forEachRecordKind } from './record-kinds.js';

/** What one RecordStore looks like through a handle: used to prove another tenant sees none of it. */
export interface KindView {
  got: unknown;
  many: string[];
  listed: string[];
  counted: number;
}

export interface SeededKind {
  name: string;
  table: string;
  id: string;
  view(tx: StorageTx, ids: readonly string[]): Promise<KindView>;
}

/** One row (or more) in every store of a tenant, with the ids a probe from elsewhere would try. */
export interface Seed {
  tenantId: string;
  kinds: SeededKind[];
  teamKey: string;
  member: string;
  leadId: string;
  actor: string;
  reminderId: string;
  escalatingReminderId: string;
  mergeId: string;
}

/** Fills `tenantId` with one record of every kind plus team, quote, history, reminder, merge and counter rows. */
export async function seedTenant(state: SuiteState, tenantId: string, tag: string): Promise<Seed> {
  const kinds: SeededKind[] = [];
  const inserts: ((tx: StorageTx) => Promise<void>)[] = [];
  forEachRecordKind((kind) => {
    const record = kind.build(tenantId);
    inserts.push((tx) => kind.store(tx).insert(record));
    kinds.push({
      name: kind.name,
      table: kind.table,
      id: record.id,
      view: async (tx, ids) => ({
        got: await kind.store(tx).get(record.id),
        many: (await kind.store(tx).getMany(ids)).map((r) => r.id),
        listed: (await kind.store(tx).list({ scope: { kind: 'all' }, limit: 500 })).items.map((r) => r.id),
        counted: await kind.store(tx).count(undefined, { kind: 'all' }),
      }),
    });
  });
  const seed: Seed = {
    tenantId,
    kinds,
    teamKey: `team-${tag}`,
    member: `member-${tag}`,
    leadId: `lead-${tag}`,
    actor: `actor-${tag}`,
    reminderId: `rem-${tag}`,
    escalatingReminderId: `rem-esc-${tag}`,
    mergeId: `merge-${tag}`,
  };
  await inTx(state, tenantId, async (tx) => {
    for (const insert of inserts) await insert(tx);
    await tx.teams.replace(seed.teamKey, [buildTeamMember({ userId: seed.member })]);
    await tx.quotes.append(
      buildQuote(tenantId, { leadId: seed.leadId, quotedBy: seed.actor, sku: 'SKU-SEED' }),
    );
    await tx.history.append([buildHistoryEvent({ entityId: seed.leadId, actorId: seed.actor })]);
    await tx.reminders.insert(
      buildReminder(tenantId, {
        id: seed.reminderId,
        subjectId: seed.leadId,
        userId: seed.member,
        dueAt: minutesAfterBase(-60),
      }),
    );
    await tx.reminders.insert(
      buildReminder(tenantId, {
        id: seed.escalatingReminderId,
        userId: seed.member,
        escalateAt: minutesAfterBase(-30),
      }),
    );
    await tx.merges.insert(buildMerge({ id: seed.mergeId }));
    await tx.counters.next(`counter-${tag}`);
  });
  return seed;
}
