import { createCrm } from '@gongfu/core';
import { createCrmApi } from '@gongfu/http';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { serve } from '@hono/node-server';

const crm = createCrm({ storage: await sqliteStorage({ filename: 'sales.db' }), timeZone: 'Asia/Shanghai' });
const api = createCrmApi(crm, {
  authenticate: (request) => request.headers.get('x-user-id'), // your session or token check
});
serve({ fetch: api.fetch, port: 3000 }); // /leads, /opportunities, … /openapi.json, /reference
