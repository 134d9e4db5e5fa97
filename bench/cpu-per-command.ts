/**
 * CPU µs per command of the built packages, for comparing two builds on a shared machine: one
 * process captures W + N leads, logs a contact on each, converts each and advances each deal once,
 * and reports this process's CPU (user + system, and user alone) per call over the last N of each
 * command — the first W warm the JIT and the statement caches. Run two builds' copies of this
 * script alternately in one session and compare medians; wall-clock throughput on a loaded machine
 * cannot tell them apart, CPU per call mostly can.
 *
 *   npx tsx bench/cpu-per-command.ts [--n 1000] [--warm 300] [--memory]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');

const N = Number(argValue('--n') ?? 1000);
const W = Number(argValue('--warm') ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'gongfu-cpu-'));
try {
  const storage = await sqliteStorage({
    filename: process.argv.includes('--memory') ? ':memory:' : join(dir, 'c.db'),
  });
  const { crm, org } = await openWorld(storage);
  await addOrgTree(crm, org.admin, 200);
  const rep = org.repA;
  const line: string[] = [];
  /** Runs `step` for 0..W+N-1 and measures CPU over the last N. */
  const measure = async (name: string, step: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < W; i++) await step(i);
    const cpu = process.cpuUsage();
    for (let i = W; i < W + N; i++) await step(i);
    const used = process.cpuUsage(cpu);
    line.push(`${name} ${((used.user + used.system) / N).toFixed(0)} (user ${(used.user / N).toFixed(0)})`);
  };
  const leads: string[] = [];
  const deals: string[] = [];
  await measure('capture', async (i) => {
    leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
  });
  await measure('logContact', (i) => crm.leads.logContact(rep, leads[i] as string, contact));
  await measure('convert', async (i) => {
    deals.push((await crm.leads.convert(rep, leads[i] as string, convertInput)).opportunity.id);
  });
  await measure('advance', (i) =>
    crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
  );
  console.log(`cpu µs/call: ${line.join(' · ')}`);
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
