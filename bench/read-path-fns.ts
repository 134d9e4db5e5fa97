/**
 * The read paths of `read-paths.bench.ts` by short name, on a kept seed's tenant: what
 * `profile-read.ts` and `pg-tail.ts` run one at a time.
 *
 * Paths: leads|deals|activities|costs-rep|manager|head, reminders, calendar-rep, calendar-team,
 * history, timeline, review, rollup-salesperson, rollup-month (the head of the tree, as the bench),
 * rollup-salesperson-hand, rollup-month-hand (read-paths' hand-written GROUP BY pair, to set its
 * server CPU beside Gongfu's).
 */
import type { Crm } from '@gongfu/core';
import type * as Reports from '@gongfu/reports';
import type pg from 'pg';
import { type Dataset, REVIEW_DAY } from './read-data.js';

export const MORNING = '2026-12-02T01:00:00.000Z';

/** What a kept seed's mark (`read-postgres-<size>.json`) holds that the paths need. */
export interface SeedOfPaths {
  dataset: Dataset;
  timelineAccountId?: string;
}

export function readPathFn(
  crm: Crm,
  mark: SeedOfPaths,
  /** The pool the hand-written rollups run on (schema-qualified `gf_read`). */
  pool: pg.Pool,
  name: string,
  /** `@gongfu/reports` of the tree being measured (`pg-tail.ts --old` loads two). */
  reports: Pick<typeof Reports, 'costRollup' | 'morningReview'>,
): () => Promise<unknown> {
  const { costRollup, morningReview } = reports;
  const { org } = mark.dataset;
  const rep = org.repsOfBig[7] as string;
  const whom = { rep, manager: org.lineManager, head: org.vp } as const;
  const lists = {
    leads: (who: string) => crm.leads.list(who, { limit: 50 }),
    deals: (who: string) => crm.opportunities.list(who, { limit: 50 }),
    activities: (who: string) => crm.activities.list(who, { limit: 50 }),
    costs: (who: string) => crm.costs.list(who, { limit: 50 }),
  } as const;
  const [list, who] = name.split('-') as [keyof typeof lists, keyof typeof whom];
  if (list in lists && who in whom) return () => lists[list](whom[who]);
  switch (name) {
    case 'reminders':
      return () => crm.reminders.due(rep, { at: MORNING });
    case 'calendar-rep':
      return () => crm.activities.calendar(rep, { view: 'week', date: REVIEW_DAY });
    case 'calendar-team':
      return () =>
        crm.activities.calendar(org.bigManager, { view: 'week', date: REVIEW_DAY, userId: 'team' });
    case 'history':
      return async () => {
        const owner = (await crm.leads.get(org.admin, mark.dataset.historyLeadId)).ownerId;
        return crm.history.forRecord(owner, 'lead', mark.dataset.historyLeadId);
      };
    case 'timeline': {
      const customer = mark.timelineAccountId;
      if (customer === undefined) throw new Error('the seed has no timeline customer yet');
      return () => crm.accounts.timeline(rep, customer, { limit: 50 });
    }
    case 'review':
      return () => morningReview(crm, org.bigManager, { day: '2026-12-02', findDuplicates: false });
    case 'rollup-salesperson':
    case 'rollup-month': {
      const by = name === 'rollup-month' ? 'month' : 'salesperson';
      return () => costRollup(crm, org.vp, { by, from: mark.dataset.period.from, to: '2026-06-30' });
    }
    case 'rollup-salesperson-hand':
    case 'rollup-month-hand':
      return handRollup(mark, pool, name === 'rollup-month-hand' ? 'month' : 'salesperson');
    default:
      throw new Error(`unknown path ${name}`);
  }
}

/** read-paths.bench.ts's baseline: the two GROUP BY statements, one after the other, no transaction. */
function handRollup(mark: SeedOfPaths, pool: pg.Pool, by: 'salesperson' | 'month'): () => Promise<unknown> {
  const { period, org } = mark.dataset;
  const owners = [org.vp, org.bigManager, ...org.reps];
  const list = owners.map((_, i) => `$${i + 4}`).join(', ');
  const [key, dealKey] =
    by === 'month'
      ? ["to_char(incurred_on, 'YYYY-MM')", "to_char(closed_at at time zone 'UTC', 'YYYY-MM')"]
      : ['owner_id', 'owner_id'];
  return async () => {
    await pool.query(
      `select ${key} as k, currency, count(*) as n, sum(amount_minor) as amount from gf_read.cost_entries
       where tenant_id = $1 and incurred_on >= $2 and incurred_on < $3 and owner_id in (${list}) group by 1, 2`,
      ['acme', period.from, period.to, ...owners],
    );
    await pool.query(
      `select ${dealKey} as k, currency, count(*) as n, sum(amount_minor) as amount from gf_read.opportunities
       where tenant_id = $1 and stage = 'won' and closed_at >= $2 and closed_at < $3 and owner_id in (${list}) group by 1, 2`,
      ['acme', `${period.from}T00:00:00.000Z`, `${period.to}T00:00:00.000Z`, ...owners],
    );
  };
}
