/**
 * The quickstart's story on PostgreSQL, then the company's scale: two app servers on the same
 * database, both taking commands over HTTP, one of them dispatching the reminders that fall due.
 *
 *   GONGFU_PG_URL=postgres://user@host:5432/db npm run start -w @gongfu/example-postgres
 *
 * Everything lives in one schema (GONGFU_PG_SCHEMA, default `gongfu_example`), dropped and made
 * afresh on every run, so the example never touches the rest of the database.
 */
import { parseArgs } from 'node:util';
import { createCrm, ManualClock, sequentialIds } from '@gongfu/core';
import { LANGS, type Lang } from '@gongfu/example-quickstart/labels';
import { printer } from '@gongfu/example-quickstart/print';
import { runStory } from '@gongfu/example-quickstart/story';
import { postgresStorage } from '@gongfu/storage-postgres';
import pg from 'pg';
import { startAppServer } from './app-process.js';
import { twoServersShareOneDatabase } from './two-servers.js';

const url = process.env.GONGFU_PG_URL;
if (!url) {
  console.error(
    'Set GONGFU_PG_URL to a PostgreSQL connection string, e.g. postgres://postgres@127.0.0.1:5432/test',
  );
  process.exit(2);
}
const schema = process.env.GONGFU_PG_SCHEMA ?? 'gongfu_example';
if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
  console.error(`GONGFU_PG_SCHEMA must be a plain lower-case identifier, got "${schema}"`);
  process.exit(2);
}
const { values } = parseArgs({ options: { lang: { type: 'string', default: 'zh-CN' } } });
if (!LANGS.includes(values.lang as Lang)) {
  console.error(`--lang must be one of ${LANGS.join(', ')}`);
  process.exit(2);
}
const lang = values.lang as Lang;
const p = printer({ lang });

// A fresh schema every run: the story's ids and dates are fixed.
const admin = new pg.Pool({ connectionString: url, max: 1 });
await admin.query(`drop schema if exists "${schema}" cascade`);
await admin.end();

const storage = await postgresStorage({ connectionString: url, max: 4 }, { schema }); // migrates
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
const crm = createCrm({ storage, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' }).with({
  locale: lang,
});
const facts = await runStory(crm, clock, p);
await storage.close();

const env = { GONGFU_PG_URL: url, GONGFU_PG_SCHEMA: schema };
const a = await startAppServer('server-a', { ...env, DISPATCH: '1' });
const b = await startAppServer('server-b', { ...env, DISPATCH: '0' });
try {
  await twoServersShareOneDatabase(p, { a, b }, facts.cast);
} finally {
  await Promise.all([a.stop(), b.stop()]);
}
p.line(
  `\n${p.t(`全部数据在 PostgreSQL 的 ${schema} schema 里 (下次运行时重建).`, `All of it is in PostgreSQL schema ${schema} (rebuilt on the next run).`)}`,
);
