import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCrm } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/index.js';
import { openTarget } from '../support/kill-target.js';

const SCRIPT = fileURLToPath(new URL('../support/import-then-die.ts', import.meta.url));

function accountsFile(n: number): string {
  const lines = ['name,kind,phones'];
  for (let i = 0; i < n; i++)
    lines.push(
      `断点${i.toString(36)}号${'甲乙丙丁'[i % 4]}贸易有限公司,dealer,0531-7${String(i).padStart(6, '0')}`,
    );
  const path = join(mkdtempSync(join(tmpdir(), 'gongfu-kill-')), 'accounts.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `target()` names a fresh database each call: a SQLite file path, or `postgres://…#schema`. */
export function describeKillResume(
  engine: string,
  target: () => string,
  drop: (db: string) => Promise<void> = async () => {},
): void {
  describe(`bulk import killed mid-run (${engine})`, () => {
    it('a process SIGKILLed after batch k, rerun: the rows equal the input, none doubled', async () => {
      const db = target();
      const file = accountsFile(35);
      const storage = await openTarget(db);
      try {
        const crm = createCrm({ storage });
        const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
        const k = 2;
        const child = spawnSync(
          process.execPath,
          ['--conditions=source', '--import', 'tsx', SCRIPT, db, file, 'kill-run', admin.id, String(k), '10'],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect(child.signal, child.stderr).toBe('SIGKILL');
        const count = () => crm.runAs(admin, (ctx) => ctx.tx.accounts.count(undefined, ctx.scope()));
        expect(await count()).toBe(10 * k);
        const rerun = await runImport(crm, admin, {
          entity: 'account',
          runId: 'kill-run',
          source: { path: file },
          batchSize: 10,
        });
        expect(rerun.counts).toMatchObject({
          already_imported: 10 * k,
          imported: 35 - 10 * k,
          duplicate: 0,
          invalid: 0,
        });
        expect(await count()).toBe(35);
      } finally {
        await storage.close();
        await drop(db);
      }
    }, 180_000);
  });
}
