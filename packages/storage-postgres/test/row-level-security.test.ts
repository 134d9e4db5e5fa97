import { type CrmStorage, createCrm, isCrmError } from '@gongfu/core';
import { openWorld, type ServiceWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableRowLevelSecurity, pglitePool, postgresStorage } from '../src/index.js';
import {
  filePglite,
  ON_SERVER,
  openTestDatabase,
  PG_URL,
  type Row,
  TARGET,
  type TestDatabase,
  usePgTarget,
} from './support/pg-target.js';

usePgTarget();

type Session = (statements: [text: string, params?: unknown[]][]) => Promise<Row[][]>;

/**
 * One session as `role`, a NON-owner, non-superuser (owners and superusers bypass RLS): on the
 * server its own login; on PGlite (one connection, one login) `set role` for the duration.
 */
function sessionAs(role: string, schema: string): { run: Session; close(): Promise<void> } {
  // A failing statement rolls its transaction back, so the session is clean for the next run.
  const runOn = async (
    client: { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> },
    statements: [string, unknown[]?][],
  ) => {
    const out: Row[][] = [];
    try {
      for (const [text, params] of statements)
        out.push((await client.query(text, params ?? [])).rows as Row[]);
    } catch (error) {
      await client.query('rollback', []).catch(() => undefined);
      throw error;
    }
    return out;
  };
  if (ON_SERVER) {
    const url = new URL(PG_URL as string);
    url.username = role;
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: 1,
      options: `-c search_path=${schema}`,
    });
    return {
      async run(statements) {
        const client = await pool.connect();
        try {
          return await runOn(client, statements);
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const pool = pglitePool(filePglite());
  return {
    async run(statements) {
      const client = await pool.connect();
      try {
        await client.query(`set role ${role}`, []);
        await client.query(`set search_path to "${schema}"`, []);
        return await runOn(client, statements);
      } finally {
        await client.query('reset role', []).catch(() => undefined);
        client.release();
      }
    },
    close: async () => {},
  };
}

describe(`row-level security (${TARGET})`, () => {
  const role = `gf_rls_${process.pid}_${Date.now().toString(36)}`;
  let db: TestDatabase;
  let a: ServiceWorld;
  let b: ServiceWorld;
  let session: ReturnType<typeof sessionAs>;
  beforeAll(async () => {
    db = await openTestDatabase();
    a = await openWorld(db.storage);
    b = await openWorld(db.storage);
    await a.crm.leads.capture(a.org.repA, storyLead({ company: '甲方 A' }));
    await b.crm.leads.capture(b.org.repA, storyLead({ company: '乙方 B' }));
    await enableRowLevelSecurity(db.storage);
    await db.query(`create role ${role} login nosuperuser nobypassrls`);
    await db.query(`grant usage on schema "${db.schema}" to ${role}`);
    await db.query(`grant select, insert, update, delete on all tables in schema "${db.schema}" to ${role}`);
    await db.query(`grant usage, select on all sequences in schema "${db.schema}" to ${role}`);
    session = sessionAs(role, db.schema);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
    await db?.query(`drop owned by ${role}`).catch(() => undefined);
    await db?.query(`drop role if exists ${role}`).catch(() => undefined);
  });

  const bound = (tenant: string, text: string): [string, unknown[]?][] => [
    ['begin'],
    ["select set_config('gongfu.tenant_id', $1, true)", [tenant]],
    [text],
    ['commit'],
  ];

  it('without the tenant setting a query sees nothing, in every tenant table', async () => {
    const [leads, users, history] = await session.run([
      ['select count(*)::int as n from leads'],
      ['select count(*)::int as n from users'],
      ['select count(*)::int as n from history_events'],
    ]);
    expect([leads?.[0]?.n, users?.[0]?.n, history?.[0]?.n]).toEqual([0, 0, 0]);
    // The owner (not bound here: a superuser) sees both tenants' rows, so the rows do exist.
    const all = await db.query('select distinct tenant_id from leads order by tenant_id');
    expect(all.map((r) => r.tenant_id)).toEqual([a.crm.tenantId, b.crm.tenantId].sort());
  });

  it("with tenant A's setting it sees only A's rows, and cannot write a row of B", async () => {
    const [, , leads] = await session.run(bound(a.crm.tenantId, 'select tenant_id, doc from leads'));
    expect(leads?.map((r) => r.tenant_id)).toEqual([a.crm.tenantId]);
    const [, , users] = await session.run(bound(a.crm.tenantId, 'select distinct tenant_id from users'));
    expect(users?.map((r) => r.tenant_id)).toEqual([a.crm.tenantId]);
    const forged = await session
      .run([
        ['begin'],
        ["select set_config('gongfu.tenant_id', $1, true)", [a.crm.tenantId]],
        ["update leads set owner_id = 'x' where tenant_id = $1", [b.crm.tenantId]],
        ["insert into team_members values ($1, 'k', 'u', 'sales', 'edit', false)", [b.crm.tenantId]],
      ])
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(forged)).toMatch(/row-level security/);
  });

  it.skipIf(!ON_SERVER)(
    'the SDK itself runs as that role: every transaction binds its tenant [skipped on PGlite: one login]',
    async () => {
      const url = new URL(PG_URL as string);
      url.username = role;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      let storage: CrmStorage | undefined;
      try {
        storage = await postgresStorage({ pool }, { schema: db.schema, migrate: false });
        const crm = createCrm({ storage, tenant: a.crm.tenantId, clock: a.clock });
        const lead = await crm.leads.capture(a.org.repA, storyLead({ company: '甲方 A 二' }));
        const page = await crm.leads.list(a.org.manager);
        expect(page.items.map((l) => l.id)).toContain(lead.id);
        expect(page.items.every((l) => l.tenantId === a.crm.tenantId)).toBe(true);
        // A lead of B (a fresh uuid id, so A has no record of that id) is simply not there for A.
        const ofB = await createCrm({ storage, tenant: b.crm.tenantId, clock: b.clock }).leads.capture(
          b.org.repA,
          storyLead({ company: '乙方 B 二' }),
        );
        const probe = await crm.leads.get(a.org.admin, ofB.id).then(
          () => 'found',
          (e: unknown) => (isCrmError(e, 'NOT_FOUND') ? 'not found' : String(e)),
        );
        expect(probe).toBe('not found');
        // Whole-tenant administration binds the tenant too.
        await storage.tenants.delete(b.crm.tenantId);
        expect(
          (await db.query('select count(*)::int as n from users where tenant_id = $1', [b.crm.tenantId]))[0]
            ?.n,
        ).toBe(0);
      } finally {
        await storage?.close();
        await pool.end();
      }
    },
  );
});
