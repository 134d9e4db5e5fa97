/**
 * CPU profile of one command in a steady loop (inspector, only the measured loop), on a WAL file
 * with the bench's 200-person org. Writes a .cpuprofile and prints CPU µs per call, shares by kind
 * of work (`group`), self time by package and by function.
 *
 *   npx tsx bench/profile-command.ts advance|logContact|capture|convert [--n 1500] [--out file]
 *     --dist    run the built packages (real line numbers; rebuild after changing a package)
 *     --memory  an in-memory database instead of a WAL file
 *     --raw     the hand-written transaction of bench/raw-sqlite.ts instead of the command
 *     --stmt    wall µs per statement text (better-sqlite3 run/get/all wrapped)
 *     --incl    inclusive (synchronous) shares too; async stacks are cut at awaits
 * */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';
import { hookStatements } from './statement-hook.js';
import { runFromSource, startProfiler } from './support.js';

if (!process.argv.includes('--dist')) runFromSource();

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');

const which = process.argv[2] ?? 'advance';
const N = Number(argValue('--n') ?? 1500);
const out = argValue('--out') ?? `/tmp/prof-${which}.cpuprofile`;
const dir = mkdtempSync(join(tmpdir(), 'gongfu-prof-'));
try {
  const storage = await sqliteStorage({
    filename: process.argv.includes('--memory') ? ':memory:' : join(dir, 'p.db'),
  });
  const { crm, org } = await openWorld(storage);
  await addOrgTree(crm, org.admin, 200);
  const rep = org.repA;
  const leads: string[] = [];
  const total = N + 300;
  for (let i = 0; i < total; i++)
    leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
  const deals: string[] = [];
  if (which === 'advance' || which === 'convert')
    for (const id of leads) await crm.leads.logContact(rep, id, contact);
  if (which === 'advance')
    for (const id of leads) deals.push((await crm.leads.convert(rep, id, convertInput)).opportunity.id);
  const run = async (i: number) => {
    if (which === 'advance')
      await crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' });
    else if (which === 'logContact') await crm.leads.logContact(rep, leads[i] as string, contact);
    else if (which === 'convert') await crm.leads.convert(rep, leads[i] as string, convertInput);
    else await crm.leads.capture(rep, storyLead({ company: `山东恒通 x${i}` }));
  };
  let runRaw: ((i: number) => unknown) | null = null;
  if (process.argv.includes('--raw')) {
    // The hand-written transaction instead, on a second connection to the same file (as the bench).
    const Database = (await import('better-sqlite3')).default;
    const { rawSqlite } = await import('./raw-sqlite.js');
    await storage.tenants.create({ id: 'raw_prof', name: 'raw_prof', createdAt: '2026-03-02T01:15:00.000Z' });
    const db = new Database(join(dir, 'p.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const lead = await crm.leads.capture(rep, storyLead({ company: '模板' }));
    const { activity } = await crm.leads.logContact(rep, lead.id, contact);
    const converted = await crm.leads.convert(rep, lead.id, convertInput);
    const raw = rawSqlite(db, 'raw_prof', 'raw_owner', { ...converted, lead, activity });
    const at = '2026-03-02T01:15:00.000Z';
    const rawLeads: string[] = [];
    const rawDeals: string[] = [];
    for (let i = 0; i < total; i++) {
      rawLeads.push(raw.capture(i, at, `山东恒通 ${i}`));
      if (which !== 'capture') raw.logContact(rawLeads[i]!, at, 1_000_000 + i);
      if (which === 'advance') rawDeals.push(raw.convert(rawLeads[i]!, at, i));
    }
    runRaw = (i) =>
      which === 'advance'
        ? raw.advance(rawDeals[i]!, at)
        : which === 'logContact'
          ? raw.logContact(rawLeads[i]!, at, 2_000_000 + i)
          : which === 'convert'
            ? raw.convert(rawLeads[i]!, at, 2_000_000 + i)
            : raw.capture(3_000_000 + i, at, `山东恒通 x${i}`);
  }
  const go = async (i: number) => (runRaw ? runRaw(i) : run(i));
  for (let i = 0; i < 300; i++) await go(i);
  const stmtTimes = new Map<string, { n: number; us: number }>();
  if (process.argv.includes('--stmt')) {
    // Native time per statement text, raw and Gongfu alike.
    hookStatements((source, _method, _result, us) => {
      const key = source.replace(/\s+/g, ' ').slice(0, 70);
      const e = stmtTimes.get(key) ?? { n: 0, us: 0 };
      e.n++;
      e.us += us;
      stmtTimes.set(key, e);
    });
  }
  const session = await startProfiler();
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 300; i < total; i++) await go(i);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - t;
  const { profile } = await session.post('Profiler.stop');
  let stmtTotal = 0;
  for (const [k, e] of [...stmtTimes].sort((a, b) => b[1].us - a[1].us)) {
    stmtTotal += e.us / N;
    console.log(`stmt ${(e.us / N).toFixed(1).padStart(7)} µs/call  ${(e.n / N).toFixed(2)}×  ${k}`);
  }
  if (stmtTimes.size > 0) console.log(`stmt total ${stmtTotal.toFixed(0)} µs/call`);
  writeFileSync(out, JSON.stringify(profile));
  console.log(
    `${which}: ${N} calls, CPU ${((used.user + used.system) / N).toFixed(0)} µs/call (user ${(used.user / N).toFixed(0)}), wall ${((wall * 1000) / N).toFixed(0)} µs/call`,
  );
  // self time by function
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  let all = 0;
  for (const [id, c] of counts) {
    const n = byId.get(id);
    if (!n) continue;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(packages|node_modules)\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + c);
    all += c;
  }
  const byFile = new Map<string, number>();
  for (const [k, c] of self) {
    const file =
      k
        .split(' ')[1]
        ?.replace(/:\d+:\d+$/, '')
        .replace(/^(\S+?)\/(dist|src)\/.*/, '$1') ?? '?';
    byFile.set(file, (byFile.get(file) ?? 0) + c);
  }
  for (const [k, c] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  [${k}]`);
  // inclusive (synchronous) time: a sample counts for every function on its stack once
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(packages|node_modules)\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  for (const [id, c] of counts) {
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(x);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + c);
    }
  }
  // Shares by kind of work: the leaf decides for SQLite, GC, JSON and zod; otherwise the nearest
  // caller on the stack that names a part of the command (async stacks are cut at awaits).
  const groups = new Map<string, number>();
  const leafGroup = (f: { functionName: string; url: string }) => {
    if (f.url === '' && (f.functionName === 'run' || f.functionName === 'all' || f.functionName === 'get'))
      return 'SQLite: statements, BEGIN/COMMIT';
    if (f.functionName === '(garbage collector)') return 'GC';
    if (f.url.includes('/zod/')) return 'zod input parse';
    if (/^(decodeJson|encodeJson|row|encodeCell|canonicalInstant|decodeInstant)$/.test(f.functionName))
      return 'record encode/decode (JSON doc, columns)';
    return null;
  };
  const stackGroups: [RegExp, string][] = [
    [
      /^(decide|decideOnPipeline|decideOpportunity|decideLead|assertDecision|patchFromEffects|buildEffect)$/,
      'lifecycle decision',
    ],
    [
      /^(syncReminders|syncOpportunityReminders|syncLeadReminders|remindersFor\w*|toDesiredReminder|reconcileReminders|renderBuiltIn|addLocalDays)$/,
      'reminder rules, render, reconcile',
    ],
    [/^(history|eventsOfChange|diffRecords|append)$/, 'change feed, history + diff'],
    [
      /^(authorize|protectedRecord|grant|stamp|readOrAssume|members|open)$/,
      'authorization, org stamp, team read',
    ],
  ];
  for (const [id, c] of counts) {
    const leaf = byId.get(id)!.callFrame;
    let g = leafGroup(leaf);
    for (let x: number | undefined = id; g === null && x !== undefined; x = parent.get(x)) {
      const f = byId.get(x)!.callFrame;
      for (const [re, name] of stackGroups)
        if (re.test(f.functionName) && /packages\/core|core\/dist|storage-sql/.test(f.url)) {
          g = name;
          break;
        }
    }
    if (g === null) {
      if (/storage-sql|storage-sqlite|kysely/.test(leaf.url))
        g = 'statement plumbing (stores, guards, transactor, caches)';
      else if (leaf.functionName === '(program)' || leaf.functionName === '(idle)') g = '(program)';
      else g = 'service code, other';
    }
    groups.set(g, (groups.get(g) ?? 0) + c);
  }
  for (const [k, c] of [...groups].sort((a, b) => b[1] - a[1]))
    console.log(`group ${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
  if (process.argv.includes('--incl'))
    for (const [k, c] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 70))
      console.log(`incl ${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(argValue('--top') ?? 45));
  for (const [k, c] of top) console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
