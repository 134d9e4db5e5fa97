import type { CrmStorage, EntityType, RecordStore, ReminderSubjectType, StorageTx } from '@gongfu/core';
import { scanAll } from '@gongfu/core';
import { orgUsersArbitrary } from '@gongfu/core/testing';
import fc from 'fast-check';
import { prologueArbitrary, stepArbitrary } from './model-based-steps.js';
import { openModelWorld, runStep } from './model-based-world.js';

type Store = RecordStore<{ id: string }, unknown>;
const STORES: [keyof StorageTx, EntityType, ReminderSubjectType | null][] = [
  ['users', 'user', null],
  ['accounts', 'account', null],
  ['contacts', 'contact', null],
  ['leads', 'lead', 'lead'],
  ['opportunities', 'opportunity', 'opportunity'],
  ['orders', 'order', 'order'],
  ['activities', 'activity', 'activity'],
  ['costs', 'cost', null],
];

/** Bookkeeping that differs between two runs of the same story: the tenant, wall-clock row stamps, log sequence. */
const VOLATILE = new Set(['tenantId', 'createdAt', 'updatedAt', 'seq']);

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !VOLATILE.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, normalise(v)]),
  );
}

/** Every row of the tenant with its team, history, reminders and quotes, ids sequential, stamps removed. */
export async function normalisedSnapshot(storage: CrmStorage, tenantId: string): Promise<unknown> {
  return storage.read({ tenantId }, async (tx) => {
    const out: Record<string, unknown> = {};
    for (const [name, type, subject] of STORES) {
      const rows = (await scanAll(tx[name] as unknown as Store, undefined)).sort((a, b) =>
        a.id < b.id ? -1 : 1,
      );
      const teams = await tx.teams.membersOfMany(rows.map((r) => r.id));
      const entries = [];
      for (const row of rows) {
        entries.push({
          row,
          team: [...(teams.get(row.id) ?? [])].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
          history: await tx.history.forEntity(type, row.id),
          reminders: subject
            ? (await tx.reminders.forSubject(subject, row.id)).sort((a, b) => (a.id < b.id ? -1 : 1))
            : [],
          quotes: name === 'leads' ? await tx.quotes.list({ leadId: row.id }, 500) : [],
        });
      }
      out[name] = entries;
    }
    return normalise(out);
  });
}

/**
 * A deterministic story derived from `seed`: a generated org and up to 40 generated commands, run
 * through the service in a fresh tenant. Returns each step's outcome and the normalised tenant, so
 * a cross-engine test can require SQLite and PostgreSQL to end in identical states.
 */
export async function runScriptedScenario(
  storage: CrmStorage,
  seed: number,
): Promise<{ outcomes: string[]; snapshot: unknown }> {
  const [script] = fc.sample(
    fc.record({
      users: orgUsersArbitrary(6),
      prologue: prologueArbitrary,
      steps: fc.array(stepArbitrary, { minLength: 20, maxLength: 40 }),
    }),
    { seed, numRuns: 1 },
  );
  const { world, model } = await openModelWorld(storage, script!.users);
  const outcomes: string[] = [];
  for (const step of [...script!.prologue, ...script!.steps]) {
    const outcome = await runStep(world, model, step);
    if (outcome) outcomes.push(`${outcome.label} → ${outcome.actual}`);
  }
  return { outcomes, snapshot: await normalisedSnapshot(storage, world.tenantId) };
}
