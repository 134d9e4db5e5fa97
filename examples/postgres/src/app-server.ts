/**
 * One app server: the whole service over HTTP on the shared PostgreSQL schema. Started twice by
 * main.ts; the one with DISPATCH=1 also delivers due reminders. Every server takes commands, and
 * `FOR UPDATE SKIP LOCKED` claims mean a reminder goes out once however many servers dispatch.
 *
 * Env: GONGFU_PG_URL, GONGFU_PG_SCHEMA, SERVER_NAME, DISPATCH=1|0. Prints one JSON line per event
 * on stdout: {"listening": port}, {"delivered": {...}}.
 */
import { createCrm, createReminderDispatcher, systemClock } from '@gongfu/core';
import { createCrmApi } from '@gongfu/http';
import { postgresStorage } from '@gongfu/storage-postgres';
import { serve } from '@hono/node-server';

const name = process.env.SERVER_NAME ?? `app-${process.pid}`;
const storage = await postgresStorage(
  { connectionString: process.env.GONGFU_PG_URL!, max: 4 },
  // main.ts migrated the schema before starting the servers; a deploy would do the same.
  { schema: process.env.GONGFU_PG_SCHEMA ?? 'gongfu_example', migrate: false },
);
const crm = createCrm({ storage, timeZone: 'Asia/Shanghai' });
const api = createCrmApi(crm, { authenticate: (req) => req.headers.get('x-user-id') });
const say = (event: object): void => {
  process.stdout.write(`${JSON.stringify({ server: name, ...event })}\n`);
};

const server = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  say({ listening: info.port }),
);

let timer: NodeJS.Timeout | undefined;
if (process.env.DISPATCH === '1') {
  const dispatcher = createReminderDispatcher({
    storage,
    tenants: 'all',
    workerId: name,
    clock: systemClock,
    // A real app pushes to WeCom, e-mail or SMS here; the example reports it to main.ts.
    deliver: async (r) => {
      say({ delivered: { id: r.id, userId: r.userId, subjectId: r.subjectId, message: r.message } });
    },
  });
  const round = () =>
    dispatcher.runOnce().then(
      () => {
        timer = setTimeout(round, 200);
      },
      (e) => console.error(e),
    );
  void round();
}

process.on('SIGTERM', () => {
  clearTimeout(timer);
  server.close();
  void storage.close().then(() => process.exit(0));
});
