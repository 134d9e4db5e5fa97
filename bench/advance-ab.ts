/**
 * CPU per advance of two builds in ONE process, alternated round by round: this checkout's built
 * packages ("head") and another checkout's ("base", `--base DIR`, its own node_modules and built
 * dist). Each side has its own storage file, service and deals (made by capture → logContact →
 * convert, as the command bench's); both are warmed with `--warm` advances, then `--rounds` rounds
 * of `--n` advances each, the side going first alternating. Both share the process, its load and
 * its JIT threads, so the per-round ratio is steadier on a shared machine than two processes run
 * one after the other (cpu-per-command.ts); process CPU (user + system) is what is compared.
 * `--raw`: two more sides, the hand-written transaction of raw-sqlite.ts on a second connection to
 * head's file (as service.bench.ts), as written and `advanceLean` (without the team read and the
 * order count head no longer makes), so each build's CPU ratio (raw ÷ build) is read in the same rounds.
 *
 *   npx tsx bench/advance-ab.ts --base /tmp/base-checkout [--rounds 8] [--n 200] [--warm 600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';

const BASE = argValue('--base');
if (BASE === undefined) throw new Error('--base DIR: a checkout with built packages to compare against');
const ROUNDS = Number(argValue('--rounds') ?? 8);
const N = Number(argValue('--n') ?? 200);
const WARM = Number(argValue('--warm') ?? 600);
const HEAD = join(import.meta.dirname, '..');

interface Side {
  name: string;
  advance: (i: number) => Promise<unknown>;
  close: () => Promise<void>;
  cpu: number[];
}

async function side(name: string, root: string, dir: string): Promise<Side> {
  const at = (p: string) => pathToFileURL(join(root, p)).href;
  const { sqliteStorage } = await import(at('packages/storage-sqlite/dist/index.js'));
  const { openWorld, storyLead } = await import(at('packages/service-suites/src/support/harness.ts'));
  const storage = await sqliteStorage({ filename: join(dir, `${name}.db`) });
  const { crm, org } = await openWorld(storage);
  // The same 200-person org as the command bench (bench/org-tree.ts, against this side's crm).
  const { addOrgTree } = await import('./org-tree.js');
  await addOrgTree(crm, org.admin, 200);
  const rep = org.repA;
  const deals: string[] = [];
  for (let i = 0; i < WARM + ROUNDS * N; i++) {
    const lead = await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }));
    await crm.leads.logContact(rep, lead.id, contact);
    deals.push((await crm.leads.convert(rep, lead.id, convertInput)).opportunity.id);
  }
  if (name === 'head' && RAW)
    raws.push(...(await rawSides(crm, rep, storyLead, storage, join(dir, `${name}.db`))));
  return {
    name,
    advance: (i) => crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
    close: () => storage.close(),
    cpu: [],
  };
}

const RAW = process.argv.includes('--raw');
const raws: Side[] = [];

/**
 * raw-sqlite.ts's advance on its own tenant of `file`, its documents templated on this crm's
 * records: as written (`raw`) and without the team read and order count (`raw-lean`).
 */
async function rawSides(
  // biome-ignore lint/suspicious/noExplicitAny: either build's Crm
  crm: any,
  rep: unknown,
  storyLead: (o: object) => object,
  storage: { tenants: { create(t: object): Promise<unknown> } },
  file: string,
): Promise<Side[]> {
  const { default: Database } = await import('better-sqlite3');
  const { rawSqlite } = await import('./raw-sqlite.js');
  const at = '2026-03-02T01:15:00.000Z';
  await storage.tenants.create({ id: 'raw_ab', name: 'raw_ab', createdAt: at });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const lead = await crm.leads.capture(rep, storyLead({ company: '模板' }));
  const { activity } = await crm.leads.logContact(rep, lead.id, contact);
  const converted = await crm.leads.convert(rep, lead.id, convertInput);
  const raw = rawSqlite(db, 'raw_ab', 'raw_owner', { ...converted, lead, activity });
  const dealsOf = (from: number) => {
    const deals: string[] = [];
    for (let i = from; i < from + WARM + ROUNDS * N; i++) {
      const id = raw.capture(i, at, `山东恒通 ${i}`);
      raw.logContact(id, at, 1_000_000 + i);
      deals.push(raw.convert(id, at, i));
    }
    return deals;
  };
  const deals = dealsOf(0);
  const leanDeals = dealsOf(WARM + ROUNDS * N);
  return [
    {
      name: 'raw',
      advance: async (i) => raw.advance(deals[i] as string, at),
      close: async () => {},
      cpu: [],
    },
    {
      name: 'raw-lean',
      advance: async (i) => raw.advanceLean(leanDeals[i] as string, at),
      close: async () => {
        db.close();
      },
      cpu: [],
    },
  ];
}

const dir = mkdtempSync(join(tmpdir(), 'gongfu-advance-ab-'));
try {
  const base = await side('base', BASE, dir);
  const head = await side('head', HEAD, dir);
  const sides = [base, head, ...raws];
  for (const s of sides) for (let i = 0; i < WARM; i++) await s.advance(i);
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
      const from = WARM + r * N;
      const cpu = process.cpuUsage();
      for (let i = from; i < from + N; i++) await s.advance(i);
      const used = process.cpuUsage(cpu);
      s.cpu.push((used.user + used.system) / N);
    }
    const ratio = (head.cpu[r] as number) / (base.cpu[r] as number);
    const rawCpu = raws[0]?.cpu[r];
    const leanCpu = raws[1]?.cpu[r];
    console.log(
      `round ${r + 1}: base ${base.cpu[r]?.toFixed(0)} µs, head ${head.cpu[r]?.toFixed(0)} µs, head/base ${ratio.toFixed(3)}` +
        (rawCpu === undefined
          ? ''
          : `; raw ${rawCpu.toFixed(0)} µs (lean ${leanCpu?.toFixed(0)}), CPU ratio raw/base ${(rawCpu / (base.cpu[r] as number)).toFixed(3)}, raw/head ${(rawCpu / (head.cpu[r] as number)).toFixed(3)}`),
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const ratios = head.cpu.map((h, i) => h / (base.cpu[i] as number));
  console.log(
    `advance CPU µs per call, median of ${ROUNDS} rounds: base ${median(base.cpu).toFixed(0)}, head ${median(head.cpu).toFixed(0)}; head/base median ${median(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
  );
  for (const rawSide of raws)
    for (const s of [base, head]) {
      const r = rawSide.cpu.map((c, i) => c / (s.cpu[i] as number));
      console.log(
        `CPU ratio ${rawSide.name}/${s.name}: median ${median(r).toFixed(3)} (rounds ${Math.min(...r).toFixed(3)}–${Math.max(...r).toFixed(3)}); ${rawSide.name} ${median(rawSide.cpu).toFixed(0)} µs`,
      );
    }
  for (const s of sides) await s.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
