import type { Crm } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { sqliteStorage } from '../../src/index.js';

/** Every statement text `db` prepares from now on, in order: a plan test picks the ones it is about. */
export function preparedTexts(db: Database.Database): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((text: string) => {
    seen.push(text);
    return prepare(text);
  }) as typeof db.prepare;
  return seen;
}

/** SQLite's plan of a statement text, its steps joined by ` | ` (every parameter bound as null). */
export function planOf(db: Database.Database, text: string): string {
  const params = (text.match(/\?/g) ?? []).map(() => null);
  return (db.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

export interface PlanWorld {
  db: Database.Database;
  /** The texts prepared since the storage opened. */
  seen: string[];
  storage: Awaited<ReturnType<typeof sqliteStorage>>;
  w: Awaited<ReturnType<typeof openWorld>>;
  rep: Awaited<ReturnType<typeof openWorld>>['org']['repA'];
  lead: Awaited<ReturnType<Crm['leads']['capture']>>;
}

/**
 * A world on an in-memory SQLite whose prepared texts are recorded from the start, with a lead of
 * rep A's captured: where the plan tests begin.
 */
export async function planWorld(): Promise<PlanWorld> {
  const db = new Database(':memory:');
  const seen = preparedTexts(db);
  const storage = await sqliteStorage({ database: db });
  const w = await openWorld(storage);
  const rep = w.org.repA;
  const lead = await w.crm.leads.capture(rep, storyLead());
  return { db, seen, storage, w, rep, lead };
}
