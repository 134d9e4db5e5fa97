import { migrations, postgresEngine } from '@gongfu/storage-sql';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { NEEDS_SERVER, ON_SERVER, PG_URL, uniqueSchema } from './support/pg-target.js';

const SERVERS = 4;

describe.skipIf(!ON_SERVER)(
  `migrations from several servers at once [skipped on PGlite: ${NEEDS_SERVER}]`,
  () => {
    const schema = uniqueSchema('gf_migrate');
    const pools = Array.from({ length: SERVERS }, () => new pg.Pool({ connectionString: PG_URL, max: 2 }));
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    afterAll(async () => {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await Promise.all([...pools, admin].map((p) => p.end()));
    });

    it(`${SERVERS} servers starting together on an empty schema: one migrates, the others wait, all work`, async () => {
      // The schema does not exist yet either: creating it is part of what races.
      const storages = await Promise.all(pools.map((pool) => postgresStorage({ pool }, { schema })));
      const applied = await admin.query(`select name from "${schema}".kysely_migration order by name`);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations(postgresEngine)).sort());
      const tables = await admin.query(
        `select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'opportunities'`,
        [schema],
      );
      expect(tables.rows[0].n).toBe(1);
      // Every server can write and sees what the others wrote.
      await Promise.all(
        storages.map((s, i) =>
          s.tenants.create({ id: `t${i}`, name: `t${i}`, createdAt: '2026-03-02T01:00:00.000Z' }),
        ),
      );
      for (const s of storages)
        expect((await s.tenants.list()).map((t) => t.id)).toEqual(
          expect.arrayContaining(['t0', 't1', 't2', 't3']),
        );
      // Running again is a no-op.
      await Promise.all(storages.map((s) => s.migrateToLatest()));
      expect(
        (await admin.query(`select count(*)::int as n from "${schema}".kysely_migration`)).rows[0].n,
      ).toBe(applied.rows.length);
      await Promise.all(storages.map((s) => s.close()));
    });
  },
);
