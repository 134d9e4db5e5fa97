import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Crm, type CrmStorage, createCrm, ManualClock, sequentialIds } from '@gongfu/core';
import { printer } from '@gongfu/example-quickstart/print';
import { type Cast, seedUntilTheDuplicate } from '@gongfu/example-quickstart/story';
import { createCrmApi } from '@gongfu/http';
import { findDuplicateDeals, morningReview, pipeline } from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { Hono } from 'hono';
import { customer360 } from './customer-360.js';

/** The day the desk opens on: the morning the story's duplicate is found. */
export const DESK_DAY = '2026-03-11';

export interface Desk {
  /** The page, its script, the story's reports under `/desk` and the whole service under `/api`. */
  app: Hono;
  crm: Crm;
  cast: Cast;
  close(): Promise<void>;
}

const publicFile = (name: string) => fileURLToPath(new URL(`../public/${name}`, import.meta.url));
// preact and htm in one ES module, served from the installed package: nothing comes from the internet.
// (Resolved from htm's main entry: the package exports no subpath for the browser build's file.)
const vendorFile = join(
  dirname(createRequire(import.meta.url).resolve('htm')),
  '../preact/standalone.module.js',
);

/**
 * The sales manager's desk on a SQLite file seeded with the quickstart's story up to the morning
 * of 11 March. The page signs in as the manager by sending his id in `x-user-id`, the header the
 * API's `authenticate` reads here (an app would use its own session instead).
 */
export async function createDesk(options: { filename?: string } = {}): Promise<Desk> {
  const storage: CrmStorage = await sqliteStorage({ filename: options.filename ?? ':memory:' });
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const crm = createCrm({ storage, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' });
  const cast = await seedUntilTheDuplicate(
    crm,
    clock,
    printer({ lang: 'zh-CN' }, () => undefined),
  );
  clock.set(`${DESK_DAY}T01:00:00.000Z`);
  const manager = cast.li;

  const app = new Hono();
  const file = (path: string, type: string) => () =>
    new Response(readFileSync(path), { headers: { 'content-type': `${type}; charset=utf-8` } });
  app.get('/', file(publicFile('index.html'), 'text/html'));
  app.get('/app.js', file(publicFile('app.js'), 'text/javascript'));
  app.get('/charts.js', file(publicFile('charts.js'), 'text/javascript'));
  app.get('/desk.css', file(publicFile('desk.css'), 'text/css'));
  app.get('/vendor/preact-htm.js', file(vendorFile, 'text/javascript'));

  // The story's reports, computed for the manager; commands go through /api like any client's.
  app.get('/desk/session', async () => {
    const people = await crm.users.list(manager);
    const accounts = (await crm.accounts.list(manager, { limit: 100 })).items;
    return Response.json({
      manager: { id: manager.id, name: manager.name },
      day: DESK_DAY,
      // What the page opens on: 甲's week and his customer, where the story happens.
      focus: { salesperson: cast.jia.id, account: cast.hengtong.id },
      people: people.map((u) => ({ id: u.id, name: u.name, role: u.role, channel: u.channel ?? null })),
      accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
    });
  });
  app.get('/desk/review', async (c) =>
    Response.json(await morningReview(crm, manager, { day: c.req.query('day') ?? DESK_DAY })),
  );
  app.get('/desk/duplicates', async () => {
    const names = new Map((await crm.users.list(manager)).map((u) => [u.id, u.name]));
    const pairs = await findDuplicateDeals(crm, manager, { limit: 20 });
    return Response.json(
      pairs.map((d) => ({
        a: { ...d.a, ownerName: names.get(d.a.ownerId) ?? d.a.ownerId },
        b: { ...d.b, ownerName: names.get(d.b.ownerId) ?? d.b.ownerId },
        probability: d.probability,
        explanation: d.explanation.text,
        reasons: d.signals.map((s) => ({ text: s.text, weight: s.weight })),
      })),
    );
  });
  app.get('/desk/pipeline', async () =>
    Response.json(await pipeline(crm, manager, { from: '2026-01-01', to: '2026-12-31' })),
  );
  app.get('/desk/customers/:id', async (c) =>
    Response.json(await customer360(crm, manager, c.req.param('id'))),
  );

  const api = createCrmApi(crm, { basePath: '/api', authenticate: (req) => req.headers.get('x-user-id') });
  app.all('/api/*', (c) => api.fetch(c.req.raw));

  return { app, crm, cast, close: () => storage.close() };
}
