import { type Crm, createCrm, StorageError } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmApi } from '../../src/index.js';

let crm: Crm | undefined;
afterEach(async () => {
  await crm?.storage.close();
});

/** The service with `leads.get` replaced by a failure. */
async function failingGet(failure: unknown) {
  crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
  const leads = { ...crm.leads, get: async () => Promise.reject(failure) };
  return { ...crm, leads } as Crm;
}

const get = (api: { fetch(r: Request): Response | Promise<Response> }) =>
  api.fetch(new Request('http://localhost/leads/l1', { headers: { 'x-user': 'u1' } }));

describe('failures that are not the caller’s', () => {
  it('a storage error is a 500 problem without the driver’s text', async () => {
    const view = await failingGet(new StorageError('SQLITE_IOERR: disk I/O error writing /srv/sales.db'));
    const api = createCrmApi(view, { authenticate: (r) => r.headers.get('x-user') });
    const res = await get(api);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'STORAGE', status: 500 });
    expect(text).not.toMatch(/SQLITE|sales\.db|disk/);
  });

  it('a bug is a bare 500 for the client and the whole error for the app', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'ownerId')");
    const view = await failingGet(bug);
    const seen: unknown[] = [];
    const api = createCrmApi(view, {
      authenticate: (r) => r.headers.get('x-user'),
      onUnexpectedError: (error) => seen.push(error),
    });
    const res = await get(api);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string };
    expect(body.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('ownerId');
    expect(seen).toEqual([bug]);
  });
});
