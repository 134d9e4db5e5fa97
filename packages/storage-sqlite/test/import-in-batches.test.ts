import { createTenantAdmin, exportToString, isCrmError } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

/** A tenant of some 1,500 rows (leads with their team rows, history and reminders), exported. */
async function exported() {
  const raw = new Database(':memory:');
  const storage = await sqliteStorage({ database: raw });
  const w = await openWorld(storage);
  for (let n = 0; n < 300; n++) await w.crm.leads.capture(w.org.repA, storyLead({ company: `分批 ${n}` }));
  const text = await exportToString(createTenantAdmin(storage).export(w.crm.tenantId));
  return { storage, raw, text, lines: text.trimEnd().split('\n') };
}

/** Rows of the tenant in every table it owns, read raw (a hidden tenant included). */
function rowsOf(raw: Database.Database, tables: readonly string[], tenant: string): number {
  return tables.reduce(
    (sum, t) =>
      sum +
      (raw.prepare(`select count(*) as n from ${t} where tenant_id = ?`).get(tenant) as { n: number }).n,
    0,
  );
}

async function* linesThen(lines: readonly string[], after: () => Promise<never>): AsyncGenerator<string> {
  yield* lines;
  await after();
}

describe('tenant import in short transactions (SQLite)', () => {
  it('a stopped import leaves the tenant hidden; importing the same file again continues and completes it', async () => {
    const { storage, raw, text, lines } = await exported();
    const admin = createTenantAdmin(storage);
    let stopped = false;
    // The source stalls for good after 1,100 lines, as a killed process would: no removal runs.
    void admin.import(
      linesThen(lines.slice(0, 1100), () => {
        stopped = true;
        return new Promise<never>(() => {});
      }),
      { id: 'copy' },
    );
    while (!stopped) await new Promise((r) => setTimeout(r, 5));
    const written = rowsOf(raw, storage.tenants.ownedTables, 'copy');
    expect(written).toBeGreaterThan(500);
    expect(await storage.tenants.get('copy')).toBeNull();
    expect((await admin.list()).map((t) => t.id)).not.toContain('copy');
    // Another file cannot take over the half-imported tenant.
    const other = await exportToString(admin.export((await admin.list())[0]?.id ?? ''));
    const refused = await admin.import(other, { id: 'copy' }).catch((e: unknown) => e);
    expect(isCrmError(refused) && refused.code).toBe('CONFLICT');
    // The same file: the rows already in are skipped, the rest written, the tenant shown.
    await admin.import(text, { id: 'copy' });
    const copy = await exportToString(admin.export('copy'));
    const source = JSON.parse(lines[0] as string) as { tenant: { id: string } };
    expect(copy.split('"copy"').join(`"${source.tenant.id}"`)).toBe(text);
    await storage.close();
  });

  it('a bad row after several committed batches removes every row written, and the tenant', async () => {
    const { storage, raw, lines } = await exported();
    const admin = createTenantAdmin(storage);
    const broken = [...lines];
    broken[1200] = (broken[1200] as string).replace('{"row":{', '{"row":{"extra":1,');
    const failed = await admin.import(broken.join('\n'), { id: 'broken' }).catch((e: unknown) => e);
    expect(isCrmError(failed) && failed.code).toBe('VALIDATION');
    expect(rowsOf(raw, storage.tenants.ownedTables, 'broken')).toBe(0);
    expect(raw.prepare(`select count(*) as n from tenants where tenant_id = 'broken'`).get()).toEqual({
      n: 0,
    });
    // An existing empty tenant stays, empty and listed, after a failed import into it.
    await admin.create({ id: 'empty', name: '空租户' });
    expect(isCrmError(await admin.import(broken.join('\n'), { id: 'empty' }).catch((e: unknown) => e))).toBe(
      true,
    );
    expect(rowsOf(raw, storage.tenants.ownedTables, 'empty')).toBe(0);
    expect(await storage.tenants.get('empty')).not.toBeNull();
    await storage.close();
  });
});
