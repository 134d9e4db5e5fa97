import { runScriptedScenario } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describe, expect, it } from 'vitest';
import { openServiceStorage, TARGET, usePgTarget } from './support/pg-target.js';

usePgTarget();

const SEEDS = [1, 7, 42];

/**
 * The same scripted story (a generated org, then a fixed sequence of commands, refusals included)
 * must leave both engines in the same state: the same outcomes and the same records, teams,
 * history, reminders and quotes. Encoding differences (instants, money, JSON) would show here.
 */
describe(`SQLite and PostgreSQL (${TARGET}) agree on scripted scenarios`, () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: identical outcomes and identical normalised state`, async () => {
      const sqlite = await sqliteStorage({ filename: ':memory:' });
      const postgres = await openServiceStorage();
      try {
        const onSqlite = await runScriptedScenario(sqlite, seed);
        const onPostgres = await runScriptedScenario(postgres, seed);
        expect(onSqlite.outcomes.length).toBeGreaterThan(0);
        expect(onPostgres.outcomes).toEqual(onSqlite.outcomes);
        expect(onPostgres.snapshot).toEqual(onSqlite.snapshot);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    }, 180_000);
  }
});
