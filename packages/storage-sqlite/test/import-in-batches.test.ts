import {
  BULK_ROWS_MAX,
  BULK_ROWS_MIN,
  createTenantAdmin,
  exportToString,
  isCrmError,
  nextBulkRows,
  type TenantRow,
} from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import fc from 'fast-check';
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

  it("without a given size each transaction takes the rows the last one's lock time calls for; a given size is kept", async () => {
    const { storage, lines } = await exported();
    // The export's rows, as `importRows` takes them (header and trailer left out).
    const rows = lines
      .map((l) => JSON.parse(l) as TenantRow & { format?: unknown; end?: unknown })
      .filter((r) => r.format === undefined && r.end === undefined)
      .map((r): TenantRow => ({ table: r.table, row: r.row }));
    const sized = async (id: string, rowsPerTransaction?: number) => {
      const seen: { done: number; transactionMs: number }[] = [];
      await storage.tenants.importRows(
        { id, name: id, createdAt: '2026-12-07T00:00:00.000Z' as never },
        rows,
        {
          ...(rowsPerTransaction === undefined ? {} : { rowsPerTransaction }),
          onProgress: (p) => seen.push(p),
        },
      );
      return seen.map((p, i) => ({ rows: p.done - (seen[i - 1]?.done ?? 0), ms: p.transactionMs }));
    };
    const followed = await sized('followed');
    expect(followed.reduce((sum, t) => sum + t.rows, 0)).toBe(rows.length);
    expect(followed[0]?.rows).toBe(128);
    // Every transaction but the last (the rows left over) took what the one before it called for.
    for (let i = 1; i < followed.length - 1; i++) {
      const before = followed[i - 1] as { rows: number; ms: number };
      expect(followed[i]?.rows).toBe(nextBulkRows(before.rows, before.ms));
    }
    const kept = await sized('kept', 100);
    expect(kept.slice(0, -1).every((t) => t.rows === 100)).toBe(true);
    expect(kept.reduce((sum, t) => sum + t.rows, 0)).toBe(rows.length);
    await storage.close();
  });
});

describe("nextBulkRows: the rows of a bulk job's next SQLite transaction", () => {
  it('stays within its bounds, moves by at most half or double, and takes fewer rows after a longer hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: BULK_ROWS_MIN, max: BULK_ROWS_MAX }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        (rows, a, b) => {
          const next = nextBulkRows(rows, a);
          expect(next).toBeGreaterThanOrEqual(BULK_ROWS_MIN);
          expect(next).toBeLessThanOrEqual(BULK_ROWS_MAX);
          expect(next).toBeLessThanOrEqual(Math.max(BULK_ROWS_MIN, Math.round(rows * 2)));
          expect(next).toBeGreaterThanOrEqual(Math.min(BULK_ROWS_MAX, Math.round(rows / 2)));
          const [short, long] = a <= b ? [a, b] : [b, a];
          expect(nextBulkRows(rows, long)).toBeLessThanOrEqual(nextBulkRows(rows, short));
        },
      ),
    );
  });
});
