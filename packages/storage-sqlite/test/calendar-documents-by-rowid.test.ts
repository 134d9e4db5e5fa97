import { describe, expect, it, vi } from 'vitest';
import { planOf, planWorld } from './support/prepared-texts.js';

/**
 * SQLite's calendar reads each day's first activities from the owner/start index, rowid included
 * (every index entry holds it), and their documents by rowid: one descent of the table's b-tree a
 * document instead of the (tenant_id, id) index and then the table. The arms and the day counts
 * (one `count(*)` a day, no grouping) stay index-only.
 * Each arm brings its rows' versions and times (by rowid, after the limit): a week read again
 * finds its documents kept with no statement more, and decodes none of them.
 */
describe('calendar documents by rowid (SQLite)', () => {
  it('lists the week from the covering calendar index and reads the documents by rowid', async () => {
    const { db, seen, storage, w, rep, lead } = await planWorld();
    const scheduled: string[] = [];
    // Two a day on Tuesday, one on Thursday; the order within a day is by start time.
    for (const startAt of [
      '2026-03-03T09:00:00+08:00',
      '2026-03-03T08:00:00+08:00',
      '2026-03-05T10:00:00+08:00',
    ]) {
      const a = await w.crm.activities.schedule(rep, {
        kind: 'visit',
        subject: `visit ${startAt}`,
        startAt,
        leadId: lead.id,
      });
      scheduled.push(a.id);
    }

    seen.length = 0;
    const week = await w.crm.activities.calendar(rep, {
      view: 'week',
      date: '2026-03-04',
      timeZone: 'Asia/Shanghai',
      perDay: 1,
    });
    const listed = week.days.map((d) => [d.activities.map((a) => a.id), d.more]);
    expect(listed).toEqual([
      [[], 0],
      [[scheduled[1]], 1],
      [[], 0],
      [[scheduled[2]], 0],
      [[], 0],
      [[], 0],
      [[], 0],
    ]);
    // Whole documents, as before.
    expect(week.days[1]?.activities[0]?.subject).toBe('visit 2026-03-03T08:00:00+08:00');

    const plan = (text: string) => planOf(db, text);
    // A first read: each listed row's document with its version and time, in one statement by rowid.
    const byRowid = seen.filter((s) => /from "activities" where "rowid" in/.test(s));
    expect(byRowid).toHaveLength(1);
    expect(byRowid[0]).toMatch(/"version", "updated_at" as "updated", "doc"/);
    expect(plan(byRowid[0] as string)).toMatch(/USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    const arms = seen.filter((s) => /"t"\."rowid" as "r"/.test(s));
    expect(arms).toHaveLength(1);
    expect(plan(arms[0] as string)).toMatch(/USING COVERING INDEX activities_owner_calendar_ix/);
    expect(plan(arms[0] as string)).toMatch(/SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    // The days are counted one range a day of the same index, with no temporary b-tree to group by.
    const counts = seen.filter((s) => /count\(\*\) as "n"/.test(s));
    expect(counts).toHaveLength(1);
    expect(counts[0]?.match(/count\(\*\)/g)).toHaveLength(7);
    expect(plan(counts[0] as string)).toMatch(/USING COVERING INDEX activities_owner_calendar_ix/);
    expect(plan(counts[0] as string)).not.toMatch(/TEMP B-TREE/);

    // The same week again: the documents are the ones kept, none is read or decoded again.
    const statement = Object.getPrototypeOf(db.prepare('select 1')) as {
      all: (...args: unknown[]) => unknown;
    };
    const runs = vi.spyOn(statement, 'all');
    const parses = vi.spyOn(JSON, 'parse');
    const again = await w.crm.activities.calendar(rep, {
      view: 'week',
      date: '2026-03-04',
      timeZone: 'Asia/Shanghai',
      perDay: 1,
    });
    const ran = runs.mock.contexts.map((c) => (c as { source: string }).source);
    const decoded = parses.mock.calls.filter(([text]) => String(text).includes('"startAt"'));
    runs.mockRestore();
    parses.mockRestore();
    expect(again).toEqual(week);
    // The versions and times came with the arms (by rowid, after each day's limit): no statement
    // by rowid is needed when every document is kept.
    expect(ran.filter((s) => /from "activities" where "rowid" in/.test(s))).toEqual([]);
    // Both listed days were full (perDay 1): each is scanned only up to last time's last start.
    const armsAgain = ran.filter((s) => /"t"\."rowid" as "r"/.test(s));
    expect(armsAgain).toHaveLength(1);
    expect(armsAgain[0]?.match(/"t"\."start_at" <= \?/g)).toHaveLength(2);
    expect(ran.filter((s) => /"doc"/.test(s) && /from "activities"/.test(s))).toEqual([]);
    expect(decoded).toEqual([]);
    await storage.close();
  });
});
