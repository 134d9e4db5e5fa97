import type { CrmStorage } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { COMMAND_CALLS, type CommandName, faultyStorage, openWorld } from '@gongfu/service-suites/faults';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { NEEDS_SERVER, ON_SERVER, PG_URL, uniqueSchema } from './support/pg-target.js';
import { tenantDigest } from './support/tenant-digest.js';

/** Multi-write commands whose connection is lost: new records, teams, numbers, merges and moves. */
const COMMANDS = [
  'leads.convert',
  'opportunities.win',
  'accounts.merge',
  'ownership.transfer',
  'orders.ship',
] as const;

/**
 * Where each command loses its connection: just before its kth write, its transaction open on the
 * server. `pipeline: false` runs one statement per round trip (Kysely's transaction), the default
 * pipelines writes: both must fail typed and leave nothing. `GONGFU_TERMINATE_WRITES=N` terminates
 * every command before each of its writes 1…N, both ways (a command with fewer writes is skipped).
 */
const KILL_POINTS: readonly (readonly [command: CommandName, write: number, pipeline: boolean])[] = process
  .env.GONGFU_TERMINATE_WRITES
  ? COMMANDS.flatMap((c) =>
      Array.from({ length: Number(process.env.GONGFU_TERMINATE_WRITES) }, (_, i) => i + 1).flatMap((k) => [
        [c, k, true] as const,
        [c, k, false] as const,
      ]),
    )
  : [
      ['leads.convert', 4, true],
      ['leads.convert', 9, true],
      ['opportunities.win', 3, true],
      ['accounts.merge', 5, true],
      ['ownership.transfer', 6, true],
      ['orders.ship', 2, true],
      ['leads.convert', 6, false],
      ['opportunities.win', 5, false],
    ];

describe.skipIf(!ON_SERVER)(
  `PostgreSQL: the backend terminated in the middle of a command [skipped on PGlite: ${NEEDS_SERVER}]`,
  () => {
    const schema = uniqueSchema('gf_term');
    /** The name the storages' connections carry, so the test finds their backend and no other. */
    const application = `gongfu-terminate-${process.pid}`;
    let admin: pg.Pool;
    const pools: pg.Pool[] = [];
    const storages = new Map<boolean, CrmStorage>();
    const counts = { terminated: 0, committed: 0, partial: 0 };

    beforeAll(async () => {
      admin = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
      for (const pipeline of [true, false]) {
        const pool = new pg.Pool({ connectionString: PG_URL, max: 3, application_name: application });
        pools.push(pool);
        storages.set(pipeline, await postgresStorage({ pool }, { schema, pipeline }));
      }
    });
    afterAll(async () => {
      console.log(
        `terminate (postgres): terminated=${counts.terminated} commands=${new Set(KILL_POINTS.map(([c]) => c)).size} committed=${counts.committed} partial-writes=${counts.partial}`,
      );
      for (const s of storages.values()) await s.close();
      for (const p of pools) await p.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    const digest = (tenantId: string) =>
      tenantDigest(async (text, params) => (await admin.query(text, params)).rows, tenantId);

    /** Terminates the one backend of the storages that is inside a transaction, and waits for it to end. */
    async function terminateOpenTransaction(): Promise<void> {
      const open = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where application_name = $1 and state like 'idle in transaction%'`,
        [application],
      );
      expect(open.rows).toHaveLength(1);
      const [{ pid }] = open.rows as [{ pid: number }];
      const done = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1, 10000) as ok', [pid]);
      expect(done.rows[0]?.ok).toBe(true);
      counts.terminated += 1;
    }

    it.each(KILL_POINTS)(
      '%s, backend terminated before write %i (pipeline %s): a typed StorageError, nothing written, the next command works',
      async (command, write, pipeline) => {
        const faulty = faultyStorage(storages.get(pipeline)!);
        const w = await openWorld(faulty.storage);
        const call = await COMMAND_CALLS[command](w);
        const before = await digest(w.crm.tenantId);

        let paused = false;
        faulty.pauseBefore(write, async () => {
          paused = true;
          await terminateOpenTransaction();
        });
        const outcome = await call().then(
          () => 'committed' as const,
          (e: unknown) => e,
        );
        if (!paused) {
          // Fewer writes than k (only in the larger runs): it committed, there was nothing to cut.
          expect(outcome).toBe('committed');
          counts.committed += 1;
          return;
        }
        expect(isCrmError(outcome, 'STORAGE'), String(outcome)).toBe(true);
        const after = await digest(w.crm.tenantId);
        if (JSON.stringify(after) !== JSON.stringify(before)) counts.partial += 1;
        expect(after).toEqual(before);

        // The dead connection left the pool: the same command now runs to its end.
        await call();
        expect(await digest(w.crm.tenantId)).not.toEqual(before);
      },
    );
  },
);
