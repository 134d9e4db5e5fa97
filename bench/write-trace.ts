/**
 * What a command writes, beside what its raw baseline writes: every better-sqlite3 statement run
 * during one call of each command is traced (both sides use this better-sqlite3), and the writes
 * are summed per table and operation with the columns they name and the rows they touch. A fair
 * baseline writes the same rows and names the same columns (SQLite rewrites the index entries of
 * every column named in SET, changed or not), so the two lists must be equal; the script prints
 * both and exits 1 when they differ. Reads are listed too, for the record (not compared).
 *
 *   npx tsx bench/write-trace.ts [--warm 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';
import { rawSqlite } from './raw-sqlite.js';
import { hookStatements } from './statement-hook.js';
import { runFromSource } from './support.js';

runFromSource();

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');

const W = Number(argValue('--warm') ?? 20);
const AT = '2026-03-02T01:15:00.000Z';

interface Traced {
  sql: string;
  rows: number;
}
let trace: Traced[] | null = null;
hookStatements((source, method, out) => {
  if (trace === null) return;
  const rows =
    method === 'run'
      ? (out as { changes: number }).changes
      : method === 'all'
        ? (out as unknown[]).length
        : out === undefined
          ? 0
          : 1;
  trace.push({ sql: source.replace(/\s+/g, ' ').replace(/"/g, ''), rows });
});

/** One line per written table and operation: `update leads [doc, status, …] 1 row`. */
function summarise(traced: Traced[]): { writes: string[]; reads: string[] } {
  const writes = new Map<string, number>();
  const reads: string[] = [];
  for (const { sql, rows } of traced) {
    const lower = sql.toLowerCase();
    const insert = /insert into (\w+) \(([^)]*)\)/.exec(lower);
    const update = /^update (\w+) set (.*?) where /.exec(lower);
    const remove = /^delete from (\w+)/.exec(lower);
    let key: string | null = null;
    if (insert)
      key = `insert ${insert[1]} [${(insert[2] ?? '')
        .split(',')
        .map((c) => c.trim())
        .sort()
        .join(', ')}]`;
    else if (update)
      key = `update ${update[1]} [${(update[2] ?? '')
        .split(',')
        .map((c) => c.split('=')[0]?.trim())
        .sort()
        .join(', ')}]`;
    else if (remove) key = `delete ${remove[1]}`;
    if (key === null) {
      if (!/^(begin|commit|rollback|savepoint|release)/.test(lower)) reads.push(sql.slice(0, 90));
    } else writes.set(key, (writes.get(key) ?? 0) + rows);
  }
  return { writes: [...writes].map(([k, n]) => `${k} ${n} rows`).sort(), reads };
}

const dir = mkdtempSync(join(tmpdir(), 'gongfu-write-trace-'));
let differ = false;
try {
  const file = join(dir, 'trace.db');
  const storage = await sqliteStorage({ filename: file });
  const { crm, org } = await openWorld(storage);
  const rep = org.repA;
  await storage.tenants.create({ id: 'raw_trace', name: 'raw_trace', createdAt: AT });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const lead = await crm.leads.capture(rep, storyLead({ company: '模板' }));
  const { activity } = await crm.leads.logContact(rep, lead.id, contact);
  const converted = await crm.leads.convert(rep, lead.id, convertInput);
  const raw = rawSqlite(db, 'raw_trace', 'raw_owner', { ...converted, lead, activity });
  // Warm both sides (caches, the first history and feed rows) on records not traced.
  const leads: string[] = [];
  const rawLeads: string[] = [];
  for (let i = 0; i <= W; i++) {
    leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
    rawLeads.push(raw.capture(i, AT, `山东恒通 ${i}`));
  }
  for (let i = 0; i < W; i++) {
    await crm.leads.logContact(rep, leads[i] as string, contact);
    const deal = (await crm.leads.convert(rep, leads[i] as string, convertInput)).opportunity.id;
    await crm.opportunities.advance(rep, deal, { to: 'needs_analysis' });
    raw.logContact(rawLeads[i] as string, AT, i);
    raw.advance(raw.convert(rawLeads[i] as string, AT, i), AT);
  }
  const traced = async (run: () => unknown) => {
    trace = [];
    await run();
    const out = summarise(trace);
    trace = null;
    return out;
  };
  const last = W;
  const steps: [string, () => unknown, () => unknown][] = [
    [
      'capture',
      () => crm.leads.capture(rep, storyLead({ company: '青岛港' })),
      () => raw.capture(5_000_000, AT, '青岛港'),
    ],
    [
      'logContact',
      () => crm.leads.logContact(rep, leads[last] as string, contact),
      () => raw.logContact(rawLeads[last] as string, AT, 5_000_000),
    ],
  ];
  let deal = '';
  let rawDeal = '';
  steps.push([
    'convert',
    async () => {
      deal = (await crm.leads.convert(rep, leads[last] as string, convertInput)).opportunity.id;
    },
    () => {
      rawDeal = raw.convert(rawLeads[last] as string, AT, 5_000_000);
    },
  ]);
  steps.push([
    'advance',
    () => crm.opportunities.advance(rep, deal, { to: 'needs_analysis' }),
    () => raw.advance(rawDeal, AT),
  ]);
  for (const [name, gongfu, baseline] of steps) {
    const g = await traced(gongfu);
    const r = await traced(baseline);
    const same = JSON.stringify(g.writes) === JSON.stringify(r.writes);
    if (!same) differ = true;
    console.log(`\n## ${name}: writes ${same ? 'equal' : 'DIFFER'}`);
    const all = [...new Set([...g.writes, ...r.writes])].sort();
    for (const w of all)
      console.log(`  ${g.writes.includes(w) ? 'G' : ' '}${r.writes.includes(w) ? 'R' : ' '}  ${w}`);
    console.log(`  reads: Gongfu ${g.reads.length}, raw ${r.reads.length}`);
    if (process.argv.includes('--reads')) {
      for (const s of g.reads) console.log(`    G ${s}`);
      for (const s of r.reads) console.log(`    R ${s}`);
    }
  }
  db.close();
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(differ ? 1 : 0);
