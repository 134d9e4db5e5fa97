import { createTenantAdmin, exportToString } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { tempDir } from './support/open-storage.js';

/**
 * A file database exports through a read-only second connection, a page at a time, in one
 * snapshot; an in-memory one reads the tenant whole first. Both must give the same text, and the
 * streamed one must neither block nor see the commands that run while it is being read.
 */
describe('streamed tenant export (file database)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  async function worldOnFile() {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const storage = await sqliteStorage({ filename: tmp.file });
    const w = await openWorld(storage);
    // Ids in every part of Unicode, so the order of primary keys is tested where UTF-16 and code
    // points disagree (an astral character sorts after U+FFFD by code point, before it by UTF-16).
    const ids = ['lead-a', 'lead-\u{1F600}', 'lead-\uFFFD', 'lead-Z', 'lead-é', 'lead-10', 'lead-9'];
    let i = 0;
    const crm = w.crm;
    for (const id of ids) {
      const lead = await crm.leads.capture(w.org.repA, storyLead({ company: `公司 ${i++}` }));
      await storage.transaction({ tenantId: crm.tenantId }, (tx) => tx.leads.insert({ ...lead, id }));
    }
    for (let n = 0; n < 2500; n++) await crm.leads.capture(w.org.repB, storyLead({ company: `批量 ${n}` }));
    return { ...w, storage };
  }

  it('gives the same text as the buffered export of the same data, in code point order', async () => {
    const w = await worldOnFile();
    const admin = createTenantAdmin(w.storage);
    const streamed = await exportToString(admin.export(w.crm.tenantId));
    const memory = await sqliteStorage({ filename: ':memory:' });
    await createTenantAdmin(memory).import(streamed);
    expect(await exportToString(createTenantAdmin(memory).export(w.crm.tenantId))).toBe(streamed);
    const leadIds = streamed
      .split('\n')
      .filter((l) => l.startsWith('{"row":') && l.endsWith('"table":"leads"}'))
      .map((l) => (JSON.parse(l) as { row: { id: string } }).row.id)
      .filter((id) => id.startsWith('lead-'));
    expect(leadIds).toEqual([
      'lead-10',
      'lead-9',
      'lead-Z',
      'lead-a',
      'lead-é',
      'lead-\uFFFD',
      'lead-\u{1F600}',
    ]);
    await memory.close();
    await w.storage.close();
  });

  it('reads one snapshot while commands on the same storage go on, and does not block them', async () => {
    const w = await worldOnFile();
    const admin = createTenantAdmin(w.storage);
    const before = await exportToString(admin.export(w.crm.tenantId));
    const lines: string[] = [];
    let written = 0;
    for await (const line of admin.export(w.crm.tenantId)) {
      lines.push(line);
      // Commands on the exported tenant and an import into a sibling, while the export is open.
      if (lines.length % 500 === 0) {
        await w.crm.leads.capture(w.org.repA, storyLead({ company: `导出中 ${written++}` }));
      }
      if (lines.length === 1000) await admin.import(before, { id: 'sibling' });
    }
    expect(written).toBeGreaterThan(5);
    expect(lines.map((l) => `${l}\n`).join('')).toBe(before);
    const sibling = await exportToString(admin.export('sibling'));
    expect(sibling.split('"sibling"').join(`"${w.crm.tenantId}"`)).toBe(before);
    const after = await exportToString(admin.export(w.crm.tenantId));
    expect(after.split('\n').length).toBeGreaterThan(before.split('\n').length);
    await w.storage.close();
  });
});
