/**
 * Inline-cache misses per command: which property reads and writes of a warm command still go to
 * V8's runtime on every call. A site that misses per call usually sees objects that each have a
 * hidden class of their own (on Node 20 a spread followed by a key its source lacks makes one:
 * core's kernel/merged.ts). Runs the commands in a child under `--log-ic` (built packages, as
 * callgrind-commands.ts), then lists the sites that logged at least `--min` events per call.
 *
 *   npx tsx bench/ic-misses.ts [advance|logContact] [--n 1500] [--min 0.5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';

const which = process.argv[2] === 'logContact' ? 'logContact' : 'advance';
const N = Number(argValue('--n') ?? 1500);
const MIN = Number(argValue('--min') ?? 0.5);
const START = 'zzIcMissesStart';

if (!process.argv.includes('--ic-child')) {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-ic-'));
  try {
    const log = join(dir, 'ic.log');
    const args = ['--log-ic', `--logfile=${log}`, '--no-logfile-per-isolate', '--import', 'tsx'];
    execFileSync(process.execPath, [...args, ...process.argv.slice(1), '--ic-child'], { stdio: 'inherit' });
    report(readFileSync(log, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  const { openWorld, storyLead } = await import('@gongfu/service-suites');
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-ic-db-'));
  const storage = await sqliteStorage({ filename: join(dir, 'c.db') });
  const { crm, org } = await openWorld(storage);
  const rep = org.repA;
  const leads: string[] = [];
  for (let i = 0; i < 2 * N; i++)
    leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
  for (let i = 0; i < N; i++) await crm.leads.logContact(rep, leads[i]!, contact);
  const deals: string[] = [];
  if (which === 'advance')
    for (let i = 0; i < N; i++)
      deals.push((await crm.leads.convert(rep, leads[i]!, convertInput)).opportunity.id);
  // A read of a property nobody has: its first miss marks where the measured loop begins in the log.
  (globalThis as Record<string, unknown>).icMark = ({} as Record<string, unknown>)[START];
  for (let i = 0; i < N; i++)
    if (which === 'advance') await crm.opportunities.advance(rep, deals[i]!, { to: 'needs_analysis' });
    else await crm.leads.logContact(rep, leads[N + i]!, contact);
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Sites by events per measured call: `type function url:line:column key`, then old→new states. */
function report(text: string): void {
  const code: { start: number; end: number; name: string }[] = [];
  const sites = new Map<string, { n: number; states: Map<string, number> }>();
  let on = false;
  for (const line of text.split('\n')) {
    const f = line.split(',');
    if (f[0] === 'code-creation') {
      const start = Number.parseInt(f[4] ?? '', 16);
      if (Number.isFinite(start)) code.push({ start, end: start + Number(f[5]), name: f[6] ?? '?' });
    } else if (/IC$/.test(f[0] ?? '')) {
      if (f[8] === START || f[8]?.includes(START)) on = true;
      if (!on) continue;
      const key = `${f[0]}\u0000${f[1]}\u0000${f[3]}:${f[4]}\u0000${f[8]}`;
      const site = sites.get(key) ?? { n: 0, states: new Map() };
      site.n++;
      const state = `${f[5]}→${f[6]}`;
      site.states.set(state, (site.states.get(state) ?? 0) + 1);
      sites.set(key, site);
    }
  }
  code.sort((a, b) => a.start - b.start);
  const nameAt = (pc: number) => {
    for (let i = code.length - 1; i >= 0; i--)
      if (code[i]!.start <= pc && pc < code[i]!.end) return code[i]!.name;
    return '?';
  };
  const rows = [...sites]
    .map(([key, s]) => {
      const [type, pc, at, property] = key.split('\u0000');
      return {
        perCall: s.n / N,
        text: `${type} ${property} at ${at} in ${nameAt(Number.parseInt(pc!, 16))}`,
        s,
      };
    })
    .filter((r) => r.perCall >= MIN)
    .sort((a, b) => b.perCall - a.perCall);
  console.log(`${which}: ${rows.length} sites log ≥ ${MIN} IC events per call (${N} calls after warm-up)`);
  for (const r of rows)
    console.log(
      `${r.perCall.toFixed(2).padStart(6)}  ${r.text}  ${[...r.s.states].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
}
