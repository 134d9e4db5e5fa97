import type { ActivityDay, RowScope } from '@gongfu/core';
import { buildActivity, newTenant } from '@gongfu/core/testing';
import { describe, expect, it } from 'vitest';
import { useCountedStorage } from './support/counted-storage.js';
import { indexPlanNodes } from './support/index-plan.js';
import { ON_SERVER } from './support/pg-target.js';

const HOUR = 60 * 60 * 1000;
const BASE = Date.parse('2026-03-02T00:00:00Z');
const at = (ms: number) => new Date(BASE + ms).toISOString();

const answered = (days: readonly ActivityDay[]) =>
  days.map((d) => ({ ids: d.items.map((a) => a.id), more: d.more }));

/**
 * A team that is a large share of the tenant (a manager's scope names the other people) has its
 * days walked in start order: each day's first rows from the start-time index, the owner tested as
 * a hashed set, the counts without a window. Its answer is the numbered read's, also where equal
 * start times straddle a day's cut (the ids decide) and where other people's rows come first.
 */
describe.skipIf(!ON_SERVER)(
  'calendar days walked in start order [skipped on PGlite: no pipelined pool]',
  () => {
    const counted = useCountedStorage('gf_days_walk');
    const { recorder, real } = counted;

    it('answers as the numbered read, from the start-time index without a window', async () => {
      const tenant = newTenant();
      await counted.storage.tenants.create(tenant);
      const team = ['u0', 'u1'];
      const others = ['x0', 'x1', 'x2', 'x3'];
      // Inserted in descending id order, so neither the heap nor the start-time index holds the ids in order.
      const rows: {
        id: string;
        ownerId: string;
        status: 'scheduled' | 'completed' | 'cancelled';
        startAt: string;
      }[] = [];
      for (let i = 199; i >= 0; i--) {
        const day = i % 3;
        // Day 0: every row at one instant (ids decide the cut); day 1 mixes instants; day 2 none of the team's.
        const ownerId =
          day === 2 ? (others[i % 4] as string) : ((i % 4 < 2 ? team : others)[i % 2] as string);
        const startAt = at(day * 24 * HOUR + (day === 0 ? 9 * HOUR : (i % 5) * HOUR));
        const status = i % 7 === 0 ? 'cancelled' : i % 2 === 0 ? 'scheduled' : 'completed';
        rows.push({ id: `act-${String(i).padStart(3, '0')}`, ownerId, status, startAt });
      }
      await counted.storage.transaction({ tenantId: tenant.id }, async (tx) => {
        for (const row of rows)
          await tx.activities.insert(buildActivity(tenant.id, { ...row, endAt: row.startAt }));
      });
      const dayStarts = [0, 1, 2, 3].map((d) => at(d * 24 * HOUR));
      const scoped: RowScope = { kind: 'scoped', ownerIds: team, memberIds: team, minAccess: 'read' };
      const read = async (scope: RowScope, starts = dayStarts) => {
        recorder.sent.length = 0;
        const days = await counted.storage.read({ tenantId: tenant.id }, (tx) =>
          tx.activities.byDay({
            where: { ownerId: team, status: ['scheduled', 'completed'] },
            scope,
            dayStarts: starts,
            perDay: 2,
            planOnce: true,
          }),
        );
        const statement = recorder.sent.find((s) => /activities/.test(s.text) && /count\(\*\)/.test(s.text));
        return { days: answered(days), statement };
      };
      const expected = dayStarts.slice(0, -1).map((from, i) => {
        const day = rows
          .filter(
            (r) =>
              team.includes(r.ownerId) &&
              r.status !== 'cancelled' &&
              r.startAt >= from &&
              r.startAt < (dayStarts[i + 1] as string),
          )
          .sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
        return { ids: day.slice(0, 2).map((r) => r.id), more: Math.max(0, day.length - 2) };
      });
      // The data hold the cases: a cut among equal start times, a day with more, a day without the team.
      expect(expected[0]?.more).toBeGreaterThan(0);
      expect(expected[2]).toEqual({ ids: [], more: 0 });

      // The first read numbers (nothing counted yet), with or without the other people named.
      const first = await read({ ...scoped, outsiders: others });
      const numbered = await read(scoped);
      // Counted once: the team's rows (2 of 6 people) are many times a walk's 2 × 6 / 2 entries a day.
      const walked = await read({ ...scoped, outsiders: others });
      expect(first.statement?.text).toMatch(/row_number\(\)/);
      expect(numbered.statement?.text).toMatch(/row_number\(\)/);
      expect(walked.statement?.text).not.toMatch(/row_number\(\)/);
      expect(first.days).toEqual(expected);
      expect(numbered.days).toEqual(expected);
      expect(walked.days).toEqual(expected);
      // Read again: the known keys come back without documents, the same answer.
      expect((await read({ ...scoped, outsiders: others })).days).toEqual(expected);
      // The team's next days are read as these were: walked from their first read.
      const later = await read(
        { ...scoped, outsiders: others },
        [3, 4, 5, 6].map((d) => at(d * 24 * HOUR)),
      );
      expect(later.statement?.text).not.toMatch(/row_number\(\)/);
      expect(later.days).toEqual([0, 1, 2].map(() => ({ ids: [], more: 0 })));

      const nodes = await indexPlanNodes(
        real,
        walked.statement as { text: string; values: readonly unknown[] },
      );
      expect(nodes.filter((n) => n['Node Type'] === 'WindowAgg')).toHaveLength(0);
      const byStart = nodes.filter((n) => n['Index Name'] === 'activities_start_at_ix');
      expect(byStart).toHaveLength(1);
      expect(String(byStart[0]?.Filter)).toMatch(/hashed SubPlan/);
    });
  },
);
