/**
 * Promises created per advance (async_hooks init count), the built packages: a measure of the
 * await/then plumbing around an advance's 13 statements, exact where CPU time on a shared machine
 * is not.
 *
 *   npx tsx bench/advance-promises.ts [--n 200]
 */
import { createHook } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contact, convertInput } from './command-inputs.js';
import { argValue } from './measure.js';

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');

const N = Number(argValue('--n') ?? 200);
/** `--sites`: where each promise was made (the first frame outside Node), per advance. */
const SITES = process.argv.includes('--sites');
const sites = new Map<string, number>();
if (SITES) Error.stackTraceLimit = 30;
const dir = mkdtempSync(join(tmpdir(), 'gongfu-promises-'));
try {
  const storage = await sqliteStorage({ filename: join(dir, 'p.db') });
  const { crm, org } = await openWorld(storage);
  await addOrgTree(crm, org.admin, 200);
  const rep = org.repA;
  const deals: string[] = [];
  for (let i = 0; i < N + 20; i++) {
    const lead = await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }));
    await crm.leads.logContact(rep, lead.id, contact);
    deals.push((await crm.leads.convert(rep, lead.id, convertInput)).opportunity.id);
  }
  for (let i = 0; i < 20; i++) await crm.opportunities.advance(rep, deals[i]!, { to: 'needs_analysis' });
  const counts = new Map<string, number>();
  const hook = createHook({
    init: (_id, type) => {
      counts.set(type, (counts.get(type) ?? 0) + 1);
      if (SITES) {
        const stack = (new Error().stack ?? '').split('\n').slice(2);
        const frame =
          stack.find((l) => !l.includes('node:internal') && !l.includes('advance-promises')) ?? '?';
        const key = frame.trim().replace(/file:\/\/\/work\/wt\/[^/]+\/(packages\/)?/, '');
        sites.set(key, (sites.get(key) ?? 0) + 1);
      }
    },
  });
  hook.enable();
  for (let i = 20; i < N + 20; i++) await crm.opportunities.advance(rep, deals[i]!, { to: 'needs_analysis' });
  hook.disable();
  for (const [type, n] of counts) console.log(`${type}: ${(n / N).toFixed(1)} per advance`);
  for (const [site, n] of [...sites].sort((a, b) => b[1] - a[1]))
    console.log(`${(n / N).toFixed(1).padStart(6)}  ${site}`);
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
