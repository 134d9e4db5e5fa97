import { buildActivity, newTenant } from '@gongfu/core/testing';
import { describe, expect, it } from 'vitest';
import { useCountedStorage } from './support/counted-storage.js';
import { indexPlanNodes } from './support/index-plan.js';
import { ON_SERVER } from './support/pg-target.js';

const DAY = 24 * 60 * 60 * 1000;
const BASE = Date.parse('2026-03-02T00:00:00Z');
const at = (ms: number) => new Date(BASE + ms).toISOString();

/**
 * The calendar's days on PostgreSQL: what the team week's server time went to at 1M (2,849 entries
 * numbered for 140 rows) is fixed in the statement's text and plan: one text for any number of
 * days (the day is a `width_bucket` over one array of starts, not a CASE of one branch per day),
 * one WindowAgg numbering and counting each day, and the statuses tested on the index entry rather
 * than as an index condition (PostgreSQL 15 descends the index once per owner per status for that).
 */
describe.skipIf(!ON_SERVER)('calendar days statement [skipped on PGlite: no pipelined pool]', () => {
  const counted = useCountedStorage('gf_days_statement');
  const { recorder, real } = counted;

  it('is one text for any number of days, with one window and the statuses off the index condition', async () => {
    const tenant = newTenant();
    await counted.storage.tenants.create(tenant);
    const owners = ['u0', 'u1', 'u2'];
    await counted.storage.transaction({ tenantId: tenant.id }, async (tx) => {
      for (let i = 0; i < 30; i++) {
        const startAt = at(i * 5 * 60 * 60 * 1000);
        await tx.activities.insert(
          buildActivity(tenant.id, {
            id: `act-${String(i).padStart(2, '0')}`,
            ownerId: owners[i % 3] as string,
            status: i % 4 === 0 ? 'cancelled' : 'scheduled',
            startAt,
            endAt: startAt,
          }),
        );
      }
    });
    const daysStatement = () => {
      const found = recorder.sent.filter((s) => /row_number\(\)/.test(s.text));
      expect(found).toHaveLength(1);
      return found[0] as (typeof recorder.sent)[number];
    };
    const read = async (days: number) => {
      recorder.sent.length = 0;
      const answer = await counted.storage.read({ tenantId: tenant.id }, (tx) =>
        tx.activities.byDay({
          where: { ownerId: owners, status: ['scheduled', 'completed'] },
          scope: { kind: 'all' },
          dayStarts: Array.from({ length: days + 1 }, (_, i) => at(i * DAY)),
          perDay: 2,
          planOnce: true,
        }),
      );
      return { answer, statement: daysStatement() };
    };
    const week = await read(7);
    const three = await read(3);
    const month = await read(31);
    expect(three.statement.text).toBe(week.statement.text);
    expect(month.statement.text).toBe(week.statement.text);
    // 5-hour steps: day 0 holds starts 0,5,10,15,20 h (ids 00–04); 00 and 04 are cancelled.
    expect(week.answer[0]?.items.map((a) => a.id)).toEqual(['act-01', 'act-02']);
    expect(week.answer[0]?.more).toBe(1);

    // Its plan with the index preferred (the test's table is too small for PostgreSQL to choose it).
    const nodes = await indexPlanNodes(real, week.statement);
    expect(nodes.filter((n) => n['Node Type'] === 'WindowAgg')).toHaveLength(1);
    const scans = nodes.filter(
      (n) =>
        String(n['Node Type']).startsWith('Index') &&
        n['Relation Name'] === 'activities' &&
        /start_at/.test(String(n['Index Cond'])),
    );
    expect(scans).toHaveLength(1);
    expect(String(scans[0]?.['Index Cond'])).not.toMatch(/status/);
    expect(String(scans[0]?.Filter)).toMatch(/status/);
  });
});
