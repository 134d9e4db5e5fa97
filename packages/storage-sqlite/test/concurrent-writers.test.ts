import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { buildProduct, T0 } from './support/builders.js';
import { tempDir } from './support/open-storage.js';

const WORKER = fileURLToPath(new URL('./support/race-worker.ts', import.meta.url));
const WRITERS = 4;
const ITERATIONS = 150;
// Four child processes each compile the TypeScript sources on start; on a loaded 2-core machine
// that alone can take a minute, so the deadline is generous (it bounds a hang, it does not time work).
const RACE_DEADLINE_MS = 240_000;

let cleanup = () => {};
afterEach(() => cleanup());

interface Outcome {
  accepted: number;
  rejected: number;
}

function lines(child: ChildProcess): AsyncIterator<string> {
  let buffer = '';
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    queue.push(...parts.filter(Boolean));
    wake?.();
  });
  return {
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return { value: queue.shift() as string, done: false };
    },
  };
}

/** Separate processes = separate connections to one file; all start together on a barrier. */
async function race(mode: 'cas' | 'unchecked') {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const storage = await sqliteStorage({ filename: tmp.file });
  await storage.tenants.create({ id: 'race', name: 'Race', createdAt: T0 });
  const product = buildProduct('race', { listPrice: { amount: 0, currency: 'CNY' } });
  await storage.transaction({ tenantId: 'race' }, (tx) => tx.products.insert(product));

  const children = Array.from({ length: WRITERS }, () =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=source',
        WORKER,
        tmp.file,
        'race',
        product.id,
        String(ITERATIONS),
        mode,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  );
  const readers = children.map(lines);
  for (const r of readers) expect((await r.next()).value).toBe('ready');
  for (const c of children) c.stdin?.end('go\n');
  const outcomes: Outcome[] = [];
  for (const r of readers) outcomes.push(JSON.parse((await r.next()).value) as Outcome);
  await Promise.all(
    children.map(
      (c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on('exit', resolve))),
    ),
  );

  const final = await storage.read({ tenantId: 'race' }, (tx) => tx.products.get(product.id));
  await storage.close();
  const accepted = outcomes.reduce((n, o) => n + o.accepted, 0);
  const rejected = outcomes.reduce((n, o) => n + o.rejected, 0);
  return { accepted, rejected, version: final?.version ?? 0, total: final?.listPrice?.amount ?? 0 };
}

describe('racing writers on one SQLite file', () => {
  it(
    'compare-and-set: every attempt is accepted or rejected, and no accepted update is lost',
    async () => {
      const r = await race('cas');
      expect(r.accepted + r.rejected).toBe(WRITERS * ITERATIONS);
      expect(r.version).toBe(r.accepted + 1);
      expect(r.total).toBe(r.accepted);
      // Without real contention the test would prove nothing.
      expect(r.rejected).toBeGreaterThan(0);
    },
    RACE_DEADLINE_MS,
  );

  it(
    'control: with the version check defeated, the same harness loses updates',
    async () => {
      const r = await race('unchecked');
      expect(r.accepted).toBe(WRITERS * ITERATIONS);
      expect(r.version).toBe(r.accepted + 1);
      expect(r.total).toBeLessThan(r.accepted);
    },
    RACE_DEADLINE_MS,
  );
});
