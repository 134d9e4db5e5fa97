/**
 * Gongfu quickstart: the source document's story on an embedded SQLite file.
 * Two salespeople, four kinds of leads, quotes, a follow-up reminder after silence, conversion
 * with a deal team, visits with outcomes, costs, a won deal becoming an order and an after-sales
 * case, and finally a salesperson leaving with their book transferred. Time is a manual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, isCrmError, ManualClock, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { heading, local, table, yuan } from './print.js';
import { runStory } from './story.js';

const dir = mkdtempSync(join(tmpdir(), 'gongfu-quickstart-'));
const filename = join(dir, 'sales.db');
const storage = await sqliteStorage({ filename });
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
const crm = createCrm({ storage, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' });

try {
  await runStory(crm, clock, { heading, table, yuan, local });
  console.log(`\nAll of it is in ${filename} (removed on exit).`);
} catch (e) {
  if (isCrmError(e)) console.error(`\n${e.code}: ${e.message}`);
  throw e;
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
