import type { CrmStorage } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import type { SentStatement } from '../src/testing/counting-pool.js';
import { useCountedStorage } from './support/counted-storage.js';
import { ON_SERVER, PG_URL } from './support/pg-target.js';

/**
 * A scoped first page on PostgreSQL is one prepared statement per table, whoever asks: the scope's
 * ids travel as two arrays, so a rep (one id) and a manager (three) send the same text, prepared
 * once, with three parameters. Before, the text held one parameter per id and per range and was
 * built by Kysely and planned by the server on every call.
 */
describe.skipIf(!ON_SERVER)('scoped page statement [skipped on PGlite: no pipelined pool]', () => {
  const counted = useCountedStorage('gf_page_stmt');
  const { recorder, schema } = counted;

  it('is the same prepared text, with the ids as arrays, for a rep and for a manager', async () => {
    const { crm, org } = await openWorld(counted.storage);
    await crm.leads.capture(org.repA, storyLead({ company: '甲的线索' }));
    await crm.leads.capture(org.repB, storyLead({ company: '乙的线索' }));
    const pageOf = async (who: typeof org.repA) => {
      recorder.sent.length = 0;
      const page = await crm.leads.list(who, { limit: 50 });
      const statements = recorder.sent.filter((s) => /from "leads"/.test(s.text));
      expect(statements).toHaveLength(1);
      return { page, statement: statements[0] as SentStatement };
    };
    const rep = await pageOf(org.repA);
    const manager = await pageOf(org.manager);
    expect(rep.page.items.map((l) => l.ownerId)).toEqual([org.repA.id]);
    expect(manager.page.items).toHaveLength(2);
    expect(manager.statement.text).toBe(rep.statement.text);
    expect(rep.statement.name).toBeDefined();
    expect(manager.statement.name).toBe(rep.statement.name);
    // The owner ids, the tenant, the member ids: each once, however many people the scope holds.
    expect(manager.statement.values).toHaveLength(3);
    const team = [org.manager.id, org.repA.id, org.repB.id].sort().join();
    const walked = await (async () => {
      recorder.sent.length = 0;
      await crm.accounts.list(org.repA, { limit: 50 });
      const repText = recorder.sent.find((s) => /from "accounts"/.test(s.text));
      recorder.sent.length = 0;
      await crm.accounts.list(org.manager, { limit: 50 });
      const managerText = recorder.sent.find((s) => /from "accounts"/.test(s.text));
      return { repText, managerText };
    })();
    // A walked page (accounts carry no range keys) is one prepared text too.
    expect(walked.managerText?.text).toBe(walked.repText?.text);
    expect(walked.managerText?.name).toBeDefined();
    expect(walked.managerText?.values).toHaveLength(3);
    const arrays = manager.statement.values.filter(Array.isArray).map((ids) => [...ids].sort().join());
    expect(arrays).toEqual([team, team]);
  });

  it('walks a scope too wide to merge exactly as the reference walk does', async () => {
    const { crm, org } = await openWorld(counted.storage);
    for (const who of [org.repA, org.repB, org.otherRep])
      for (let i = 0; i < 3; i++)
        await crm.leads.capture(who, storyLead({ company: `宽范围 ${who.id} ${i}` }));
    const referencePool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const reference = await postgresStorage(
      { pool: referencePool },
      { schema, migrate: false, scopedPages: 'walk' },
    );
    try {
      // 70 people (more than a merge reads) who are not in the tenant, plus the two reps.
      const ids = [org.repA.id, org.repB.id, ...Array.from({ length: 70 }, (_, i) => `nobody_${i}`)];
      const scope = { kind: 'scoped' as const, ownerIds: ids, memberIds: ids, minAccess: 'read' as const };
      const pages = (s: CrmStorage) =>
        s.read({ tenantId: crm.tenantId }, async (tx) => {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await tx.leads.list({ scope, limit: 2, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((l) => l.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
          return seen;
        });
      const walkedHere = await pages(counted.storage);
      expect(walkedHere).toHaveLength(6);
      expect(walkedHere).toEqual(await pages(reference));
    } finally {
      await reference.close();
      await referencePool.end();
    }
  });
});
