import type { TenantRow } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

/**
 * An import of ≥ 10k rows gives the planner statistics of what it loaded: the figures a sampled
 * ANALYZE would write, read without its write lock. The sample sees one tenant's first index entries, and left as it is it
 * told the planner a tenant has 2,001 rows: a query by a selective index then walked the whole
 * tenant newest first instead (a manager's week calendar read 100k activities for 300).
 */
/** A storage holding one world (a tenant with a lead), and that lead as an export row to copy. */
async function withLeadTemplate() {
  const raw = new Database(':memory:');
  const storage = await sqliteStorage({ database: raw });
  const w = await openWorld(storage);
  await w.crm.leads.capture(w.org.repA, storyLead());
  let template: Record<string, unknown> | undefined;
  for await (const r of storage.tenants.exportRows(w.crm.tenantId)) if (r.table === 'leads') template = r.row;
  if (template === undefined) throw new Error('no lead exported');
  return { raw, storage, template };
}

describe('statistics after a large import (SQLite)', () => {
  it('give the tenant its real row count, so a selective index beats walking the tenant', async () => {
    const { raw, storage, template } = await withLeadTemplate();
    const n = 12_000;
    const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 700) * 86_400_000 + i).toISOString();
    function* rows(): Generator<TenantRow> {
      for (let i = 0; i < n; i++)
        yield {
          table: 'leads',
          row: { ...template, id: `lead_${i}`, created_at: day(i), received_at: day(i * 7) },
        };
    }
    await storage.tenants.importRows(
      { id: 'big', name: 'Big', createdAt: '2025-01-01T00:00:00.000Z' },
      rows(),
    );

    const stat = (idx: string) =>
      (raw.prepare('select stat from sqlite_stat1 where idx = ?').get(idx) as { stat: string }).stat
        .split(' ')
        .map(Number);
    const [total, perTenant, afterCreated] = stat('leads_page_scan_ix');
    expect(total).toBeGreaterThan(n * 0.9);
    // Two tenants own leads (the world's and the import's): about half the rows each, not 2,001.
    expect(perTenant).toBeGreaterThan(n * 0.4);
    expect(afterCreated).toBe(1);

    // A week of leads by when they were received, newest first: read from the received_at range.
    const plan = (
      raw
        .prepare(
          `explain query plan select id from leads where tenant_id = ? and received_at >= ? and received_at < ?
           order by created_at desc, id desc limit 501`,
        )
        .all('big', '2025-06-01T00:00:00.000Z', '2025-06-08T00:00:00.000Z') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toContain('leads_received_at_ix');
    expect(plan).not.toContain('page_scan');
    await storage.close();
  });

  it('give an owner its share of the tenant when the sample saw only the first owner', async () => {
    const { raw, storage, template } = await withLeadTemplate();
    // Four owners of 3,000 leads each, in blocks: the sample's 2,000 entries of the owner index
    // (the first tenant's, and '0big' sorts first) all belong to the first owner.
    const n = 12_000;
    function* rows(): Generator<TenantRow> {
      for (let i = 0; i < n; i++)
        yield {
          table: 'leads',
          row: { ...template, id: `lead_${i}`, owner_id: `owner_${Math.floor(i / 3000)}` },
        };
    }
    await storage.tenants.importRows(
      { id: '0big', name: 'Big', createdAt: '2025-01-01T00:00:00.000Z' },
      rows(),
    );
    const [, perTenant, perOwner] = (
      raw.prepare('select stat from sqlite_stat1 where idx = ?').get('leads_owner_id_page_ix') as {
        stat: string;
      }
    ).stat
      .split(' ')
      .map(Number);
    expect(perTenant).toBeGreaterThan(n * 0.4);
    // About a quarter of the tenant's rows per owner: not the whole tenant.
    expect(perOwner).toBeLessThanOrEqual(3000);
    expect(perOwner).toBeGreaterThan(500);
    await storage.close();
  });
});
