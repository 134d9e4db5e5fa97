import type { CrmStorage } from '@gongfu/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as b from './support/builders.js';
import { memoryStorage } from './support/open-storage.js';

// The transaction's import check reads the tenant row; the org stamp on that row comes along, so a
// command's `tx.org.stamp()` costs no statement of its own. It must still move within the
// transaction when a user is written, exactly as a fresh read would.

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1']);
});
afterAll(() => storage.close());

/** The SQL text of every statement run while `fn` runs. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  probe.close();
  const seen: string[] = [];
  const originals = { all: proto.all!, run: proto.run!, get: proto.get! };
  for (const [name, original] of Object.entries(originals))
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      seen.push(this.source);
      return original.apply(this, args);
    };
  try {
    await fn();
  } finally {
    Object.assign(proto, originals);
  }
  return seen;
}

describe('the org stamp read with the import check', () => {
  it('costs no statement, moves with a user written in the same transaction, and equals a fresh read', async () => {
    const user = b.buildUser('t1');
    let first = '';
    let afterWrite = '';
    const statements = await statementsOf(() =>
      storage.transaction({ tenantId: 't1' }, async (tx) => {
        first = await tx.org.stamp();
        await tx.users.insert(user);
        afterWrite = await tx.org.stamp();
      }),
    );
    expect(statements.filter((s) => /org_epoch/.test(s))).toEqual([
      'select import_state, org_epoch, org_version from tenants where tenant_id = ?',
      'select "org_epoch" as "e", "org_version" as "v" from "tenants" where "tenant_id" = ?',
    ]);
    expect(afterWrite).not.toBe(first);
    expect(await storage.read({ tenantId: 't1' }, (tx) => tx.org.stamp())).toBe(afterWrite);
    const unchanged = await storage.transaction({ tenantId: 't1' }, (tx) => tx.org.stamp());
    expect(unchanged).toBe(afterWrite);
  });
});
