import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrmStorage } from '@gongfu/core';
import { sqliteStorage } from '../../src/index.js';

export const ALL_SCOPE = { kind: 'all' } as const;

/** A migrated in-memory store with one tenant, for tests that need no file. */
export async function memoryStorage(tenantIds: readonly string[] = ['t1']): Promise<CrmStorage> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  for (const id of tenantIds)
    await storage.tenants.create({ id, name: id, createdAt: '2026-01-01T00:00:00.000Z' });
  return storage;
}

/** A fresh temp directory and a cleanup for it. */
export function tempDir(): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-sqlite-'));
  return { dir, file: join(dir, 'crm.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Awaits `promise` and returns what it rejected with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
