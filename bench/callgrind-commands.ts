/**
 * Instructions per command, counted by callgrind: unaffected by other processes on a loaded
 * machine, where CPU time per call swings by a third. V8 still compiles and collects on background
 * threads inside the window, so split a dump by library (SQLite, V8's GC and compiler, the rest)
 * rather than reading its total alone. Run under valgrind with instrumentation off at start; this script
 * switches it on around each measured loop (after a warm-up) and dumps one count per command:
 *
 *   valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file \
 *     --callgrind-out-file=/tmp/cg.%p node --import tsx bench/callgrind-commands.ts [--n 100] [--warm 60]
 *   grep totals: /tmp/cg.<pid>.<k>   # k = 1 logContact, 2 advance, 3 capture; totals / n per call
 *     --raw   the hand-written transactions of bench/raw-sqlite.ts instead (same three, same order)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');

const N = Number(argValue('--n') ?? 100);
const W = Number(argValue('--warm') ?? 60);
const control = (...args: string[]) => execFileSync('callgrind_control', [...args, String(process.pid)]);
const dir = mkdtempSync(join(tmpdir(), 'gongfu-cg-'));
try {
  const storage = await sqliteStorage({ filename: join(dir, 'c.db') });
  const { crm, org } = await openWorld(storage);
  const rep = org.repA;
  const measured = async (name: string, step: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < W; i++) await step(i);
    control('-i', 'on');
    for (let i = W; i < W + N; i++) await step(i);
    control('-d', name);
    control('-i', 'off');
  };
  if (process.argv.includes('--raw')) {
    // The hand-written transactions of bench/raw-sqlite.ts on a second connection to the same file.
    const Database = (await import('better-sqlite3')).default;
    const { rawSqlite } = await import('./raw-sqlite.js');
    await storage.tenants.create({ id: 'raw_cg', name: 'raw_cg', createdAt: '2026-03-02T01:15:00.000Z' });
    const db = new Database(join(dir, 'c.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const lead = await crm.leads.capture(rep, storyLead({ company: '模板' }));
    const { activity } = await crm.leads.logContact(rep, lead.id, contact);
    const converted = await crm.leads.convert(rep, lead.id, convertInput);
    const raw = rawSqlite(db, 'raw_cg', 'raw_owner', { ...converted, lead, activity });
    const at = '2026-03-02T01:15:00.000Z';
    const rawLeads: string[] = [];
    for (let i = 0; i < W + N; i++) rawLeads.push(raw.capture(i, at, `山东恒通 ${i}`));
    await measured('raw logContact', async (i) => raw.logContact(rawLeads[i]!, at, 1_000_000 + i));
    const rawDeals = rawLeads.map((id, i) => raw.convert(id, at, i));
    await measured('raw advance', async (i) => raw.advance(rawDeals[i]!, at));
    await measured('raw capture', async (i) => raw.capture(3_000_000 + i, at, `青岛港 ${i}`));
    db.close();
    await storage.close();
    process.exit(0);
  }
  const leads: string[] = [];
  for (let i = 0; i < W + N; i++)
    leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
  await measured('logContact', (i) => crm.leads.logContact(rep, leads[i] as string, contact));
  const deals: string[] = [];
  for (const id of leads) deals.push((await crm.leads.convert(rep, id, convertInput)).opportunity.id);
  await measured('advance', (i) =>
    crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
  );
  await measured('capture', (i) => crm.leads.capture(rep, storyLead({ company: `青岛港 ${i}` })));
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
