import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCrm } from '@gongfu/core';
import {
  changedTables,
  exportFingerprint,
  storyLead,
  type TenantFingerprint,
} from '@gongfu/service-suites/faults';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { tempDir } from './support/open-storage.js';

const CHILD = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));

/** Multi-write commands killed in the middle: the widest ones (new records, teams, numbers, moves). */
const COMMANDS = ['leads.convert', 'opportunities.win', 'accounts.merge', 'ownership.transfer'] as const;

/**
 * The writes before which each command is killed. `GONGFU_CRASH_WRITES=N` kills every command
 * before each of its writes 1…N instead (a command with fewer writes commits, and is counted so).
 */
const KILL_POINTS: readonly (readonly [command: string, write: number])[] = process.env.GONGFU_CRASH_WRITES
  ? COMMANDS.flatMap((c) =>
      Array.from({ length: Number(process.env.GONGFU_CRASH_WRITES) }, (_, i) => [c, i + 1] as const),
    )
  : [
      ['leads.convert', 4],
      ['leads.convert', 9],
      ['opportunities.win', 3],
      ['accounts.merge', 5],
      ['ownership.transfer', 6],
    ];

// Each child compiles the TypeScript sources on start: on a loaded 2-core machine that alone can
// take most of a minute, so the deadline bounds a hang, it does not time work.
const CHILD_DEADLINE_MS = 180_000;

/** The child's verdict: `paused` (its transaction open) or `done` (it committed); other lines are logs. */
function verdict(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = out.split('\n').find((line) => line === 'paused' || line === 'done');
      if (found !== undefined) resolve(found);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) without a verdict: ${out}${err}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

describe('SQLite: a process killed in the middle of a command', () => {
  const tmp = tempDir();
  const counts = { kills: 0, committed: 0, partial: 0 };
  beforeAll(async () => {
    // Migrated once here; each child gets a copy of its own, so the children run side by side.
    await (await sqliteStorage({ filename: tmp.file })).close();
  });
  afterAll(() => {
    console.log(
      `crash (sqlite): kills=${counts.kills} commands=${new Set(KILL_POINTS.map(([c]) => c)).size} ` +
        `committed=${counts.committed} partial-writes=${counts.partial}`,
    );
    tmp.cleanup();
  });

  it.concurrent.for(KILL_POINTS)(
    '%s killed before write %i: the file holds the state before the command and is intact',
    { timeout: CHILD_DEADLINE_MS },
    async ([command, write], { expect }) => {
      const file = join(tmp.dir, `crash-${command}-${write}.db`);
      copyFileSync(tmp.file, file);
      const stateFile = `${file}.json`;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', CHILD, file, command, String(write), stateFile],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let line: string;
      try {
        line = await verdict(child);
        if (line === 'paused') {
          child.kill('SIGKILL');
          expect(await exited(child)).toBe('SIGKILL');
          counts.kills += 1;
        } else {
          expect(line).toBe('done');
          await exited(child);
          counts.committed += 1;
        }
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }

      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
        tenantId: string;
        actorId: string;
        before: TenantFingerprint;
      };
      const raw = new Database(file);
      try {
        expect(raw.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        raw.close();
      }
      const storage = await sqliteStorage({ filename: file, migrate: false });
      try {
        const changed = changedTables(state.before, await exportFingerprint(storage, state.tenantId));
        if (line === 'paused') {
          if (changed.length > 0) counts.partial += 1;
          expect(changed, `${command} killed before write ${write}`).toEqual([]);
        } else expect(changed.length).toBeGreaterThan(0);
        // The write lock the dead process held is gone: the next command commits.
        const crm = createCrm({ storage, tenant: state.tenantId });
        const lead = await crm.leads.capture(
          state.actorId,
          storyLead({ company: `崩溃后 ${command} ${write}` }),
        );
        expect(lead.status).toBe('new');
      } finally {
        await storage.close();
      }
    },
  );
});
