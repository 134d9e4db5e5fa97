/**
 * A rep's due reminders on SQLite, this checkout against another one (`--old DIR`: its packages'
 * sources beside a node_modules), alternated in one process on one file: 20,000 reminders of 50
 * people, 100 of each one's open ones asked for, six rounds of 300 calls on each side; CPU per call.
 *
 *   node --conditions=source --import tsx bench/due-reminders-sqlite.ts --old /tmp/pgtail-old
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrmStorage, StorageTx } from '@gongfu/core';
import { argValue } from './measure.js';

const OLD = argValue('--old');
if (OLD === undefined) throw new Error('--old DIR: the checkout to compare with');
const trees = { old: OLD, new: join(import.meta.dirname, '..') } as const;
const dir = mkdtempSync(join(tmpdir(), 'due-sqlite-'));
const file = join(dir, 'db.sqlite');
const AT = '2026-03-02T01:00:00.000Z';
const opened: Partial<Record<'old' | 'new', CrmStorage>> = {};
for (const [label, root] of Object.entries(trees)) {
  const { sqliteStorage } = await import(join(root, 'packages/storage-sqlite/src/index.ts'));
  opened[label as 'old' | 'new'] = await sqliteStorage({ filename: file });
}
const s = opened.new as CrmStorage;
await s.tenants.create({ id: 't', name: 't', createdAt: AT });
await s.transaction({ tenantId: 't' }, async (tx: StorageTx) => {
  for (let i = 0; i < 20000; i++)
    await tx.reminders.insert({
      tenantId: 't',
      id: `r${i}`,
      key: `k${i}`,
      kind: 'follow_up',
      subjectType: 'lead',
      subjectId: `l${i}`,
      userId: `u${i % 50}`,
      dueAt: new Date(Date.parse(AT) - (i % 5000) * 60000 + (i % 3 === 0 ? 1e9 : 0)).toISOString(),
      escalateAt: null,
      message: 'm',
      detail: { key: 'reminder.leadFollowUp', params: { label: 'x', days: 3 } },
      acknowledgedAt: i % 7 === 0 ? AT : null,
      snoozedUntil: null,
      deliveredAt: null,
      escalatedAt: null,
      version: 1,
    });
});
const res: Record<'old' | 'new', number[]> = { old: [], new: [] };
for (let round = 0; round < 6; round++)
  for (const label of ['old', 'new'] as const) {
    const st = opened[label] as CrmStorage;
    const due = (i: number) => st.read({ tenantId: 't' }, (tx) => tx.reminders.due([`u${i % 50}`], AT, 100));
    for (let w = 0; w < 50; w++) await due(w);
    const c = process.cpuUsage();
    for (let i = 0; i < 300; i++) await due(i);
    const u = process.cpuUsage(c);
    res[label].push((u.user + u.system) / 300);
  }
console.log(JSON.stringify(res));
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(
  `SQLite due (one rep, 100 of ~290 open): CPU µs/call median of 6 rounds: old ${med(res.old).toFixed(0)}, new ${med(res.new).toFixed(0)}`,
);
for (const st of Object.values(opened)) await st.close();
rmSync(dir, { recursive: true, force: true });
