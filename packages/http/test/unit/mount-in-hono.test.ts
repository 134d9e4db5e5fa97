import { createCrm } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { createCrmApi } from '../../src/index.js';

describe('mounted inside an app’s own Hono', () => {
  it('keeps its problems, links and documents under the mount path, behind the app’s middleware', async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
    const app = new Hono();
    app.use('*', cors({ origin: 'https://crm.example.com' }));
    app.get('/health', (c) => c.text('ok'));
    app.route('/api', createCrmApi(crm, { authenticate: (r) => r.headers.get('x-user') }));
    const call = (path: string, init: RequestInit = {}) =>
      app.fetch(new Request(`http://localhost${path}`, init));

    expect(await (await call('/health')).text()).toBe('ok');
    const headers = {
      'x-user': admin.id,
      'content-type': 'application/json',
      origin: 'https://crm.example.com',
    };
    const created = await call('/api/products', {
      method: 'POST',
      headers,
      body: JSON.stringify({ sku: 'LS2208', name: '激光扫描枪', category: 'scanners' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(created.headers.get('location')).toBe('/api/products/LS2208');
    expect(created.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    const missing = await call('/api/leads/nope', { headers });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await call('/api/leads');
    expect(anonymous.status).toBe(401);
    expect((await (await call('/api/openapi.json')).json()) as { openapi: string }).toMatchObject({
      openapi: '3.1.0',
    });
    await crm.storage.close();
  });
});
