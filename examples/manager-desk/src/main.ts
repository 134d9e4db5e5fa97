/**
 * The manager's desk in a browser: `npm run desk`, then open http://localhost:3000.
 * The SQLite file is in memory unless DESK_DB names one; the story is seeded on every start.
 */
import { serve } from '@hono/node-server';
import { createDesk } from './desk.js';

const port = Number(process.env.PORT ?? 3000);
const desk = await createDesk(process.env.DESK_DB ? { filename: process.env.DESK_DB } : {});
serve({ fetch: desk.app.fetch, port }, (info) => {
  console.log(
    `李庆成's desk: http://localhost:${info.port}  (API reference: http://localhost:${info.port}/api/reference)`,
  );
});
