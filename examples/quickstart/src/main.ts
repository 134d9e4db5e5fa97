/**
 * Gongfu quickstart: the source document's story on an embedded SQLite file.
 * A manager, salespeople in all three channels, four kinds of leads, quotes, a follow-up reminder
 * after silence, conversion with a deal team, visits with outcomes, costs, the duplicate found and
 * resolved, a won deal becoming an order and an after-sales case, a salesperson leaving with their
 * book transferred, and the manager's reports. Time is a manual clock.
 *
 *   npm run quickstart                  # in Chinese
 *   npm run quickstart -- --lang en     # in English
 *   npm run quickstart -- --verbose     # with the duplicate detector's scores in bits
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCrm, isCrmError, ManualClock, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { LANGS, type Lang } from './labels.js';
import { printer } from './print.js';
import { runStory } from './story.js';

const { values } = parseArgs({
  options: { lang: { type: 'string', default: 'zh-CN' }, verbose: { type: 'boolean', default: false } },
});
if (!LANGS.includes(values.lang as Lang)) {
  console.error(`--lang must be one of ${LANGS.join(', ')}, got "${values.lang}"`);
  process.exit(2);
}
const lang = values.lang as Lang;

const dir = mkdtempSync(join(tmpdir(), 'gongfu-quickstart-'));
const filename = join(dir, 'sales.db');
const storage = await sqliteStorage({ filename });
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
// Every text Gongfu returns (reminders, refusals, explanations) comes in the story's language.
const crm = createCrm({ storage, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' }).with({
  locale: lang,
});
const p = printer({ lang, verbose: values.verbose });

try {
  await runStory(crm, clock, p);
  p.line(
    `\n${p.t(`全部数据都在 ${filename} (退出时删除).`, `All of it is in ${filename} (removed on exit).`)}`,
  );
} catch (e) {
  if (isCrmError(e)) console.error(`\n${e.code}: ${e.message}`);
  throw e;
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
